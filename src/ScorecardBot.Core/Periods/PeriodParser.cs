using System.Globalization;
using System.Text.RegularExpressions;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Periods;

/// <summary>What a typed period turned out to be: a period, or a message saying why it is not one.</summary>
public sealed record PeriodParseResult
{
    private PeriodParseResult(Period? period, bool toDate, string? error)
    {
        Period = period;
        ToDate = toDate;
        Error = error;
    }

    /// <summary>The period read; null when <see cref="Error"/> is set.</summary>
    public Period? Period { get; }

    /// <summary>
    /// "ytd" / "qtd": the period only up to and including the current month
    /// (see <see cref="FiscalCalendar.YearToDate"/>), not the whole of it.
    /// </summary>
    public bool ToDate { get; }

    /// <summary>A message for the person who typed it, naming what was wrong.</summary>
    public string? Error { get; }

    public bool IsSuccess => Error is null;

    internal static PeriodParseResult Ok(Period period, bool toDate = false) => new(period, toDate, null);

    internal static PeriodParseResult Fail(string error) => new(null, false, error);
}

/// <summary>
/// Reads periods the way people type them ("Oct", "last month", "q3 2026", "FY2027-Q1", "ytd"),
/// relative to the current month and the organization's fiscal calendar.
/// </summary>
/// <remarks>
/// A bare month or quarter ("Oct", "Q3") means its most recent occurrence that is not in the
/// future. A year after a quarter ("q3 2026") is the fiscal year; a year after a month
/// ("oct 2026") is the calendar year, since months are calendar months.
/// </remarks>
public sealed partial class PeriodParser
{
    private static readonly string[] EnglishMonths =
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    private static readonly Dictionary<string, Relative> Phrases = new(StringComparer.Ordinal)
    {
        ["this month"] = Relative.ThisMonth,
        ["current month"] = Relative.ThisMonth,
        ["last month"] = Relative.LastMonth,
        ["previous month"] = Relative.LastMonth,
        ["prev month"] = Relative.LastMonth,
        ["prior month"] = Relative.LastMonth,
        ["this quarter"] = Relative.ThisQuarter,
        ["current quarter"] = Relative.ThisQuarter,
        ["last quarter"] = Relative.LastQuarter,
        ["previous quarter"] = Relative.LastQuarter,
        ["prev quarter"] = Relative.LastQuarter,
        ["prior quarter"] = Relative.LastQuarter,
        ["this year"] = Relative.ThisYear,
        ["current year"] = Relative.ThisYear,
        ["this fiscal year"] = Relative.ThisYear,
        ["last year"] = Relative.LastYear,
        ["previous year"] = Relative.LastYear,
        ["last fiscal year"] = Relative.LastYear,
        ["ytd"] = Relative.YearToDate,
        ["year to date"] = Relative.YearToDate,
        ["year-to-date"] = Relative.YearToDate,
        ["qtd"] = Relative.QuarterToDate,
        ["quarter to date"] = Relative.QuarterToDate,
        ["quarter-to-date"] = Relative.QuarterToDate,
    };

    private readonly FiscalCalendar _calendar;
    private readonly List<(string Name, int Month)> _monthNames;

    /// <param name="calendar">The organization's fiscal calendar.</param>
    /// <param name="culture">Month names of this culture are read besides the English ones ("Okt", "März").</param>
    public PeriodParser(FiscalCalendar calendar, CultureInfo? culture = null)
    {
        _calendar = calendar;
        _monthNames = [.. EnglishMonths.Select((n, i) => (n, i + 1))];
        if (culture is not null && culture.TwoLetterISOLanguageName != "en")
        {
            var format = culture.DateTimeFormat;
            for (var i = 0; i < 12; i++)
            {
                foreach (var name in new[] { format.MonthNames[i], format.AbbreviatedMonthNames[i], format.MonthGenitiveNames[i] })
                {
                    var clean = name.Trim().TrimEnd('.').ToLower(culture);
                    if (clean.Length > 0)
                    {
                        _monthNames.Add((clean, i + 1));
                    }
                }
            }
        }
    }

    /// <summary>The longest phrase <see cref="TryParseLeading"/> looks at.</summary>
    public const int MaxTokens = 3;

    /// <summary>Reads a whole text as a period, relative to the current month <paramref name="now"/>.</summary>
    public PeriodParseResult Parse(string? text, Period now)
    {
        RequireMonth(now);
        var tokens = Tokenize(text);
        if (tokens.Length == 0)
        {
            return PeriodParseResult.Fail($"Type a period. {Examples(now)}");
        }

        return ParseTokens(tokens, now, string.Join(' ', text!.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))) ?? PeriodParseResult.Fail($"'{text!.Trim()}' is not a period. {Examples(now)}");
    }

    /// <summary>Reads a whole text as a period relative to the month <paramref name="now"/> falls in.</summary>
    public PeriodParseResult Parse(string? text, DateTimeOffset now) => Parse(text, _calendar.MonthOf(now));

    /// <summary>
    /// Finds a period at the start of <paramref name="tokens"/> (from <paramref name="start"/>):
    /// the longest run of up to <paramref name="maxTokens"/> tokens that reads as a valid period.
    /// Used by command grammars with an optional period ("actual otd last month 94").
    /// </summary>
    /// <returns>True with the period and the number of tokens it took; false when the tokens there are no period.</returns>
    public bool TryParseLeading(IReadOnlyList<string> tokens, int start, Period now, out Period period, out int tokenCount, int maxTokens = MaxTokens)
    {
        RequireMonth(now);
        for (var count = Math.Min(maxTokens, tokens.Count - start); count >= 1; count--)
        {
            var slice = new string[count];
            for (var i = 0; i < count; i++)
            {
                slice[i] = tokens[start + i].ToLowerInvariant();
            }

            var result = ParseTokens(slice, now, string.Join(' ', slice));
            if (result is { IsSuccess: true, ToDate: false, Period: { } found })
            {
                period = found;
                tokenCount = count;
                return true;
            }
        }

        period = default;
        tokenCount = 0;
        return false;
    }

    /// <summary>Null when the tokens do not look like a period at all; an error when they look like one but are invalid.</summary>
    private PeriodParseResult? ParseTokens(string[] tokens, Period now, string display)
    {
        var joined = string.Join(' ', tokens);
        if (Phrases.TryGetValue(joined, out var relative))
        {
            return Resolve(relative, now);
        }

        if (tokens.Length == 1)
        {
            return ParseSingle(tokens[0], now, display);
        }

        if (tokens.Length == 2)
        {
            // "oct 2026", "q3 2026", "q3 fy2027", "fy2027 q1", "fy 2027"
            if (MonthByName(tokens[0]) is { } m && YearOf(tokens[1]) is { } y)
            {
                return MonthOf(y, m, display);
            }

            if (QuarterToken().Match(tokens[0]) is { Success: true } q && FiscalYearToken(tokens[1]) is { } fy)
            {
                return QuarterOf(fy, int.Parse(q.Groups[1].Value, CultureInfo.InvariantCulture), display);
            }

            if (FiscalYearToken(tokens[0]) is { } fy2 && QuarterToken().Match(tokens[1]) is { Success: true } q2)
            {
                return QuarterOf(fy2, int.Parse(q2.Groups[1].Value, CultureInfo.InvariantCulture), display);
            }

            if (tokens[0] == "fy" && YearOf(tokens[1]) is { } fy3)
            {
                return YearOf(fy3, display);
            }
        }

        return null;
    }

    private PeriodParseResult? ParseSingle(string token, Period now, string display)
    {
        if (Model.Period.TryParse(token, out var canonical))
        {
            return PeriodParseResult.Ok(canonical);
        }

        if (MonthByName(token) is { } bare)
        {
            return PeriodParseResult.Ok(Model.Period.Month(bare <= now.Number ? now.Year : now.Year - 1, bare));
        }

        if (NumericMonth().Match(token) is { Success: true } nm)
        {
            var first = int.Parse(nm.Groups[1].Value, CultureInfo.InvariantCulture);
            var second = int.Parse(nm.Groups[2].Value, CultureInfo.InvariantCulture);
            var yearFirst = nm.Groups[1].Length == 4;
            if (yearFirst == (nm.Groups[2].Length == 4))
            {
                return null;
            }

            return yearFirst ? MonthOf(first, second, display) : MonthOf(second, first, display);
        }

        if (NamedMonthWithYear().Match(token) is { Success: true } nmy && MonthByName(nmy.Groups[1].Value) is { } month)
        {
            return MonthOf(int.Parse(nmy.Groups[2].Value, CultureInfo.InvariantCulture), month, display);
        }

        if (QuarterToken().Match(token) is { Success: true } q)
        {
            var number = int.Parse(q.Groups[1].Value, CultureInfo.InvariantCulture);
            if (number is < 1 or > 4)
            {
                return QuarterOf(now.Year, number, display);
            }

            var current = _calendar.QuarterOf(now);
            return PeriodParseResult.Ok(Model.Period.Quarter(number <= current.Number ? current.Year : current.Year - 1, number));
        }

        if (QuarterWithYear().Match(token) is { Success: true } qy)
        {
            var year = ExpandYear(qy.Groups[2].Value);
            return QuarterOf(year, int.Parse(qy.Groups[1].Value, CultureInfo.InvariantCulture), display);
        }

        if (FiscalYearWithQuarter().Match(token) is { Success: true } fyq)
        {
            var year = ExpandYear(fyq.Groups[1].Value);
            return fyq.Groups[2].Success
                ? QuarterOf(year, int.Parse(fyq.Groups[2].Value, CultureInfo.InvariantCulture), display)
                : YearOf(year, display);
        }

        return null;
    }

    private PeriodParseResult Resolve(Relative relative, Period now)
    {
        var quarter = _calendar.QuarterOf(now);
        var year = _calendar.FiscalYearOf(now);
        return relative switch
        {
            Relative.ThisMonth => PeriodParseResult.Ok(now),
            Relative.LastMonth => PeriodParseResult.Ok(now.Previous),
            Relative.ThisQuarter => PeriodParseResult.Ok(quarter),
            Relative.LastQuarter => PeriodParseResult.Ok(quarter.Previous),
            Relative.ThisYear => PeriodParseResult.Ok(year),
            Relative.LastYear => PeriodParseResult.Ok(year.Previous),
            Relative.YearToDate => PeriodParseResult.Ok(year, toDate: true),
            _ => PeriodParseResult.Ok(quarter, toDate: true),
        };
    }

    private int? MonthByName(string token)
    {
        var word = token.TrimEnd('.');
        if (word.Length < 3 || !word.All(char.IsLetter))
        {
            return null;
        }

        int? found = null;
        foreach (var (name, month) in _monthNames)
        {
            if (name.StartsWith(word, StringComparison.Ordinal))
            {
                if (found is not null && found != month)
                {
                    return null;
                }

                found = month;
            }
        }

        return found;
    }

    private static int? YearOf(string token) =>
        token.Length == 4 && int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var y) ? y : null;

    private static int? FiscalYearToken(string token)
    {
        if (YearOf(token) is { } y)
        {
            return y;
        }

        var m = FiscalYearOnly().Match(token);
        return m.Success ? ExpandYear(m.Groups[1].Value) : null;
    }

    private static int ExpandYear(string digits) =>
        digits.Length == 2 ? 2000 + int.Parse(digits, CultureInfo.InvariantCulture) : int.Parse(digits, CultureInfo.InvariantCulture);

    private static PeriodParseResult MonthOf(int year, int month, string text)
    {
        if (month is < 1 or > 12)
        {
            return PeriodParseResult.Fail($"'{text}' has no month {month}: months run 1–12.");
        }

        return YearInRange(year, text) ?? PeriodParseResult.Ok(Model.Period.Month(year, month));
    }

    private static PeriodParseResult QuarterOf(int fiscalYear, int quarter, string text)
    {
        if (quarter is < 1 or > 4)
        {
            return PeriodParseResult.Fail($"'{text}' is not a quarter: quarters run Q1–Q4.");
        }

        return YearInRange(fiscalYear, text) ?? PeriodParseResult.Ok(Model.Period.Quarter(fiscalYear, quarter));
    }

    private static PeriodParseResult YearOf(int fiscalYear, string text) =>
        YearInRange(fiscalYear, text) ?? PeriodParseResult.Ok(Model.Period.FiscalYear(fiscalYear));

    private static PeriodParseResult? YearInRange(int year, string text) =>
        year is < Model.Period.MinYear or > Model.Period.MaxYear
            ? PeriodParseResult.Fail($"'{text}' is not a period: the year must be between {Model.Period.MinYear} and {Model.Period.MaxYear}.") : null;

    private string Examples(Period now)
    {
        var lastMonth = now.Previous;
        var abbreviation = CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedMonthName(lastMonth.Number);
        var lastQuarter = _calendar.QuarterOf(now).Previous;
        return $"Try {lastMonth}, {abbreviation}, last month, Q{lastQuarter.Number} or this quarter.";
    }

    private static string[] Tokenize(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? []
            : text.Trim().ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    private static void RequireMonth(Period now)
    {
        if (now.Kind != PeriodKind.Month)
        {
            throw new ArgumentException($"'now' must be a month, got {now}.", nameof(now));
        }
    }

    [GeneratedRegex(@"^([0-9]{1,2}|[0-9]{4})[/.\-]([0-9]{4}|[0-9]{1,2})$")]
    private static partial Regex NumericMonth();

    [GeneratedRegex(@"^(\p{L}+)\.?[-/']?([0-9]{4})$")]
    private static partial Regex NamedMonthWithYear();

    [GeneratedRegex(@"^q([0-9])$")]
    private static partial Regex QuarterToken();

    [GeneratedRegex(@"^q([0-9])[-/]?(?:fy)?([0-9]{4}|[0-9]{2})$")]
    private static partial Regex QuarterWithYear();

    [GeneratedRegex(@"^fy([0-9]{4}|[0-9]{2})(?:[-/]?q([0-9]))?$")]
    private static partial Regex FiscalYearWithQuarter();

    [GeneratedRegex(@"^fy([0-9]{4}|[0-9]{2})$")]
    private static partial Regex FiscalYearOnly();

    private enum Relative
    {
        ThisMonth,
        LastMonth,
        ThisQuarter,
        LastQuarter,
        ThisYear,
        LastYear,
        YearToDate,
        QuarterToDate,
    }
}
