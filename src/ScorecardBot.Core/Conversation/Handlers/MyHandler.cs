using ScorecardBot.Core.Conversation.Answers;
using ScorecardBot.Core.Conversation.Submission;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Conversation.Handlers;

/// <summary><c>my</c> / "what is due from me": the prompt card for what is still due, how all of one's KPIs stand, and one's open actions.</summary>
internal static class MyHandler
{
    public static TurnResult Handle(TurnContext context)
    {
        var snapshot = context.Snapshot;
        var mine = snapshot.KpisReportedBy(context.Person.Id).OrderBy(k => snapshot.ScorecardOf(k).Name).ThenBy(k => k.Order).ToList();
        var actions = snapshot.Actions.Where(a => a.OwnerId == context.Person.Id && a.Status == ReviewActionStatus.Open).OrderBy(a => a.Due).ToList();
        var replies = new List<Message>();
        var due = mine.Where(k => !k.FedByApi)
            .Select(k => (Kpi: k, Period: ReportingPeriod.For(k, snapshot, context.Now)))
            .Where(x => ReportingPeriod.IsMissing(x.Kpi, x.Period))
            .ToList();
        if (mine.Count == 0)
        {
            replies.Add(Message.Text("You don't report any KPIs.", "my"));
        }
        else if (due.Count > 0)
        {
            // What is due first (the card to answer), then every KPI of the person as it stands.
            replies.Add(PromptCards.For(snapshot, [.. due.Select(d => new PromptItem(d.Kpi, d.Period))]));
            // Every KPI of the person as it stands, and for each one still due its period and due day.
            var standing = mine.Select(k => KpiReading.For(snapshot, k, ReportingPeriod.For(k, snapshot, context.Now))).ToList();
            var owed = due.Select(d => Outstanding.Of(snapshot, d.Kpi, d.Period)!)
                .Select(m => $"{m.Kpi.Name}: {ValueText.Period(m.Period, context.Culture)}{Outstanding.Due(snapshot, m, context.Now)}").ToList();
            replies.Add(new Message(
                [new Heading("Your KPIs"), new KpiTable([.. standing.Select(r => Readings.Row(snapshot, r))]),
                    Paragraph.Of($"Still due from you: {string.Join("; ", owed)}.", TextTone.Warning)],
                $"Your KPIs ({mine.Count}): {string.Join(", ", mine.Select(k => k.Name))}; {due.Count} still due: {string.Join("; ", owed)}.")
            { Kind = "my" });
        }
        else
        {
            var readings = mine.Select(k => KpiReading.For(snapshot, k, ReportingPeriod.For(k, snapshot, context.Now))).ToList();
            replies.Add(new Message(
                [Paragraph.Of($"All {mine.Count} of your KPIs are reported.", TextTone.Good), new KpiTable([.. readings.Select(r => Readings.Row(snapshot, r))])],
                $"Nothing is due from you: all {mine.Count} of your KPIs are reported ({string.Join(", ", mine.Select(k => k.Name))}).")
            { Kind = "my" });
        }

        if (actions.Count > 0)
        {
            replies.Add(new Message(
                [new Heading("Your open actions"), .. actions.Select(a => new Paragraph([new Run($"#{a.Number} ", Bold: true), new Run($"{a.Text} — due {a.Due:yyyy-MM-dd}")]))],
                "Your open actions: " + string.Join("; ", actions.Select(a => $"#{a.Number} {a.Text} (due {a.Due:yyyy-MM-dd})")))
            { Kind = "my-actions" });
        }

        return new TurnResult([.. replies.Select(m => new Reply(m, Audience.OnlyActor))]);
    }
}
