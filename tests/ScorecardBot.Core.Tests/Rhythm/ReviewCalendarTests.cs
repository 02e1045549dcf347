using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;
using ScorecardBot.Core.Rhythm;

namespace ScorecardBot.Core.Tests.Rhythm;

public class ReviewCalendarTests
{
    private static readonly FiscalCalendar Berlin = FiscalCalendar.Create(4, "Europe/Berlin");

    private static ReviewCalendar Calendar(ReviewCycle? cycle = null, params DateOnly[] holidays) =>
        new(cycle ?? new ReviewCycle(), Berlin, new BusinessCalendar(holidays));

    [Fact]
    public void ScheduleOf_October_places_every_step_in_local_time_before_the_second_Tuesday_of_November()
    {
        var schedule = Calendar().ScheduleOf(Period.Month(2026, 10));

        Assert.Equal(new DateOnly(2026, 11, 10), schedule.Days.Meeting);
        Assert.Equal(new DateTimeOffset(2026, 11, 10, 10, 0, 0, TimeSpan.FromHours(1)), schedule.MeetingAt);
        // 7 business days before is 30 Oct, but October is not over then: the window opens on the first business day of November.
        Assert.Equal(new DateOnly(2026, 11, 2), schedule.Days.WindowOpens);
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.FromHours(1)), schedule.WindowOpensAt);
        Assert.Equal([new DateOnly(2026, 11, 4), new DateOnly(2026, 11, 5)], schedule.Days.Reminders);
        Assert.Equal(new DateOnly(2026, 11, 5), schedule.Days.Due);
        Assert.Equal(new DateTimeOffset(2026, 11, 6, 0, 0, 0, TimeSpan.FromHours(1)), schedule.DueAt);
        Assert.Equal(new DateOnly(2026, 11, 6), schedule.Days.Escalation);
        Assert.Equal(new DateOnly(2026, 11, 9), schedule.Days.Digest);
        Assert.Equal(new DateTimeOffset(2026, 11, 10, 9, 0, 0, TimeSpan.FromHours(1)), schedule.AgendaAt);
        Assert.Equal(schedule.MeetingAt.AddMinutes(60), schedule.MeetingEndsAt);
        Assert.Null(schedule.QuarterEnded);
    }

    [Fact]
    public void MeetingDay_on_a_holiday_moves_to_the_previous_business_day()
    {
        var calendar = Calendar(null, new DateOnly(2026, 12, 8));
        Assert.Equal(new DateOnly(2026, 12, 7), calendar.MeetingDay(Period.Month(2026, 11)));
        Assert.Equal(new DateOnly(2026, 12, 4), calendar.DaysOf(Period.Month(2026, 11)).Digest);
    }

    [Fact]
    public void AgendaAt_is_an_hour_before_an_early_meeting_and_SendTime_otherwise()
    {
        var early = Calendar(new ReviewCycle { MeetingTime = new TimeOnly(9, 30), SendTime = new TimeOnly(9, 0) }).ScheduleOf(Period.Month(2026, 10));
        Assert.Equal(new TimeSpan(8, 30, 0), TimeZoneInfo.ConvertTime(early.AgendaAt, Berlin.TimeZone).TimeOfDay);

        var late = Calendar(new ReviewCycle { MeetingTime = new TimeOnly(14, 0), SendTime = new TimeOnly(9, 0) }).ScheduleOf(Period.Month(2026, 10));
        Assert.Equal(new TimeSpan(9, 0, 0), TimeZoneInfo.ConvertTime(late.AgendaAt, Berlin.TimeZone).TimeOfDay);
    }

    [Fact]
    public void SendAt_uses_the_persons_own_zone_on_the_same_business_day()
    {
        var calendar = Calendar();
        var kolkata = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");
        var at = calendar.SendAt(new DateOnly(2026, 11, 2), kolkata);
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 9, 0, 0, new TimeSpan(5, 30, 0)), at);
    }

    [Fact]
    public void ScheduleOf_the_last_month_of_a_fiscal_quarter_names_the_quarter_for_the_check()
    {
        // Fiscal year from April: December 2026 ends FY2027-Q3.
        Assert.Equal(Period.Quarter(2027, 3), Calendar().ScheduleOf(Period.Month(2026, 12)).QuarterEnded);
    }

    [Fact]
    public void A_quarterly_cycle_reviews_quarters_in_the_month_after_they_end()
    {
        var calendar = Calendar(new ReviewCycle { Kind = ReviewKind.Quarterly });
        Assert.Equal(new DateOnly(2027, 1, 12), calendar.MeetingDay(Period.Quarter(2027, 3)));
        var error = Assert.Throws<ArgumentException>(() => calendar.MeetingDay(Period.Month(2026, 12)));
        Assert.Contains("quarterly review cycle reviews quarters", error.Message);
    }

    [Fact]
    public void Next_lookups_find_the_next_window_due_and_meeting_after_now()
    {
        var calendar = Calendar();
        var now = new DateTimeOffset(2026, 11, 10, 12, 0, 0, TimeSpan.Zero); // after the November MBR
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(1)), calendar.NextWindowOpens(now));
        Assert.Equal(new DateTimeOffset(2026, 12, 8, 10, 0, 0, TimeSpan.FromHours(1)), calendar.NextMeeting(now));
        Assert.Equal(calendar.ScheduleOf(Period.Month(2026, 11)).DueAt, calendar.NextDue(now));
        Assert.Equal(Period.Month(2026, 11), calendar.CurrentReview(now));
    }

    [Fact]
    public void A_cycle_with_an_impossible_week_is_refused_with_a_clear_message()
    {
        var error = Assert.Throws<ArgumentException>(() => Calendar(new ReviewCycle { WeekOfMonth = 5 }));
        Assert.Contains("week of the month is 5", error.Message);
    }
}
