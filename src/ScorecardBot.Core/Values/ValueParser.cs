using System.Globalization;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Values;

public enum ValueParseOutcome
{
    /// <summary>A number was read.</summary>
    Value = 0,
    /// <summary>The person said there is no data ("n/a", "no data", "-").</summary>
    NoData = 1,
    /// <summary>The text is not a value; <see cref="ValueParseResult.Error"/> says why.</summary>
    Invalid = 2,
}

/// <summary>What a typed value turned out to be: a number (in the KPI's unit), "no data", or an error message.</summary>
public sealed record ValueParseResult
{
    private ValueParseResult(ValueParseOutcome outcome, decimal? value, string? unit, string? error)
    {
        Outcome = outcome;
        Value = value;
        Unit = unit;
        Error = error;
    }

    public ValueParseOutcome Outcome { get; }

    /// <summary>The number, in the KPI's unit (durations converted to it, hours when it has none).</summary>
    public decimal? Value { get; }

    /// <summary>The unit the value is in when the text or the KPI said one ("%", "USD", "h", "t").</summary>
    public string? Unit { get; }

    /// <summary>A message for the person who typed it, naming what was wrong.</summary>
    public string? Error { get; }

    public bool IsValue => Outcome == ValueParseOutcome.Value;
    public bool IsNoData => Outcome == ValueParseOutcome.NoData;
    public bool IsInvalid => Outcome == ValueParseOutcome.Invalid;

    internal static ValueParseResult Number(decimal value, string? unit) => new(ValueParseOutcome.Value, value, unit, null);
    internal static ValueParseResult NoData() => new(ValueParseOutcome.NoData, null, null, null);
    internal static ValueParseResult Fail(string error) => new(ValueParseOutcome.Invalid, null, null, error);
}

/// <summary>
/// Reads values the way people type them, in the organization's culture: "1,234.5", "1.234,5",
/// "1.2k", "3.4M", "2bn", "95%", "$1,200", "1200 EUR", "(3)", "2h 30m", "n/a". The KPI's format
/// and unit decide what is acceptable: a currency that contradicts the KPI's is refused, a
/// duration is converted to the KPI's time unit. Whether a value is plausible (0.95 for a
/// percentage KPI) is checked elsewhere.
/// </summary>
public sealed class ValueParser
{
    private static readonly HashSet<string> NoDataWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "n/a", "na", "n.a.", "n.a", "no data", "nodata", "no value", "-", "–", "—", "--",
    };

    private static readonly (string Word, decimal Factor)[] Multipliers =
    [
        ("thousand", 1_000m), ("k", 1_000m),
        ("million", 1_000_000m), ("mio.", 1_000_000m), ("mio", 1_000_000m), ("mn", 1_000_000m), ("mm", 1_000_000m), ("m", 1_000_000m),
        ("billion", 1_000_000_000m), ("mrd.", 1_000_000_000m), ("mrd", 1_000_000_000m), ("bn", 1_000_000_000m), ("b", 1_000_000_000m),
    ];

    private readonly CultureInfo _culture;
    private readonly string? _defaultCurrency;

    /// <param name="culture">The organization's culture; it decides which of '.' and ',' marks decimals.</param>
    /// <param name="defaultCurrency">ISO code for currency KPIs whose unit names none (the organization's currency).</param>
    public ValueParser(CultureInfo culture, string? defaultCurrency = null)
    {
        _culture = culture;
        _defaultCurrency = defaultCurrency;
    }

    public const string Hint = "Type a value like 1,234.5, 1.2k, 95% or n/a.";

    /// <summary>Reads a value typed for a KPI.</summary>
    public ValueParseResult Parse(string? text, Kpi kpi) => Parse(text, kpi.Format, kpi.Unit);

    /// <summary>Reads a value typed for a KPI of the given format and unit.</summary>
    public ValueParseResult Parse(string? text, KpiFormat format = KpiFormat.Number, string? unit = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return ValueParseResult.Fail(Hint);
        }

        var shown = text.Trim();
        var s = Normalize(shown);
        if (NoDataWords.Contains(s))
        {
            return ValueParseResult.NoData();
        }

        var timeUnit = Durations.CanonicalUnit(unit);
        var isDurationKpi = format == KpiFormat.Duration || timeUnit is not null;
        if (isDurationKpi && ReadDuration(s, timeUnit) is { } duration)
        {
            return duration;
        }

        var negative = false;
        if (s.Length > 2 && s[0] == '(' && s[^1] == ')')
        {
            negative = true;
            s = s[1..^1].Trim();
        }

        // prefix: currency and sign in either order ("-$5", "$-5", "USD 5")
        var (currency, rest) = TakeCurrencyPrefix(s);
        if (rest.StartsWith('-') || rest.StartsWith('+'))
        {
            negative ^= rest[0] == '-';
            rest = rest[1..].TrimStart();
            if (currency is null)
            {
                (currency, rest) = TakeCurrencyPrefix(rest);
            }
        }

        var bodyLength = 0;
        while (bodyLength < rest.Length && NumberReader.IsBodyChar(rest[bodyLength]))
        {
            bodyLength++;
        }

        var body = rest[..bodyLength].TrimEnd();
        var suffix = rest[bodyLength..].Trim();
        if (!body.Any(char.IsAsciiDigit))
        {
            return Durations.LooksLikeDuration(s)
                ? ValueParseResult.Fail($"'{shown}' is a duration, but this KPI is {Describe(format, unit)}. Type a number.")
                : ValueParseResult.Fail($"'{shown}' is not a number. {Hint}");
        }

        var (number, problem) = NumberReader.Read(body, _culture);
        if (number is null)
        {
            return ValueParseResult.Fail($"'{shown}' is not a number: {problem}");
        }

        var value = number.Value;
        var percent = false;
        string? unitTyped = null;

        if (suffix.Length > 0 && unit is not null && string.Equals(suffix, unit.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            unitTyped = unit.Trim();
            suffix = "";
        }

        foreach (var (word, factor) in Multipliers)
        {
            if (suffix.StartsWith(word, StringComparison.OrdinalIgnoreCase) &&
                (suffix.Length == word.Length || !char.IsLetter(suffix[word.Length])))
            {
                value *= factor;
                suffix = suffix[word.Length..].TrimStart();
                break;
            }
        }

        if (suffix.StartsWith('%'))
        {
            percent = true;
            suffix = suffix[1..].TrimStart();
        }
        else if (suffix.Length > 0 && currency is null && Currencies.CodeOf(suffix) is { } suffixCurrency)
        {
            currency = suffixCurrency;
            suffix = "";
        }
        else if (suffix.Length > 0 && unit is not null && string.Equals(suffix, unit.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            unitTyped = unit.Trim();
            suffix = "";
        }

        if (suffix.Length > 0)
        {
            return Durations.LooksLikeDuration(s)
                ? ValueParseResult.Fail($"'{shown}' is a duration, but this KPI is {Describe(format, unit)}. Type a number.")
                : ValueParseResult.Fail($"'{shown}' is not a number: '{suffix}' is not a unit this KPI uses{UnitHint(format, unit)}.");
        }

        if (percent && format != KpiFormat.Percent && unit?.Trim() != "%")
        {
            return ValueParseResult.Fail($"'{shown}' is a percentage, but this KPI is {Describe(format, unit)}. Type the number alone.");
        }

        if (currency is not null)
        {
            var currencyProblem = CheckCurrency(currency, format, unit, shown);
            if (currencyProblem is not null)
            {
                return ValueParseResult.Fail(currencyProblem);
            }
        }

        if (negative)
        {
            value = -value;
        }

        var resultUnit = percent || format == KpiFormat.Percent ? "%"
            : format == KpiFormat.Currency ? ExpectedCurrency(unit) ?? (currency == "$" ? null : currency)
            : isDurationKpi ? timeUnit ?? "h"
            : unitTyped ?? unit?.Trim();
        return ValueParseResult.Number(value, string.IsNullOrEmpty(resultUnit) ? null : resultUnit);
    }

    private ValueParseResult? ReadDuration(string s, string? timeUnit)
    {
        var hours = Durations.ReadHours(s, _culture);
        if (hours is null)
        {
            return null;
        }

        var target = timeUnit ?? "h";
        var value = hours.Value / Durations.HoursPer(target);
        return ValueParseResult.Number(decimal.Round(value, 6), target);
    }

    private string? CheckCurrency(string typed, KpiFormat format, string? unit, string shown)
    {
        var expected = ExpectedCurrency(unit) ?? (format == KpiFormat.Currency ? _defaultCurrency : null);
        var typedName = typed == "$" ? "dollars" : typed;
        if (format != KpiFormat.Currency && !Currencies.IsCode(unit))
        {
            return $"'{shown}' is an amount of money, but this KPI is {Describe(format, unit)}. Type the number alone.";
        }

        if (expected is not null && !Currencies.Agrees(typed, expected))
        {
            return $"'{shown}' is in {typedName}, but this KPI is reported in {expected.ToUpperInvariant()}. Type the amount in {expected.ToUpperInvariant()}.";
        }

        return null;
    }

    private static string? ExpectedCurrency(string? unit) => Currencies.IsCode(unit?.Trim()) ? unit!.Trim().ToUpperInvariant() : null;

    private static (string? Currency, string Remainder) TakeCurrencyPrefix(string s)
    {
        foreach (var symbol in Currencies.Symbols)
        {
            if (s.StartsWith(symbol, StringComparison.Ordinal))
            {
                return (Currencies.CodeOf(symbol), s[symbol.Length..].TrimStart());
            }
        }

        // "USD 1200", "EUR1.200"
        if (s.Length > 3 && char.IsLetter(s[0]) && Currencies.IsCode(s[..3]) && !char.IsLetter(s[3]))
        {
            return (s[..3].ToUpperInvariant(), s[3..].TrimStart());
        }

        return (null, s);
    }

    private static string Normalize(string text)
    {
        var chars = text.Select(c => c switch
        {
            '\u2212' or '\u2012' or '\uFE63' or '\uFF0D' => '-', // minus signs people paste from documents
            '\u00A0' or '\u202F' or '\u2009' or '\u2007' => ' ',
            _ => c,
        });
        return string.Join(' ', new string([.. chars]).Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    private static string Describe(KpiFormat format, string? unit) => format switch
    {
        KpiFormat.Percent => "a percentage",
        KpiFormat.Currency => "an amount of money",
        KpiFormat.Duration => $"a duration{(unit is null ? "" : $" in {unit}")}",
        _ => unit is null or "" ? "a plain number" : $"a number in {unit}",
    };

    private static string UnitHint(KpiFormat format, string? unit) => format switch
    {
        KpiFormat.Percent => " (type 95 or 95%)",
        _ when unit is not null and not "" => $" (it is measured in {unit})",
        _ => "",
    };
}
