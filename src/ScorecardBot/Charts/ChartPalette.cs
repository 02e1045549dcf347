using ScorecardBot.Core.Model;
using SkiaSharp;

namespace ScorecardBot.Charts;

/// <summary>The colours of every chart, so a red KPI is the same red in a trend, a grid and a map.</summary>
internal static class ChartPalette
{
    public static readonly SKColor Green = new(0x2E, 0x7D, 0x32);
    public static readonly SKColor Amber = new(0xF9, 0xA8, 0x25);
    public static readonly SKColor Red = new(0xC6, 0x28, 0x28);
    public static readonly SKColor NoData = new(0x9E, 0x9E, 0x9E);

    public static readonly SKColor Ink = new(0x21, 0x21, 0x21);
    public static readonly SKColor MutedInk = new(0x61, 0x61, 0x61);
    public static readonly SKColor ActualLine = new(0x37, 0x47, 0x4F);
    public static readonly SKColor TargetLine = new(0x15, 0x65, 0xC0);
    public static readonly SKColor Grid = new(0xE6, 0xE9, 0xED);
    public static readonly SKColor Background = SKColors.White;
    public static readonly SKColor Link = new(0x54, 0x6E, 0x7A);

    public static SKColor For(Status status) => status switch
    {
        Status.Green => Green,
        Status.Amber => Amber,
        Status.Red => Red,
        _ => NoData,
    };

    /// <summary>A pale version of the status colour for fills behind dark text.</summary>
    public static SKColor Tint(Status status, float strength = 0.14f) => Mix(Background, For(status), strength);

    public static string Label(Status status) => status switch
    {
        Status.Green => "On track",
        Status.Amber => "At risk",
        Status.Red => "Off track",
        _ => "No data",
    };

    public static SKColor Mix(SKColor a, SKColor b, float fractionOfB) => new(
        (byte)Math.Round(a.Red + ((b.Red - a.Red) * fractionOfB)),
        (byte)Math.Round(a.Green + ((b.Green - a.Green) * fractionOfB)),
        (byte)Math.Round(a.Blue + ((b.Blue - a.Blue) * fractionOfB)));

    public static ScottPlot.Color ToPlot(this SKColor color) => new(color.Red, color.Green, color.Blue, color.Alpha);
}
