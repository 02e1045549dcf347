using System.Globalization;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Charts;

/// <summary>Writes KPI values the way the axis and labels of a chart show them ("95%", "€1.2M", "3.5").</summary>
internal static class KpiValueFormat
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A tick label: short, unit-aware, with no more decimals than the value has.</summary>
    public static string Tick(double value, KpiFormat format, string? unit) => Compose(Compact(value, "0.##"), value, format, unit, withUnit: false);

    /// <summary>A value printed beside a chart, with the KPI's decimals and its unit.</summary>
    public static string Value(decimal value, KpiFormat format, string? unit, int decimals)
    {
        var pattern = decimals <= 0 ? "#,0" : "#,0." + new string('0', Math.Min(decimals, 6));
        var number = Math.Abs(value) >= 10_000 ? Compact((double)value, "0.#") : Math.Abs(value).ToString(pattern, Invariant);
        return Compose(number, (double)value, format, unit, withUnit: true);
    }

    /// <summary>The axis title that names the unit when the tick labels do not carry it.</summary>
    public static string? AxisTitle(KpiFormat format, string? unit) => format switch
    {
        KpiFormat.Percent => null,
        KpiFormat.Currency when CurrencySymbol(unit) is not null => null,
        _ => string.IsNullOrWhiteSpace(unit) ? null : unit.Trim(),
    };

    private static string Compose(string absolute, double value, KpiFormat format, string? unit, bool withUnit)
    {
        var sign = value < 0 ? "-" : string.Empty;
        switch (format)
        {
            case KpiFormat.Percent:
                return $"{sign}{absolute}%";
            case KpiFormat.Currency:
                var symbol = CurrencySymbol(unit);
                if (symbol is not null)
                {
                    return $"{sign}{symbol}{absolute}";
                }

                return withUnit && !string.IsNullOrWhiteSpace(unit) ? $"{sign}{absolute} {unit.Trim()}" : sign + absolute;
            default:
                return withUnit && !string.IsNullOrWhiteSpace(unit) ? $"{sign}{absolute} {unit.Trim()}" : sign + absolute;
        }
    }

    private static string Compact(double value, string pattern)
    {
        var abs = Math.Abs(value);
        return abs switch
        {
            >= 1e9 => (abs / 1e9).ToString(pattern, Invariant) + "B",
            >= 1e6 => (abs / 1e6).ToString(pattern, Invariant) + "M",
            >= 1e4 => (abs / 1e3).ToString(pattern, Invariant) + "k",
            >= 1e3 => abs.ToString("#,0.##", Invariant),
            _ => abs.ToString(pattern, Invariant),
        };
    }

    private static string? CurrencySymbol(string? isoCode) => isoCode?.Trim().ToUpperInvariant() switch
    {
        "EUR" or "€" => "€",
        "USD" or "$" => "$",
        "GBP" or "£" => "£",
        "JPY" or "¥" => "¥",
        "CHF" => "CHF ",
        _ => null,
    };

    /// <summary>"Oct 26" for months, "Q1 FY27" for quarters, "FY27" for years.</summary>
    public static string PeriodLabel(Period period) => period.Kind switch
    {
        PeriodKind.Month => new DateTime(period.Year, period.Number, 1).ToString("MMM yy", Invariant),
        PeriodKind.Quarter => string.Create(Invariant, $"Q{period.Number} FY{period.Year % 100:D2}"),
        _ => string.Create(Invariant, $"FY{period.Year % 100:D2}"),
    };
}
