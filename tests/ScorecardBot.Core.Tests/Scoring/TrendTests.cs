using ScorecardBot.Core.Model;
using ScorecardBot.Core.Scoring;

namespace ScorecardBot.Core.Tests.Scoring;

public class TrendTests
{
    private static readonly Period Oct = Period.Month(2026, 10);

    private static Dictionary<Period, decimal> Series(params (string Period, decimal Value)[] points) =>
        points.ToDictionary(p => Period.Parse(p.Period), p => p.Value);

    [Theory]
    [InlineData(Direction.HigherIsBetter, 90, 95, TrendDirection.Improving)]
    [InlineData(Direction.HigherIsBetter, 95, 90, TrendDirection.Worsening)]
    [InlineData(Direction.LowerIsBetter, 95, 90, TrendDirection.Improving)]
    [InlineData(Direction.LowerIsBetter, 90, 95, TrendDirection.Worsening)]
    [InlineData(Direction.HigherIsBetter, 100, 101, TrendDirection.Improving)] // no history to know the noise by: any move counts
    [InlineData(Direction.HigherIsBetter, 0, 0, TrendDirection.Flat)]
    [InlineData(Direction.HigherIsBetter, 0, 5, TrendDirection.Improving)]
    [InlineData(Direction.HigherIsBetter, -10, -5, TrendDirection.Improving)]
    public void VsPrevious_respects_the_direction(Direction direction, int previous, int current, TrendDirection expected)
    {
        var trend = Trend.Compute(Series(("2026-09", previous), ("2026-10", current)), Oct, direction);
        Assert.Equal(expected, trend.VsPrevious!.Direction);
        Assert.Equal(current - previous, trend.VsPrevious.Change);
        Assert.Equal(Period.Month(2026, 9), trend.VsPrevious.Period);
    }

    [Fact]
    public void A_move_within_the_kpis_usual_swing_is_flat_and_one_beyond_it_is_not()
    {
        // Moves of about ±1 a month: a move of 0.8 is the usual swing; 3 is not.
        var values = Series(("2026-04", 100), ("2026-05", 101), ("2026-06", 100), ("2026-07", 101), ("2026-08", 100), ("2026-09", 101), ("2026-10", 100.2m));
        var trend = Trend.Compute(values, Oct, Direction.HigherIsBetter);
        Assert.Equal(TrendDirection.Flat, trend.VsPrevious!.Direction);
        Assert.Equal(TrendDirection.Flat, trend.Direction);

        values[Oct] = 98;
        Assert.Equal(TrendDirection.Worsening, Trend.Compute(values, Oct, Direction.HigherIsBetter).VsPrevious!.Direction);
    }

    [Fact]
    public void VsPrevious_reports_the_change_in_percent()
    {
        var trend = Trend.Compute(Series(("2026-09", 80), ("2026-10", 90)), Oct, Direction.HigherIsBetter);
        Assert.Equal(12.5m, trend.VsPrevious!.ChangePercent);
        Assert.Equal(80m, trend.VsPrevious.Value);
    }

    [Fact]
    public void VsPrevious_reaches_over_a_gap()
    {
        var trend = Trend.Compute(Series(("2026-08", 90), ("2026-10", 95)), Oct, Direction.HigherIsBetter);
        Assert.Equal(Period.Month(2026, 8), trend.VsPrevious!.Period);
        Assert.Equal(TrendDirection.Improving, trend.VsPrevious.Direction);
    }

    [Fact]
    public void VsPrevious_does_not_reach_further_than_three_periods() =>
        Assert.Null(Trend.Compute(Series(("2026-06", 90), ("2026-10", 95)), Oct, Direction.HigherIsBetter).VsPrevious);

    [Fact]
    public void Without_a_current_value_there_is_nothing_to_compare()
    {
        var trend = Trend.Compute(Series(("2026-09", 90), ("2025-10", 80)), Oct, Direction.HigherIsBetter);
        Assert.Null(trend.VsPrevious);
        Assert.Null(trend.VsLastYear);
    }

    [Fact]
    public void VsLastYear_compares_with_the_same_period_a_year_earlier()
    {
        var trend = Trend.Compute(Series(("2025-10", 100), ("2026-09", 90), ("2026-10", 80)), Oct, Direction.LowerIsBetter);
        Assert.Equal(Period.Month(2025, 10), trend.VsLastYear!.Period);
        Assert.Equal(TrendDirection.Improving, trend.VsLastYear.Direction);
        Assert.Equal(-20m, trend.VsLastYear.ChangePercent);
    }

    [Theory]
    [InlineData(88, 90, 92, 95, Direction.HigherIsBetter, TrendDirection.Improving)]
    [InlineData(88, 90, 92, 95, Direction.LowerIsBetter, TrendDirection.Worsening)]
    [InlineData(100, 101, 100, 101, Direction.HigherIsBetter, TrendDirection.Flat)]
    [InlineData(100, 101, 130, 101, Direction.HigherIsBetter, TrendDirection.Flat)] // a spike in the middle is not a trend
    [InlineData(105, 100, 95, 90, Direction.HigherIsBetter, TrendDirection.Worsening)]
    public void Direction_over_four_periods(int jul, int aug, int sep, int oct, Direction direction, TrendDirection expected) =>
        Assert.Equal(expected, Trend.Compute(Series(("2026-07", jul), ("2026-08", aug), ("2026-09", sep), ("2026-10", oct)), Oct, direction).Direction);

    [Fact]
    public void Fell_four_months_in_a_row_is_worse_though_each_fall_is_small()
    {
        // A steady year around 92.5 % (moves of ±0.3), then four falls to 89.4 % (the old 2 % rule called it "about flat").
        var trend = Trend.Compute(Retention(), Oct, Direction.HigherIsBetter);
        Assert.Equal(TrendDirection.Worsening, trend.Direction);
        Assert.Equal(TrendBasis.LatestRun, trend.Basis);
        Assert.Equal(4, trend.Span!.Moves);
        Assert.Equal(Period.Month(2026, 6), trend.Span.From);
        Assert.Equal(-3.1m, trend.Span.Change);
        Assert.Equal(-1, trend.Movement);
    }

    [Fact]
    public void Rising_six_months_in_a_row_is_improving()
    {
        var values = Series(("2025-10", 84.0m), ("2025-11", 84.3m), ("2025-12", 83.9m), ("2026-01", 84.2m), ("2026-02", 84.0m), ("2026-03", 84.3m), ("2026-04", 84.1m),
            ("2026-05", 85.0m), ("2026-06", 86.0m), ("2026-07", 86.9m), ("2026-08", 87.8m), ("2026-09", 88.7m), ("2026-10", 89.6m));
        var trend = Trend.Compute(values, Oct, Direction.HigherIsBetter);
        Assert.Equal(TrendDirection.Improving, trend.Direction);
        Assert.Equal(6, trend.Span!.Moves);
        Assert.Equal(5.6m, trend.VsLastYear!.Change);
        Assert.Equal(TrendDirection.Improving, trend.VsLastYear.Direction);
    }

    [Fact]
    public void A_steady_slope_with_noise_is_a_trend_over_the_window()
    {
        // Up about 0.5 a month with moves that go both ways: no run, but the robust slope is far beyond the noise.
        var values = Series(("2025-11", 80.0m), ("2025-12", 81.2m), ("2026-01", 80.6m), ("2026-02", 82.0m), ("2026-03", 81.5m), ("2026-04", 82.9m),
            ("2026-05", 82.3m), ("2026-06", 83.8m), ("2026-07", 83.1m), ("2026-08", 84.6m), ("2026-09", 84.0m), ("2026-10", 85.4m));
        var trend = Trend.Compute(values, Oct, Direction.LowerIsBetter);
        Assert.Equal(TrendBasis.Slope, trend.Basis);
        Assert.Equal(TrendDirection.Worsening, trend.Direction); // rising, and lower is better
        Assert.InRange(trend.SlopePerPeriod!.Value, 0.4m, 0.6m);
    }

    [Fact]
    public void Direction_tolerates_gaps()
    {
        var values = Series(("2026-03", 80), ("2026-05", 84), ("2026-07", 88), ("2026-08", 90), ("2026-10", 94));
        var trend = Trend.Compute(values, Oct, Direction.HigherIsBetter);
        Assert.Equal(TrendDirection.Improving, trend.Direction);
        Assert.Equal(5, trend.Points);
    }

    [Fact]
    public void Direction_needs_four_values_in_the_last_twelve_periods()
    {
        Assert.Equal(TrendDirection.Unknown, Trend.Compute(Series(("2026-10", 96)), Oct, Direction.HigherIsBetter).Direction);
        var three = Trend.Compute(Series(("2026-08", 90), ("2026-09", 93), ("2026-10", 96)), Oct, Direction.HigherIsBetter);
        Assert.Equal(TrendDirection.Unknown, three.Direction);
        Assert.Equal(TrendBasis.TooShort, three.Basis);
        Assert.Equal(3, three.Points);
        Assert.Equal(TrendDirection.Unknown, Trend.Compute(Series(("2025-08", 80), ("2025-09", 85), ("2026-09", 93), ("2026-10", 96)), Oct, Direction.HigherIsBetter).Direction);
    }

    [Fact]
    public void Direction_of_quarterly_values()
    {
        var values = Series(("FY2025-Q4", 9), ("FY2026-Q1", 10), ("FY2026-Q2", 12), ("FY2026-Q3", 15));
        var trend = Trend.Compute(values, Period.Quarter(2026, 3), Direction.HigherIsBetter);
        Assert.Equal(TrendDirection.Improving, trend.Direction);
        Assert.Equal(Period.Quarter(2026, 2), trend.VsPrevious!.Period);
    }

    [Fact]
    public void WithinBand_improves_when_it_gets_closer_to_the_band()
    {
        var band = new Target { Value = 50, BandLow = 40, BandHigh = 60 };
        Assert.Equal(TrendDirection.Improving, Trend.Judge(30, 36, Direction.WithinBand, band));
        Assert.Equal(TrendDirection.Improving, Trend.Judge(70, 62, Direction.WithinBand, band));
        Assert.Equal(TrendDirection.Worsening, Trend.Judge(55, 65, Direction.WithinBand, band));
        Assert.Equal(TrendDirection.Flat, Trend.Judge(45, 58, Direction.WithinBand, band));
        Assert.Equal(TrendDirection.Unknown, Trend.Judge(45, 58, Direction.WithinBand));
        Assert.Equal(TrendDirection.Improving,
            Trend.Compute(Series(("2026-07", 74), ("2026-08", 70), ("2026-09", 66), ("2026-10", 62)), Oct, Direction.WithinBand, band).Direction);
    }

    [Fact]
    public void NoiseOf_is_the_robust_spread_of_the_moves_around_the_trend()
    {
        static List<(Period, decimal)> Points(params decimal[] values) => [.. values.Select((v, i) => (Period.Month(2026, i + 1), v))];

        // A straight line moves exactly as its trend does: no noise, however steep.
        Assert.Equal(0m, Trend.NoiseOf(Points(10, 12, 14, 16, 18, 20)));
        // Moves of +1 and -1 around a level: about 1.48 (1.4826 × the median absolute deviation of 1).
        Assert.Equal(1.4826m, Trend.NoiseOf(Points(10, 11, 10, 11, 10, 11, 10, 11, 10)));
        // One outlier barely moves it.
        Assert.InRange(Trend.NoiseOf(Points(10, 11, 10, 11, 10, 11, 10, 11, 30)), 1.4m, 1.6m);
    }

    internal static Dictionary<Period, decimal> Retention() => Series(
        ("2025-11", 92.3m), ("2025-12", 92.6m), ("2026-01", 92.4m), ("2026-02", 92.7m), ("2026-03", 92.5m), ("2026-04", 92.6m),
        ("2026-05", 92.4m), ("2026-06", 92.5m), ("2026-07", 91.8m), ("2026-08", 91.0m), ("2026-09", 90.2m), ("2026-10", 89.4m));

    [Fact]
    public void SeriesOf_counts_only_approved_values_and_the_latest_submission()
    {
        var at = new DateTimeOffset(2026, 11, 3, 9, 0, 0, TimeSpan.Zero);
        var series = Trend.SeriesOf(
        [
            new Actual { Period = Period.Month(2026, 8), Value = 1 },
            new Actual { Period = Period.Month(2026, 9), Value = null, NoDataReason = "system down" },
            new Actual { Period = Period.Month(2026, 10), Value = 5, SubmittedAt = at },
            new Actual { Period = Period.Month(2026, 10), Value = 6, SubmittedAt = at.AddHours(1) },
            new Actual { Period = Period.Month(2026, 11), Value = 7, PendingApproval = true },
        ]);
        Assert.Equal(2, series.Count);
        Assert.Equal(6m, series[Period.Month(2026, 10)]);
    }

    // Found by the fuzz tests: a question about the first month a person can name looked twelve
    // months back and failed (a Period before 1900 could not be made), answering 500.
    [Fact]
    public void The_first_month_that_can_be_named_has_a_trend_over_the_months_it_has()
    {
        var first = Period.Month(Period.MinYear, 1);
        var values = new Dictionary<Period, decimal> { [first] = 5m, [first.Next] = 6m };

        var trend = Trend.Compute(values, first.Next, Direction.HigherIsBetter);

        Assert.Equal(TrendDirection.Improving, trend.VsPrevious!.Direction);
        Assert.Null(trend.VsLastYear);
    }
}
