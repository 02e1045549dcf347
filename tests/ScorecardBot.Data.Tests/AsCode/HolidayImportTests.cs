using Microsoft.EntityFrameworkCore;
using ScorecardBot.Data.AsCode;
using ScorecardBot.Data.Tests.Infrastructure;

namespace ScorecardBot.Data.Tests.AsCode;

/// <summary>The import-holidays verb's importer: public-holiday calendars (.ics) and date,name CSVs into one organization.</summary>
public abstract class HolidayImportTests(TestDatabase database) : DatabaseTests(database)
{
    // As governments and calendar apps publish them: CRLF, folded lines, all-day events, a two-day one.
    private const string Calendar =
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Example//Holidays//EN\r\n" +
        "BEGIN:VEVENT\r\nUID:1@example\r\nDTSTART;VALUE=DATE:20261225\r\nDTEND;VALUE=DATE:20261227\r\nSUMMARY:Christmas Day and\r\n  Boxing Day\r\nEND:VEVENT\r\n" +
        "BEGIN:VEVENT\r\nUID:2@example\r\nDTSTART;VALUE=DATE:20261103\r\nSUMMARY:Election Day\\, observed\r\nEND:VEVENT\r\n" +
        "END:VCALENDAR\r\n";

    private async Task<(Guid Organization, HolidayImportResult Result)> ImportAsync(string fileName, string text, Guid? organization = null)
    {
        var org = organization ?? await Database.EmptyOrganizationAsync();
        var path = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}-{fileName}");
        await File.WriteAllTextAsync(path, text);
        try
        {
            await using var db = Database.Context();
            return (org, await new HolidayCalendarImporter(db).ImportAsync(path, org));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task An_iCalendar_adds_every_day_of_its_all_day_events_and_importing_it_again_changes_nothing()
    {
        var (org, first) = await ImportAsync("us.ics", Calendar);
        var (_, again) = await ImportAsync("us.ics", Calendar, org);

        Assert.Equal((3, 3, 0, 0), (first.Days, first.Created, first.Renamed, first.Unchanged));
        Assert.Equal((3, 0, 0, 3), (again.Days, again.Created, again.Renamed, again.Unchanged));
        await using var db = Database.Context();
        var days = await db.Holidays.Where(h => h.OrganizationId == org).OrderBy(h => h.Date).Select(h => $"{h.Date:yyyy-MM-dd} {h.Name}").ToListAsync();
        Assert.Equal(["2026-11-03 Election Day, observed", "2026-12-25 Christmas Day and Boxing Day", "2026-12-26 Christmas Day and Boxing Day"], days);
    }

    [Fact]
    public async Task A_csv_renames_a_day_it_names_differently_and_leaves_other_organizations_alone()
    {
        var (other, _) = await ImportAsync("other.csv", "date,name\n2026-12-24,Christmas Eve\n");
        var (org, _) = await ImportAsync("first.csv", "date,name\n2026-12-24,Christmas Eve\n");

        var (_, result) = await ImportAsync("second.csv", "date,name\n2026-12-24,Plant shutdown\n2026-12-31,\"New Year's Eve\"\n", org);

        Assert.Equal((2, 1, 1, 0), (result.Days, result.Created, result.Renamed, result.Unchanged));
        await using var db = Database.Context();
        Assert.Equal("Plant shutdown", (await db.Holidays.SingleAsync(h => h.OrganizationId == org && h.Date == new DateOnly(2026, 12, 24))).Name);
        Assert.Equal("Christmas Eve", (await db.Holidays.SingleAsync(h => h.OrganizationId == other)).Name);
    }

    [Fact]
    public async Task A_file_with_problems_names_each_with_its_line_and_imports_nothing()
    {
        var org = await Database.EmptyOrganizationAsync();
        var text = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20261225T090000Z\nSUMMARY:Party\nEND:VEVENT\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20260101\nSUMMARY:New Year\nEND:VEVENT\nEND:VCALENDAR\n";

        var error = await Assert.ThrowsAsync<AsCodeImportException>(() => ImportAsync("bad.ics", text, org));

        var problems = error.Problems.Select(p => p.ToString()).ToList();
        Assert.Contains(problems, p => p.Contains(":3:", StringComparison.Ordinal) && p.Contains("'20261225T090000Z' is not an all-day date", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains(":2:", StringComparison.Ordinal) && p.Contains("no all-day DTSTART", StringComparison.Ordinal));
        await using var db = Database.Context();
        Assert.False(await db.Holidays.AnyAsync(h => h.OrganizationId == org));

        var csv = await Assert.ThrowsAsync<AsCodeImportException>(() => ImportAsync("bad.csv", "date,name\n25.12.2026,Christmas\n", org));
        Assert.Contains("'25.12.2026' is not a date like 2026-12-25", csv.Problems.Single().ToString(), StringComparison.Ordinal);
    }
}

public sealed class HolidayImportTestsOnSqlite(SqliteTestDatabase db) : HolidayImportTests(db), IClassFixture<SqliteTestDatabase>;

public sealed class HolidayImportTestsOnPostgres(PostgresTestDatabase db) : HolidayImportTests(db), IClassFixture<PostgresTestDatabase>;
