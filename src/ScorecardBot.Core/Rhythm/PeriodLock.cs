using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;

namespace ScorecardBot.Core.Rhythm;

/// <summary>
/// When a period of a scorecard that locks after its review (<see cref="Scorecard.LockAfterReview"/>)
/// stops taking changes from owners: the end of the business review that looked at it. A month is
/// looked at by its MBR; a quarter by the MBR of its last month, or by the quarterly review when
/// the scorecard has no monthly one.
/// </summary>
public static class PeriodLock
{
    /// <summary>The moment the period locked or will lock; null when the scorecard does not lock or has no review cycle.</summary>
    public static DateTimeOffset? LockedSince(Organization organization, Scorecard scorecard, Period period, IEnumerable<Holiday> holidays)
    {
        if (!scorecard.LockAfterReview)
        {
            return null;
        }

        return ReviewOf(organization, scorecard, period, holidays)?.MeetingEndsAt;
    }

    /// <summary>The schedule of the review that looks at <paramref name="period"/>; null without a cycle that does.</summary>
    public static ReviewSchedule? ReviewOf(Organization organization, Scorecard scorecard, Period period, IEnumerable<Holiday> holidays)
    {
        var fiscal = FiscalCalendar.For(organization);
        var monthly = scorecard.ReviewCycles.FirstOrDefault(c => c.Kind == ReviewKind.Monthly);
        var quarterly = scorecard.ReviewCycles.FirstOrDefault(c => c.Kind == ReviewKind.Quarterly);
        try
        {
            return (period.Kind, monthly, quarterly) switch
            {
                (PeriodKind.Month, { } m, _) => ReviewCalendar.For(organization, m, holidays).ScheduleOf(period),
                (PeriodKind.Quarter, { } m, _) => ReviewCalendar.For(organization, m, holidays).ScheduleOf(fiscal.LastMonth(period)),
                (PeriodKind.Quarter, null, { } q) => ReviewCalendar.For(organization, q, holidays).ScheduleOf(period),
                (PeriodKind.Month, null, { } q) => ReviewCalendar.For(organization, q, holidays).ScheduleOf(fiscal.QuarterOf(period)),
                _ => null,
            };
        }
        catch (ArgumentException)
        {
            // A cycle with an impossible rule cannot say when its review is; the lint names it.
            return null;
        }
    }
}
