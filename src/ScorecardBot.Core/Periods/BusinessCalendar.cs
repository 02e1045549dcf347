using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Periods;

/// <summary>
/// Which days are business days (not a weekend day, not a holiday), and the date arithmetic the
/// review rhythm needs: "7 business days before the meeting", "the 2nd Tuesday of the month".
/// </summary>
public sealed class BusinessCalendar
{
    private readonly HashSet<DateOnly> _holidays;
    private readonly HashSet<DayOfWeek> _weekend;

    /// <param name="holidays">Days off besides the weekend (public holidays, shutdowns).</param>
    /// <param name="weekendDays">Non-working days of the week; Saturday and Sunday when null.</param>
    public BusinessCalendar(IEnumerable<DateOnly>? holidays = null, IEnumerable<DayOfWeek>? weekendDays = null)
    {
        _holidays = [.. holidays ?? []];
        _weekend = [.. weekendDays ?? [DayOfWeek.Saturday, DayOfWeek.Sunday]];
        if (_weekend.Count >= 7)
        {
            throw new ArgumentException("A week needs at least one working day.", nameof(weekendDays));
        }
    }

    /// <summary>A calendar from an organization's holidays.</summary>
    public static BusinessCalendar For(IEnumerable<Holiday> holidays, IEnumerable<DayOfWeek>? weekendDays = null) =>
        new(holidays.Select(h => h.Date), weekendDays);

    /// <summary>An organization's calendar: its own weekend days and its own holidays, nobody else's.</summary>
    public static BusinessCalendar For(Organization organization, IEnumerable<Holiday> holidays) =>
        new(holidays.Where(h => h.OrganizationId == organization.Id || h.OrganizationId == Guid.Empty).Select(h => h.Date), organization.WeekendDays);

    /// <summary>The same weekend without holidays: for counting "N working days before" where a holiday should shift a day, not stretch the count.</summary>
    public BusinessCalendar WeekdaysOnly() => new(null, _weekend);

    /// <summary>This calendar with more days off (a person's days away), for sends to that person.</summary>
    public BusinessCalendar With(IEnumerable<DateOnly> daysOff) => new(_holidays.Concat(daysOff), _weekend);

    /// <summary>
    /// Reads weekend days as people write them: "Sat, Sun", "friday saturday", "none". Null with
    /// <paramref name="error"/> set when a word is not a day or no working day would be left.
    /// </summary>
    public static IReadOnlyList<DayOfWeek>? ReadWeekend(string text, out string? error)
    {
        error = null;
        var words = text.Split([',', ' ', ';', '+', '/'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words is ["none"] or ["no"])
        {
            return [];
        }

        var days = new List<DayOfWeek>();
        foreach (var word in words.Where(w => !w.Equals("and", StringComparison.OrdinalIgnoreCase)))
        {
            var day = Enum.GetValues<DayOfWeek>().Cast<DayOfWeek?>().FirstOrDefault(d =>
                d.ToString()!.Equals(word, StringComparison.OrdinalIgnoreCase) ||
                (word.Length >= 3 && d.ToString()!.StartsWith(word, StringComparison.OrdinalIgnoreCase)));
            if (day is null)
            {
                error = $"\"{word}\" is not a day of the week; write days like Sat, Sun or Friday.";
                return null;
            }

            if (!days.Contains(day.Value))
            {
                days.Add(day.Value);
            }
        }

        if (days.Count == 0)
        {
            error = "Name the weekend days, like Sat, Sun, or say none.";
            return null;
        }

        if (days.Count >= 7)
        {
            error = "A week needs at least one working day.";
            return null;
        }

        return [.. days.OrderBy(d => ((int)d + 6) % 7)];
    }

    /// <summary>"Saturday, Sunday" (Monday-first order), or "none".</summary>
    public static string FormatWeekend(IEnumerable<DayOfWeek> days)
    {
        var list = days.Distinct().OrderBy(d => ((int)d + 6) % 7).ToList();
        return list.Count == 0 ? "none" : string.Join(", ", list);
    }

    /// <summary>Saturday and Sunday off, no holidays.</summary>
    public static BusinessCalendar Default { get; } = new();

    public IReadOnlyCollection<DayOfWeek> WeekendDays => _weekend;

    public bool IsBusinessDay(DateOnly date) => !_weekend.Contains(date.DayOfWeek) && !_holidays.Contains(date);

    public bool IsHoliday(DateOnly date) => _holidays.Contains(date);

    /// <summary>
    /// The business day <paramref name="days"/> business days after <paramref name="date"/>
    /// (before it when negative). The start day itself is not counted; with 0 the start day is returned.
    /// </summary>
    public DateOnly AddBusinessDays(DateOnly date, int days)
    {
        var step = days < 0 ? -1 : 1;
        var remaining = Math.Abs(days);
        var current = date;
        while (remaining > 0)
        {
            current = current.AddDays(step);
            if (IsBusinessDay(current))
            {
                remaining--;
            }
        }

        return current;
    }

    /// <summary>The last business day strictly before <paramref name="date"/>.</summary>
    public DateOnly PreviousBusinessDay(DateOnly date) => AddBusinessDays(date, -1);

    /// <summary>The first business day strictly after <paramref name="date"/>.</summary>
    public DateOnly NextBusinessDay(DateOnly date) => AddBusinessDays(date, 1);

    /// <summary><paramref name="date"/> when it is a business day, else the next one.</summary>
    public DateOnly OnOrAfter(DateOnly date) => IsBusinessDay(date) ? date : NextBusinessDay(date);

    /// <summary><paramref name="date"/> when it is a business day, else the previous one.</summary>
    public DateOnly OnOrBefore(DateOnly date) => IsBusinessDay(date) ? date : PreviousBusinessDay(date);

    /// <summary>Business days after <paramref name="from"/> up to and including <paramref name="to"/> (negative when <paramref name="to"/> is earlier).</summary>
    public int BusinessDaysBetween(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            return -BusinessDaysBetween(to, from);
        }

        var count = 0;
        for (var d = from.AddDays(1); d <= to; d = d.AddDays(1))
        {
            if (IsBusinessDay(d))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// The <paramref name="week"/>-th <paramref name="day"/> of a month: 1–4, or -1 for the last
    /// one ("2nd Tuesday", "last Friday"). Holidays are not skipped: the meeting rule says where
    /// the meeting is; whether it moves is the review's decision.
    /// </summary>
    public static DateOnly NthWeekdayOfMonth(int year, int month, DayOfWeek day, int week)
    {
        if (week is not (-1 or (>= 1 and <= 4)))
        {
            throw new ArgumentOutOfRangeException(nameof(week), week, "Week of the month must be 1–4, or -1 for the last.");
        }

        if (week == -1)
        {
            var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
            return last.AddDays(-(((int)last.DayOfWeek - (int)day + 7) % 7));
        }

        var first = new DateOnly(year, month, 1);
        return first.AddDays((((int)day - (int)first.DayOfWeek + 7) % 7) + ((week - 1) * 7));
    }
}
