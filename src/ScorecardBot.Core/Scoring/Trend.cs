using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Scoring;

/// <summary>A value compared with an earlier one.</summary>
/// <param name="Period">The earlier period compared with (may be further back than the previous one when there are gaps).</param>
/// <param name="Value">The earlier value.</param>
/// <param name="Change">Current minus earlier.</param>
/// <param name="ChangePercent">Change relative to the earlier value; null when it was 0.</param>
/// <param name="Direction">Improving, flat or worsening, respecting the KPI's direction.</param>
public sealed record TrendComparison(Period Period, decimal Value, decimal Change, decimal? ChangePercent, TrendDirection Direction);

/// <summary>How a KPI moves: against the previous period, the same period last year, and over the last three periods.</summary>
public sealed record KpiTrend(TrendComparison? VsPrevious, TrendComparison? VsLastYear, TrendDirection Direction)
{
    public static KpiTrend Unknown { get; } = new(null, null, TrendDirection.Unknown);
}

/// <summary>
/// Trend rules. "Improving" respects the KPI's direction (falling cost is improving; for a band,
/// getting closer to it). Changes within a flat tolerance (2 % of the earlier value by default)
/// are flat. Gaps are tolerated: the previous value is the latest one up to three periods back,
/// and the three-period direction uses the latest three values of the last six periods.
/// </summary>
public static class Trend
{
    public const decimal DefaultFlatTolerance = 0.02m;

    /// <summary>How far back "previous" may reach over periods without a value.</summary>
    public const int PreviousLookback = 3;

    /// <summary>The window searched for the three-period direction.</summary>
    public const int DirectionWindow = 6;

    /// <summary>The trend of a series of values at <paramref name="period"/>.</summary>
    /// <param name="values">Values by period, all of one kind (months or quarters).</param>
    /// <param name="period">The period looked at; comparisons need a value for it.</param>
    /// <param name="direction">The KPI's direction.</param>
    /// <param name="band">The target holding the band, for WithinBand KPIs; without it their direction is Unknown.</param>
    /// <param name="flatTolerance">A change within this fraction of the earlier value is flat.</param>
    public static KpiTrend Compute(
        IReadOnlyDictionary<Period, decimal> values,
        Period period,
        Direction direction,
        Target? band = null,
        decimal flatTolerance = DefaultFlatTolerance)
    {
        TrendComparison? vsPrevious = null;
        TrendComparison? vsLastYear = null;
        if (values.TryGetValue(period, out var current))
        {
            for (var back = 1; back <= PreviousLookback && vsPrevious is null; back++)
            {
                var earlier = period.AddPeriods(-back);
                if (values.TryGetValue(earlier, out var v))
                {
                    vsPrevious = Compare(earlier, v, current, direction, band, flatTolerance);
                }
            }

            var lastYear = period.SameLastYear;
            if (values.TryGetValue(lastYear, out var ly))
            {
                vsLastYear = Compare(lastYear, ly, current, direction, band, flatTolerance);
            }
        }

        var points = Enumerable.Range(0, DirectionWindow)
            .Select(back => period.AddPeriods(-back))
            .Where(values.ContainsKey)
            .Take(3)
            .Select(p => (X: (decimal)p.Ordinal, Y: values[p]))
            .Reverse()
            .ToList();

        return new KpiTrend(vsPrevious, vsLastYear, DirectionOf(points, direction, band, flatTolerance));
    }

    /// <summary>Whether moving from <paramref name="from"/> to <paramref name="to"/> is improving, flat or worsening.</summary>
    public static TrendDirection Judge(decimal from, decimal to, Direction direction, Target? band = null, decimal flatTolerance = DefaultFlatTolerance)
    {
        if (direction == Direction.WithinBand)
        {
            if (band is null)
            {
                return TrendDirection.Unknown;
            }

            from = Outside(from, band);
            to = Outside(to, band);
            direction = Direction.LowerIsBetter;
            if (from == 0 && to == 0)
            {
                return TrendDirection.Flat;
            }
        }

        var change = to - from;
        var scale = from != 0 ? Math.Abs(from) : Math.Abs(to);
        if (Math.Abs(change) <= flatTolerance * scale)
        {
            return TrendDirection.Flat;
        }

        var better = direction == Direction.HigherIsBetter ? change > 0 : change < 0;
        return better ? TrendDirection.Improving : TrendDirection.Worsening;
    }

    /// <summary>Values that count from a KPI's actuals: reported, with a value, not waiting for approval.</summary>
    public static IReadOnlyDictionary<Period, decimal> SeriesOf(IEnumerable<Actual> actuals) =>
        actuals
            .Where(a => a.Value.HasValue && !a.PendingApproval)
            .GroupBy(a => a.Period)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(a => a.SubmittedAt).First().Value!.Value);

    private static TrendComparison Compare(Period earlier, decimal from, decimal to, Direction direction, Target? band, decimal tolerance)
    {
        var change = to - from;
        decimal? percent = from == 0 ? null : decimal.Round(change / Math.Abs(from) * 100m, 2);
        return new TrendComparison(earlier, from, change, percent, Judge(from, to, direction, band, tolerance));
    }

    /// <summary>
    /// Direction over up to three points: the least-squares slope times the span gives the change
    /// the line shows from first to last point, which is then judged like a two-point change
    /// against the line's starting level. One outlier in the middle thus counts less than an end.
    /// </summary>
    private static TrendDirection DirectionOf(List<(decimal X, decimal Y)> points, Direction direction, Target? band, decimal tolerance)
    {
        if (points.Count < 2 || (direction == Direction.WithinBand && band is null))
        {
            return TrendDirection.Unknown;
        }

        if (direction == Direction.WithinBand)
        {
            points = [.. points.Select(p => (p.X, Outside(p.Y, band!)))];
            direction = Direction.LowerIsBetter;
            if (points.All(p => p.Y == 0))
            {
                return TrendDirection.Flat;
            }
        }

        var meanX = points.Average(p => p.X);
        var meanY = points.Average(p => p.Y);
        var sxx = points.Sum(p => (p.X - meanX) * (p.X - meanX));
        var slope = points.Sum(p => (p.X - meanX) * (p.Y - meanY)) / sxx;
        var span = points[^1].X - points[0].X;
        var start = meanY - (slope * (meanX - points[0].X));
        return Judge(start, start + (slope * span), direction, null, tolerance);
    }

    private static decimal Outside(decimal value, Target band)
    {
        var low = band.BandLow ?? band.Value;
        var high = band.BandHigh ?? band.Value;
        if (low > high)
        {
            (low, high) = (high, low);
        }

        return value < low ? low - value : value > high ? value - high : 0;
    }
}
