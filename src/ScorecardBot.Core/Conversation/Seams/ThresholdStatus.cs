using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Conversation.Seams;

/// <summary>
/// Status by the target's thresholds (absolute, or as a percentage of the target; amber at 95 %
/// and red at 85 % of target when none are set), in the KPI's direction. No value is never green.
/// </summary>
internal sealed class ThresholdStatus : IKpiStatusEvaluator
{
    public Status StatusOf(Kpi kpi, Target? target, decimal? value)
    {
        if (value is not { } v)
        {
            return Status.NoData;
        }

        if (target is null)
        {
            return Status.NoData;
        }

        if (kpi.Direction == Direction.WithinBand)
        {
            var low = target.BandLow ?? target.Value;
            var high = target.BandHigh ?? target.Value;
            if (v >= low && v <= high)
            {
                return Status.Green;
            }

            var distance = v < low ? low - v : v - high;
            var width = Math.Max(high - low, Math.Abs(target.Value) / 10m);
            var amber = target.ThresholdStyle == ThresholdStyle.Absolute ? target.Amber ?? 0 : (target.Amber ?? 0) * width / 100m;
            var red = target.ThresholdStyle == ThresholdStyle.Absolute ? target.Red ?? width : (target.Red ?? 100) * width / 100m;
            return distance >= red ? Status.Red : distance > amber ? Status.Amber : Status.Green;
        }

        var higher = kpi.Direction == Direction.HigherIsBetter;
        decimal amberAt, redAt;
        if (target.ThresholdStyle == ThresholdStyle.Absolute && target.Amber is { } a && target.Red is { } r)
        {
            amberAt = a;
            redAt = r;
        }
        else
        {
            var amberPct = target.ThresholdStyle == ThresholdStyle.PercentOfTarget && target.Amber is { } ap ? ap : 95m;
            var redPct = target.ThresholdStyle == ThresholdStyle.PercentOfTarget && target.Red is { } rp ? rp : 85m;
            amberAt = higher ? target.Value * amberPct / 100m : target.Value * (200m - amberPct) / 100m;
            redAt = higher ? target.Value * redPct / 100m : target.Value * (200m - redPct) / 100m;
        }

        if (higher)
        {
            return v >= amberAt ? Status.Green : v >= redAt ? Status.Amber : Status.Red;
        }

        return v <= amberAt ? Status.Green : v <= redAt ? Status.Amber : Status.Red;
    }

    public TrendDirection TrendOf(Kpi kpi, decimal? current, decimal? previous)
    {
        if (current is not { } c || previous is not { } p)
        {
            return TrendDirection.Unknown;
        }

        var scale = Math.Max(Math.Abs(p), 1e-9m);
        var change = (c - p) / scale;
        if (Math.Abs(change) < 0.005m)
        {
            return TrendDirection.Flat;
        }

        var better = kpi.Direction switch
        {
            Direction.LowerIsBetter => c < p,
            Direction.WithinBand => false,
            _ => c > p,
        };
        return kpi.Direction == Direction.WithinBand ? TrendDirection.Flat : better ? TrendDirection.Improving : TrendDirection.Worsening;
    }
}
