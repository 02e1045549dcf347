using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Rhythm;

public static partial class ReviewRhythm
{
    /// <summary>
    /// KPIs fed by the API (<see cref="Kpi.FedByApi"/>). Their owner is asked only for the comment on
    /// the number that arrived, and only once it arrived: a comment prompt
    /// ("comment:{scorecard}:{period}:{person}:{n}", rendered as a prompt whose lines show the number)
    /// goes out when the window is open and numbers without a comment have arrived since the person
    /// was last asked. A number that has not arrived by the due day is reported to an admin
    /// ("feedlate:{scorecard}:{period}"; the scorecard's manager when there is no admin, else its channel).
    /// </summary>
    private static void FeedsOf(RhythmInput input, RhythmContext context, Scorecard scorecard, ReviewCalendar calendar, ReviewSchedule review, bool openNow, DateTimeOffset now, List<Candidate> items)
    {
        if (calendar.Cycle.WindowOverride == false)
        {
            return;
        }

        var fed = DueItems(context, scorecard, calendar, review).Where(d => d.FedByApi).ToList();
        if (fed.Count == 0)
        {
            return;
        }

        var period = review.Period;
        var arrived = Arrived(input, fed);
        foreach (var group in fed.Where(d => d.ReporterId is not null && arrived.ContainsKey(d.Item)).GroupBy(d => d.ReporterId!.Value))
        {
            var person = group.Key;
            var zone = context.ZoneOf(person);
            var opensAt = openNow && now < review.WindowOpensAt ? now : calendar.SendAt(review.Days.WindowOpens, zone);

            // Each comment prompt asks for the numbers that arrived since the one before it.
            var asked = 0;
            DateTimeOffset? lastAsked = null;
            while (context.Done(CommentKey(scorecard, period, person, asked + 1)))
            {
                asked++;
                lastAsked = context.MadeAt(CommentKey(scorecard, period, person, asked)) ?? DateTimeOffset.MaxValue;
            }

            var fresh = group.Where(d => lastAsked is not { } last || arrived[d.Item].SubmittedAt > last).ToList();
            if (fresh.Count == 0)
            {
                continue;
            }

            var at = fresh.Select(d => arrived[d.Item].SubmittedAt).Append(opensAt).Max();
            items.Add(context.ToPerson(
                new RhythmDecision(CommentKey(scorecard, period, person, asked + 1), RhythmDecisionKind.Prompt, scorecard.Id, period,
                    RhythmRecipient.Person(person), [.. fresh.Select(d => d.Item)], at, []),
                review.MeetingAt, calendar.Cycle, zone));
        }

        var late = fed.Where(d => !context.IsReported(d.Item)).ToList();
        if (late.Count > 0)
        {
            var admin = input.People.Where(p => p.IsActive && p.Role == Role.Admin).OrderBy(p => p.Name, StringComparer.Ordinal).FirstOrDefault()?.Id
                ?? (scorecard.ManagerId is { } m && context.IsActive(m) ? m : null);
            var zone = admin is { } id ? context.ZoneOf(id) : context.Fiscal.TimeZone;
            var recipient = admin is { } aid ? RhythmRecipient.Person(aid) : RhythmRecipient.Channel(scorecard.Id);
            var owners = late.Select(d => d.ReporterId ?? d.OwnerId).OfType<Guid>().Distinct().ToList();
            items.Add(context.ToPerson(
                new RhythmDecision($"feedlate:{scorecard.Id}:{period}", RhythmDecisionKind.FeedLate, scorecard.Id, period, recipient,
                    [.. late.Select(d => d.Item)], calendar.SendAt(review.Days.Due, zone), owners),
                review.MeetingAt, calendar.Cycle, zone));
        }
    }

    private static string CommentKey(Scorecard scorecard, Period period, Guid person, int number) => $"comment:{scorecard.Id}:{period}:{person}:{number}";

    /// <summary>The fed KPIs' numbers that arrived and still wait for a comment.</summary>
    private static Dictionary<KpiPeriod, Actual> Arrived(RhythmInput input, List<DueItem> fed)
    {
        var wanted = fed.Select(d => d.Item).ToHashSet();
        var actuals = input.Actuals ?? [.. input.Scorecards.SelectMany(s => s.Kpis).Where(k => k.FedByApi).SelectMany(k => k.Actuals)];
        var arrived = new Dictionary<KpiPeriod, Actual>();
        foreach (var actual in actuals)
        {
            var item = new KpiPeriod(actual.KpiId, actual.Period);
            if (wanted.Contains(item) && actual.Value is not null && string.IsNullOrWhiteSpace(actual.Comment))
            {
                arrived[item] = actual;
            }
        }

        return arrived;
    }
}
