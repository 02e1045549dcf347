using System.Globalization;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;

namespace ScorecardBot.Core.Rhythm;

/// <summary>A review whose moments do not keep their order: which review, which moment, and why, in words.</summary>
/// <param name="Moment">The moment that does not fit ("the escalation", "reminder 2", …).</param>
public sealed record CycleMisfit(Period Period, string Moment, string Message);

/// <summary>
/// Whether a review cycle fits its months. Its moments must come in order — the window opens, the
/// reminders, the due date (the end of the due day), the escalation, the digest, the meeting — on
/// distinct moments, with at least one business day between the window and the due date. A month
/// whose weekends and holidays leave too few business days before the meeting makes the calendar
/// squeeze moments together (<see cref="ReviewCalendar.DaysOf"/> never goes past the meeting nor
/// before the reviewed period ended); such a cycle is refused, naming the moment that does not fit.
/// </summary>
public static class ReviewCycleFit
{
    /// <summary>The first moment of the review of <paramref name="period"/> that is out of order, or null when all keep their order.</summary>
    public static CycleMisfit? Check(ReviewCalendar calendar, Period period)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var s = calendar.ScheduleOf(period);
        var label = calendar.Fiscal.Label(period, CultureInfo.InvariantCulture);
        string Day(DateOnly d) => DayText.WithWeekdayAndYear(d, CultureInfo.InvariantCulture);

        var moments = new List<(string Name, DateTimeOffset At, DateOnly Day)> { ("the window", s.WindowOpensAt, s.Days.WindowOpens) };
        // A reminder the month squeezes past the due date makes the month tight (see Tight), not unfit.
        moments.AddRange(s.RemindersAt.Select((at, i) => ($"reminder {i + 1}", at, s.Days.Reminders[i])).Where(r => r.Item2 < s.DueAt));
        moments.Add(("the due date", s.DueAt, s.Days.Due));
        moments.Add(("the escalation", s.EscalateAt, s.Days.Escalation));
        moments.Add(("the digest", s.DigestAt, s.Days.Digest));
        moments.Add(("the meeting", s.MeetingAt, s.Days.Meeting));

        if (s.Days.Due <= s.Days.WindowOpens)
        {
            return new CycleMisfit(period, "the due date",
                $"In the review of {label}, the due date ({Day(s.Days.Due)}) leaves owners no business day after the window opens ({Day(s.Days.WindowOpens)}).");
        }

        for (var i = 1; i < moments.Count; i++)
        {
            var (name, at, day) = moments[i];
            var (before, beforeAt, beforeDay) = moments[i - 1];
            // The escalation (to the manager) and the digest (to the channel) may share a moment.
            if (at < beforeAt || (at == beforeAt && !(name == "the digest" && before == "the escalation")))
            {
                return new CycleMisfit(period, name,
                    $"In the review of {label}, {name} ({Day(day)}) does not come after {before} ({Day(beforeDay)}): the month has too few business days before the meeting on {Day(s.Days.Meeting)}.");
            }
        }

        return null;
    }

    /// <summary>The misfits of the <paramref name="count"/> reviews from the one of <paramref name="from"/> on (its kind's periods).</summary>
    public static IReadOnlyList<CycleMisfit> Check(ReviewCalendar calendar, Period from, int count)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var period = calendar.ReviewedKind == PeriodKind.Quarter && from.Kind != PeriodKind.Quarter ? calendar.Fiscal.QuarterOf(from) : from;
        var misfits = new List<CycleMisfit>();
        for (var i = 0; i < count; i++, period = period.Next)
        {
            if (Check(calendar, period) is { } misfit)
            {
                misfits.Add(misfit);
            }
        }

        return misfits;
    }

    /// <summary>
    /// Reviews that fit but only just: the window had to open later than the cycle says (the reviewed
    /// period had not ended that many business days before the meeting), or a reminder comes on or
    /// after the due date.
    /// </summary>
    public static IReadOnlyList<Period> Tight(ReviewCalendar calendar, Period from, int count)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var period = calendar.ReviewedKind == PeriodKind.Quarter && from.Kind != PeriodKind.Quarter ? calendar.Fiscal.QuarterOf(from) : from;
        var tight = new List<Period>();
        for (var i = 0; i < count; i++, period = period.Next)
        {
            var days = calendar.DaysOf(period);
            var wanted = calendar.Business.AddBusinessDays(days.Meeting, -Math.Max(0, calendar.Cycle.WindowOpensBusinessDaysBefore));
            var reminders = calendar.Cycle.ReminderBusinessDays.Where(d => d > 0).Distinct().Count();
            if ((days.WindowOpens > wanted || days.Reminders.Count(r => r < days.Due.AddDays(1)) < reminders) && Check(calendar, period) is null)
            {
                tight.Add(period);
            }
        }

        return tight;
    }
}
