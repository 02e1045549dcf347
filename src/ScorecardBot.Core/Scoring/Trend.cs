using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Scoring;

/// <summary>A value compared with an earlier one.</summary>
/// <param name="Period">The earlier period compared with (may be further back than the previous one when there are gaps).</param>
/// <param name="Value">The earlier value.</param>
/// <param name="Change">Current minus earlier, in the KPI's unit (points for percentages).</param>
/// <param name="ChangePercent">Change relative to the earlier value; null when it was 0 or below (no relative change from there). Never shown for percentage KPIs, which move in points.</param>
/// <param name="Direction">Improving or worsening (respecting the KPI's direction) when the change is beyond the KPI's usual month-to-month move; flat within it.</param>
public sealed record TrendComparison(Period Period, decimal Value, decimal Change, decimal? ChangePercent, TrendDirection Direction);

/// <summary>What a trend's direction rests on.</summary>
public enum TrendBasis
{
    /// <summary>Fewer than <see cref="Trend.MinimumPoints"/> values in the window: no direction.</summary>
    TooShort = 0,

    /// <summary>The latest moves: at least three in a row the same way, together beyond the noise.</summary>
    LatestRun = 1,

    /// <summary>The robust (Theil–Sen) slope over the window, beyond the noise and not contradicted by the window's net change.</summary>
    Slope = 2,

    /// <summary>The window's last value against its first, beyond the noise.</summary>
    NetChange = 3,

    /// <summary>An earlier run of four or more moves the same way, each beyond the noise; the moves since stay within it.</summary>
    EarlierRun = 4,

    /// <summary>Every measure of change stays within the noise: flat.</summary>
    WithinNoise = 5,
}

/// <summary>Consecutive values of a series: from the value of <paramref name="From"/> to that of <paramref name="To"/>.</summary>
/// <param name="Moves">How many period-to-period moves the stretch has.</param>
/// <param name="Change">The value at <paramref name="To"/> minus the value at <paramref name="From"/> (for a slope: the change the line shows).</param>
public sealed record TrendSpan(Period From, Period To, int Moves, decimal Change, decimal FromValue, decimal ToValue);

/// <summary>
/// How a KPI moves. <see cref="Direction"/> is the one judgement every reader shows (answers,
/// tables' arrows, digest, agenda); the other members say what it rests on so that it can be
/// stated with its numbers.
/// </summary>
public sealed record KpiTrend(TrendComparison? VsPrevious, TrendComparison? VsLastYear, TrendDirection Direction)
{
    public static KpiTrend Unknown { get; } = new(null, null, TrendDirection.Unknown);

    public TrendBasis Basis { get; init; }

    /// <summary>Values in the window (the last <see cref="Trend.Window"/> periods up to the one looked at).</summary>
    public int Points { get; init; }

    /// <summary>The first and last value of the window, and their difference.</summary>
    public TrendSpan? Window { get; init; }

    /// <summary>
    /// The KPI's own month-to-month variability: a robust standard deviation (1.4826 × MAD) of the
    /// moves between consecutive values in the window. Null with fewer than <see cref="Trend.MinimumPoints"/> values.
    /// </summary>
    public decimal? Noise { get; init; }

    /// <summary>Theil–Sen slope over the window: the median of the pairwise slopes, per period.</summary>
    public decimal? SlopePerPeriod { get; init; }

    /// <summary>The moves the same way that end at the latest value; null when the latest move was zero or there is none.</summary>
    public TrendSpan? LatestRun { get; init; }

    /// <summary>The stretch the direction speaks of, with its change (for <see cref="TrendBasis.Slope"/>, the line's change over the window).</summary>
    public TrendSpan? Span { get; init; }

    /// <summary>+1 when the values went up over <see cref="Span"/>, −1 when down, 0 when flat or unknown.</summary>
    public int Movement { get; init; }
}

/// <summary>
/// Trend rules, the one place where a KPI's movement is judged. Everything is measured against
/// the KPI's own noise: the robust spread of its moves between consecutive values over the last
/// <see cref="Window"/> periods. The direction is, in this order: the latest run of at least three
/// moves the same way when together they go beyond twice the noise ("fell 4 months in a row");
/// else the Theil–Sen slope over the window when the change it shows is beyond twice the noise and
/// the window's own last-minus-first change does not go the other way by more than the noise;
/// else that net change when it is beyond twice the noise; else an earlier run of four or more
/// moves the same way, each beyond the noise; else flat. "Improving" respects the KPI's direction
/// (falling cost is improving; for a band, getting closer to it). A comparison with one earlier
/// value is flat when the change is within the noise.
/// </summary>
public static class Trend
{
    /// <summary>How far back "previous" may reach over periods without a value.</summary>
    public const int PreviousLookback = 3;

    /// <summary>The periods, up to and including the one looked at, that the direction is judged over.</summary>
    public const int Window = 12;

    /// <summary>Values needed in the window for a direction (three moves to measure the noise by).</summary>
    public const int MinimumPoints = 4;

    /// <summary>A run this long at the end decides the direction.</summary>
    public const int LatestRunMoves = 3;

    /// <summary>An earlier run this long, each move beyond the noise, is never called flat.</summary>
    public const int EarlierRunMoves = 4;

    /// <summary>How many times the noise a change over several periods must exceed to be a trend.</summary>
    public const decimal Significance = 2m;

    /// <summary>The trend of a series of values at <paramref name="period"/>.</summary>
    /// <param name="values">Values by period, all of one kind (months or quarters).</param>
    /// <param name="period">The period looked at; comparisons need a value for it.</param>
    /// <param name="direction">The KPI's direction.</param>
    /// <param name="band">The target holding the band, for WithinBand KPIs; without it their direction is Unknown.</param>
    public static KpiTrend Compute(IReadOnlyDictionary<Period, decimal> values, Period period, Direction direction, Target? band = null)
    {
        var points = new List<(Period Period, decimal Value)>(Window);
        for (var back = Window - 1; back >= 0; back--)
        {
            var p = period.AddPeriods(-back);
            if (values.TryGetValue(p, out var v))
            {
                points.Add((p, v));
            }
        }

        var slope = points.Count >= MinimumPoints ? TheilSen(points, out var intercept) : (intercept = 0m);
        var noise = points.Count >= MinimumPoints ? NoiseOf(points, slope) : (decimal?)null;
        TrendComparison? vsPrevious = null;
        TrendComparison? vsLastYear = null;
        if (values.TryGetValue(period, out var current))
        {
            for (var back = 1; back <= PreviousLookback && vsPrevious is null; back++)
            {
                var earlier = period.AddPeriods(-back);
                if (values.TryGetValue(earlier, out var v))
                {
                    vsPrevious = Compare(earlier, v, current, direction, band, noise ?? 0m);
                }
            }

            var lastYear = period.SameLastYear;
            if (values.TryGetValue(lastYear, out var ly))
            {
                vsLastYear = Compare(lastYear, ly, current, direction, band, noise ?? 0m);
            }
        }

        if (points.Count < 2)
        {
            return new KpiTrend(vsPrevious, vsLastYear, TrendDirection.Unknown) { Points = points.Count };
        }

        var window = SpanOf(points, 0, points.Count - 1);
        var latestRun = LatestRunOf(points);
        var baseTrend = new KpiTrend(vsPrevious, vsLastYear, TrendDirection.Unknown)
        {
            Points = points.Count,
            Window = window,
            LatestRun = latestRun,
            Noise = noise,
        };
        if (noise is not { } sigma || (direction == Direction.WithinBand && band is null))
        {
            return baseTrend with { Basis = TrendBasis.TooShort };
        }

        var threshold = Significance * sigma;
        var line = slope * (points[^1].Period.Ordinal - points[0].Period.Ordinal);

        TrendBasis basis;
        TrendSpan? span;
        if (latestRun is { Moves: >= LatestRunMoves } run && Math.Abs(run.Change) > threshold)
        {
            (basis, span) = (TrendBasis.LatestRun, run);
        }
        else if (Math.Abs(line) > threshold && !(Math.Abs(window.Change) > sigma && Math.Sign(window.Change) != Math.Sign(line)))
        {
            var start = intercept + (slope * points[0].Period.Ordinal);
            (basis, span) = (TrendBasis.Slope, window with { Change = line, FromValue = start, ToValue = start + line });
        }
        else if (Math.Abs(window.Change) > threshold)
        {
            (basis, span) = (TrendBasis.NetChange, window);
        }
        else if (LastStrongRun(points, sigma) is { } earlier)
        {
            (basis, span) = (TrendBasis.EarlierRun, earlier);
        }
        else
        {
            (basis, span) = (TrendBasis.WithinNoise, window);
        }

        var movement = basis == TrendBasis.WithinNoise ? 0 : Math.Sign(span.Change);
        var judged = basis == TrendBasis.WithinNoise && direction != Direction.WithinBand
            ? TrendDirection.Flat
            : Judge(span.FromValue, span.ToValue, direction, band, direction == Direction.WithinBand && basis == TrendBasis.WithinNoise ? sigma : 0m);
        return baseTrend with
        {
            Direction = judged,
            Basis = basis,
            Span = span,
            Movement = movement,
            SlopePerPeriod = decimal.Round(slope, 6),
        };
    }

    /// <summary>
    /// Whether moving from <paramref name="from"/> to <paramref name="to"/> is improving, flat or
    /// worsening: flat when the change is within <paramref name="tolerance"/> (in the KPI's unit).
    /// </summary>
    public static TrendDirection Judge(decimal from, decimal to, Direction direction, Target? band = null, decimal tolerance = 0m)
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
        if (change == 0 || Math.Abs(change) <= tolerance)
        {
            return TrendDirection.Flat;
        }

        var better = direction == Direction.HigherIsBetter ? change > 0 : change < 0;
        return better ? TrendDirection.Improving : TrendDirection.Worsening;
    }

    /// <summary>
    /// The robust spread of the moves between consecutive values around the move the trend itself
    /// makes (the Theil–Sen slope times the periods between them): 1.4826 × their median absolute
    /// deviation, a standard deviation for normal moves that a few outliers do not shift. When more
    /// than half the moves sit exactly on the trend, the mean absolute deviation (× 1.2533) stands in.
    /// </summary>
    public static decimal NoiseOf(IReadOnlyList<(Period Period, decimal Value)> points) =>
        points.Count < 3 ? 0m : NoiseOf(points, TheilSen(points, out _));

    private static decimal NoiseOf(IReadOnlyList<(Period Period, decimal Value)> points, decimal slope)
    {
        var deviations = new decimal[points.Count - 1];
        for (var i = 1; i < points.Count; i++)
        {
            var expected = slope * (points[i].Period.Ordinal - points[i - 1].Period.Ordinal);
            deviations[i - 1] = Math.Abs(points[i].Value - points[i - 1].Value - expected);
        }

        var mad = Median([.. deviations]) * 1.4826m;
        return mad > 0 ? mad : deviations.Average() * 1.2533m;
    }

    /// <summary>Values that count from a KPI's actuals: reported, with a value, not waiting for approval.</summary>
    public static IReadOnlyDictionary<Period, decimal> SeriesOf(IEnumerable<Actual> actuals) =>
        actuals
            .Where(a => a.Value.HasValue && !a.PendingApproval)
            .GroupBy(a => a.Period)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(a => a.SubmittedAt).First().Value!.Value);

    internal static decimal Outside(decimal value, Target band)
    {
        var low = band.BandLow ?? band.Value;
        var high = band.BandHigh ?? band.Value;
        if (low > high)
        {
            (low, high) = (high, low);
        }

        return value < low ? low - value : value > high ? value - high : 0;
    }

    private static TrendComparison Compare(Period earlier, decimal from, decimal to, Direction direction, Target? band, decimal tolerance)
    {
        var change = to - from;
        decimal? percent = from <= 0 ? null : change / from * 100m;
        return new TrendComparison(earlier, from, change, percent, Judge(from, to, direction, band, tolerance));
    }

    private static TrendSpan SpanOf(List<(Period Period, decimal Value)> points, int from, int to) =>
        new(points[from].Period, points[to].Period, to - from, points[to].Value - points[from].Value, points[from].Value, points[to].Value);

    /// <summary>The moves the same way (none zero) that end at the last value.</summary>
    private static TrendSpan? LatestRunOf(List<(Period Period, decimal Value)> points)
    {
        var last = points.Count - 1;
        var sign = Math.Sign(points[last].Value - points[last - 1].Value);
        if (sign == 0)
        {
            return null;
        }

        var start = last - 1;
        while (start > 0 && Math.Sign(points[start].Value - points[start - 1].Value) == sign)
        {
            start--;
        }

        return SpanOf(points, start, last);
    }

    /// <summary>The latest run of at least <see cref="EarlierRunMoves"/> moves the same way, each beyond the noise.</summary>
    private static TrendSpan? LastStrongRun(List<(Period Period, decimal Value)> points, decimal noise)
    {
        var end = points.Count - 1;
        while (end >= EarlierRunMoves)
        {
            var sign = StrongSign(points, end, noise);
            if (sign == 0)
            {
                end--;
                continue;
            }

            var start = end - 1;
            while (start > 0 && StrongSign(points, start, noise) == sign)
            {
                start--;
            }

            if (end - start >= EarlierRunMoves)
            {
                return SpanOf(points, start, end);
            }

            end = start;
        }

        return null;
    }

    private static int StrongSign(List<(Period Period, decimal Value)> points, int i, decimal noise)
    {
        var move = points[i].Value - points[i - 1].Value;
        return Math.Abs(move) > noise ? Math.Sign(move) : 0;
    }

    /// <summary>The median of the slopes between every pair of values, and the median intercept for it.</summary>
    private static decimal TheilSen(IReadOnlyList<(Period Period, decimal Value)> points, out decimal intercept)
    {
        var slopes = new decimal[points.Count * (points.Count - 1) / 2];
        var k = 0;
        for (var i = 0; i < points.Count; i++)
        {
            for (var j = i + 1; j < points.Count; j++)
            {
                slopes[k++] = (points[j].Value - points[i].Value) / (points[j].Period.Ordinal - points[i].Period.Ordinal);
            }
        }

        var slope = Median(slopes);
        intercept = Median([.. points.Select(p => p.Value - (slope * p.Period.Ordinal))]);
        return slope;
    }

    private static decimal Median(decimal[] values)
    {
        Array.Sort(values);
        var mid = values.Length / 2;
        return values.Length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
