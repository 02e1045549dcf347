using SkiaSharp;

namespace ScorecardBot.Charts;

/// <summary>Text layout and PNG output shared by the pictures drawn straight on a Skia canvas.</summary>
internal static class SkiaDrawing
{
    private const string Ellipsis = "...";

    public static SKFont Font(bool bold, float size) => new(bold ? ChartFonts.Bold : ChartFonts.Regular, size)
    {
        Edging = SKFontEdging.Antialias,
        Subpixel = true,
    };

    public static SKPaint Fill(SKColor color) => new() { Color = color, IsAntialias = true, Style = SKPaintStyle.Fill };

    public static SKPaint Stroke(SKColor color, float width) => new()
    {
        Color = color,
        IsAntialias = true,
        Style = SKPaintStyle.Stroke,
        StrokeWidth = width,
        StrokeCap = SKStrokeCap.Round,
        StrokeJoin = SKStrokeJoin.Round,
    };

    /// <summary>Shortens <paramref name="text"/> with an ellipsis until it fits <paramref name="maxWidth"/>.</summary>
    public static string Fit(string text, SKFont font, float maxWidth)
    {
        text = Clean(text);
        if (font.MeasureText(text) <= maxWidth)
        {
            return text;
        }

        var end = text.Length;
        while (end > 0 && font.MeasureText(string.Concat(text.AsSpan(0, end).TrimEnd(), Ellipsis)) > maxWidth)
        {
            end--;
        }

        return end == 0 ? Ellipsis : string.Concat(text.AsSpan(0, end).TrimEnd(), Ellipsis);
    }

    /// <summary>
    /// Breaks <paramref name="text"/> into lines no wider than <paramref name="maxWidth"/>, at spaces
    /// where it can and inside a word only when the word alone is too wide; the last allowed line
    /// ends with an ellipsis when text is left over.
    /// </summary>
    public static IReadOnlyList<string> Wrap(string text, SKFont font, float maxWidth, int maxLines)
    {
        var lines = new List<string>();
        var current = string.Empty;
        foreach (var word in Clean(text).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = current.Length == 0 ? word : current + " " + word;
            if (font.MeasureText(candidate) <= maxWidth)
            {
                current = candidate;
                continue;
            }

            if (current.Length > 0)
            {
                lines.Add(current);
            }

            current = word;
            while (font.MeasureText(current) > maxWidth && current.Length > 1)
            {
                var cut = current.Length - 1;
                while (cut > 1 && font.MeasureText(current[..cut]) > maxWidth)
                {
                    cut--;
                }

                lines.Add(current[..cut]);
                current = current[cut..];
            }
        }

        if (current.Length > 0)
        {
            lines.Add(current);
        }

        if (lines.Count <= maxLines)
        {
            return lines;
        }

        var kept = lines.Take(maxLines).ToList();
        kept[^1] = Fit(kept[^1] + " " + lines[maxLines], font, maxWidth);
        if (!kept[^1].EndsWith(Ellipsis, StringComparison.Ordinal))
        {
            kept[^1] = Fit(kept[^1] + Ellipsis + Ellipsis, font, maxWidth);
        }

        return kept;
    }

    /// <summary>Control characters and line breaks would draw as boxes; names are one line of text.</summary>
    private static string Clean(string text) =>
        string.Join(' ', new string([.. text.Select(c => char.IsControl(c) ? ' ' : c)]).Split(' ', StringSplitOptions.RemoveEmptyEntries));

    public static byte[] EncodePng(SKSurface surface)
    {
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
