using Microsoft.EntityFrameworkCore;
using ScorecardBot.Core.Model;
using ScorecardBot.Data.AsCode;

namespace ScorecardBot.Data.Tests.AsCode;

public sealed class ActualsImportTests
{
    public static TheoryData<DatabaseProvider> Providers => AsCodeTestDatabase.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Sample_history_loads_24_months_per_kpi_and_reimporting_it_changes_nothing(DatabaseProvider provider)
    {
        await using var database = await AsCodeTestDatabase.CreateAsync(provider);
        var org = (await database.ImportAsync(Samples.Path("manufacturing.yaml"))).OrganizationId;

        var first = await database.ImportActualsAsync(Samples.Path("manufacturing.actuals.csv"), org);
        var before = await database.DumpAsync();
        var second = await database.ImportActualsAsync(Samples.Path("manufacturing.actuals.csv"), org);

        await using var db = database.Context();
        var counts = await db.Actuals.GroupBy(a => a.KpiId).Select(g => g.Count()).ToListAsync();
        var quarterly = await db.Kpis.CountAsync(k => k.Frequency == Frequency.Quarterly);
        Assert.Equal(await db.Kpis.CountAsync(), counts.Count);
        Assert.Equal(counts.Count - quarterly, counts.Count(c => c == 24));
        Assert.Equal(quarterly, counts.Count(c => c == 8));
        Assert.Equal((first.Rows, 0), (first.Created, first.Updated));
        Assert.Equal((0, 0, first.Rows), (second.Created, second.Updated, second.Unchanged));
        Assert.Equal(before, await database.DumpAsync());

        var otd = await db.Kpis.SingleAsync(k => k.Key == "on-time-delivery");
        var october = await db.Actuals.SingleAsync(a => a.KpiId == otd.Id && a.Period == Period.Month(2026, 10));
        Assert.Equal((EntrySource.Import, "import"), (october.Source, october.SubmittedByName));
        Assert.Equal(first.Rows, await db.AuditEntries.CountAsync(a => a.Subject == "Actual" && a.Via == EntrySource.Import));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Changed_value_updates_the_actual_through_the_audit_trail(DatabaseProvider provider)
    {
        await using var database = await AsCodeTestDatabase.CreateAsync(provider);
        var org = (await database.ImportTextAsync(ScorecardFileTests.Valid)).OrganizationId;
        await database.ImportActualsTextAsync("kpi,period,value,comment\nOn-time delivery,2026-10,94.5,\notd,2026-09,,ERP migration weekend\n", org);

        var result = await database.ImportActualsTextAsync("kpi,period,value,comment\notd,2026-10,95.5,corrected after audit\notd,2026-09,,ERP migration weekend\n", org);

        Assert.Equal((0, 1, 1), (result.Created, result.Updated, result.Unchanged));
        await using var db = database.Context();
        var actuals = await db.Actuals.OrderBy(a => a.Period).ToListAsync();
        Assert.Equal((null, "ERP migration weekend"), (actuals[0].Value, actuals[0].NoDataReason));
        Assert.Equal((95.5m, "corrected after audit", 1u), (actuals[1].Value!.Value, actuals[1].Comment, actuals[1].Version));
        var change = await db.AuditEntries.SingleAsync(a => a.Subject == "Actual" && a.Change == "updated");
        Assert.Equal(EntrySource.Import, change.Via);
        Assert.Contains("94.5", change.OldValue, StringComparison.Ordinal);
        Assert.Contains("95.5", change.NewValue, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sample_history_shows_recent_misses_and_a_leading_indicator_ahead_of_its_kpi()
    {
        var lines = (await File.ReadAllLinesAsync(Samples.Path("manufacturing.actuals.csv"))).Skip(1).Select(l => l.Split(',')).ToList();
        decimal Value(string kpi, string period) => decimal.Parse(lines.Single(l => l[0] == kpi && l[1] == period)[2], System.Globalization.CultureInfo.InvariantCulture);

        // Schedule adherence fell below its amber line (90) in July; on-time delivery (amber 93) followed in August.
        Assert.True(Value("schedule-adherence", "2026-06") >= 90 && Value("schedule-adherence", "2026-07") < 90);
        Assert.True(Value("on-time-delivery", "2026-07") >= 93 && Value("on-time-delivery", "2026-08") < 93);
        Assert.True(Value("on-time-delivery", "2026-10") < 90, "on-time delivery is red in the last month");
        Assert.InRange(Value("defect-rate", "2026-10"), 601, 699);
    }
}
