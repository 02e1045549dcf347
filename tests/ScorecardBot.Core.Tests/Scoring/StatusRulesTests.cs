using System.Globalization;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Scoring;

namespace ScorecardBot.Core.Tests.Scoring;

public class StatusRulesTests
{
    private static decimal D(string s) => decimal.Parse(s, CultureInfo.InvariantCulture);

    private static Target T(decimal value, ThresholdStyle style = ThresholdStyle.PercentOfTarget, decimal? amber = null, decimal? red = null, decimal? low = null, decimal? high = null) =>
        new() { Value = value, ThresholdStyle = style, Amber = amber, Red = red, BandLow = low, BandHigh = high };

    [Theory]
    // Higher is better, target 100, default thresholds: amber beyond 5 % short, red beyond 10 %.
    [InlineData("110", Status.Green, "10")]
    [InlineData("100", Status.Green, "10")]
    [InlineData("97.5", Status.Green, "8.5")]
    [InlineData("95", Status.Green, "7")]
    [InlineData("94", Status.Amber, "6.4")]
    [InlineData("90", Status.Amber, "4")]
    [InlineData("89.9", Status.Red, "0")]
    [InlineData("0", Status.Red, "0")]
    public void HigherIsBetter_with_default_thresholds(string actual, Status status, string score)
    {
        var result = StatusRules.Assess(D(actual), T(100), Direction.HigherIsBetter);
        Assert.Equal(status, result.Status);
        Assert.Equal(D(score), result.Score);
    }

    [Theory]
    [InlineData("90", Status.Green)]
    [InlineData("105", Status.Green)]
    [InlineData("106", Status.Amber)]
    [InlineData("110", Status.Amber)]
    [InlineData("110.1", Status.Red)]
    public void LowerIsBetter_with_default_thresholds(string actual, Status status) =>
        Assert.Equal(status, StatusRules.Assess(D(actual), T(100), Direction.LowerIsBetter).Status);

    [Theory]
    // style, target, amber, red, actual, expected
    [InlineData(ThresholdStyle.PercentOfTarget, "200", "90", "80", "180", Status.Green)]
    [InlineData(ThresholdStyle.PercentOfTarget, "200", "90", "80", "179", Status.Amber)]
    [InlineData(ThresholdStyle.PercentOfTarget, "200", "90", "80", "160", Status.Amber)]
    [InlineData(ThresholdStyle.PercentOfTarget, "200", "90", "80", "159", Status.Red)]
    [InlineData(ThresholdStyle.PercentOfTarget, "200", "10", "20", "179", Status.Amber)] // "10" read as a 10 % tolerance
    [InlineData(ThresholdStyle.Absolute, "95", "90", "85", "90", Status.Green)]
    [InlineData(ThresholdStyle.Absolute, "95", "90", "85", "89.9", Status.Amber)]
    [InlineData(ThresholdStyle.Absolute, "95", "90", "85", "85", Status.Amber)]
    [InlineData(ThresholdStyle.Absolute, "95", "90", "85", "84.9", Status.Red)]
    public void HigherIsBetter_with_explicit_thresholds(ThresholdStyle style, string target, string amber, string red, string actual, Status status) =>
        Assert.Equal(status, StatusRules.Assess(D(actual), T(D(target), style, D(amber), D(red)), Direction.HigherIsBetter).Status);

    [Theory]
    [InlineData(ThresholdStyle.Absolute, "4", Status.Green)]
    [InlineData(ThresholdStyle.Absolute, "4.5", Status.Amber)]
    [InlineData(ThresholdStyle.Absolute, "5", Status.Amber)]
    [InlineData(ThresholdStyle.Absolute, "5.1", Status.Red)]
    public void LowerIsBetter_with_absolute_thresholds(ThresholdStyle style, string actual, Status status) =>
        Assert.Equal(status, StatusRules.Assess(D(actual), T(3, style, 4, 5), Direction.LowerIsBetter).Status);

    [Theory]
    [InlineData("50", Status.Green, "10")]
    [InlineData("40", Status.Green, "10")]
    [InlineData("60", Status.Green, "10")]
    [InlineData("39", Status.Amber, "5.5")]
    [InlineData("38", Status.Amber, "4")]
    [InlineData("37.9", Status.Red, "0")]
    [InlineData("61", Status.Amber, "5.5")]
    [InlineData("62.5", Status.Red, "0")]
    public void WithinBand_with_default_thresholds_is_amber_right_outside_the_band(string actual, Status status, string score)
    {
        var result = StatusRules.Assess(D(actual), T(50, low: 40, high: 60), Direction.WithinBand);
        Assert.Equal(status, result.Status);
        Assert.Equal(D(score), result.Score);
    }

    [Theory]
    [InlineData(ThresholdStyle.Absolute, "1", "3", "39", Status.Green)]
    [InlineData(ThresholdStyle.Absolute, "1", "3", "38", Status.Amber)]
    [InlineData(ThresholdStyle.Absolute, "1", "3", "63", Status.Amber)]
    [InlineData(ThresholdStyle.Absolute, "1", "3", "36.9", Status.Red)]
    [InlineData(ThresholdStyle.PercentOfTarget, "5", "20", "61", Status.Green)] // 5 % of width 20 = 1
    [InlineData(ThresholdStyle.PercentOfTarget, "5", "20", "62", Status.Amber)]
    [InlineData(ThresholdStyle.PercentOfTarget, "5", "20", "64.1", Status.Red)]
    public void WithinBand_with_explicit_thresholds(ThresholdStyle style, string amber, string red, string actual, Status status) =>
        Assert.Equal(status, StatusRules.Assess(D(actual), T(50, style, D(amber), D(red), 40, 60), Direction.WithinBand).Status);

    [Fact]
    public void WithinBand_with_the_edges_given_the_wrong_way_round_still_works() =>
        Assert.Equal(Status.Green, StatusRules.Assess(45, T(50, low: 60, high: 40), Direction.WithinBand).Status);

    [Fact]
    public void A_negative_target_is_judged_by_its_size()
    {
        // Net result target -10: 5 % of its size is 0.5.
        Assert.Equal(Status.Green, StatusRules.Assess(-10.4m, T(-10), Direction.HigherIsBetter).Status);
        Assert.Equal(Status.Amber, StatusRules.Assess(-10.6m, T(-10), Direction.HigherIsBetter).Status);
        Assert.Equal(Status.Red, StatusRules.Assess(-11.1m, T(-10), Direction.HigherIsBetter).Status);
    }

    [Fact]
    public void A_zero_target_with_percentage_thresholds_is_green_only_at_or_beyond_it()
    {
        Assert.Equal(Status.Green, StatusRules.Assess(0m, T(0), Direction.LowerIsBetter).Status);
        Assert.Equal(Status.Red, StatusRules.Assess(0.1m, T(0), Direction.LowerIsBetter).Status);
    }

    [Fact]
    public void Only_the_red_threshold_puts_amber_halfway()
    {
        var target = T(100, red: 80);
        Assert.Equal(Status.Green, StatusRules.Assess(91, target, Direction.HigherIsBetter).Status);
        Assert.Equal(Status.Amber, StatusRules.Assess(89, target, Direction.HigherIsBetter).Status);
        Assert.Equal(Status.Red, StatusRules.Assess(79, target, Direction.HigherIsBetter).Status);
    }

    [Fact]
    public void Only_the_amber_threshold_puts_red_twice_as_far()
    {
        var target = T(100, ThresholdStyle.Absolute, amber: 96);
        Assert.Equal(Status.Amber, StatusRules.Assess(92, target, Direction.HigherIsBetter).Status);
        Assert.Equal(Status.Red, StatusRules.Assess(91.9m, target, Direction.HigherIsBetter).Status);
    }

    [Fact]
    public void No_actual_is_no_data_never_green()
    {
        var result = StatusRules.Assess(null, T(100), Direction.HigherIsBetter);
        Assert.Equal(Status.NoData, result.Status);
        Assert.Null(result.Score);
        Assert.False(result.HasActual);
        Assert.False(result.NoTarget);
    }

    [Fact]
    public void No_target_is_no_data_with_the_no_target_flag()
    {
        var result = StatusRules.Assess(95, null, Direction.HigherIsBetter);
        Assert.Equal(Status.NoData, result.Status);
        Assert.Null(result.Score);
        Assert.True(result.NoTarget);
        Assert.True(result.HasActual);
        Assert.False(StatusRules.Assess(null, null, Direction.HigherIsBetter).NoTarget);
    }

    [Fact]
    public void Variance_is_actual_minus_target()
    {
        var result = StatusRules.Assess(94, T(100), Direction.HigherIsBetter);
        Assert.Equal(-6m, result.Variance);
        Assert.Equal(-6m, result.VariancePercent);
        var band = StatusRules.Assess(62, T(50, low: 40, high: 60), Direction.WithinBand);
        Assert.Equal(2m, band.Variance);
        Assert.Equal(0m, StatusRules.Assess(55, T(50, low: 40, high: 60), Direction.WithinBand).Variance);
        Assert.Null(StatusRules.Assess(1, T(0), Direction.HigherIsBetter).VariancePercent);
    }

    [Fact]
    public void Lines_say_where_amber_and_red_start()
    {
        Assert.Equal(new StatusLines(95m, 90m, null, null), StatusRules.Lines(T(100), Direction.HigherIsBetter));
        Assert.Equal(new StatusLines(null, null, 105m, 110m), StatusRules.Lines(T(100), Direction.LowerIsBetter));
        Assert.Equal(new StatusLines(40m, 38m, 60m, 62m), StatusRules.Lines(T(50, low: 40, high: 60), Direction.WithinBand));
        Assert.Equal(new StatusLines(90m, 85m, null, null), StatusRules.Lines(T(95, ThresholdStyle.Absolute, 90, 85), Direction.HigherIsBetter));
    }

    [Theory]
    [InlineData(null, Status.NoData)]
    [InlineData("10", Status.Green)]
    [InlineData("7", Status.Green)]
    [InlineData("6.99", Status.Amber)]
    [InlineData("4", Status.Amber)]
    [InlineData("3.99", Status.Red)]
    [InlineData("0", Status.Red)]
    public void StatusOfScore_uses_the_documented_bands(string? score, Status status) =>
        Assert.Equal(status, StatusRules.StatusOfScore(score is null ? null : D(score)));

    [Fact]
    public void Score_and_status_always_agree()
    {
        var random = new Random(42);
        var styles = new[] { ThresholdStyle.Absolute, ThresholdStyle.PercentOfTarget };
        for (var i = 0; i < 2000; i++)
        {
            var direction = (Direction)random.Next(3);
            var targetValue = random.Next(-50, 200);
            var target = direction == Direction.WithinBand
                ? T(targetValue, styles[random.Next(2)], random.Next(0, 5), random.Next(0, 15), targetValue - random.Next(0, 20), targetValue + random.Next(0, 20))
                : T(targetValue, ThresholdStyle.PercentOfTarget, 100 + (direction == Direction.LowerIsBetter ? 1 : -1) * random.Next(0, 10), 100 + (direction == Direction.LowerIsBetter ? 1 : -1) * random.Next(10, 30));
            var actual = targetValue + random.Next(-60, 60) + (random.Next(100) / 100m);

            var result = StatusRules.Assess(actual, target, direction);
            Assert.True(StatusRules.StatusOfScore(result.Score) == result.Status,
                $"{direction} target {targetValue} actual {actual}: {result.Status} but score {result.Score}");
            Assert.InRange(result.Score!.Value, 0m, 10m);
        }
    }

    [Fact]
    public void Thresholds_typed_the_wrong_way_round_are_read_the_right_way()
    {
        var swapped = T(100, amber: 90, red: 95);
        Assert.Equal(Status.Green, StatusRules.Assess(96, swapped, Direction.HigherIsBetter).Status);
        Assert.Equal(Status.Amber, StatusRules.Assess(92, swapped, Direction.HigherIsBetter).Status);
        Assert.Equal(Status.Red, StatusRules.Assess(89, swapped, Direction.HigherIsBetter).Status);
    }
}
