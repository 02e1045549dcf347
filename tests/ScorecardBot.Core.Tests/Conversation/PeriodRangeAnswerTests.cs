using System.Globalization;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;
using ScorecardBot.Core.Values;

namespace ScorecardBot.Core.Tests.Conversation;

/// <summary>
/// Quarters, years and ranges are answered over the range, by the KPI's rule (sum, average or
/// last value), and the answer names the period it speaks of. The sample's fiscal year is the
/// calendar year; "now" is 10 Nov 2026, so October is the last month that can be reported.
/// </summary>
public sealed class PeriodRangeAnswerTests
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");
    private readonly EngineFixture _f = new();

    private static readonly ValueFormatter Formatter = new(English, "USD");

    private decimal[] ValuesOf(string key, int year, params int[] months) =>
        [.. months.Select(m => _f.Sample.Kpi(key).Actuals.Single(a => a.Period == Period.Month(year, m)).Value!.Value)];

    [Fact]
    public async Task A_quarter_of_a_percentage_is_its_months_average_and_the_answer_names_the_quarter()
    {
        var otd = _f.Sample.Kpi("on-time-delivery");
        var average = ValuesOf("on-time-delivery", 2026, 7, 8, 9).Average();

        var reply = (await _f.SayAsync(_f.Sample.Victor, "how was on time delivery in Q3")).Single();

        Assert.Equal("kpi", reply.Kind);
        Assert.StartsWith(
            $"On-time delivery (Logistics), FY2026-Q3 (Jul–Sep 2026): {Formatter.Format(average, otd)} on average, target 95.0 % — ",
            reply.Summary, StringComparison.Ordinal);
        Assert.Contains("All 3 months reported.", reply.Summary, StringComparison.Ordinal);
        Assert.Equal("FY2026-Q3 (Jul–Sep 2026)", reply.Fact("Period"));
        // Not the quarter's last month alone (91.5 % in September).
        Assert.DoesNotContain("91.5 %", reply.Fact("Value"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_count_adds_up_over_the_year_to_date_against_its_months_targets_and_names_the_months()
    {
        var complaints = _f.Sample.Kpi("customer-complaints");
        var total = ValuesOf("customer-complaints", 2026, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10).Sum();

        var reply = (await _f.SayAsync(_f.Sample.Victor, "customer complaints ytd")).Single();

        Assert.StartsWith(
            $"Customer complaints (Manufacturing), Jan–Oct 2026: {Formatter.Format(total, complaints)} in total, target {Formatter.Format(20m * 10, complaints)} — ",
            reply.Summary, StringComparison.Ordinal);
        Assert.Contains("10 of 11 months so far, Nov 2026 still to come.", reply.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_declared_last_value_rule_takes_the_last_month_reported_and_says_which()
    {
        var training = _f.Sample.Kpi("driver-training");
        training.Aggregation = Aggregation.Last;
        var september = ValuesOf("driver-training", 2026, 9)[0];

        var reply = (await _f.SayAsync(_f.Sample.Victor, "driver training in Q3")).Single();

        Assert.StartsWith(
            $"Driver training completion (Logistics), FY2026-Q3 (Jul–Sep 2026): {Formatter.Format(september, training)} (Sep 2026, the last value), target 90.0 % — ",
            reply.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_month_missing_in_the_range_is_named_and_the_average_is_of_the_months_reported()
    {
        var otd = _f.Sample.Kpi("on-time-delivery");
        otd.Actuals.RemoveAll(a => a.Period == Period.Month(2026, 8));
        var average = ValuesOf("on-time-delivery", 2026, 7, 9).Average();

        var reply = (await _f.SayAsync(_f.Sample.Victor, "OTD Q3")).Single();

        Assert.Contains($": {Formatter.Format(average, otd)} on average", reply.Summary, StringComparison.Ordinal);
        Assert.Contains("2 of 3 months reported, no value for Aug 2026.", reply.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task This_quarter_vs_last_compares_the_quarter_so_far_with_the_whole_last_quarter()
    {
        var otd = _f.Sample.Kpi("on-time-delivery");
        var last = ValuesOf("on-time-delivery", 2026, 7, 8, 9).Average();

        var reply = (await _f.SayAsync(_f.Sample.Victor, "on time delivery this quarter vs last")).Single();

        Assert.StartsWith($"On-time delivery (Logistics), FY2026-Q4 (Oct–Dec 2026): {Formatter.Format(79.0m, otd)} (Oct 2026), target 95.0 % — Red.", reply.Summary, StringComparison.Ordinal);
        Assert.Contains("1 of 3 months so far, Nov–Dec 2026 still to come.", reply.Summary, StringComparison.Ordinal);
        Assert.Contains($"Against FY2026-Q3 (Jul–Sep 2026): {Formatter.Format(last, otd)} on average, ", reply.Summary, StringComparison.Ordinal);
        Assert.EndsWith("— worse.", reply.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Since_last_year_compares_the_last_month_reported_with_the_same_month_a_year_before()
    {
        var otd = _f.Sample.Kpi("on-time-delivery");
        var before = ValuesOf("on-time-delivery", 2025, 10)[0];

        var reply = (await _f.SayAsync(_f.Sample.Victor, "on time delivery since last year")).Single();

        Assert.StartsWith($"On-time delivery (Logistics), Oct 2026: {Formatter.Format(79.0m, otd)} (Oct 2026), target 95.0 % — Red.", reply.Summary, StringComparison.Ordinal);
        Assert.Contains($"Against Oct 2025: {Formatter.Format(before, otd)} (Oct 2025), ", reply.Summary, StringComparison.Ordinal);
        Assert.Contains(" pts — ", reply.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_single_month_is_still_the_month_answer()
    {
        var reply = (await _f.SayAsync(_f.Sample.Victor, "what was OTD in September")).Single();

        Assert.Equal("91.5 % (Sep 2026)", reply.Fact("Value"));
    }
}
