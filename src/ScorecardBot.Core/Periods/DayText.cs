using System.Globalization;

namespace ScorecardBot.Core.Periods;

/// <summary>
/// The one way a day (and a moment of a day) is written for people: day before month, the month
/// and weekday abbreviated, in the organization's culture ("Tue 8 Dec", "8 Dec 2026",
/// "Tue 8 Dec 2026 10:00"; "Di 8 Dez 2026" in de-DE). Prompts, reminders, digests, agendas,
/// meetings, answers and command replies all write days through it, as they write months through
/// <see cref="MonthText"/>, so a reader never sees "2026-12-08" beside "8 Dec" or "December 8".
/// Files, the API and logs keep ISO dates.
/// </summary>
public static class DayText
{
    /// <summary>"8 Dec": a day in running text when the week and year are plain.</summary>
    public static string Of(DateOnly day, CultureInfo culture) =>
        $"{day.Day.ToString(culture)} {MonthText.Name(day.Month, culture)}";

    /// <summary>"Tue 8 Dec": a day in the next few weeks, where the weekday helps.</summary>
    public static string WithWeekday(DateOnly day, CultureInfo culture) =>
        $"{Weekday(day, culture)} {Of(day, culture)}";

    /// <summary>"8 Dec 2026": a day that may be in another year.</summary>
    public static string WithYear(DateOnly day, CultureInfo culture) =>
        $"{Of(day, culture)} {day.Year.ToString(culture)}";

    /// <summary>"Tue 8 Dec 2026".</summary>
    public static string WithWeekdayAndYear(DateOnly day, CultureInfo culture) =>
        $"{Weekday(day, culture)} {WithYear(day, culture)}";

    /// <summary>"8 Dec", of a moment already in the reader's time zone.</summary>
    public static string Of(DateTimeOffset local, CultureInfo culture) => Of(DateOnly.FromDateTime(local.DateTime), culture);

    /// <summary>"8 Dec 2026", of a moment already in the reader's time zone.</summary>
    public static string WithYear(DateTimeOffset local, CultureInfo culture) => WithYear(DateOnly.FromDateTime(local.DateTime), culture);

    /// <summary>"8 Dec 10:00": a moment (already in the reader's time zone) in a list where the weekday adds nothing.</summary>
    public static string ShortMoment(DateTimeOffset local, CultureInfo culture) => $"{Of(local, culture)} {Time(local, culture)}";

    /// <summary>"Tue 8 Dec 10:00": a moment (already in the reader's time zone) in the next few weeks.</summary>
    public static string Moment(DateTimeOffset local, CultureInfo culture) =>
        $"{WithWeekday(DateOnly.FromDateTime(local.DateTime), culture)} {Time(local, culture)}";

    /// <summary>"Tue 8 Dec 2026 10:00".</summary>
    public static string MomentWithYear(DateTimeOffset local, CultureInfo culture) =>
        $"{WithWeekdayAndYear(DateOnly.FromDateTime(local.DateTime), culture)} {Time(local, culture)}";

    /// <summary>A time of day on the 24-hour clock ("10:00", "14:30"), in every culture alike.</summary>
    public static string Time(DateTimeOffset local, CultureInfo culture) => local.ToString("HH:mm", culture);

    private static string Weekday(DateOnly day, CultureInfo culture) =>
        culture.DateTimeFormat.GetAbbreviatedDayName(day.DayOfWeek).TrimEnd('.');
}
