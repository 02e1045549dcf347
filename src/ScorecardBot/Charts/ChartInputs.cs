using ScorecardBot.Core.Model;

namespace ScorecardBot.Charts;

/// <summary>Pixel size of a rendered chart.</summary>
public readonly record struct ChartSize
{
    public const int MinSide = 120;
    public const int MaxSide = 4000;

    public ChartSize(int width, int height)
    {
        if (width is < MinSide or > MaxSide || height is < MinSide or > MaxSide)
        {
            throw new ArgumentOutOfRangeException(
                nameof(width), $"A chart must be between {MinSide} and {MaxSide} pixels on each side; {width}x{height} was asked for.");
        }

        Width = width;
        Height = height;
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>The size posted in cards and digests.</summary>
    public static ChartSize Standard { get; } = new(800, 400);

    /// <summary>A preview small enough for a list of KPIs.</summary>
    public static ChartSize Thumbnail { get; } = new(400, 200);

    public override string ToString() => $"{Width}x{Height}";
}

/// <summary>
/// One period of a KPI's history as the chart shows it. <see cref="Actual"/> null is "no data".
/// Percent KPIs carry percentage points (95 means 95 %). <see cref="BandLow"/>/<see cref="BandHigh"/>
/// are the green band of a within-band KPI for this period.
/// </summary>
public sealed record KpiPoint(Period Period, decimal? Actual, decimal? Target, Status Status)
{
    public decimal? BandLow { get; init; }
    public decimal? BandHigh { get; init; }
}

/// <summary>
/// Where amber and red start, in the KPI's unit, when they are the same for every period shown
/// (absolute thresholds). Percent-of-target thresholds move with the target and are not drawn.
/// </summary>
public sealed record KpiThresholds(decimal? Amber, decimal? Red);

/// <summary>The trend of one KPI: what a chart needs and nothing else.</summary>
public sealed record KpiSeries(
    string Name,
    string? Unit,
    KpiFormat Format,
    Direction Direction,
    IReadOnlyList<KpiPoint> Points)
{
    /// <summary>Decimal places of the latest value printed beside a small chart.</summary>
    public int Decimals { get; init; } = 1;

    public KpiThresholds? Thresholds { get; init; }

    /// <summary>Status of the most recent period shown; NoData when there are no periods.</summary>
    public Status LatestStatus => Points.Count == 0 ? Status.NoData : Points.MaxBy(p => p.Period)!.Status;
}

/// <summary>An objective on the strategy map. <see cref="Score"/> is 0–100 when known.</summary>
public sealed record MapObjective(Guid Id, string Name, Status Status, decimal? Score = null);

/// <summary>One horizontal band of the map, holding its objectives left to right.</summary>
public sealed record MapPerspective(string Name, PerspectiveKind Kind, IReadOnlyList<MapObjective> Objectives);

/// <summary>A cause→effect arrow: improving <see cref="CauseId"/> should move <see cref="EffectId"/>.</summary>
public sealed record MapLink(Guid CauseId, Guid EffectId);

/// <summary>
/// A strategy map: perspectives top to bottom in the order given (Financial first in the classic
/// scorecard), and the cause→effect links between their objectives.
/// </summary>
public sealed record StrategyMapModel(
    string Title,
    IReadOnlyList<MapPerspective> Perspectives,
    IReadOnlyList<MapLink> Links)
{
    /// <summary>A second line under the title, such as the period shown ("October 2026").</summary>
    public string? Subtitle { get; init; }
}
