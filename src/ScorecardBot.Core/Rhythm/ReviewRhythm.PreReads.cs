using ScorecardBot.Core.Model;
using ScorecardBot.Core.Review;

namespace ScorecardBot.Core.Rhythm;

/// <summary>The presenters' pre-reads: once per review and presenter, before the agenda.</summary>
public static partial class ReviewRhythm
{
    /// <summary>
    /// The day of a review's pre-read: <see cref="ReviewCycle.PreReadBusinessDaysBefore"/> business
    /// days before the meeting, but never on or before the due day (the numbers must be in).
    /// </summary>
    public static DateOnly PreReadDay(ReviewCalendar calendar, ReviewDays days)
    {
        var business = calendar.Business;
        var day = business.AddBusinessDays(days.Meeting, -Math.Max(1, calendar.Cycle.PreReadBusinessDaysBefore));
        var afterDue = business.AddBusinessDays(days.Due, 1);
        return day < afterDue ? (afterDue < days.Meeting ? afterDue : days.Meeting) : day;
    }

    /// <summary>
    /// One pre-read per presenter of the KPIs the review will discuss (<see cref="PreReadSelection"/>):
    /// the owner, or on a day they are away the delegate of that absence (nobody when there is none:
    /// the agenda then says "no pre-read"). Decided once the due date has passed, at the send time of
    /// the pre-read day in the presenter's zone; worth sending until the agenda goes out.
    /// </summary>
    private static void PreReadsOf(RhythmContext context, Scorecard scorecard, ReviewCalendar calendar, ReviewSchedule review, DateTimeOffset now, List<Candidate> items)
    {
        if (now < review.DueAt || now >= review.AgendaAt)
        {
            return;
        }

        var day = PreReadDay(calendar, review.Days);
        var snapshots = ReviewText.Snapshots(scorecard, review.Period, context.Fiscal);
        var selected = PreReadSelection.For(scorecard, snapshots, context.Fiscal);
        var byPresenter = selected
            .Where(i => i.Kpi.OwnerId is { } o && context.IsActive(o))
            .Select(i => (Item: i, Presenter: context.StandIn(i.Kpi.OwnerId!.Value, day)))
            .Where(x => x.Presenter is not null)
            .GroupBy(x => x.Presenter!.Value);
        foreach (var group in byPresenter)
        {
            var person = group.Key;
            var zone = context.ZoneOf(person);
            var covered = group.Select(x => x.Item.Kpi.OwnerId!.Value).Where(o => o != person).Distinct().ToList();
            var decision = new RhythmDecision(
                $"preread:{scorecard.Id}:{review.Period}:{person}", RhythmDecisionKind.PreRead, scorecard.Id, review.Period, RhythmRecipient.Person(person),
                [.. group.Select(x => new KpiPeriod(x.Item.Kpi.Id, x.Item.Snapshot.Period))], calendar.SendAt(day, zone), covered);
            items.Add(context.ToPerson(decision, review.AgendaAt, calendar.Cycle, zone));
        }
    }
}
