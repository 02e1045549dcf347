using System.Globalization;

namespace ScorecardBot.Core.Conversation.Grammar;

/// <summary>Reads the due date of a review action: 2026-12-15, 15 Dec, Dec 15 2026, today, tomorrow, friday, in 2 weeks.</summary>
internal static class DueDates
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd", "d MMM", "d MMMM", "MMM d", "MMMM d", "d MMM yyyy", "d MMMM yyyy", "MMM d yyyy", "MMMM d yyyy",
        "MMM d, yyyy", "MMMM d, yyyy", "d/M/yyyy", "d.M.yyyy",
    ];

    public static DateOnly? Read(string text, DateOnly today)
    {
        var s = text.Trim().TrimEnd('.').ToLowerInvariant();
        switch (s)
        {
            case "today":
                return today;
            case "tomorrow":
                return today.AddDays(1);
            case "next week":
                return today.AddDays(7);
        }

        var words = s.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words is ["in", var n, var unit] && int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count is > 0 and < 1000)
        {
            return unit.TrimEnd('s') switch
            {
                "day" => today.AddDays(count),
                "week" => today.AddDays(7 * count),
                "month" => today.AddMonths(count),
                _ => null,
            };
        }

        var weekdayWord = words is ["next", var w] ? w : words.Length == 1 ? words[0] : null;
        if (weekdayWord is not null && Enum.GetNames<DayOfWeek>().FirstOrDefault(d => d.Equals(weekdayWord, StringComparison.OrdinalIgnoreCase) || d[..3].Equals(weekdayWord, StringComparison.OrdinalIgnoreCase)) is { } name)
        {
            var day = Enum.Parse<DayOfWeek>(name);
            var ahead = ((int)day - (int)today.DayOfWeek + 7) % 7;
            return today.AddDays(ahead == 0 ? 7 : ahead);
        }

        if (DateOnly.TryParseExact(text.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var date))
        {
            // Without a year the date means its next occurrence from today.
            var hasYear = text.Any(char.IsDigit) && System.Text.RegularExpressions.Regex.IsMatch(text, @"\d{4}");
            if (!hasYear)
            {
                date = new DateOnly(today.Year, date.Month, Math.Min(date.Day, DateTime.DaysInMonth(today.Year, date.Month)));
                if (date < today)
                {
                    date = date.AddYears(1);
                }
            }

            return date;
        }

        return null;
    }
}
