using ScorecardBot.Core.Conversation.Answers;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Conversation.Review;

/// <summary>
/// The agenda of a monthly business review, time-boxed to the meeting's length: overview, each red
/// KPI presented by its owner, what is not reported, open review actions, decisions on initiatives,
/// and new actions. Red KPIs share what is left after the fixed items.
/// </summary>
internal sealed class AgendaComposer : IAgendaComposer
{
    public const string Kind = "agenda";

    public Message Compose(OrganizationSnapshot snapshot, Scorecard scorecard, Period period)
    {
        var culture = snapshot.Locale.Culture;
        var readings = Readings.Of(snapshot, scorecard.Kpis.OrderBy(k => k.Order), period);
        var minutes = scorecard.ReviewCycles.FirstOrDefault(c => c.Kind == ReviewKind.Monthly)?.MeetingMinutes ?? 60;
        var red = readings.Where(r => r.Status == Status.Red).ToList();
        var missing = readings.Where(r => r.Actual is null).ToList();
        var actions = snapshot.Actions.Where(a => a.ScorecardId == scorecard.Id && a.Status == ReviewActionStatus.Open).OrderBy(a => a.Due).ToList();
        var decisions = scorecard.Initiatives.Where(i => !string.IsNullOrWhiteSpace(i.DecisionNeeded)).ToList();

        var items = new List<(string Title, int Minutes, string? Detail)> { ("Scorecard overview", 5, StatusSummary.Of(readings).ToString()) };
        if (missing.Count > 0)
        {
            items.Add(("Not reported", 5, string.Join(", ", missing.Select(m => $"{m.Kpi.Name} ({m.Owner?.Name ?? "no owner"})"))));
        }

        if (actions.Count > 0)
        {
            items.Add(("Open actions", Math.Min(10, 2 * actions.Count), string.Join("; ", actions.Select(a => $"#{a.Number} {a.Text} ({snapshot.FindPerson(a.OwnerId)?.Name ?? "no owner"}, due {a.Due:yyyy-MM-dd})"))));
        }

        if (decisions.Count > 0)
        {
            items.Add(("Decisions", 5 * decisions.Count, string.Join("; ", decisions.Select(d => $"{d.Name}: {d.DecisionNeeded}"))));
        }

        items.Add(("New actions and wrap-up", 5, null));
        var left = Math.Max(0, minutes - items.Sum(i => i.Minutes));
        if (red.Count > 0)
        {
            var each = Math.Max(3, left / red.Count);
            var position = 1;
            foreach (var r in red)
            {
                items.Insert(position++, ($"{r.Kpi.Name} — red", each, $"{Readings.Format(snapshot, r.Value, r.Kpi)} vs target {(r.Target is null ? "not set" : Readings.Format(snapshot, r.Target.Value, r.Kpi))}; presented by {r.Owner?.Name ?? "no owner"}"));
            }
        }

        var blocks = new List<Block> { new Heading($"{scorecard.Name} review — {ValueText.Period(period, culture)}"), new Note($"{minutes} minutes") };
        var number = 1;
        var lines = new List<string>();
        foreach (var (title, length, detail) in items)
        {
            var line = $"{number++}. {title} ({length} min)";
            lines.Add(line);
            blocks.Add(new Paragraph([new Run(line, Bold: true)]));
            if (detail is not null)
            {
                blocks.Add(new Note(detail));
            }
        }

        return new Message(blocks, $"Agenda of the {scorecard.Name} review for {ValueText.Period(period, culture)}: " + string.Join("; ", lines)) { Kind = Kind };
    }
}
