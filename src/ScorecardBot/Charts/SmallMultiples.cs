using System.Globalization;
using ScorecardBot.Core.Model;
using SkiaSharp;

namespace ScorecardBot.Charts;

/// <summary>
/// A grid of small KPI trends, each headed by its name and latest value in the colour of its
/// latest status: the red KPIs before a review, or every KPI of a scorecard at a glance.
/// </summary>
public static class SmallMultiples
{
    /// <summary>Cells per image; more series go on further images so each stays legible in a chat.</summary>
    public const int MaxPerImage = 16;

    public const int MaxColumns = 6;

    internal const int CellWidth = 300;
    internal const int CellHeight = 184;
    internal const int Gap = 12;
    internal const int Margin = 16;
    internal const int HeaderHeight = 48;
    internal const int StripeWidth = 5;

    /// <summary>
    /// Renders the series in order, <paramref name="columns"/> to a row, into one PNG per page of
    /// at most <see cref="MaxPerImage"/> cells (fewer when the columns do not divide it).
    /// An empty list gives one image that says there is nothing to show.
    /// </summary>
    public static IReadOnlyList<byte[]> Render(IReadOnlyList<KpiSeries> series, int columns = 4, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (columns is < 1 or > MaxColumns)
        {
            throw new ArgumentOutOfRangeException(nameof(columns), $"Small multiples have 1 to {MaxColumns} columns; {columns} was asked for.");
        }

        ChartFonts.EnsureRegistered();
        var perPage = PerPage(columns);
        var pageCount = Math.Max(1, (series.Count + perPage - 1) / perPage);
        var pages = new List<byte[]>(pageCount);
        for (var page = 0; page < pageCount; page++)
        {
            var cells = series.Skip(page * perPage).Take(perPage).ToList();
            pages.Add(RenderPage(cells, columns, title, page + 1, pageCount));
        }

        return pages;
    }

    internal static int PerPage(int columns) => columns * Math.Max(1, MaxPerImage / columns);

    /// <summary>Where cell <paramref name="index"/> of a page sits.</summary>
    internal static SKRect CellRect(int index, int columns, bool hasHeader)
    {
        var top = Margin + (hasHeader ? 40 : 0);
        var row = index / columns;
        var column = index % columns;
        var left = Margin + (column * (CellWidth + Gap));
        var cellTop = top + (row * (CellHeight + Gap));
        return new SKRect(left, cellTop, left + CellWidth, cellTop + CellHeight);
    }

    private static byte[] RenderPage(List<KpiSeries> cells, int columns, string? title, int page, int pageCount)
    {
        var hasHeader = title is not null || pageCount > 1;
        var usedColumns = Math.Clamp(cells.Count, 1, columns);
        var rows = Math.Max(1, (cells.Count + columns - 1) / columns);
        var width = (2 * Margin) + (usedColumns * CellWidth) + ((usedColumns - 1) * Gap);
        var height = (int)CellRect((rows - 1) * columns, columns, hasHeader).Bottom + Margin;

        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(new SKColor(0xF4, 0xF6, 0xF8));

        if (hasHeader)
        {
            DrawHeader(canvas, title, page, pageCount, width);
        }

        if (cells.Count == 0)
        {
            using var font = SkiaDrawing.Font(false, 14);
            using var ink = SkiaDrawing.Fill(ChartPalette.MutedInk);
            var rect = CellRect(0, columns, hasHeader);
            canvas.DrawText("No KPIs to show", rect.MidX, rect.MidY, SKTextAlign.Center, font, ink);
        }

        for (var i = 0; i < cells.Count; i++)
        {
            DrawCell(canvas, cells[i], CellRect(i, columns, hasHeader));
        }

        return SkiaDrawing.EncodePng(surface);
    }

    private static void DrawHeader(SKCanvas canvas, string? title, int page, int pageCount, int width)
    {
        using var ink = SkiaDrawing.Fill(ChartPalette.Ink);
        using var muted = SkiaDrawing.Fill(ChartPalette.MutedInk);
        using var titleFont = SkiaDrawing.Font(true, 17);
        using var pageFont = SkiaDrawing.Font(false, 12);
        var pageText = pageCount > 1 ? string.Create(CultureInfo.InvariantCulture, $"Page {page} of {pageCount}") : string.Empty;
        var pageWidth = pageText.Length > 0 ? pageFont.MeasureText(pageText) + 16 : 0;
        if (title is not null)
        {
            canvas.DrawText(SkiaDrawing.Fit(title, titleFont, width - (2 * Margin) - pageWidth), Margin, Margin + 22, SKTextAlign.Left, titleFont, ink);
        }

        if (pageText.Length > 0)
        {
            canvas.DrawText(pageText, width - Margin, Margin + 21, SKTextAlign.Right, pageFont, muted);
        }
    }

    private static void DrawCell(SKCanvas canvas, KpiSeries series, SKRect rect)
    {
        var status = series.LatestStatus;
        var colour = ChartPalette.For(status);

        using (var card = SkiaDrawing.Fill(ChartPalette.Background))
        using (var border = SkiaDrawing.Stroke(new SKColor(0xDD, 0xE1, 0xE6), 1))
        using (var stripe = SkiaDrawing.Fill(colour))
        {
            var rounded = new SKRoundRect(rect, 6);
            canvas.DrawRoundRect(rounded, card);
            canvas.DrawRoundRect(rounded, border);
            canvas.Save();
            canvas.ClipRoundRect(rounded, antialias: true);
            canvas.DrawRect(new SKRect(rect.Left, rect.Top, rect.Left + StripeWidth, rect.Bottom), stripe);
            canvas.Restore();
        }

        var textLeft = rect.Left + StripeWidth + 10;
        var textWidth = rect.Right - 10 - textLeft;
        using (var nameFont = SkiaDrawing.Font(true, 13))
        using (var valueFont = SkiaDrawing.Font(true, 12))
        using (var labelFont = SkiaDrawing.Font(false, 12))
        using (var ink = SkiaDrawing.Fill(ChartPalette.Ink))
        using (var muted = SkiaDrawing.Fill(ChartPalette.MutedInk))
        using (var statusInk = SkiaDrawing.Fill(status == Status.Amber ? ChartPalette.Mix(ChartPalette.Amber, ChartPalette.Ink, 0.35f) : colour))
        {
            canvas.DrawText(SkiaDrawing.Fit(series.Name, nameFont, textWidth), textLeft, rect.Top + 20, SKTextAlign.Left, nameFont, ink);

            var latest = series.Points.Where(p => p.Actual.HasValue).MaxBy(p => p.Period);
            var value = latest is null ? "No data" : KpiValueFormat.Value(latest.Actual!.Value, series.Format, series.Unit, series.Decimals);
            canvas.DrawText(value, textLeft, rect.Top + 39, SKTextAlign.Left, valueFont, statusInk);
            var detail = ChartPalette.Label(status) + (latest is null ? string.Empty : "  " + KpiValueFormat.PeriodLabel(latest.Period));
            var valueWidth = valueFont.MeasureText(value) + 10;
            canvas.DrawText(SkiaDrawing.Fit(detail, labelFont, textWidth - valueWidth), textLeft + valueWidth, rect.Top + 39, SKTextAlign.Left, labelFont, muted);
        }

        var built = KpiPlotBuilder.Build(series, KpiPlotStyle.Cell, CellWidth);
        using var plot = built.Plot;
        var plotRect = new ScottPlot.PixelRect(rect.Left + StripeWidth + 2, rect.Right - 6, rect.Bottom - 4, rect.Top + HeaderHeight);
        canvas.Save();
        canvas.ClipRect(plotRect.ToSKRect());
        plot.Render(canvas, plotRect);
        canvas.Restore();
    }
}
