using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Scoring;

/// <summary>
/// Where amber and red start for a KPI, as values in its unit: "amber below 95, red below 90"
/// (higher is better), "amber above 105, red above 110" (lower is better), or both sides of a band.
/// </summary>
public sealed record StatusLines(decimal? AmberBelow, decimal? RedBelow, decimal? AmberAbove, decimal? RedAbove);

/// <summary>How one actual stands against its target.</summary>
public sealed record KpiAssessment
{
    public required Status Status { get; init; }

    /// <summary>0–10; null when there is no actual or no target (see <see cref="StatusRules"/>).</summary>
    public decimal? Score { get; init; }

    public bool HasActual { get; init; }

    /// <summary>False when the KPI has no target for the period: then the status is NoData and <see cref="NoTarget"/> is set.</summary>
    public bool HasTarget { get; init; }

    /// <summary>An actual exists but there is nothing to judge it against.</summary>
    public bool NoTarget => HasActual && !HasTarget;

    /// <summary>Actual minus target (for a band: minus the nearest band edge, 0 inside it).</summary>
    public decimal? Variance { get; init; }

    /// <summary><see cref="Variance"/> as a percentage of the target's size; null when the target is 0.</summary>
    public decimal? VariancePercent { get; init; }

    public StatusLines? Lines { get; init; }
}

/// <summary>
/// The RAG rules: a KPI's status and 0–10 score from its actual, its target and its direction.
/// </summary>
/// <remarks>
/// <para>Every direction is reduced to one number, the shortfall d ≥ 0: how far the actual is
/// on the wrong side of the target (HigherIsBetter: target − actual; LowerIsBetter: actual −
/// target; WithinBand: distance outside [BandLow, BandHigh]). The thresholds give two
/// distances: amber starts beyond <c>a</c>, red beyond <c>r</c>. So d ≤ a is green, a &lt; d ≤ r is
/// amber, d &gt; r is red ("amber below 90" means 90 itself is still green).</para>
/// <para>PercentOfTarget thresholds are percentages of the target: Amber 95 means 5 % short is
/// where amber starts (105 reads the same for LowerIsBetter). A value below 50 is read as the
/// tolerance itself ("5" = within 5 %), since "amber below 5 % of target" is never meant.
/// For a band they are percentages of the band's width. Defaults: amber beyond 5 % of target,
/// red beyond 10 %; for a band amber right outside it and red beyond 10 % of its width.</para>
/// <para>Score (piecewise linear, anchored at the status lines so that a KPI's score and its
/// colour always agree and a one-KPI objective rolls up to the KPI's own colour):
/// d = 0 → 10; 0 &lt; d ≤ a → 10 − 3·d/a (green, 10..7); a &lt; d ≤ r → 7 − 3·(d − a)/(r − a)
/// (amber, 7..4); d &gt; r → 0 (red). Rolled-up scores use the same bands: ≥ 7 green, ≥ 4 amber.</para>
/// </remarks>
public static class StatusRules
{
    /// <summary>Scores at or above this are green.</summary>
    public const decimal GreenFrom = 7m;

    /// <summary>Scores at or above this (and below <see cref="GreenFrom"/>) are amber.</summary>
    public const decimal AmberFrom = 4m;

    public const decimal DefaultAmberPercent = 95m;
    public const decimal DefaultRedPercent = 90m;

    /// <summary>Judges an actual (null: no data) against a target (null: none set).</summary>
    public static KpiAssessment Assess(decimal? actual, Target? target, Direction direction)
    {
        if (target is null)
        {
            return new KpiAssessment { Status = Status.NoData, HasActual = actual.HasValue, HasTarget = false };
        }

        var lines = Lines(target, direction);
        if (actual is not { } value)
        {
            return new KpiAssessment { Status = Status.NoData, HasActual = false, HasTarget = true, Lines = lines };
        }

        var (amber, red) = Distances(target, direction);
        var (low, high) = Band(target, direction);
        var shortfall = direction switch
        {
            Direction.HigherIsBetter => Math.Max(0, target.Value - value),
            Direction.LowerIsBetter => Math.Max(0, value - target.Value),
            _ => value < low ? low - value : value > high ? value - high : 0,
        };

        var variance = direction == Direction.WithinBand
            ? value < low ? value - low : value > high ? value - high : 0
            : value - target.Value;
        var size = direction == Direction.WithinBand ? Math.Abs((low + high) / 2) : Math.Abs(target.Value);

        return new KpiAssessment
        {
            Status = shortfall <= amber ? Status.Green : shortfall <= red ? Status.Amber : Status.Red,
            Score = Score(shortfall, amber, red),
            HasActual = true,
            HasTarget = true,
            Variance = variance,
            VariancePercent = size == 0 ? null : decimal.Round(variance / size * 100m, 2),
            Lines = lines,
        };
    }

    /// <summary>The status of a rolled-up score: ≥ 7 green, ≥ 4 amber, else red; null is NoData.</summary>
    public static Status StatusOfScore(decimal? score) => score switch
    {
        null => Status.NoData,
        >= GreenFrom => Status.Green,
        >= AmberFrom => Status.Amber,
        _ => Status.Red,
    };

    /// <summary>Where amber and red start, in the KPI's unit.</summary>
    public static StatusLines Lines(Target target, Direction direction)
    {
        var (amber, red) = Distances(target, direction);
        var (low, high) = Band(target, direction);
        return direction switch
        {
            Direction.HigherIsBetter => new StatusLines(target.Value - amber, target.Value - red, null, null),
            Direction.LowerIsBetter => new StatusLines(null, null, target.Value + amber, target.Value + red),
            _ => new StatusLines(low - amber, low - red, high + amber, high + red),
        };
    }

    private static decimal Score(decimal shortfall, decimal amber, decimal red)
    {
        decimal score;
        if (shortfall <= 0)
        {
            score = 10m;
        }
        else if (shortfall <= amber)
        {
            score = 10m - (3m * shortfall / amber);
        }
        else if (shortfall <= red)
        {
            score = red == amber ? AmberFrom : GreenFrom - (3m * (shortfall - amber) / (red - amber));
        }
        else
        {
            score = 0m;
        }

        return decimal.Round(score, 2);
    }

    /// <summary>The green tolerance (amber starts beyond it) and the amber tolerance (red starts beyond it).</summary>
    private static (decimal Amber, decimal Red) Distances(Target target, Direction direction)
    {
        var (low, high) = Band(target, direction);
        var reference = direction == Direction.WithinBand
            ? (high - low is > 0 and var width ? width : Math.Abs(target.Value))
            : Math.Abs(target.Value);

        decimal? amber;
        decimal? red;
        if (target.ThresholdStyle == ThresholdStyle.Absolute)
        {
            amber = target.Amber is { } a ? AbsoluteDistance(a, target, direction) : null;
            red = target.Red is { } r ? AbsoluteDistance(r, target, direction) : null;
            if (amber is null && red is null)
            {
                (amber, red) = DefaultDistances(direction, reference);
            }
        }
        else
        {
            var defaults = DefaultDistances(direction, reference);
            amber = target.Amber is { } a ? reference * Tolerance(a, direction) : target.Red is null ? defaults.Amber : null;
            red = target.Red is { } r ? reference * Tolerance(r, direction) : target.Amber is null ? defaults.Red : null;
        }

        // One threshold given: the other keeps the default proportion (red twice as far as amber).
        amber ??= red!.Value / 2;
        red ??= amber.Value > 0 ? amber.Value * 2 : reference * 0.10m;
        // Amber must start before red; thresholds typed the wrong way round are read the right way.
        return (Math.Min(amber.Value, red.Value), Math.Max(amber.Value, red.Value));
    }

    private static (decimal Amber, decimal Red) DefaultDistances(Direction direction, decimal reference) =>
        direction == Direction.WithinBand
            ? (0m, reference * 0.10m)
            : (reference * (100m - DefaultAmberPercent) / 100m, reference * (100m - DefaultRedPercent) / 100m);

    private static decimal Tolerance(decimal threshold, Direction direction)
    {
        if (direction == Direction.WithinBand || threshold < 50m)
        {
            return Math.Abs(threshold) / 100m;
        }

        return Math.Abs(threshold - 100m) / 100m;
    }

    private static decimal AbsoluteDistance(decimal line, Target target, Direction direction) => direction switch
    {
        Direction.HigherIsBetter => Math.Max(0, target.Value - line),
        Direction.LowerIsBetter => Math.Max(0, line - target.Value),
        _ => Math.Max(0, line),
    };

    private static (decimal Low, decimal High) Band(Target target, Direction direction)
    {
        if (direction != Direction.WithinBand)
        {
            return (target.Value, target.Value);
        }

        var low = target.BandLow ?? target.Value;
        var high = target.BandHigh ?? target.Value;
        return low <= high ? (low, high) : (high, low);
    }
}
