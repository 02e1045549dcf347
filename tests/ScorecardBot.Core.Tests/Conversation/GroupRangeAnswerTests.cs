using System.Globalization;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Values;

namespace ScorecardBot.Core.Tests.Conversation;

/// <summary>
/// A group's table over a range ("customer perspective Q3", "Manufacturing this quarter") makes each
/// KPI one value by its own rule, as a single KPI's range answer does, and names the range. The
/// sample's fiscal year is the calendar year; "now" is 10 Nov 2026.
/// </summary>
public sealed class GroupRangeAnswerTests
{
    private static readonly ValueFormatter Formatter = new(CultureInfo.GetCultureInfo("en-US"), "USD");
    private readonly EngineFixture _f = new();

    private decimal[] ValuesOf(string key, params int[] months) =>
        [.. months.Select(m => _f.Sample.Kpi(key).Actuals.Single(a => a.Period == Period.Month(2026, m)).Value!.Value)];

    private static KpiRow Row(Message reply, string name) => reply.Blocks.OfType<KpiTable>().SelectMany(t => t.Rows).Single(r => r.Name == name);

    [Fact]
    public async Task A_perspective_in_a_quarter_sums_counts_averages_percentages_and_names_the_quarter()
    {
        var complaints = _f.Sample.Kpi("customer-complaints");
        var otd = _f.Sample.Kpi("on-time-delivery");

        var reply = (await _f.SayAsync(_f.Sample.Victor, "customer perspective Q3")).Single();

        Assert.Equal("status", reply.Kind);
        Assert.Equal("Customer perspective — FY2026-Q3 (Jul–Sep 2026)", reply.Block<Heading>().Text);
        Assert.StartsWith("Customer perspective, FY2026-Q3 (Jul–Sep 2026), each KPI by its own rule", reply.Summary, StringComparison.Ordinal);
        var count = Row(reply, "Customer complaints");
        Assert.Equal($"{Formatter.Format(ValuesOf("customer-complaints", 7, 8, 9).Sum(), complaints)} in total", count.Value);
        Assert.Equal(Formatter.Format(20m * 3, complaints), count.Target);
        var percent = Row(reply, "On-time delivery");
        Assert.Equal($"{Formatter.Format(ValuesOf("on-time-delivery", 7, 8, 9).Average(), otd)} on average", percent.Value);
        // Not September's value alone, as the table answered before.
        Assert.NotEqual(Formatter.Format(91.5m, otd), percent.Value);
    }

    [Fact]
    public async Task A_scorecard_this_quarter_names_the_months_still_to_come_beside_each_kpi()
    {
        var reply = (await _f.SayAsync(_f.Sample.Victor, "how is manufacturing doing this quarter")).Single();

        Assert.Equal("Manufacturing — FY2026-Q4 (Oct–Dec 2026)", reply.Block<Heading>().Text);
        var complaints = Row(reply, "Customer complaints");
        Assert.Equal($"{Formatter.Format(ValuesOf("customer-complaints", 10).Sum(), _f.Sample.Kpi("customer-complaints"))} in total", complaints.Value);
        Assert.Equal("1 of 3 months so far, Nov–Dec 2026 still to come", complaints.Note);
    }
}
