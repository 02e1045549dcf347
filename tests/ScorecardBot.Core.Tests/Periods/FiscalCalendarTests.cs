using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;

namespace ScorecardBot.Core.Tests.Periods;

public class FiscalCalendarTests
{
    private static FiscalCalendar Calendar(int startMonth, string zone = "UTC") => FiscalCalendar.Create(startMonth, zone);

    [Theory]
    // start month, calendar month, expected quarter key, expected fiscal year key
    [InlineData(1, "2026-01", "FY2026-Q1", "FY2026")]
    [InlineData(1, "2026-03", "FY2026-Q1", "FY2026")]
    [InlineData(1, "2026-04", "FY2026-Q2", "FY2026")]
    [InlineData(1, "2026-12", "FY2026-Q4", "FY2026")]
    [InlineData(4, "2026-04", "FY2027-Q1", "FY2027")]
    [InlineData(4, "2026-06", "FY2027-Q1", "FY2027")]
    [InlineData(4, "2026-07", "FY2027-Q2", "FY2027")]
    [InlineData(4, "2026-12", "FY2027-Q3", "FY2027")]
    [InlineData(4, "2027-01", "FY2027-Q4", "FY2027")]
    [InlineData(4, "2027-03", "FY2027-Q4", "FY2027")]
    [InlineData(4, "2026-03", "FY2026-Q4", "FY2026")]
    [InlineData(7, "2026-07", "FY2027-Q1", "FY2027")]
    [InlineData(7, "2026-06", "FY2026-Q4", "FY2026")]
    [InlineData(7, "2027-01", "FY2027-Q3", "FY2027")]
    [InlineData(10, "2026-10", "FY2027-Q1", "FY2027")]
    [InlineData(10, "2026-09", "FY2026-Q4", "FY2026")]
    [InlineData(10, "2027-01", "FY2027-Q2", "FY2027")]
    [InlineData(10, "2027-08", "FY2027-Q4", "FY2027")]
    public void QuarterOf_and_FiscalYearOf_follow_the_fiscal_start(int start, string month, string quarter, string year)
    {
        var calendar = Calendar(start);
        var m = Period.Parse(month);

        Assert.Equal(quarter, calendar.QuarterOf(m).ToString());
        Assert.Equal(year, calendar.FiscalYearOf(m).ToString());
        Assert.Equal(year, calendar.FiscalYearOf(calendar.QuarterOf(m)).ToString());
    }

    [Theory]
    [InlineData(1, "FY2026-Q1", "2026-01", "2026-03")]
    [InlineData(1, "FY2026-Q4", "2026-10", "2026-12")]
    [InlineData(4, "FY2027-Q1", "2026-04", "2026-06")]
    [InlineData(4, "FY2027-Q4", "2027-01", "2027-03")]
    [InlineData(7, "FY2027-Q2", "2026-10", "2026-12")]
    [InlineData(10, "FY2027-Q1", "2026-10", "2026-12")]
    [InlineData(10, "FY2027-Q4", "2027-07", "2027-09")]
    [InlineData(1, "FY2026", "2026-01", "2026-12")]
    [InlineData(4, "FY2027", "2026-04", "2027-03")]
    [InlineData(10, "FY2027", "2026-10", "2027-09")]
    public void FirstMonth_and_LastMonth_bound_the_period(int start, string period, string first, string last)
    {
        var calendar = Calendar(start);
        var p = Period.Parse(period);

        Assert.Equal(first, calendar.FirstMonth(p).ToString());
        Assert.Equal(last, calendar.LastMonth(p).ToString());
        var months = calendar.MonthsIn(p);
        Assert.Equal(first, months[0].ToString());
        Assert.Equal(last, months[^1].ToString());
        Assert.Equal(p.Kind == PeriodKind.Year ? 12 : 3, months.Count);
        Assert.All(months, m => Assert.Equal(p.Kind == PeriodKind.Year ? p : calendar.QuarterOf(m), p.Kind == PeriodKind.Year ? calendar.FiscalYearOf(m) : calendar.QuarterOf(m)));
    }

    [Fact]
    public void QuarterToDate_and_YearToDate_run_from_the_fiscal_start_to_the_month()
    {
        var calendar = Calendar(4);

        Assert.Equal(["2026-10", "2026-11"], calendar.QuarterToDate(Period.Month(2026, 11)).Select(p => p.ToString()));
        Assert.Equal(["2026-10"], calendar.QuarterToDate(Period.Month(2026, 10)).Select(p => p.ToString()));
        var ytd = calendar.YearToDate(Period.Month(2027, 2));
        Assert.Equal(11, ytd.Count);
        Assert.Equal("2026-04", ytd[0].ToString());
        Assert.Equal("2027-02", ytd[^1].ToString());
        Assert.Single(calendar.YearToDate(Period.Month(2026, 4)));
    }

    [Fact]
    public void YearToDate_rejects_a_quarter()
    {
        var calendar = Calendar(1);
        Assert.Throws<ArgumentException>(() => calendar.YearToDate(Period.Quarter(2026, 1)));
    }

    [Theory]
    [InlineData("2026-01", "2025-12", "2025-01")]
    [InlineData("FY2027-Q1", "FY2026-Q4", "FY2026-Q1")]
    [InlineData("FY2027", "FY2026", "FY2026")]
    public void Previous_and_SameLastYear(string period, string previous, string lastYear)
    {
        var p = Period.Parse(period);
        Assert.Equal(previous, FiscalCalendar.Previous(p).ToString());
        Assert.Equal(lastYear, FiscalCalendar.SameLastYear(p).ToString());
    }

    [Theory]
    [InlineData("2026-10-31T23:30:00Z", "Europe/Berlin", "2026-11")]
    [InlineData("2026-10-31T23:30:00Z", "America/New_York", "2026-10")]
    [InlineData("2026-10-31T23:30:00Z", "UTC", "2026-10")]
    [InlineData("2026-10-31T22:59:59Z", "Europe/Berlin", "2026-10")]
    [InlineData("2026-10-31T23:00:00Z", "Europe/Berlin", "2026-11")]
    [InlineData("2026-12-31T14:00:00Z", "Pacific/Auckland", "2027-01")]
    [InlineData("2027-01-01T09:59:00Z", "Pacific/Honolulu", "2026-12")]
    [InlineData("2026-06-30T18:30:00Z", "Asia/Kolkata", "2026-07")]
    [InlineData("2026-06-30T18:29:00Z", "Asia/Kolkata", "2026-06")]
    public void MonthOf_uses_the_organizations_zone(string instant, string zone, string month)
    {
        var calendar = Calendar(1, zone);
        Assert.Equal(month, calendar.MonthOf(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture)).ToString());
    }

    [Fact]
    public void RangeOf_a_month_spans_local_midnights_with_the_offsets_of_each_end()
    {
        // Berlin leaves summer time on 2026-10-25: October starts at +02:00 and ends at +01:00.
        var calendar = Calendar(1, "Europe/Berlin");
        var range = calendar.RangeOf(Period.Month(2026, 10));

        Assert.Equal(new DateOnly(2026, 10, 1), range.FirstDay);
        Assert.Equal(new DateOnly(2026, 10, 31), range.LastDay);
        Assert.Equal(DateTimeOffset.Parse("2026-09-30T22:00:00Z", System.Globalization.CultureInfo.InvariantCulture), range.StartUtc);
        Assert.Equal(DateTimeOffset.Parse("2026-10-31T23:00:00Z", System.Globalization.CultureInfo.InvariantCulture), range.EndUtc);
        Assert.True(range.Contains(DateTimeOffset.Parse("2026-10-31T22:59:59Z", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.False(range.Contains(range.EndUtc));
    }

    [Fact]
    public void RangeOf_a_month_across_spring_forward_in_New_York()
    {
        var calendar = Calendar(1, "America/New_York");
        var range = calendar.RangeOf(Period.Month(2026, 3));

        Assert.Equal(DateTimeOffset.Parse("2026-03-01T05:00:00Z", System.Globalization.CultureInfo.InvariantCulture), range.StartUtc);
        Assert.Equal(DateTimeOffset.Parse("2026-04-01T04:00:00Z", System.Globalization.CultureInfo.InvariantCulture), range.EndUtc);
    }

    [Fact]
    public void RangeOf_a_fiscal_year_and_quarter_cover_their_months()
    {
        var calendar = Calendar(4, "UTC");
        var year = calendar.RangeOf(Period.FiscalYear(2027));
        Assert.Equal(new DateOnly(2026, 4, 1), year.FirstDay);
        Assert.Equal(new DateOnly(2027, 3, 31), year.LastDay);

        var quarter = calendar.RangeOf(Period.Quarter(2027, 3));
        Assert.Equal(new DateOnly(2026, 10, 1), quarter.FirstDay);
        Assert.Equal(new DateOnly(2026, 12, 31), quarter.LastDay);
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), quarter.EndUtc);
    }

    [Fact]
    public void StartOfDay_where_midnight_is_skipped_begins_at_the_first_existing_time()
    {
        // Chile springs forward at 24:00 on 2026-09-05: local 00:00 on 09-06 does not exist, the day begins at 01:00 (-03:00).
        var calendar = Calendar(1, "America/Santiago");
        var start = calendar.StartOfDay(new DateOnly(2026, 9, 6));
        Assert.Equal(DateTimeOffset.Parse("2026-09-06T04:00:00Z", System.Globalization.CultureInfo.InvariantCulture), start);
    }

    [Fact]
    public void ToInstant_on_a_spring_forward_gap_moves_forward_like_the_clock()
    {
        var calendar = Calendar(1, "Europe/Berlin");
        // 02:30 on 2026-03-29 does not exist in Berlin; it is read as 03:30 CEST.
        Assert.Equal(DateTimeOffset.Parse("2026-03-29T01:30:00Z", System.Globalization.CultureInfo.InvariantCulture),
            calendar.ToInstant(new DateOnly(2026, 3, 29), new TimeOnly(2, 30)));
        Assert.Equal(DateTimeOffset.Parse("2026-11-10T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
            calendar.ToInstant(new DateOnly(2026, 11, 10), new TimeOnly(10, 0)));
    }

    [Theory]
    [InlineData(1, Frequency.Monthly, "2026-11-25T09:00:00Z", "2026-11", "2026-10")]
    [InlineData(1, Frequency.Quarterly, "2026-11-25T09:00:00Z", "FY2026-Q4", "FY2026-Q3")]
    [InlineData(4, Frequency.Quarterly, "2026-04-01T09:00:00Z", "FY2027-Q1", "FY2026-Q4")]
    [InlineData(1, Frequency.Monthly, "2026-01-15T09:00:00Z", "2026-01", "2025-12")]
    [InlineData(1, Frequency.Quarterly, "2026-01-15T09:00:00Z", "FY2026-Q1", "FY2025-Q4")]
    public void CurrentPeriod_and_LastCompletePeriod_by_frequency(int start, Frequency frequency, string now, string current, string lastComplete)
    {
        var calendar = Calendar(start);
        var instant = DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(current, calendar.CurrentPeriod(frequency, instant).ToString());
        Assert.Equal(lastComplete, calendar.LastCompletePeriod(frequency, instant).ToString());
    }

    [Fact]
    public void LastCompletePeriod_respects_the_zone_at_a_month_boundary()
    {
        var instant = DateTimeOffset.Parse("2026-10-31T23:30:00Z", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("2026-10", Calendar(1, "Europe/Berlin").LastCompletePeriod(Frequency.Monthly, instant).ToString());
        Assert.Equal("2026-09", Calendar(1, "America/New_York").LastCompletePeriod(Frequency.Monthly, instant).ToString());
    }

    [Fact]
    public void Contains_tells_whether_a_month_lies_in_a_quarter()
    {
        var calendar = Calendar(10);
        Assert.True(calendar.Contains(Period.Quarter(2027, 1), Period.Month(2026, 11)));
        Assert.False(calendar.Contains(Period.Quarter(2027, 1), Period.Month(2027, 1)));
        Assert.True(calendar.Contains(Period.FiscalYear(2027), Period.Quarter(2027, 4)));
    }

    [Fact]
    public void Create_with_an_unknown_zone_names_it()
    {
        var e = Assert.Throws<ArgumentException>(() => FiscalCalendar.Create(1, "Mars/Olympus"));
        Assert.Contains("Mars/Olympus", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(13)]
    public void Constructor_rejects_a_start_month_outside_1_to_12(int start) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new FiscalCalendar(start, TimeZoneInfo.Utc));

    [Fact]
    public void For_reads_the_organizations_settings()
    {
        var calendar = FiscalCalendar.For(new Organization { Name = "Acme", TimeZoneId = "Europe/Berlin", FiscalYearStartMonth = 7 });
        Assert.Equal(7, calendar.FiscalYearStartMonth);
        Assert.Equal("FY2027-Q1", calendar.QuarterOf(Period.Month(2026, 8)).ToString());
    }

    [Fact]
    public void CurrentPeriod_reads_the_clock()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.Parse("2026-12-31T23:30:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var berlin = Calendar(1, "Europe/Berlin");
        Assert.Equal("2027-01", berlin.CurrentPeriod(Frequency.Monthly, clock).ToString());
        Assert.Equal("FY2026-Q4", berlin.LastCompletePeriod(Frequency.Quarterly, clock).ToString());
    }

    [Theory]
    [InlineData(1, "2026-10", null, "Oct 2026")]
    [InlineData(1, "2026-10", "de-DE", "Okt 2026")]
    [InlineData(1, "FY2026-Q4", null, "FY2026-Q4 (Oct–Dec 2026)")]
    [InlineData(4, "FY2027-Q1", null, "FY2027-Q1 (Apr–Jun 2026)")]
    [InlineData(4, "FY2027", null, "FY2027 (Apr 2026–Mar 2027)")]
    [InlineData(11, "FY2027-Q1", null, "FY2027-Q1 (Nov 2026–Jan 2027)")]
    public void Label_names_the_period_and_its_months(int start, string period, string? culture, string expected) =>
        Assert.Equal(expected, Calendar(start).Label(Period.Parse(period), culture is null ? null : System.Globalization.CultureInfo.GetCultureInfo(culture)));
}
