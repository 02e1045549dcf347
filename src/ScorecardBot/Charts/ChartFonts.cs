using ScottPlot;
using SkiaSharp;

namespace ScorecardBot.Charts;

/// <summary>
/// The typefaces of every chart, loaded from the assembly rather than the machine: server images
/// often carry no fonts at all, and the same font everywhere makes the PNG bytes repeatable.
/// </summary>
internal static class ChartFonts
{
    /// <summary>The family name under which ScottPlot finds the embedded typefaces.</summary>
    public const string Family = "Scorecard Sans";

    private static readonly SKTypeface RegularFace = Load("DejaVuSans.ttf");
    private static readonly SKTypeface BoldFace = Load("DejaVuSans-Bold.ttf");

    static ChartFonts()
    {
        lock (Fonts.FontResolvers)
        {
            Fonts.FontResolvers.Insert(0, new EmbeddedFontResolver());
        }
    }

    public static SKTypeface Regular => RegularFace;
    public static SKTypeface Bold => BoldFace;

    /// <summary>Makes sure ScottPlot knows <see cref="Family"/> before a plot is built.</summary>
    public static void EnsureRegistered()
    {
        // Touching the class runs the static constructor once; nothing else to do.
    }

    private static SKTypeface Load(string file)
    {
        var name = $"{typeof(ChartFonts).Namespace}.Fonts.{file}";
        using var stream = typeof(ChartFonts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The chart font resource '{name}' is missing from the assembly.");
        using var data = SKData.Create(stream);
        return SKTypeface.FromData(data)
            ?? throw new InvalidOperationException($"The chart font resource '{name}' is not a font Skia can read.");
    }

    private sealed class EmbeddedFontResolver : IFontResolver
    {
        public SKTypeface CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing) =>
            CreateTypeface(fontName, weight >= FontWeight.SemiBold, slant != FontSlant.Upright);

        // ScottPlot asks every resolver in turn and takes the first non-null answer.
        public SKTypeface CreateTypeface(string fontName, bool bold, bool italic) =>
            string.Equals(fontName, Family, StringComparison.Ordinal) ? (bold ? BoldFace : RegularFace) : null!;
    }
}
