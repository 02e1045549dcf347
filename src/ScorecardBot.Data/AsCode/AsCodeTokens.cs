using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

using ScorecardBot.Core.Rhythm;

namespace ScorecardBot.Data.AsCode;

/// <summary>
/// The words the file uses for enum values ("higher_is_better", "at_risk") and for the meeting
/// rule ("2nd Tuesday 10:00"). One place, so the reader and the writer cannot drift apart.
/// </summary>
internal static partial class AsCodeTokens
{
    public static string Token<TEnum>(TEnum value)
        where TEnum : struct, Enum => Snake(value.ToString());

    public static IReadOnlyList<string> Tokens<TEnum>()
        where TEnum : struct, Enum => [.. Enum.GetValues<TEnum>().Select(v => Token(v))];

    public static bool TryParse<TEnum>(string text, out TEnum value)
        where TEnum : struct, Enum
    {
        var wanted = text.Trim().Replace('-', '_').Replace(' ', '_');
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(Token(candidate), wanted, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>"a, b or c" for messages.</summary>
    public static string OneOf(IReadOnlyList<string> words) =>
        words.Count <= 1 ? string.Concat(words) : string.Join(", ", words.Take(words.Count - 1)) + " or " + words[^1];

    private static string Snake(string pascal)
    {
        var sb = new StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (char.IsUpper(pascal[i]) && i > 0)
            {
                sb.Append('_');
            }

            sb.Append(char.ToLowerInvariant(pascal[i]));
        }

        return sb.ToString();
    }

    public static bool TryParseMonth(string text, out int month)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out month))
        {
            return month is >= 1 and <= 12;
        }

        var names = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames;
        var abbreviations = CultureInfo.InvariantCulture.DateTimeFormat.AbbreviatedMonthNames;
        for (var i = 0; i < 12; i++)
        {
            if (string.Equals(text, names[i], StringComparison.OrdinalIgnoreCase) ||
                string.Equals(text, abbreviations[i], StringComparison.OrdinalIgnoreCase))
            {
                month = i + 1;
                return true;
            }
        }

        month = 0;
        return false;
    }

    public static string MonthName(int month) => CultureInfo.InvariantCulture.DateTimeFormat.MonthNames[month - 1];

    [GeneratedRegex(@"^\s*(?<week>1st|2nd|3rd|4th|last)\s+(?<day>[A-Za-z]+)\s+(?<time>[0-9]{1,2}:[0-9]{2})\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex MeetingPattern();

    /// <summary>Reads "2nd Tuesday 10:00" or "last Friday 14:30".</summary>
    public static bool TryParseMeeting(string text, out int weekOfMonth, out DayOfWeek day, out TimeOnly time)
    {
        weekOfMonth = 0;
        day = default;
        time = default;
        var match = MeetingPattern().Match(text);
        if (!match.Success ||
            !Enum.TryParse(match.Groups["day"].Value, ignoreCase: true, out day) ||
            !Enum.IsDefined(day) || int.TryParse(match.Groups["day"].Value, out _) ||
            !MeetingRule.TryParseTime(match.Groups["time"].Value, out time))
        {
            return false;
        }

        weekOfMonth = MeetingRule.WeekOf(match.Groups["week"].Value) ?? -1;
        return true;
    }

    public static string FormatMeeting(int weekOfMonth, DayOfWeek day, TimeOnly time) => MeetingRule.Format(weekOfMonth, day, time);

    public static string FormatTime(TimeOnly time) => MeetingRule.FormatTime(time);

    /// <summary>
    /// A plain invariant number that the database stores exactly (20 digits, 6 of them
    /// decimals). Anything finer would be rounded on save and then differ on every re-import.
    /// </summary>
    public static bool TryParseNumber(ReadOnlySpan<char> text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value) &&
        value.Scale <= 6 && Math.Abs(value) < 100_000_000_000_000m;

    public static string FormatNumber(decimal value) => value.ToString("0.##########", CultureInfo.InvariantCulture);

    public static string FormatDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The known word closest to a misspelt one, for "did you mean" hints.</summary>
    public static string? Closest(string word, IEnumerable<string> known)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            var d = Distance(word.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (d < bestDistance)
            {
                best = candidate;
                bestDistance = d;
            }
        }

        return bestDistance <= Math.Max(2, word.Length / 3) ? best : null;
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
