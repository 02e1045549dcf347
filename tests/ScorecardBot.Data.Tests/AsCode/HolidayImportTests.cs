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
            // The test clock's today is 20 Nov 2026: repeating holidays without an end are read through 2031.
            return (org, await new HolidayCalendarImporter(db, AsCodeTestDatabase.Clock).ImportAsync(path, org));
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

    [Fact]
    public async Task Repeating_events_add_each_occurrence_through_five_years_ahead_without_the_excluded_ones()
    {
        var text =
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Example//Holidays//EN\r\n" +
            // Every year from 2024, no end: read through 2031 (five years after the test clock's 2026); 2025's was moved away.
            "BEGIN:VEVENT\r\nUID:xmas@example\r\nDTSTART;VALUE=DATE:20241225\r\nRRULE:FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25\r\nEXDATE;VALUE=DATE:20251225\r\nSUMMARY:Christmas Day\r\nEND:VEVENT\r\n" +
            // The fourth Thursday of November and the Friday after, three times.
            "BEGIN:VEVENT\r\nUID:thanks@example\r\nDTSTART;VALUE=DATE:20261126\r\nDTEND;VALUE=DATE:20261128\r\nRRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=4TH;COUNT=3\r\nSUMMARY:Thanksgiving\r\nEND:VEVENT\r\n" +
            "END:VCALENDAR\r\n";

        var (org, result) = await ImportAsync("repeating.ics", text);

        await using var db = Database.Context();
        var days = await db.Holidays.Where(h => h.OrganizationId == org).OrderBy(h => h.Date).Select(h => h.Date).ToListAsync();
        var christmas = new[] { 2024, 2026, 2027, 2028, 2029, 2030, 2031 }.Select(y => new DateOnly(y, 12, 25));
        var thanksgiving = new[] { new DateOnly(2026, 11, 26), new DateOnly(2026, 11, 27), new DateOnly(2027, 11, 25), new DateOnly(2027, 11, 26), new DateOnly(2028, 11, 23), new DateOnly(2028, 11, 24) };
        Assert.Equal(christmas.Concat(thanksgiving).Order(), days);
        Assert.Equal((13, 13), (result.Days, result.Created));
    }

    [Fact]
    public async Task A_whole_day_given_in_a_time_zone_is_that_zones_date_and_a_few_hours_are_no_holiday()
    {
        var text =
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Example//Holidays//EN\r\n" +
            // Midnight to midnight in Auckland (as Outlook writes all-day events): 25 December there, though it starts on the 24th in UTC.
            "BEGIN:VEVENT\r\nUID:nz@example\r\nDTSTART;TZID=Pacific/Auckland:20261225T000000\r\nDTEND;TZID=Pacific/Auckland:20261226T000000\r\nSUMMARY:Christmas Day (NZ)\r\nEND:VEVENT\r\n" +
            // Two whole days in New York, repeated yearly twice.
            "BEGIN:VEVENT\r\nUID:ny@example\r\nDTSTART;TZID=America/New_York:20270101T000000\r\nDTEND;TZID=America/New_York:20270103T000000\r\nRRULE:FREQ=YEARLY;COUNT=2\r\nSUMMARY:New Year shutdown\r\nEND:VEVENT\r\n" +
            "END:VCALENDAR\r\n";

        var (org, _) = await ImportAsync("zones.ics", text);

        await using var db = Database.Context();
        var days = await db.Holidays.Where(h => h.OrganizationId == org).OrderBy(h => h.Date).Select(h => $"{h.Date:yyyy-MM-dd} {h.Name}").ToListAsync();
        Assert.Equal(["2026-12-25 Christmas Day (NZ)", "2027-01-01 New Year shutdown", "2027-01-02 New Year shutdown", "2028-01-01 New Year shutdown", "2028-01-02 New Year shutdown"], days);

        var afternoon = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x@example\r\nDTSTART;TZID=Europe/Berlin:20261224T120000\r\nDTEND;TZID=Europe/Berlin:20261225T000000\r\nSUMMARY:Christmas Eve afternoon\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        var error = await Assert.ThrowsAsync<AsCodeImportException>(() => ImportAsync("afternoon.ics", afternoon, org));
        Assert.Contains(error.Problems, p => p.ToString().Contains(":5:", StringComparison.Ordinal) && p.ToString().Contains("'20261224T120000' is not an all-day date", StringComparison.Ordinal));

        var nowhere = afternoon.Replace("Europe/Berlin", "Mars/Olympus", StringComparison.Ordinal);
        var unknown = await Assert.ThrowsAsync<AsCodeImportException>(() => ImportAsync("nowhere.ics", nowhere, org));
        Assert.Contains("Mars/Olympus", unknown.Problems.Single().ToString(), StringComparison.Ordinal);
    }
}

public sealed class HolidayImportTestsOnSqlite(SqliteTestDatabase db) : HolidayImportTests(db), IClassFixture<SqliteTestDatabase>;

public sealed class HolidayImportTestsOnPostgres(PostgresTestDatabase db) : HolidayImportTests(db), IClassFixture<PostgresTestDatabase>;
