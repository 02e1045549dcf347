using ScorecardBot.Data.AsCode;
using ScorecardBot.Data.Tests.Infrastructure;

namespace ScorecardBot.Data.Tests.AsCode;

/// <summary>A file with problems is rejected as a whole: the database stays exactly as it was.</summary>
public abstract class RejectedImportTests(TestDatabase database) : DatabaseTests(database)
{
    [Fact]
    public async Task Broken_scorecard_file_changes_nothing_and_names_every_place()
    {
        var org = await Database.EmptyOrganizationAsync();
        await Database.ImportTextAsync(ScorecardFileTests.Valid, org);
        var before = await Database.DumpAsync(org);
        var broken = ScorecardFileTests.Valid
            .Replace("name: Deliver on time", "name: Deliver on time every time", StringComparison.Ordinal)
            .Replace("direction: higher_is_better", "direction: upwards", StringComparison.Ordinal)
            .Replace("{ cause: deliver, effect: keep }", "{ cause: deliver, effect: grow }", StringComparison.Ordinal);

        var e = await Assert.ThrowsAsync<AsCodeImportException>(() => Database.ImportTextAsync(broken, org, "broken.yaml"));

        Assert.Equal(2, e.Problems.Count);
        Assert.Contains($"broken.yaml:{ScorecardFileTests.LineOf(broken, "effect: grow")}:35:", e.Message, StringComparison.Ordinal);
        Assert.Contains($"broken.yaml:{ScorecardFileTests.LineOf(broken, "upwards")}:20: kpi 'otd' has direction 'upwards'", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, await Database.DumpAsync(org));
    }

    [Fact]
    public async Task Broken_actuals_file_changes_nothing_and_names_each_line()
    {
        var org = await Database.EmptyOrganizationAsync();
        await Database.ImportTextAsync(ScorecardFileTests.Valid, org);
        await Database.ImportActualsTextAsync("kpi,period,value,comment\notd,2026-09,94.5,\n", org);
        var before = await Database.DumpAsync(org);
        const string csv = """
            kpi,period,value,comment
            otd,2026-10,96.1,fine
            On-time delivery,2026-08,9x,typo
            foo,2026-10,1,
            OTD,Oct 2026,95,
            otd,2026-07,95
            otd,2027-01,95,
            otd,2026-06,,
            otd,2026-10,97,changed my mind
            """;

        var e = await Assert.ThrowsAsync<AsCodeImportException>(() => Database.ImportActualsTextAsync(csv, org));

        Assert.Equal(
        [
            "actuals.csv:3: value '9x' is not a number",
            "actuals.csv:4: kpi 'foo' is not in the scorecard",
            "actuals.csv:5: kpi 'OTD' is not in the scorecard",
            "actuals.csv:6: expected 4 columns like the header, found 3",
            "actuals.csv:7: period 2027-01 has not started yet",
            "actuals.csv:8: kpi 'otd' has no value for 2026-06; a blank value means no data and needs a comment saying why",
            "actuals.csv:9: kpi 'otd' period 2026-10 is already given on line 2 with a different value",
        ], e.Problems.Select(p => p.ToString()));
        Assert.Equal(before, await Database.DumpAsync(org));
    }

    [Fact]
    public async Task Bad_period_and_wrong_header_are_named()
    {
        var org = await Database.EmptyOrganizationAsync();
        await Database.ImportTextAsync(ScorecardFileTests.Valid, org);

        var period = await Assert.ThrowsAsync<AsCodeImportException>(() => Database.ImportActualsTextAsync("kpi,period,value\notd,2026-13,95\notd,FY2027-Q1,95\n", org));
        var header = await Assert.ThrowsAsync<AsCodeImportException>(() => Database.ImportActualsTextAsync("kpi;period;value\n", org));
        var quote = await Assert.ThrowsAsync<AsCodeImportException>(() => Database.ImportActualsTextAsync("kpi,period,value,comment\notd,2026-10,95,fine\notd,2026-09,\"9\"5,late\n", org));

        Assert.Equal(
        [
            "actuals.csv:2: period '2026-13' is not a period key; use a month like 2026-10 or a quarter like FY2027-Q1",
            "actuals.csv:3: kpi 'otd' is monthly, so period 'FY2027-Q1' should be a month like 2026-10",
        ], period.Problems.Select(p => p.ToString()));
        Assert.Equal("actuals.csv:1: unknown column 'kpi;period;value'; the header is kpi,period,value,comment", Assert.Single(header.Problems).ToString());
        Assert.StartsWith("actuals.csv:3: a quote is misplaced", Assert.Single(quote.Problems).ToString(), StringComparison.Ordinal);
    }
}

public sealed class RejectedImportTestsOnSqlite(SqliteTestDatabase db) : RejectedImportTests(db), IClassFixture<SqliteTestDatabase>;

public sealed class RejectedImportTestsOnPostgres(PostgresTestDatabase db) : RejectedImportTests(db), IClassFixture<PostgresTestDatabase>;
