using System.Globalization;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Scoring;
using ScorecardBot.Core.Values;

namespace ScorecardBot.Core.Tests.Scoring;

public class TrendTextTests
{
    private static readonly Period Oct = Period.Month(2026, 10);
    private static readonly TrendText Text = new(new ValueFormatter(CultureInfo.GetCultureInfo("en-US"), "USD"), CultureInfo.GetCultureInfo("en-US"));

    internal static KpiSnapshot Snapshot(string name, IReadOnlyDictionary<Period, decimal> values, Period period, KpiFormat format = KpiFormat.Percent,
        string? unit = "%", Direction direction = Direction.HigherIsBetter, Target? target = null, int decimals = 1)
    {
        var kpi = new Kpi { Key = "k", Name = name, Format = format, Unit = unit, Direction = direction, Decimals = decimals };
        foreach (var (p, v) in values)
        {
            kpi.Actuals.Add(new Actual { KpiId = kpi.Id, Period = p, Value = v });
        }

        if (target is not null)
        {
            target.Period = period;
            kpi.Targets.Add(target);
        }

        return KpiSnapshot.Compute(kpi, period);
    }

    [Fact]
    public void Four_falls_in_a_row_read_as_getting_worse_with_the_run_in_points()
    {
        var s = Snapshot("Customer retention", TrendTests.Retention(), Oct,
            target: new Target { Value = 92, ThresholdStyle = ThresholdStyle.Absolute, Amber = 90, Red = 88 });

        Assert.Equal("Customer retention is getting worse: it fell 4 months in a row, from 92.5 % in Jun 2026 to 89.4 % in Oct 2026 (-3.1 pts).", Text.Headline(s));
        Assert.Equal("getting worse: fell 4 months in a row (-3.1 pts since Jun 2026)", Text.Clause(s));
        Assert.Equal("Amber", s.Status.ToString());
        Assert.EndsWith("It is 0.6 pts short of green (90.0 %) and 1.4 pts above red (88.0 %).", Text.Sentence(s), StringComparison.Ordinal);
    }

    [Fact]
    public void Percentages_change_in_points_never_in_percent_of_the_earlier_value()
    {
        var s = Snapshot("Drivers trained", new Dictionary<Period, decimal> { [Period.Month(2026, 9)] = 80, [Oct] = 96 }, Oct, decimals: 0);
        Assert.Equal("better than Sep 2026 (80 %): +16 pts", Text.Comparison(s.Trend.VsPrevious, s));
        Assert.DoesNotContain("20 %", Text.Comparison(s.Trend.VsPrevious, s), StringComparison.Ordinal);
    }

    [Fact]
    public void A_point_scale_changes_in_points_and_other_units_in_their_unit_with_the_relative_change()
    {
        var values = new Dictionary<Period, decimal> { [Period.Month(2026, 9)] = 40, [Oct] = 44 };
        var nps = Snapshot("Net Promoter Score", values, Oct, KpiFormat.Number, "points", decimals: 0);
        Assert.Equal("better than Sep 2026 (40 points): +4 pts", Text.Comparison(nps.Trend.VsPrevious, nps));

        var fuel = Snapshot("Fuel economy", values, Oct, KpiFormat.Number, "mpg");
        Assert.Equal("better than Sep 2026 (40.0 mpg): +4.0 mpg (+10 %)", Text.Comparison(fuel.Trend.VsPrevious, fuel));

        var cost = Snapshot("Cost per mile", values, Oct, KpiFormat.Currency, "USD", Direction.LowerIsBetter, decimals: 2);
        Assert.Equal("worse than Sep 2026 ($40.00): +$4.00 (+10 %)", Text.Comparison(cost.Trend.VsPrevious, cost));
    }

    [Fact]
    public void Flat_names_the_swing_it_stays_within()
    {
        var values = new Dictionary<Period, decimal>();
        for (var i = 0; i < 12; i++)
        {
            values[Oct.AddPeriods(-i)] = i % 2 == 0 ? 90.0m : 90.5m;
        }

        var s = Snapshot("On-time delivery", values, Oct);
        Assert.Equal(TrendDirection.Flat, s.Trend.Direction);
        Assert.StartsWith("On-time delivery is flat: over the last 12 months it moved within its usual month-to-month swing of ±0.", Text.Headline(s), StringComparison.Ordinal);
        Assert.StartsWith("about the same as Sep 2026 (90.5 %): -0.5 pts, within its usual ±", Text.Comparison(s.Trend.VsPrevious, s), StringComparison.Ordinal);
    }

    [Fact]
    public void Too_little_history_says_how_much_there_is_and_what_it_takes()
    {
        var s = Snapshot("Driver turnover", new Dictionary<Period, decimal> { [Period.Month(2026, 9)] = 5, [Oct] = 6 }, Oct, direction: Direction.LowerIsBetter);
        Assert.Equal("Driver turnover: too little history for a trend (2 values in the last 12 months; it takes 4).", Text.Headline(s));
    }

    [Fact]
    public void Better_and_worse_follow_the_kpis_direction_while_up_and_down_follow_the_number()
    {
        var values = new Dictionary<Period, decimal>
        {
            [Period.Month(2026, 6)] = 2.0m, [Period.Month(2026, 7)] = 2.4m, [Period.Month(2026, 8)] = 2.9m, [Period.Month(2026, 9)] = 3.3m, [Oct] = 3.8m,
        };
        var s = Snapshot("Cargo claims rate", values, Oct, KpiFormat.Number, "per 100 loads", Direction.LowerIsBetter);
        Assert.Equal("Cargo claims rate is getting worse: it rose 4 months in a row, from 2.0 per 100 loads in Jun 2026 to 3.8 per 100 loads in Oct 2026 (+1.8 per 100 loads).", Text.Headline(s));
    }

    [Fact]
    public void A_latest_run_against_the_years_direction_states_both()
    {
        // Rose from 80 to 92 over most of the year, then fell three months in a row.
        decimal[] year = [80, 82, 83, 85, 86, 88, 90, 91, 93, 92, 91, 90];
        var values = year.Select((v, i) => (Period: Oct.AddPeriods(i - 11), Value: v)).ToDictionary(x => x.Period, x => x.Value);
        var s = Snapshot("Customer retention", values, Oct);
        Assert.Equal(TrendBasis.LatestRun, s.Trend.Basis);
        Assert.Equal(TrendDirection.Worsening, s.Trend.Direction);
        Assert.EndsWith("(-3.0 pts); over the last 12 months it is still up 10.0 pts.", Text.Headline(s), StringComparison.Ordinal);
    }
}
