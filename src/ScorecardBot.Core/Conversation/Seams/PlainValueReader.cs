using System.Globalization;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Conversation.Seams;

/// <summary>
/// Reads values the way owners type them: with the locale's separators, an optional unit or
/// percent sign, a k/m/bn suffix, and "n/a" for no data. A percent sign on a KPI that is not a
/// percentage is refused rather than silently dropped.
/// </summary>
internal sealed class PlainValueReader : IKpiValueReader
{
    private static readonly string[] NoDataWords = ["n/a", "na", "n.a.", "none", "no data", "nodata", "-", "—", "tbd"];

    public ValueReading Read(string text, Kpi kpi, CultureInfo culture)
    {
        var s = (text ?? string.Empty).Trim();
        if (s.Length == 0)
        {
            return ValueReading.Invalid("Type a value.");
        }

        if (NoDataWords.Contains(s.ToLowerInvariant()))
        {
            return ValueReading.NoData;
        }

        var percent = false;
        if (s.EndsWith('%'))
        {
            percent = true;
            s = s[..^1].TrimEnd();
        }

        if (!string.IsNullOrEmpty(kpi.Unit) && kpi.Unit != "%" && s.EndsWith(kpi.Unit, StringComparison.OrdinalIgnoreCase))
        {
            s = s[..^kpi.Unit.Length].TrimEnd();
        }

        s = s.TrimStart('$', '€', '£', '¥').Trim();
        var multiplier = 1m;
        var lower = s.ToLowerInvariant();
        if (lower.EndsWith("bn", StringComparison.Ordinal))
        {
            multiplier = 1_000_000_000m;
            s = s[..^2];
        }
        else if (lower.Length > 1 && lower[^1] is 'k' or 'm' or 'b' && char.IsDigit(lower[^2]) || lower.Length > 1 && lower[^1] is 'k' or 'm' or 'b' && lower[^2] == ' ')
        {
            multiplier = lower[^1] switch { 'k' => 1_000m, 'm' => 1_000_000m, _ => 1_000_000_000m };
            s = s[..^1];
        }

        s = s.Trim().Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\u00a0", string.Empty, StringComparison.Ordinal);
        if (!decimal.TryParse(s, NumberStyles.Number, culture, out var value))
        {
            return ValueReading.Invalid($"\"{text!.Trim()}\" is not a number. Type a value like {Example(kpi, culture)}, or n/a when there is no data.");
        }

        if (percent && kpi.Format != KpiFormat.Percent && kpi.Unit != "%")
        {
            return ValueReading.Invalid($"{kpi.Name} is measured in {kpi.Unit ?? "plain numbers"}, not percent.");
        }

        return ValueReading.Number(value * multiplier);
    }

    private static string Example(Kpi kpi, CultureInfo culture) =>
        (kpi.Format == KpiFormat.Percent ? 94.5m : 1250.5m).ToString("0.0", culture) + (kpi.Format == KpiFormat.Percent ? "%" : string.Empty);
}
