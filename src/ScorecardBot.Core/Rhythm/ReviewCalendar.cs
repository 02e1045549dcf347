using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;

namespace ScorecardBot.Core.Rhythm;

/// <summary>The local days of one review of a reporting period.</summary>
/// <param name="Period">The period reviewed: a month for a monthly cycle, a fiscal quarter for a quarterly one.</param>
public sealed record ReviewDays(
    Period Period,
    DateOnly WindowOpens,
    IReadOnlyList<DateOnly> Reminders,
    DateOnly Due,
    DateOnly Escalation,
    DateOnly Digest,
    DateOnly Meeting);

/// <summary>The UTC instants of one review, from local times in the organization's zone.</summary>
/// <param name="DueAt">The end of the due day (local midnight after it): actuals reported before it are on time.</param>
/// <param name="AgendaAt">The meeting morning: SendTime on the meeting day, or one hour before the meeting when that is earlier.</param>
/// <param name="MeetingEndsAt">Meeting start plus its minutes; nothing of this review is sent after it.</param>
/// <param name="QuarterEnded">The fiscal quarter that ended with the reviewed period, when one did; the leading→lagging check belongs to that review.</param>
public sealed record ReviewSchedule(
    ReviewDays Days,
    DateTimeOffset WindowOpensAt,
    IReadOnlyList<DateTimeOffset> RemindersAt,
    DateTimeOffset DueAt,
    DateTimeOffset EscalateAt,
    DateTimeOffset DigestAt,
    DateTimeOffset AgendaAt,
    DateTimeOffset MeetingAt,
    DateTimeOffset MeetingEndsAt,
    Period? QuarterEnded)
{
    public Period Period => Days.Period;
}

/// <summary>
/// When each step of a review cycle happens, in local time of the organization.
/// </summary>
/// <remarks>
/// <para>The MBR held in month M+1 reviews month M; a quarterly review held in the month after a
/// fiscal quarter reviews that quarter. The meeting is on the cycle's rule ("2nd Tuesday 10:00");
/// when that day is not a business day (a holiday) it moves to the previous business day, so the
/// review still comes before the rest of the month's work and never slips into the next week.</para>
/// <para>The window opens <see cref="ReviewCycle.WindowOpensBusinessDaysBefore"/> business days
/// before the meeting, but never before the first business day after the reviewed period has
/// ended: nobody can report a month that is still running. Due, reminders and escalation follow
/// from it and never fall after the meeting day.</para>
/// <para>The due day is counted in working days of the week (weekends skipped, holidays not):
/// when it falls on a holiday it moves to the next business day, so a holiday gives owners the
/// day back instead of taking one away.</para>
/// <para>Every send happens at <see cref="ReviewCycle.SendTime"/> on a business day. For a person
/// with their own time zone the day is the same business day (the organization's holidays), the
/// moment is their local SendTime on it.</para>
/// </remarks>
public sealed class ReviewCalendar
{
    public ReviewCalendar(ReviewCycle cycle, FiscalCalendar fiscal, BusinessCalendar business)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        ArgumentNullException.ThrowIfNull(fiscal);
        ArgumentNullException.ThrowIfNull(business);
        if (cycle.WeekOfMonth is not (-1 or (>= 1 and <= 4)))
        {
            throw new ArgumentException($"The review cycle's week of the month is {cycle.WeekOfMonth}; it must be 1–4, or -1 for the last.", nameof(cycle));
        }

        Cycle = cycle;
        Fiscal = fiscal;
        Business = business;
    }

    /// <summary>The calendar of an organization's scorecard cycle, with its weekend and holidays.</summary>
    public static ReviewCalendar For(Organization organization, ReviewCycle cycle, IEnumerable<Holiday> holidays) =>
        new(cycle, FiscalCalendar.For(organization), BusinessCalendar.For(organization, holidays));

    public ReviewCycle Cycle { get; }
    public FiscalCalendar Fiscal { get; }
    public BusinessCalendar Business { get; }

    /// <summary>The kind of period this cycle reviews.</summary>
    public PeriodKind ReviewedKind => Cycle.Kind == ReviewKind.Quarterly ? PeriodKind.Quarter : PeriodKind.Month;

    /// <summary>The day of the meeting that reviews <paramref name="period"/> (moved to the previous business day if it is a holiday).</summary>
    public DateOnly MeetingDay(Period period)
    {
        var month = Fiscal.LastMonth(RequireReviewed(period)).Next;
        var rule = BusinessCalendar.NthWeekdayOfMonth(month.Year, month.Number, Cycle.DayOfWeek, Cycle.WeekOfMonth);
        return Business.OnOrBefore(rule);
    }

    /// <summary>The local days of the review of <paramref name="period"/>.</summary>
    public ReviewDays DaysOf(Period period)
    {
        var meeting = MeetingDay(period);
        var afterEnd = Fiscal.LastMonth(RequireReviewed(period)).Next;
        var firstPossible = Business.OnOrAfter(new DateOnly(afterEnd.Year, afterEnd.Number, 1));
        var window = Max(Business.AddBusinessDays(meeting, -Math.Max(0, Cycle.WindowOpensBusinessDaysBefore)), firstPossible);
        window = Min(window, meeting);
        var reminders = Cycle.ReminderBusinessDays
            .Where(d => d > 0)
            .Distinct()
            .Order()
            .Select(d => Min(Business.AddBusinessDays(window, d), meeting))
            .Distinct()
            .ToList();
        var due = Business.OnOrAfter(Business.WeekdaysOnly().AddBusinessDays(meeting, -Math.Max(0, Cycle.DueBusinessDaysBefore)));
        due = Min(Max(due, window), meeting);
        var escalation = Min(Business.AddBusinessDays(due, Math.Max(1, Cycle.EscalateBusinessDaysAfterDue)), meeting);
        var digest = Max(Business.AddBusinessDays(meeting, -Math.Max(0, Cycle.DigestBusinessDaysBefore)), window);
        return new ReviewDays(period, window, reminders, due, escalation, digest, meeting);
    }

    /// <summary>The instants of the review of <paramref name="period"/> in the organization's zone.</summary>
    public ReviewSchedule ScheduleOf(Period period)
    {
        var days = DaysOf(period);
        var meetingAt = Fiscal.ToInstant(days.Meeting, Cycle.MeetingTime);
        var morning = Fiscal.ToInstant(days.Meeting, Cycle.SendTime);
        var hourBefore = meetingAt.AddHours(-1);
        var lastMonth = Fiscal.LastMonth(period);
        var quarter = Fiscal.QuarterOf(lastMonth);
        return new ReviewSchedule(
            days,
            SendAt(days.WindowOpens),
            [.. days.Reminders.Select(d => SendAt(d))],
            Fiscal.StartOfDay(days.Due.AddDays(1)),
            SendAt(days.Escalation),
            SendAt(days.Digest),
            morning < hourBefore ? morning : hourBefore,
            meetingAt,
            meetingAt.AddMinutes(Math.Max(0, Cycle.MeetingMinutes)),
            Fiscal.LastMonth(quarter) == lastMonth ? quarter : null);
    }

    /// <summary>
    /// The moment to send on a business day: SendTime in <paramref name="zone"/> (a person's own
    /// zone), or in the organization's zone when null.
    /// </summary>
    public DateTimeOffset SendAt(DateOnly day, TimeZoneInfo? zone = null) =>
        zone is null || zone.Id == Fiscal.TimeZone.Id
            ? Fiscal.ToInstant(day, Cycle.SendTime)
            : new FiscalCalendar(Fiscal.FiscalYearStartMonth, zone).ToInstant(day, Cycle.SendTime);

    /// <summary>The period reviewed by the next meeting that has not ended at <paramref name="now"/>.</summary>
    public Period CurrentReview(DateTimeOffset now)
    {
        var month = Fiscal.MonthOf(now);
        var period = ReviewedKind == PeriodKind.Quarter ? Fiscal.QuarterOf(month).AddPeriods(-2) : month.AddPeriods(-3);
        while (ScheduleOf(period).MeetingEndsAt <= now)
        {
            period = period.Next;
        }

        return period;
    }

    /// <summary>Reviews around <paramref name="now"/>: those whose meeting has not ended, the nearest first.</summary>
    public IEnumerable<ReviewSchedule> UpcomingReviews(DateTimeOffset now)
    {
        var period = CurrentReview(now);
        while (true)
        {
            yield return ScheduleOf(period);
            period = period.Next;
        }
    }

    /// <summary>The next moment a collection window opens after <paramref name="now"/>.</summary>
    public DateTimeOffset NextWindowOpens(DateTimeOffset now) => UpcomingReviews(now).Select(s => s.WindowOpensAt).First(t => t > now);

    /// <summary>The next due moment (end of the due day) after <paramref name="now"/>.</summary>
    public DateTimeOffset NextDue(DateTimeOffset now) => UpcomingReviews(now).Select(s => s.DueAt).First(t => t > now);

    /// <summary>The start of the next meeting after <paramref name="now"/>.</summary>
    public DateTimeOffset NextMeeting(DateTimeOffset now) => UpcomingReviews(now).Select(s => s.MeetingAt).First(t => t > now);

    private Period RequireReviewed(Period period)
    {
        if (period.Kind != ReviewedKind)
        {
            throw new ArgumentException($"A {Cycle.Kind.ToString().ToLowerInvariant()} review cycle reviews {ReviewedKind.ToString().ToLowerInvariant()}s, not {period}.", nameof(period));
        }

        return period;
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
