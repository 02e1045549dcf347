using ScorecardBot.Core.Periods;

namespace ScorecardBot.Core.Tests.Periods;

public class BusinessCalendarTests
{
    private static DateOnly D(string s) => DateOnly.ParseExact(s, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2026-11-10", -7, "2026-10-30")] // Tue minus 7 business days skips one weekend
    [InlineData("2026-11-10", -3, "2026-11-05")]
    [InlineData("2026-11-06", 1, "2026-11-09")] // Fri + 1 = Mon
    [InlineData("2026-11-07", 1, "2026-11-09")] // Sat + 1 = Mon
    [InlineData("2026-11-08", -1, "2026-11-06")] // Sun - 1 = Fri
    [InlineData("2026-11-10", 0, "2026-11-10")]
    [InlineData("2026-11-02", 10, "2026-11-16")]
    public void AddBusinessDays_skips_weekends(string from, int days, string expected) =>
        Assert.Equal(D(expected), BusinessCalendar.Default.AddBusinessDays(D(from), days));

    [Fact]
    public void AddBusinessDays_skips_holidays()
    {
        var calendar = new BusinessCalendar([D("2026-12-24"), D("2026-12-25"), D("2026-12-31"), D("2027-01-01")]);
        Assert.Equal(D("2026-12-28"), calendar.AddBusinessDays(D("2026-12-23"), 1));
        Assert.Equal(D("2027-01-04"), calendar.AddBusinessDays(D("2026-12-30"), 1));
        Assert.Equal(D("2026-12-23"), calendar.PreviousBusinessDay(D("2026-12-28")));
    }

    [Fact]
    public void Configurable_weekend_friday_and_saturday()
    {
        var calendar = new BusinessCalendar(weekendDays: [DayOfWeek.Friday, DayOfWeek.Saturday]);
        Assert.Equal(D("2026-11-08"), calendar.NextBusinessDay(D("2026-11-05"))); // Thu -> Sun
        Assert.True(calendar.IsBusinessDay(D("2026-11-08")));
        Assert.False(calendar.IsBusinessDay(D("2026-11-06")));
    }

    [Fact]
    public void A_week_without_working_days_is_rejected() =>
        Assert.Throws<ArgumentException>(() => new BusinessCalendar(weekendDays: Enum.GetValues<DayOfWeek>()));

    [Fact]
    public void OnOrAfter_and_OnOrBefore_keep_a_business_day_and_move_a_weekend()
    {
        Assert.Equal(D("2026-11-10"), BusinessCalendar.Default.OnOrAfter(D("2026-11-10")));
        Assert.Equal(D("2026-11-09"), BusinessCalendar.Default.OnOrAfter(D("2026-11-07")));
        Assert.Equal(D("2026-11-06"), BusinessCalendar.Default.OnOrBefore(D("2026-11-08")));
    }

    [Theory]
    [InlineData("2026-11-02", "2026-11-10", 6)]
    [InlineData("2026-11-10", "2026-11-02", -6)]
    [InlineData("2026-11-06", "2026-11-09", 1)]
    [InlineData("2026-11-06", "2026-11-06", 0)]
    public void BusinessDaysBetween_counts_days_after_the_start(string from, string to, int expected) =>
        Assert.Equal(expected, BusinessCalendar.Default.BusinessDaysBetween(D(from), D(to)));

    [Theory]
    [InlineData(2026, 11, DayOfWeek.Tuesday, 2, "2026-11-10")]
    [InlineData(2026, 11, DayOfWeek.Tuesday, 1, "2026-11-03")]
    [InlineData(2026, 11, DayOfWeek.Sunday, 1, "2026-11-01")]
    [InlineData(2026, 11, DayOfWeek.Monday, 4, "2026-11-23")]
    [InlineData(2026, 11, DayOfWeek.Monday, -1, "2026-11-30")]
    [InlineData(2026, 11, DayOfWeek.Friday, -1, "2026-11-27")]
    [InlineData(2026, 2, DayOfWeek.Saturday, -1, "2026-02-28")]
    [InlineData(2026, 12, DayOfWeek.Thursday, -1, "2026-12-31")]
    public void NthWeekdayOfMonth_finds_the_meeting_day(int year, int month, DayOfWeek day, int week, string expected) =>
        Assert.Equal(D(expected), BusinessCalendar.NthWeekdayOfMonth(year, month, day, week));

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(-2)]
    public void NthWeekdayOfMonth_rejects_weeks_other_than_1_to_4_or_last(int week) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => BusinessCalendar.NthWeekdayOfMonth(2026, 11, DayOfWeek.Tuesday, week));

    [Fact]
    public void For_reads_the_organizations_holidays()
    {
        var calendar = BusinessCalendar.For([new ScorecardBot.Core.Model.Holiday { Date = D("2026-12-25"), Name = "Christmas" }]);
        Assert.False(calendar.IsBusinessDay(D("2026-12-25")));
        Assert.True(calendar.IsHoliday(D("2026-12-25")));
        Assert.True(calendar.IsBusinessDay(D("2026-12-24")));
    }
}
