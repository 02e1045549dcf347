using System.Globalization;
using ScorecardBot.Core.Model;
using SkiaSharp;

namespace ScorecardBot.Charts;

/// <summary>
/// The strategy map: one horizontal band per perspective, objectives as boxes coloured by
/// status, and the cause→effect arrows between them.
/// </summary>
public static class StrategyMapPicture
{
    public const int MinWidth = 640;
    public const int DefaultWidth = 1280;

    private static readonly SKColor[] BandFills = [new(0xF7, 0xF9, 0xFB), new(0xEE, 0xF2, 0xF6)];
    private static readonly SKColor BandLine = new(0xDD, 0xE3, 0xEA);

    /// <summary>Renders the map <paramref name="width"/> pixels wide; the height follows from the content.</summary>
    public static byte[] Render(StrategyMapModel model, int width = DefaultWidth) => Draw(model, width).Png;

    internal static (byte[] Png, StrategyMapLayout Layout) Draw(StrategyMapModel model, int width = DefaultWidth)
    {
        if (width is < MinWidth or > ChartSize.MaxSide)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"A strategy map is {MinWidth} to {ChartSize.MaxSide} pixels wide; {width} was asked for.");
        }

        ChartFonts.EnsureRegistered();
        var layout = StrategyMapLayout.Compute(model, width);
        using var surface = SKSurface.Create(new SKImageInfo(layout.Width, layout.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(ChartPalette.Background);

        DrawTitle(canvas, model, layout);
        DrawBands(canvas, layout);
        foreach (var arrow in layout.Arrows)
        {
            DrawArrow(canvas, arrow.Points, arrow.Horizontal, ChartPalette.Link, 1.8f);
        }

        foreach (var box in layout.Boxes.Values)
        {
            DrawBox(canvas, box);
        }

        DrawLegend(canvas, layout);
        return (SkiaDrawing.EncodePng(surface), layout);
    }

    private static void DrawTitle(SKCanvas canvas, StrategyMapModel model, StrategyMapLayout layout)
    {
        using var titleFont = SkiaDrawing.Font(true, 22);
        using var subtitleFont = SkiaDrawing.Font(false, 14);
        using var ink = SkiaDrawing.Fill(ChartPalette.Ink);
        using var muted = SkiaDrawing.Fill(ChartPalette.MutedInk);
        var maxWidth = layout.Width - (2 * StrategyMapLayout.Margin);
        canvas.DrawText(SkiaDrawing.Fit(model.Title, titleFont, maxWidth), StrategyMapLayout.Margin, layout.TitleTop + 22, SKTextAlign.Left, titleFont, ink);
        if (model.Subtitle is not null)
        {
            canvas.DrawText(SkiaDrawing.Fit(model.Subtitle, subtitleFont, maxWidth), StrategyMapLayout.Margin, layout.TitleTop + 46, SKTextAlign.Left, subtitleFont, muted);
        }
    }

    private static void DrawBands(SKCanvas canvas, StrategyMapLayout layout)
    {
        using var labelFont = SkiaDrawing.Font(true, 15);
        using var emptyFont = SkiaDrawing.Font(false, 13);
        using var labelInk = SkiaDrawing.Fill(new SKColor(0x37, 0x47, 0x4F));
        using var muted = SkiaDrawing.Fill(ChartPalette.MutedInk);
        using var line = SkiaDrawing.Stroke(BandLine, 1);
        for (var b = 0; b < layout.Bands.Count; b++)
        {
            var band = layout.Bands[b];
            using (var fill = SkiaDrawing.Fill(BandFills[b % 2]))
            {
                canvas.DrawRect(band.Rect, fill);
            }

            canvas.DrawLine(band.Rect.Left, band.Rect.Top, band.Rect.Right, band.Rect.Top, line);
            var textTop = band.Rect.MidY - ((band.Label.Count * 19f) / 2) + 14;
            for (var i = 0; i < band.Label.Count; i++)
            {
                canvas.DrawText(band.Label[i], band.Rect.Left + 14, textTop + (i * 19), SKTextAlign.Left, labelFont, labelInk);
            }

            if (band.Perspective.Objectives.Count == 0)
            {
                var centre = (band.Rect.Left + StrategyMapLayout.LabelWidth(layout.Width) + band.Rect.Right) / 2;
                canvas.DrawText("No objectives", centre, band.Rect.MidY + 5, SKTextAlign.Center, emptyFont, muted);
            }
        }

        if (layout.Bands.Count > 0)
        {
            var last = layout.Bands[^1].Rect;
            canvas.DrawLine(last.Left, last.Bottom, last.Right, last.Bottom, line);
        }
    }

    private static void DrawBox(SKCanvas canvas, MapBox box)
    {
        var status = box.Objective.Status;
        var colour = ChartPalette.For(status);
        var rounded = new SKRoundRect(box.Rect, 8);
        using (var shadow = SkiaDrawing.Fill(new SKColor(0, 0, 0, 18)))
        {
            canvas.DrawRoundRect(new SKRoundRect(SKRect.Create(box.Rect.Left + 1, box.Rect.Top + 2, box.Rect.Width, box.Rect.Height), 8), shadow);
        }

        using (var fill = SkiaDrawing.Fill(ChartPalette.Tint(status, 0.10f)))
        using (var header = SkiaDrawing.Fill(colour))
        {
            canvas.DrawRoundRect(rounded, fill);
            canvas.Save();
            canvas.ClipRoundRect(rounded, antialias: true);
            canvas.DrawRect(new SKRect(box.Rect.Left, box.Rect.Top, box.Rect.Right, box.Rect.Top + StrategyMapLayout.HeaderHeight), header);
            canvas.Restore();
        }

        using (var outline = SkiaDrawing.Stroke(colour, 2))
        {
            canvas.DrawRoundRect(rounded, outline);
        }

        // Dark text on amber, white on the darker colours: both keep a readable contrast.
        var headerInk = status == Status.Amber ? ChartPalette.Ink : SKColors.White;
        using (var headerFont = SkiaDrawing.Font(true, 11))
        using (var headerPaint = SkiaDrawing.Fill(headerInk))
        {
            var baseline = box.Rect.Top + 14.5f;
            var scoreWidth = 0f;
            if (box.Objective.Score is { } score)
            {
                var text = Math.Round(score, 0, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture);
                canvas.DrawText(text, box.Rect.Right - 8, baseline, SKTextAlign.Right, headerFont, headerPaint);
                scoreWidth = headerFont.MeasureText(text) + 8;
            }

            // The colour says the status too, so a label with no room is left out rather than cut.
            var label = ChartPalette.Label(status).ToUpperInvariant();
            if (headerFont.MeasureText(label) <= box.Rect.Width - 16 - scoreWidth)
            {
                canvas.DrawText(label, box.Rect.Left + 8, baseline, SKTextAlign.Left, headerFont, headerPaint);
            }
        }

        using var nameFont = SkiaDrawing.Font(false, StrategyMapLayout.NameFontSize);
        using var ink = SkiaDrawing.Fill(ChartPalette.Ink);
        var bodyTop = box.Rect.Top + StrategyMapLayout.HeaderHeight;
        var bodyMid = (bodyTop + box.Rect.Bottom) / 2;
        var firstBaseline = bodyMid - ((box.Lines.Count * StrategyMapLayout.LineHeight) / 2) + 13.5f;
        for (var i = 0; i < box.Lines.Count; i++)
        {
            canvas.DrawText(box.Lines[i], box.Rect.MidX, firstBaseline + (i * StrategyMapLayout.LineHeight), SKTextAlign.Center, nameFont, ink);
        }
    }

    /// <summary>Joins the points with S-curves that leave and arrive vertically (or sideways), and puts a head on the last.</summary>
    private static void DrawArrow(SKCanvas canvas, IReadOnlyList<SKPoint> points, bool horizontal, SKColor colour, float width)
    {
        const float HeadLength = 10;
        const float HeadWidth = 9;
        using var path = new SKPath();
        path.MoveTo(points[0]);
        var before = points[0];
        for (var i = 1; i < points.Count; i++)
        {
            var (a, b) = (points[i - 1], points[i]);
            if (Math.Abs(a.X - b.X) < 0.5f || Math.Abs(a.Y - b.Y) < 0.5f)
            {
                path.LineTo(b);
                before = a;
            }
            else if (horizontal)
            {
                var midX = (a.X + b.X) / 2;
                path.CubicTo(midX, a.Y, midX, b.Y, b.X, b.Y);
                before = new SKPoint(midX, b.Y);
            }
            else
            {
                var midY = (a.Y + b.Y) / 2;
                path.CubicTo(a.X, midY, b.X, midY, b.X, b.Y);
                before = new SKPoint(b.X, midY);
            }
        }

        var tip = points[^1];
        var direction = tip - before;
        var length = direction.Length;
        var unit = length < 0.01f ? new SKPoint(0, -1) : new SKPoint(direction.X / length, direction.Y / length);
        using (var stroke = SkiaDrawing.Stroke(colour, width))
        {
            canvas.DrawPath(path, stroke);
        }

        var back = new SKPoint(tip.X - (unit.X * HeadLength), tip.Y - (unit.Y * HeadLength));
        var normal = new SKPoint(-unit.Y * HeadWidth / 2, unit.X * HeadWidth / 2);
        using var head = new SKPath();
        head.MoveTo(tip);
        head.LineTo(back + normal);
        head.LineTo(back - normal);
        head.Close();
        using var fill = SkiaDrawing.Fill(colour);
        canvas.DrawPath(head, fill);
    }

    private static void DrawLegend(SKCanvas canvas, StrategyMapLayout layout)
    {
        using var font = SkiaDrawing.Font(false, 13);
        using var ink = SkiaDrawing.Fill(ChartPalette.Ink);
        var x = StrategyMapLayout.Margin + 4;
        var y = layout.LegendTop;
        foreach (var status in new[] { Status.Green, Status.Amber, Status.Red, Status.NoData })
        {
            using var chip = SkiaDrawing.Fill(ChartPalette.For(status));
            canvas.DrawRoundRect(new SKRoundRect(SKRect.Create(x, y, 14, 14), 3), chip);
            var label = ChartPalette.Label(status);
            canvas.DrawText(label, x + 20, y + 12, SKTextAlign.Left, font, ink);
            x += 20 + font.MeasureText(label) + 26;
        }

        DrawArrow(canvas, [new SKPoint(x, y + 7), new SKPoint(x + 34, y + 7)], horizontal: true, ChartPalette.Link, 1.8f);
        canvas.DrawText("cause and effect", x + 42, y + 12, SKTextAlign.Left, font, ink);
    }
}
