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
    [InlineData(Direction.HigherIsBetter, 100, 101, TrendDirection.Flat)] // within 2 %
    [InlineData(Direction.LowerIsBetter, 100, 98, TrendDirection.Flat)]
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
    [InlineData(90, 92, 95, Direction.HigherIsBetter, TrendDirection.Improving)]
    [InlineData(90, 92, 95, Direction.LowerIsBetter, TrendDirection.Worsening)]
    [InlineData(100, 101, 100, Direction.HigherIsBetter, TrendDirection.Flat)]
    [InlineData(100, 130, 101, Direction.HigherIsBetter, TrendDirection.Flat)] // a spike in the middle is not a trend
    [InlineData(100, 95, 90, Direction.HigherIsBetter, TrendDirection.Worsening)]
    public void Direction_over_three_periods(int aug, int sep, int oct, Direction direction, TrendDirection expected) =>
        Assert.Equal(expected, Trend.Compute(Series(("2026-08", aug), ("2026-09", sep), ("2026-10", oct)), Oct, direction).Direction);

    [Fact]
    public void Direction_tolerates_gaps_and_uses_the_latest_three_values()
    {
        // May (old, high) is ignored: the latest three values are Jul, Aug and Oct.
        var values = Series(("2026-05", 200), ("2026-07", 90), ("2026-08", 92), ("2026-10", 96));
        Assert.Equal(TrendDirection.Improving, Trend.Compute(values, Oct, Direction.HigherIsBetter).Direction);
    }

    [Fact]
    public void Direction_needs_two_values()
    {
        Assert.Equal(TrendDirection.Unknown, Trend.Compute(Series(("2026-10", 96)), Oct, Direction.HigherIsBetter).Direction);
        Assert.Equal(TrendDirection.Unknown, Trend.Compute(Series(("2026-01", 90), ("2026-10", 96)), Oct, Direction.HigherIsBetter).Direction);
    }

    [Fact]
    public void Direction_of_quarterly_values()
    {
        var values = Series(("FY2026-Q1", 10), ("FY2026-Q2", 12), ("FY2026-Q3", 15));
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
            Trend.Compute(Series(("2026-08", 70), ("2026-09", 66), ("2026-10", 62)), Oct, Direction.WithinBand, band).Direction);
    }

    [Fact]
    public void A_wider_flat_tolerance_makes_small_moves_flat()
    {
        var values = Series(("2026-09", 100), ("2026-10", 104));
        Assert.Equal(TrendDirection.Improving, Trend.Compute(values, Oct, Direction.HigherIsBetter).VsPrevious!.Direction);
        Assert.Equal(TrendDirection.Flat, Trend.Compute(values, Oct, Direction.HigherIsBetter, flatTolerance: 0.05m).VsPrevious!.Direction);
    }

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
}
