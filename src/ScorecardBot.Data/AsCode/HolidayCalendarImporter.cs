using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Data.AsCode;

/// <summary>What a holiday import did.</summary>
public sealed record HolidayImportResult(int Days, int Created, int Renamed, int Unchanged);

/// <summary>
/// Imports an organization's holidays from a public-holiday calendar: an iCalendar file (.ics, as
/// governments and calendar apps publish them: each VEVENT's all-day DTSTART, up to its DTEND,
/// named by SUMMARY) or a CSV with the columns <c>date,name</c>. Every line is checked first and
/// every problem reported with its line; with any problem nothing is written. Days already there
/// are kept (renamed when the file names them differently), so importing next year's calendar, or
/// the same file twice, is harmless. Other organizations' holidays are never touched.
/// </summary>
public sealed class HolidayCalendarImporter(ScorecardDbContext db)
{
    /// <summary>A longer event is a company shutdown typed as one entry; longer still is a mistake.</summary>
    private const int MaxDaysPerEvent = 31;

    public async Task<HolidayImportResult> ImportAsync(string path, Guid organizationId, CancellationToken cancellationToken = default)
    {
        var text = await File.ReadAllTextAsync(path, cancellationToken);
        var problems = new ProblemList(path);
        var days = path.EndsWith(".ics", StringComparison.OrdinalIgnoreCase) || text.TrimStart().StartsWith("BEGIN:VCALENDAR", StringComparison.OrdinalIgnoreCase)
            ? ReadICalendar(text, problems)
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

    /// <summary>Reads the all-day events of an iCalendar file; a timed event is no day off and is refused.</summary>
    private static SortedDictionary<DateOnly, string> ReadICalendar(string text, ProblemList problems)
    {
        var days = new SortedDictionary<DateOnly, string>();
        var lines = Unfold(text);
        (int Line, DateOnly? Start, DateOnly? End, string? Name)? evt = null;
        foreach (var (number, line) in lines)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }

            var (property, value) = (line[..colon], line[(colon + 1)..].Trim());
            var name = property.Split(';')[0].ToUpperInvariant();
            if (name == "BEGIN" && value.Equals("VEVENT", StringComparison.OrdinalIgnoreCase))
            {
                evt = (number, null, null, null);
            }
            else if (evt is { } e && name == "END" && value.Equals("VEVENT", StringComparison.OrdinalIgnoreCase))
            {
                if (e.Start is not { } start)
                {
                    problems.Add(new SourcePosition(e.Line, 0), "the event has no all-day DTSTART (like DTSTART;VALUE=DATE:20261225)");
                }
                else
                {
                    // DTEND of an all-day event is the day after the last one.
                    var end = e.End is { } after && after > start ? after.AddDays(-1) : start;
                    if (end.DayNumber - start.DayNumber >= MaxDaysPerEvent)
                    {
                        problems.Add(new SourcePosition(e.Line, 0), $"the event lasts {end.DayNumber - start.DayNumber + 1} days; a holiday calendar names days off, not seasons");
                    }
                    else
                    {
                        for (var day = start; day <= end; day = day.AddDays(1))
                        {
                            Add(days, day, string.IsNullOrWhiteSpace(e.Name) ? "Holiday" : e.Name, problems, e.Line);
                        }
                    }
                }

                evt = null;
            }
            else if (evt is { } open && name is "DTSTART" or "DTEND")
            {
                if (value.Length != 8 || !DateOnly.TryParseExact(value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    problems.Add(new SourcePosition(number, colon + 2), $"'{value}' is not an all-day date like 20261225; a holiday is a whole day");
                    continue;
                }

                evt = name == "DTSTART" ? open with { Start = date } : open with { End = date };
            }
            else if (evt is { } named && name == "SUMMARY")
            {
                evt = named with { Name = Unescape(value) };
            }
        }

        return days;
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

    private static string Unescape(string value) =>
        value.Replace("\\,", ",", StringComparison.Ordinal).Replace("\\;", ";", StringComparison.Ordinal).Replace("\\n", " ", StringComparison.OrdinalIgnoreCase).Replace("\\\\", "\\", StringComparison.Ordinal).Trim();
}
