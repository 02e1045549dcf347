using ScorecardBot.Core.Model;
using ScottPlot;

namespace ScorecardBot.Charts;

/// <summary>The trend of one KPI: actuals coloured by status, the target as a dashed step line.</summary>
public static class KpiChart
{
    /// <summary>Renders <paramref name="series"/> as a PNG of <paramref name="size"/>; same input, same bytes.</summary>
    public static byte[] Render(KpiSeries series, ChartSize size) => Draw(series, size).Png;

    internal static RenderedKpiChart Draw(KpiSeries series, ChartSize size)
    {
        ArgumentNullException.ThrowIfNull(series);
        var style = size.Width < 560 || size.Height < 280 ? KpiPlotStyle.Thumbnail : KpiPlotStyle.Full;
        var built = KpiPlotBuilder.Build(series, style, size.Width);
        using var plot = built.Plot;
        var png = plot.GetImageBytes(size.Width, size.Height, ImageFormat.Png);
        var markers = built.Markers
            .Select(m => new RenderedMarker(m.Period, m.Status, plot.GetPixel(m.Location)))
            .ToList();
        return new RenderedKpiChart(png, markers, plot.LastRender.DataRect, plot.Axes.GetLimits());
    }
}

/// <summary>What a test or a caller laying text over the chart needs besides the bytes.</summary>
internal sealed record RenderedKpiChart(byte[] Png, IReadOnlyList<RenderedMarker> Markers, PixelRect DataRect, AxisLimits Limits)
{
    /// <summary>Where a value of the chart (x counted in periods from the first) was drawn.</summary>
    public Pixel ToPixel(double x, double y) => new(
        DataRect.Left + (float)((x - Limits.Left) / (Limits.Right - Limits.Left) * DataRect.Width),
        DataRect.Bottom - (float)((y - Limits.Bottom) / (Limits.Top - Limits.Bottom) * DataRect.Height));
}

internal sealed record RenderedMarker(Period Period, Status Status, Pixel Center);

internal enum KpiPlotStyle
{
    /// <summary>Title, legend, a month label every few months.</summary>
    Full,

    /// <summary>Title and axes only: small enough for a preview.</summary>
    Thumbnail,

    /// <summary>No title or legend: a cell of the small multiples, which draws its own header.</summary>
    Cell,
}

internal sealed record PlacedMarker(Period Period, Status Status, Coordinates Location);

internal sealed record BuiltKpiPlot(Plot Plot, IReadOnlyList<PlacedMarker> Markers);
