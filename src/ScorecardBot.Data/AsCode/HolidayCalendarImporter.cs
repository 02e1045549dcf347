using System.Globalization;
using System.Runtime.Serialization;
using Ical.Net.CalendarComponents;
using Microsoft.EntityFrameworkCore;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Data.AsCode;

/// <summary>What a holiday import did.</summary>
public sealed record HolidayImportResult(int Days, int Created, int Renamed, int Unchanged);

/// <summary>
/// Imports an organization's holidays from a public-holiday calendar: an iCalendar file (.ics, as
/// governments and calendar apps publish them, read with Ical.Net: each VEVENT's days from DTSTART
/// up to DTEND, its repetitions (RRULE, RDATE, EXDATE) through <see cref="RepeatForYears"/> years
/// ahead, named by SUMMARY) or a CSV with the columns <c>date,name</c>. Every line is checked first and
/// every problem reported with its line; with any problem nothing is written. Days already there
/// are kept (renamed when the file names them differently), so importing next year's calendar, or
/// the same file twice, is harmless. Other organizations' holidays are never touched.
/// </summary>
public sealed class HolidayCalendarImporter(ScorecardDbContext db, TimeProvider? time = null)
{
    /// <summary>A longer event is a company shutdown typed as one entry; longer still is a mistake.</summary>
    private const int MaxDaysPerEvent = 31;

    /// <summary>More repetitions than days in a year, up to the horizon, is a daily rule, not a holiday.</summary>
    private const int MaxOccurrencesPerEvent = 366;

    /// <summary>A repeating holiday without an end (a yearly RRULE) is read through the end of the year this many years ahead.</summary>
    public const int RepeatForYears = 5;

    public async Task<HolidayImportResult> ImportAsync(string path, Guid organizationId, CancellationToken cancellationToken = default)
    {
        var text = await File.ReadAllTextAsync(path, cancellationToken);
        var problems = new ProblemList(path);
        var days = path.EndsWith(".ics", StringComparison.OrdinalIgnoreCase) || text.TrimStart().StartsWith("BEGIN:VCALENDAR", StringComparison.OrdinalIgnoreCase)
            ? ReadICalendar(text, problems, new DateOnly((time ?? TimeProvider.System).GetUtcNow().Year + RepeatForYears, 12, 31))
            : ReadCsv(text, problems);
        if (days.Count == 0 && !problems.Any)
        {
            problems.Add(new SourcePosition(1, 0), "the file names no holiday");
        }

        problems.ThrowIfAny();
        if (!await db.Organizations.AnyAsync(o => o.Id == organizationId, cancellationToken))
        {
            throw new InvalidOperationException($"Organization {organizationId} does not exist.");
        }

        var stored = await db.Holidays.Where(h => h.OrganizationId == organizationId).ToDictionaryAsync(h => h.Date, cancellationToken);
        int created = 0, renamed = 0, unchanged = 0;
        foreach (var (date, name) in days)
        {
            if (!stored.TryGetValue(date, out var holiday))
            {
                db.Holidays.Add(new Holiday { OrganizationId = organizationId, Date = date, Name = name });
                created++;
            }
            else if (holiday.Name != name)
            {
                holiday.Name = name;
                renamed++;
            }
            else
            {
                unchanged++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return new HolidayImportResult(days.Count, created, renamed, unchanged);
    }

    private static SortedDictionary<DateOnly, string> ReadCsv(string text, ProblemList problems)
    {
        var days = new SortedDictionary<DateOnly, string>();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#') || (i == 0 && line.StartsWith("date", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var comma = line.IndexOf(',', StringComparison.Ordinal);
            var dateText = (comma < 0 ? line : line[..comma]).Trim();
            var name = comma < 0 ? string.Empty : line[(comma + 1)..].Trim().Trim('"').Trim();
            if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                problems.Add(new SourcePosition(i + 1, 1), $"'{dateText}' is not a date like 2026-12-25");
                continue;
            }

            Add(days, date, name.Length == 0 ? "Holiday" : name, problems, i + 1);
        }

        return days;
    }

    /// <summary>
    /// Reads an iCalendar file with Ical.Net: each event's days off, its repetitions (RRULE, RDATE,
    /// EXDATE) included. An all-day event is its dates; a timed one counts only when it spans whole days
    /// from midnight to midnight in its own time zone (TZID, UTC or floating, as Outlook writes all-day
    /// events): those local dates are the holiday, wherever the organization is. Any other timed event is
    /// no day off and is refused. A repetition without an end is read through <paramref name="through"/>.
    /// </summary>
    private static SortedDictionary<DateOnly, string> ReadICalendar(string text, ProblemList problems, DateOnly through)
    {
        var days = new SortedDictionary<DateOnly, string>();
        Ical.Net.Calendar? calendar;
        try
        {
            calendar = Ical.Net.Calendar.Load(text);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException or SerializationException)
        {
            problems.Add(new SourcePosition(1, 0), $"the file is not a readable iCalendar: {e.Message}");
            return days;
        }

        if (calendar is null)
        {
            problems.Add(new SourcePosition(1, 0), "the file holds no VCALENDAR");
            return days;
        }

        // Ical.Net keeps no line numbers: the events' own lines, in file order, say where a problem is.
        var lines = EventLines(text);
        var events = calendar.Events.ToList();
        for (var i = 0; i < events.Count; i++)
        {
            var evt = events[i];
            var (line, startLine, startText) = events.Count == lines.Count ? lines[i] : (new SourcePosition(0, 0), null, null);
            if (evt.DtStart is null)
            {
                problems.Add(line, "the event has no all-day DTSTART (like DTSTART;VALUE=DATE:20261225)");
                continue;
            }

            var name = string.IsNullOrWhiteSpace(evt.Summary) ? "Holiday" : evt.Summary.ReplaceLineEndings(" ").Trim();
            try
            {
                ReadOccurrences(evt, name, line, (startLine, startText), days, problems, through);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException or NotSupportedException or ArithmeticException)
            {
                problems.Add(startLine ?? line, $"the event cannot be read: {e.Message}");
            }
        }

        return days;
    }

    private static void ReadOccurrences(
        CalendarEvent evt, string name, SourcePosition line, (SourcePosition? Position, string? Text) dtStart, SortedDictionary<DateOnly, string> days, ProblemList problems, DateOnly through)
    {
        var occurrences = 0;
        foreach (var occurrence in evt.GetOccurrences())
        {
            var start = occurrence.Period.StartTime;
            if (start.Date > through)
            {
                break;
            }

            if (++occurrences > MaxOccurrencesPerEvent)
            {
                problems.Add(line, $"the event repeats more than {MaxOccurrencesPerEvent} times by {through:yyyy-MM-dd}; a holiday calendar names days off, not every day");
                return;
            }

            var end = occurrence.Period.EffectiveEndTime;
            DateOnly first, last;
            if (!start.HasTime)
            {
                // DTEND of an all-day event is the day after the last one.
                first = start.Date;
                last = end is { } after && after.Date > first ? after.Date.AddDays(-1) : first;
            }
            else if (start.Time == TimeOnly.MinValue && end is { HasTime: true } until && until.Time == TimeOnly.MinValue && until.Date > start.Date)
            {
                first = start.Date;
                last = until.Date.AddDays(-1);
            }
            else
            {
                // Both places, as before: the value that is not a date, and the event left without a day.
                problems.Add(dtStart.Position ?? line, $"'{dtStart.Text ?? start.ToString()}' is not an all-day date like 20261225; a holiday is a whole day");
                problems.Add(line, "the event has no all-day DTSTART (like DTSTART;VALUE=DATE:20261225)");
                return;
            }

            if (last.DayNumber - first.DayNumber >= MaxDaysPerEvent)
            {
                problems.Add(line, $"the event lasts {last.DayNumber - first.DayNumber + 1} days; a holiday calendar names days off, not seasons");
                return;
            }

            for (var day = first; day <= last; day = day.AddDays(1))
            {
                Add(days, day, name, problems, line.Line);
            }
        }
    }

    /// <summary>Where each VEVENT begins, and where its DTSTART's value is and how it is written, in file order.</summary>
    private static List<(SourcePosition Begin, SourcePosition? Start, string? StartText)> EventLines(string text)
    {
        var result = new List<(SourcePosition Begin, SourcePosition? Start, string? StartText)>();
        foreach (var (number, line) in Unfold(text))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }

            var property = line[..colon].Split(';')[0].Trim().ToUpperInvariant();
            var value = line[(colon + 1)..].Trim();
            if (property == "BEGIN" && value.Equals("VEVENT", StringComparison.OrdinalIgnoreCase))
            {
                result.Add((new SourcePosition(number, 0), null, null));
            }
            else if (property == "DTSTART" && result.Count > 0 && result[^1].Start is null)
            {
                result[^1] = (result[^1].Begin, new SourcePosition(number, colon + 2), value);
            }
        }

        return result;
    }

    private static void Add(SortedDictionary<DateOnly, string> days, DateOnly date, string name, ProblemList problems, int line)
    {
        var clipped = name.Length <= 200 ? name : name[..200];
        if (days.TryGetValue(date, out var first) && first != clipped)
        {
            problems.Add(new SourcePosition(line, 0), $"{date:yyyy-MM-dd} is named twice: '{first}' and '{clipped}'");
            return;
        }

        days[date] = clipped;
    }

    /// <summary>iCalendar folds long lines: a line starting with a space or tab continues the previous one.</summary>
    private static List<(int Number, string Line)> Unfold(string text)
    {
        var result = new List<(int, string)>();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length > 0 && lines[i][0] is ' ' or '\t' && result.Count > 0)
            {
                result[^1] = (result[^1].Item1, result[^1].Item2 + lines[i][1..]);
            }
            else
            {
                result.Add((i + 1, lines[i]));
            }
        }

        return result;
    }
}
