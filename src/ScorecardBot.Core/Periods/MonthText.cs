using System.Collections.Concurrent;
using System.Globalization;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Periods;

/// <summary>
/// The one way a month is written for people, in the organization's culture: the culture's
/// year-and-month pattern with the short month name ("Oct 2026" in en-US and en-GB, "Okt. 2026"
/// in de-DE, "2026年10月" in ja-JP). Digests, agendas, prompts, reminders, answers and cards all
/// write months through it, so a reader never sees "2026-09" beside "Oct 2026" or "October 2026".
/// The canonical key ("2026-10", <see cref="Period.ToString"/>) is for files, the API and logs.
/// </summary>
public static class MonthText
{
    private static readonly ConcurrentDictionary<string, string> Patterns = new(StringComparer.Ordinal);

    /// <summary>A month: "Oct 2026". Quarters and years are written by <see cref="FiscalCalendar.Label"/>.</summary>
    public static string Of(Period month, CultureInfo culture) => Of(month.Year, month.Number, culture);

    public static string Of(int year, int month, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return new DateTime(year, month, 1).ToString(Pattern(culture), culture);
    }

    /// <summary>A period in running text: a month as above, a quarter or a fiscal year by its key ("FY2027-Q3").</summary>
    public static string Period(Period period, CultureInfo culture) =>
        period.Kind == PeriodKind.Month ? Of(period, culture) : period.ToString();

    /// <summary>An organization's culture from its locale name; the invariant culture when the name is unknown.</summary>
    public static CultureInfo CultureOf(string? locale)
    {
        try
        {
            return string.IsNullOrWhiteSpace(locale) ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo(locale);
        }
        catch (CultureNotFoundException)
        {
            return CultureInfo.InvariantCulture;
        }
    }

    /// <summary>A month by its name alone, where a range gives the year once: "Oct" in "FY2027-Q3 (Oct–Dec 2026)".</summary>
    public static string Name(int month, CultureInfo culture) =>
        culture.DateTimeFormat.GetAbbreviatedMonthName(month).TrimEnd('.');

    /// <summary>The culture's year-month pattern with the abbreviated month; "MMM yyyy" for the invariant culture.</summary>
    internal static string Pattern(CultureInfo culture) => Patterns.GetOrAdd(culture.Name, _ =>
    {
        var pattern = culture.DateTimeFormat.YearMonthPattern;
        if (culture.Equals(CultureInfo.InvariantCulture) || !pattern.Contains("MMM", StringComparison.Ordinal))
        {
            // The invariant culture writes "2026 October"; a culture without month names ("2026年10月") keeps its own.
            return culture.Equals(CultureInfo.InvariantCulture) ? "MMM yyyy" : pattern;
        }

        return pattern.Replace("MMMM", "MMM", StringComparison.Ordinal);
    });
}
