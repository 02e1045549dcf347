using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;
using ScorecardBot.Core.Scoring;

namespace ScorecardBot.Core.Tests.Scoring;

/// <summary>A KPI over a span: its rule makes one value of the periods reported, against the span's target by the same rule.</summary>
public sealed class SpanValueTests
{
    private static readonly FiscalCalendar April = FiscalCalendar.Create(4, "UTC");

    private static Kpi Monthly(Aggregation? rule, params (int Month, decimal? Value)[] values)
    {
        var kpi = new Kpi { Key = "k", Name = "Loads", Unit = "loads", Aggregation = rule };
        kpi.Targets.Add(new Target { Period = Period.FiscalYear(2027), Value = 100m, ThresholdStyle = ThresholdStyle.Absolute, Amber = 95m, Red = 90m });
        foreach (var (month, value) in values)
        {
            kpi.Actuals.Add(new Actual { Period = Period.Month(2026, month), Value = value });
        }

        return kpi;
    }

    [Fact]
    public void A_sum_adds_the_months_reported_against_their_targets_with_absolute_lines_added_up_too()
    {
        // FY2027-Q2 is Jul–Sep 2026; August is missing.
        var kpi = Monthly(null, (7, 99m), (9, 92m));

        var v = SpanValue.Of(kpi, PeriodSpan.Of(Period.Quarter(2027, 2)), Period.Month(2026, 10), April);

        Assert.Equal(Aggregation.Sum, v.Rule);
        Assert.Equal(191m, v.Value);
        Assert.Equal(200m, v.Target!.Value);
        Assert.Equal((190m, 180m), (v.Target.Amber!.Value, v.Target.Red!.Value));
        Assert.Equal(Status.Green, v.Status); // 191 is short by 9, within the 10 the two months allow before amber
        Assert.Equal([Period.Month(2026, 8)], v.Missing);
        Assert.Empty(v.ToCome);
    }

    [Fact]
    public void An_average_and_a_last_value_follow_the_declared_rule()
    {
        var average = SpanValue.Of(Monthly(Aggregation.Average, (7, 90m), (8, 96m), (9, 99m)), PeriodSpan.Of(Period.Quarter(2027, 2)), Period.Month(2026, 10), April);
        var last = SpanValue.Of(Monthly(Aggregation.Last, (7, 90m), (8, 96m), (9, 88m)), PeriodSpan.Of(Period.Quarter(2027, 2)), Period.Month(2026, 10), April);

        Assert.Equal((95m, 100m, Status.Green), (average.Value, average.Target!.Value, average.Status));
        Assert.Equal((88m, Status.Red), (last.Value, last.Status));
    }

    [Fact]
    public void Months_after_the_last_reportable_one_are_to_come_and_the_span_is_cut_there()
    {
        var kpi = Monthly(Aggregation.Sum, (10, 50m));

        var v = SpanValue.Of(kpi, PeriodSpan.Of(Period.Quarter(2027, 3)), Period.Month(2026, 10), April);

        Assert.Equal(50m, v.Value);
        Assert.Equal(100m, v.Target!.Value);
        Assert.Equal([Period.Month(2026, 11), Period.Month(2026, 12)], v.ToCome);
        Assert.Equal(Period.Quarter(2027, 3), v.Span.Last);
    }

    [Fact]
    public void A_quarterly_kpi_over_a_year_takes_its_whole_quarters()
    {
        var kpi = new Kpi { Key = "q", Name = "Audit score", Unit = "%", Format = KpiFormat.Percent, Frequency = Frequency.Quarterly };
        kpi.Actuals.Add(new Actual { Period = Period.Quarter(2027, 1), Value = 80m });
        kpi.Actuals.Add(new Actual { Period = Period.Quarter(2027, 2), Value = 90m });

        var v = SpanValue.Of(kpi, PeriodSpan.Of(Period.FiscalYear(2027)), Period.Quarter(2027, 2), April);

        Assert.Equal(85m, v.Value);
        Assert.Equal([Period.Quarter(2027, 1), Period.Quarter(2027, 2)], v.Reported);
        Assert.Equal([Period.Quarter(2027, 3), Period.Quarter(2027, 4)], v.ToCome);
        Assert.Null(v.Target);
        Assert.Equal(Status.NoData, v.Status);
    }
}
