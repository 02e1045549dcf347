using System.Globalization;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Conversation.Seams;

/// <summary>
/// The period words of the command grammar. A month name means its latest occurrence that is not
/// more than two months ahead (so "Dec" in January is last December, "Feb" in January is next
/// month); "Q3" means the third quarter of the current fiscal year unless that starts more than
/// three months ahead, then the year before.
/// </summary>
internal sealed class PeriodPhrases : IPeriodReader
{
    private static readonly string[] MonthNames =
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    public Period? Read(string text, Organization organization, DateTimeOffset now)
    {
        var raw = text.Trim().Trim('"', '\'', ',', '.', '?').ToLowerInvariant();
        if (raw.Length == 0)
        {
            return null;
        }

        if (Period.TryParse(raw.ToUpperInvariant(), out var key))
        {
            return key;
        }

        var today = Today(organization, now);
        var words = raw.Replace('-', ' ').Replace('/', ' ').Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var start = organization.FiscalYearStartMonth is >= 1 and <= 12 ? organization.FiscalYearStartMonth : 1;
        var thisMonth = Period.Month(today.Year, today.Month);
        var thisQuarter = FiscalQuarter(today.Year, today.Month, start);

        switch (words)
        {
            case ["this", "month"] or ["current", "month"] or ["mtd"]:
                return thisMonth;
            case ["last", "month"] or ["previous", "month"] or ["prev", "month"]:
                return thisMonth.Previous;
            case ["this", "quarter"] or ["current", "quarter"] or ["qtd"]:
                return thisQuarter;
            case ["last", "quarter"] or ["previous", "quarter"] or ["prev", "quarter"]:
                return thisQuarter.Previous;
            case ["this", "year"] or ["current", "year"] or ["ytd"]:
                return Period.FiscalYear(thisQuarter.Year);
            case ["last", "year"] or ["previous", "year"]:
                return Period.FiscalYear(thisQuarter.Year - 1);
        }

        if (words.Length is 1 or 2 && MonthOf(words[0]) is { } month)
        {
            if (words.Length == 2)
            {
                return Year(words[1]) is { } year ? Period.Month(year, month) : null;
            }

            var candidate = Period.Month(today.Year, month);
            return candidate.Ordinal > thisMonth.Ordinal + 2 ? candidate.SameLastYear : candidate;
        }

        if (words.Length is 1 or 2 && QuarterOf(words[0]) is { } quarter)
        {
            if (words.Length == 2)
            {
                return Year(words[1]) is { } year ? Period.Quarter(year, quarter) : null;
            }

            var candidate = Period.Quarter(thisQuarter.Year, quarter);
            return candidate.Ordinal > thisQuarter.Ordinal + 1 ? candidate.SameLastYear : candidate;
        }

        // "2026 10" after the dash became a space; "10 2026" for "10/2026".
        if (words.Length == 2 && Year(words[0]) is { } y1 && int.TryParse(words[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m1) && m1 is >= 1 and <= 12)
        {
            return Period.Month(y1, m1);
        }

        if (words.Length == 2 && Year(words[1]) is { } y2 && int.TryParse(words[0], NumberStyles.None, CultureInfo.InvariantCulture, out var m2) && m2 is >= 1 and <= 12)
        {
            return Period.Month(y2, m2);
        }

        return null;
    }

    /// <summary>The fiscal quarter that contains a calendar month (fiscal years are named by the year they end in).</summary>
    internal static Period FiscalQuarter(int year, int month, int fiscalStart)
    {
        var fiscalYear = fiscalStart == 1 ? year : (month >= fiscalStart ? year + 1 : year);
        var quarter = (((month - fiscalStart + 12) % 12) / 3) + 1;
        return Period.Quarter(fiscalYear, quarter);
    }

    /// <summary>The calendar months of a fiscal quarter, first to last.</summary>
    internal static IEnumerable<Period> MonthsOf(Period quarter, int fiscalStart)
    {
        var firstMonthIndex = fiscalStart - 1 + ((quarter.Number - 1) * 3);
        var calendarYear = fiscalStart == 1 ? quarter.Year : quarter.Year - 1;
        var first = Period.Month(calendarYear + (firstMonthIndex / 12), (firstMonthIndex % 12) + 1);
        return [first, first.Next, first.Next.Next];
    }

    internal static DateOnly Today(Organization organization, DateTimeOffset now)
    {
        TimeZoneInfo zone;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(organization.TimeZoneId);
        }
        catch (TimeZoneNotFoundException)
        {
            zone = TimeZoneInfo.Utc;
        }

        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
    }

    private static int? MonthOf(string word)
    {
        if (word.Length < 3)
        {
            return null;
        }

        for (var i = 0; i < MonthNames.Length; i++)
        {
            var full = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames[i].ToLowerInvariant();
            if (word == MonthNames[i] || word == full || (word == "sept" && i == 8))
            {
                return i + 1;
            }
        }

        return null;
    }

    private static int? QuarterOf(string word) =>
        word.Length == 2 && word[0] == 'q' && word[1] is >= '1' and <= '4' ? word[1] - '0' : null;

    private static int? Year(string word)
    {
        var digits = word.StartsWith("fy", StringComparison.Ordinal) ? word[2..] : word;
        return digits.Length == 4 && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year >= 1900 ? year : null;
    }
}
