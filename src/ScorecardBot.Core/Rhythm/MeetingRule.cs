using System.Globalization;

namespace ScorecardBot.Core.Rhythm;

/// <summary>
/// A review's meeting in words, "2nd Tuesday 10:00" or "last Friday 14:30": the one mapping of its
/// parts, shared by the scorecard file (reader and writer), the <c>cycle</c> command and the audit
/// trail's description of a cycle, so they cannot drift apart.
/// </summary>
public static class MeetingRule
{
    /// <summary>The week of the month an ordinal names: 1–4, or -1 for "last"; null for another word.</summary>
    public static int? WeekOf(string ordinal) => ordinal.ToLowerInvariant() switch
    {
        "1st" => 1,
        "2nd" => 2,
        "3rd" => 3,
        "4th" => 4,
        "last" => -1,
        _ => null,
    };

    /// <summary>A time of day as the rule writes it: 10:00, 9:30 or 09:30.</summary>
    public static bool TryParseTime(string text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text, ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    public static string FormatTime(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    public static string Format(int weekOfMonth, DayOfWeek day, TimeOnly time)
    {
        var week = weekOfMonth switch
        {
            1 => "1st",
            2 => "2nd",
            3 => "3rd",
            4 => "4th",
            _ => "last",
        };
        return $"{week} {day} {FormatTime(time)}";
    }
}
