using System.Globalization;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Values;

/// <summary>
/// Writes a KPI's value for people, in the organization's culture: "95.0 %", "$1,200.0",
/// "1,234.5 t", "2h 30m", and compact forms for large numbers ("$1.2M", "3.4k").
/// </summary>
public sealed class ValueFormatter
{
    private readonly CultureInfo _culture;
    private readonly string? _defaultCurrency;

    /// <param name="culture">The organization's culture.</param>
    /// <param name="defaultCurrency">ISO code for currency KPIs whose unit names none.</param>
    public ValueFormatter(CultureInfo culture, string? defaultCurrency = null)
    {
        _culture = culture;
        _defaultCurrency = defaultCurrency;
    }

    /// <summary>What is shown when a KPI has no value.</summary>
    public const string NoDataText = "no data";

    /// <summary>A KPI's value with its unit and decimals; <see cref="NoDataText"/> when null.</summary>
    public string Format(decimal? value, Kpi kpi, bool compact = false) =>
        Format(value, kpi.Format, kpi.Unit, kpi.Decimals, compact);

    /// <summary>A value for a KPI of the given format, unit and decimals; <see cref="NoDataText"/> when null.</summary>
    public string Format(decimal? value, KpiFormat format, string? unit, int decimals, bool compact = false)
    {
        if (value is not { } v)
        {
            return NoDataText;
        }

        decimals = Math.Clamp(decimals, 0, 6);
        unit = string.IsNullOrWhiteSpace(unit) ? null : unit.Trim();
        return format switch
        {
            KpiFormat.Percent => $"{Number(v, decimals, compact)} %",
            KpiFormat.Currency => Money(v, unit, decimals, compact),
            KpiFormat.Duration => Duration(v, unit, decimals, compact),
            _ => WithUnit(Number(v, decimals, compact), unit),
        };
    }

    /// <summary>A number with the culture's grouping and the given decimals ("1,234.5").</summary>
    public string FormatNumber(decimal value, int decimals) =>
        decimal.Round(value, Math.Clamp(decimals, 0, 6), MidpointRounding.AwayFromZero)
            .ToString("N" + Math.Clamp(decimals, 0, 6).ToString(CultureInfo.InvariantCulture), _culture);

    /// <summary>
    /// A large number shortened: "950", "1.2k", "3.4M", "2bn" (at most one decimal, none when
    /// it is zero). Numbers below 1,000 keep <paramref name="decimals"/>.
    /// </summary>
    public string FormatCompact(decimal value, int decimals = 1)
    {
        var magnitude = Math.Abs(value);
        var (divisor, suffix) = magnitude switch
        {
            >= 1_000_000_000m => (1_000_000_000m, "bn"),
            >= 1_000_000m => (1_000_000m, "M"),
            >= 1_000m => (1_000m, "k"),
            _ => (1m, ""),
        };

        if (divisor == 1m)
        {
            return FormatNumber(value, decimals);
        }

        var scaled = decimal.Round(value / divisor, 1, MidpointRounding.AwayFromZero);
        // 999,950 rounds to 1000.0k; say 1M instead.
        if (Math.Abs(scaled) >= 1000m && suffix != "bn")
        {
            return FormatCompact(scaled * divisor, decimals);
        }

        return scaled.ToString(scaled == decimal.Truncate(scaled) ? "#,0" : "#,0.0", _culture) + suffix;
    }

    /// <summary>Hours as "2h 30m", "45m", "3h"; rounded to whole minutes.</summary>
    public static string FormatDuration(decimal hours)
    {
        var totalMinutes = (long)decimal.Round(Math.Abs(hours) * 60m, 0, MidpointRounding.AwayFromZero);
        var sign = hours < 0 && totalMinutes > 0 ? "-" : "";
        var h = totalMinutes / 60;
        var m = totalMinutes % 60;
        var text = (h, m) switch
        {
            (0, _) => $"{m}m",
            (_, 0) => $"{h}h",
            _ => $"{h}h {m}m",
        };
        return sign + text;
    }

    private string Number(decimal value, int decimals, bool compact) =>
        compact && Math.Abs(value) >= 1_000m ? FormatCompact(value, decimals) : FormatNumber(value, decimals);

    private string Money(decimal value, string? unit, int decimals, bool compact)
    {
        var code = Currencies.IsCode(unit) ? unit!.ToUpperInvariant() : _defaultCurrency?.ToUpperInvariant();
        var amount = Number(Math.Abs(value), decimals, compact);
        var sign = value < 0 && amount.Any(c => c is >= '1' and <= '9') ? _culture.NumberFormat.NegativeSign : "";
        if (code is null)
        {
            return sign + amount;
        }

        if (!Currencies.HasSymbol(code))
        {
            return $"{sign}{amount} {code}";
        }

        var symbol = Currencies.SymbolOf(code);
        return _culture.NumberFormat.CurrencyPositivePattern switch
        {
            1 => $"{sign}{amount}{symbol}",
            2 => $"{sign}{symbol} {amount}",
            3 => $"{sign}{amount} {symbol}",
            _ => $"{sign}{symbol}{amount}",
        };
    }

    private string Duration(decimal value, string? unit, int decimals, bool compact)
    {
        var canonical = Durations.CanonicalUnit(unit) ?? "h";
        return canonical switch
        {
            "h" => FormatDuration(value),
            "min" => FormatDuration(value / 60m),
            _ => WithUnit(Number(value, decimals, compact), canonical == "s" ? "s" : unit),
        };
    }

    private static string WithUnit(string number, string? unit) => unit is null ? number : $"{number} {unit}";
}
