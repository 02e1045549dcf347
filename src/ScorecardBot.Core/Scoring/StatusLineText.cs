using ScorecardBot.Core.Model;
using ScorecardBot.Core.Values;

namespace ScorecardBot.Core.Scoring;

/// <summary>
/// A target with where amber and red start, the way the KPI runs: "45 · amber below 42 · red below
/// 38" (higher is better), "3.0 % · amber above 3.2 % · red above 3.3 %" (lower is better),
/// "40–60 · amber below 40 or above 60 · red below 38 or above 62" (a band). The lines are
/// <see cref="StatusRules.Lines"/>; a value on a line still has the better status, so a line is
/// shown with as many decimals as it needs (up to two more than the KPI's) not to misstate it.
/// </summary>
public static class StatusLineText
{
    /// <summary>The target and its status lines.</summary>
    public static string Target(Target target, Kpi kpi, ValueFormatter formatter) =>
        $"{TargetValue(target, kpi, formatter)} · {Lines(target, kpi, formatter)}";

    /// <summary>The target alone: its value, or a band's edges.</summary>
    public static string TargetValue(Target target, Kpi kpi, ValueFormatter formatter) =>
        kpi.Direction == Direction.WithinBand && target.BandLow is { } low && target.BandHigh is { } high
            ? $"{Show(low, kpi, formatter)}–{Show(high, kpi, formatter)}"
            : Show(target.Value, kpi, formatter);

    /// <summary>"amber below 42 · red below 38", and the like for the KPI's direction.</summary>
    public static string Lines(Target target, Kpi kpi, ValueFormatter formatter)
    {
        var lines = StatusRules.Lines(target, kpi.Direction);
        string Line(decimal? value) => Show(value!.Value, kpi, formatter);
        var (amber, red) = kpi.Direction switch
        {
            Direction.HigherIsBetter => (Side("below", lines.AmberBelow, lines.RedBelow), $"red below {Line(lines.RedBelow)}"),
            Direction.LowerIsBetter => (Side("above", lines.AmberAbove, lines.RedAbove), $"red above {Line(lines.RedAbove)}"),
            _ => (Both(Side("below", lines.AmberBelow, lines.RedBelow), Side("above", lines.AmberAbove, lines.RedAbove)), $"red below {Line(lines.RedBelow)} or above {Line(lines.RedAbove)}"),
        };

        // Where amber and red start at the same line there is no amber: only red is said.
        return amber is null ? red : $"amber {amber} · {red}";

        string? Side(string side, decimal? amberLine, decimal? redLine) => amberLine == redLine ? null : $"{side} {Line(amberLine)}";
        static string? Both(string? below, string? above) => below is null ? above : above is null ? below : $"{below} or {above}";
    }

    private static string Show(decimal value, Kpi kpi, ValueFormatter formatter)
    {
        var decimals = Math.Clamp(kpi.Decimals, 0, 6);
        var most = decimals + 2;
        while (decimals < most && decimal.Round(value, decimals, MidpointRounding.AwayFromZero) != value)
        {
            decimals++;
        }

        return formatter.Format(value, kpi.Format, kpi.Unit, decimals);
    }
}
