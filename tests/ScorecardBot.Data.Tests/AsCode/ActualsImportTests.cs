using Microsoft.EntityFrameworkCore;
using ScorecardBot.Core.Model;
using ScorecardBot.Data.AsCode;
using ScorecardBot.Data.Tests.Infrastructure;

namespace ScorecardBot.Data.Tests.AsCode;

public abstract class ActualsImportTests(TestDatabase database) : DatabaseTests(database)
{
    [Fact]
    public async Task Sample_history_loads_24_months_per_kpi_and_reimporting_it_changes_nothing()
    {
        var org = await Database.EmptyOrganizationAsync();
        await Database.ImportAsync(Samples.Path("manufacturing.yaml"), org);

        var first = await Database.ImportActualsAsync(Samples.Path("manufacturing.actuals.csv"), org);
        var before = await Database.DumpAsync(org);
        var second = await Database.ImportActualsAsync(Samples.Path("manufacturing.actuals.csv"), org);

        await using var db = Database.Context();
        var counts = await db.Actuals.Where(a => a.OrganizationId == org).GroupBy(a => a.KpiId).Select(g => g.Count()).ToListAsync();
        var quarterly = await db.Kpis.CountAsync(k => k.OrganizationId == org && k.Frequency == Frequency.Quarterly);
        Assert.Equal(await db.Kpis.CountAsync(k => k.OrganizationId == org), counts.Count);
        Assert.Equal(counts.Count - quarterly, counts.Count(c => c == 24));
        Assert.Equal(quarterly, counts.Count(c => c == 8));
        Assert.Equal((first.Rows, 0), (first.Created, first.Updated));
        Assert.Equal((0, 0, first.Rows), (second.Created, second.Updated, second.Unchanged));
        Assert.Equal(before, await Database.DumpAsync(org));

        var otd = await db.Kpis.SingleAsync(k => k.OrganizationId == org && k.Key == "on-time-delivery");
        var october = await db.Actuals.SingleAsync(a => a.KpiId == otd.Id && a.Period == Period.Month(2026, 10));
        Assert.Equal((EntrySource.Import, "import"), (october.Source, october.SubmittedByName));
        Assert.Equal(first.Rows, await db.AuditEntries.CountAsync(a => a.OrganizationId == org && a.Subject == "Actual" && a.Via == EntrySource.Import));
    }

    [Fact]
    public async Task Hospital_sample_imports_with_its_cascade_and_24_months_of_history()
    {
        var org = await Database.EmptyOrganizationAsync();
        var imported = await Database.ImportAsync(Samples.Path("hospital.yaml"), org);
        var actuals = await Database.ImportActualsAsync(Samples.Path("hospital.actuals.csv"), org);

        await using var db = Database.Context();
        var scorecards = await db.Scorecards.Where(s => s.OrganizationId == org).ToListAsync();
        var hospital = scorecards.Single(s => s.Key == "hospital");
        var emergency = scorecards.Single(s => s.Key == "emergency");
        Assert.Equal(hospital.Id, emergency.ParentScorecardId);
        Assert.True(imported.AuditEntries > 0);
        Assert.Equal(actuals.Rows, actuals.Created);

        var kpis = await db.Kpis.Where(k => k.OrganizationId == org).ToListAsync();
        var counts = await db.Actuals.Where(a => a.OrganizationId == org).GroupBy(a => a.KpiId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        Assert.Equal(kpis.Count, counts.Count);
        Assert.All(kpis, k => Assert.Equal(k.Frequency == Frequency.Quarterly ? 8 : 24, counts.Single(c => c.Key == k.Id).Count));

        // Two objectives share a name, one per scorecard: the ED's cascades from the hospital's.
        var safe = await db.Objectives.Where(o => (o.ScorecardId == hospital.Id || o.ScorecardId == emergency.Id) && o.Name == "Keep patients safe").ToListAsync();
        Assert.Equal(2, safe.Count);
        Assert.Equal(safe.Single(o => o.ScorecardId == hospital.Id).Id, safe.Single(o => o.ScorecardId == emergency.Id).ParentObjectiveId);

        // The story: hand hygiene slipped to amber, and infections followed to red in October.
        var infections = kpis.Single(k => k.Key == "infections");
        var october = await db.Actuals.SingleAsync(a => a.KpiId == infections.Id && a.Period == Period.Month(2026, 10));
        Assert.True(october.Value > 1.7m, $"infections in October were {october.Value}, not red");
    }

    [Fact]
    public async Task Changed_value_updates_the_actual_through_the_audit_trail()
    {
        var org = await Database.EmptyOrganizationAsync();
        await Database.ImportTextAsync(ScorecardFileTests.Valid, org);
        await Database.ImportActualsTextAsync("kpi,period,value,comment\nOn-time delivery,2026-10,94.5,\notd,2026-09,,ERP migration weekend\n", org);

        var result = await Database.ImportActualsTextAsync("kpi,period,value,comment\notd,2026-10,95.5,corrected after audit\notd,2026-09,,ERP migration weekend\n", org);

        Assert.Equal((0, 1, 1), (result.Created, result.Updated, result.Unchanged));
        await using var db = Database.Context();
        var actuals = await db.Actuals.Where(a => a.OrganizationId == org).OrderBy(a => a.Period).ToListAsync();
        Assert.Equal((null, "ERP migration weekend"), (actuals[0].Value, actuals[0].NoDataReason));
        Assert.Equal((95.5m, "corrected after audit", 1u), (actuals[1].Value!.Value, actuals[1].Comment, actuals[1].Version));
        var change = await db.AuditEntries.SingleAsync(a => a.OrganizationId == org && a.Subject == "Actual" && a.Change == "updated");
        Assert.Equal(EntrySource.Import, change.Via);
        Assert.Contains("94.5", change.OldValue, StringComparison.Ordinal);
        Assert.Contains("95.5", change.NewValue, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_file_reports_its_progress_while_reading_and_while_saving()
    {
        var org = await Database.EmptyOrganizationAsync();
        await Database.ImportAsync(Samples.Path("manufacturing.yaml"), org);
        var csv = new System.Text.StringBuilder("kpi,period,value,comment\n");
        foreach (var kpi in new[] { "on-time-delivery", "scrap-rate", "oee", "first-pass-yield", "customer-retention", "schedule-adherence" })
        {
            for (var month = 0; month < 1_200; month++)
            {
                csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"{kpi},{Period.Month(1900, 1).AddPeriods(month)},50,\n");
            }
        }

        var bytes = System.Text.Encoding.UTF8.GetBytes(csv.ToString());
        var reports = new List<ActualsImportProgress>();
        var progress = new Recorder(reports);
        var audit = new ScorecardBot.Data.Auditing.AuditContext();
        await using var db = Database.Context(audit);

        var result = await new ActualsCsvImporter(db, audit, AsCodeTestDatabase.Clock).ImportAsync(new MemoryStream(bytes), "long.csv", org, progress: progress);

        Assert.Equal((7_200, 7_200), (result.Rows, result.Created));
        var reading = reports.Where(r => r.Stage == ActualsImportStage.Reading).ToList();
        var saving = reports.Where(r => r.Stage == ActualsImportStage.Saving).ToList();
        Assert.All(reading, r => Assert.Equal(bytes.Length, r.Total));
        Assert.True(reading.Count >= 7, $"{reading.Count} reports while reading 7,200 rows");
        Assert.Equal(reading.Select(r => r.Done).Order(), reading.Select(r => r.Done));
        Assert.Equal(bytes.Length, reading[^1].Done);
        Assert.Equal([0L, 5_000L, 7_200L], saving.Select(r => r.Done));
        Assert.All(saving, r => Assert.Equal(7_200, r.Total));
        Assert.True(reports.FindLastIndex(r => r.Stage == ActualsImportStage.Reading) < reports.FindIndex(r => r.Stage == ActualsImportStage.Saving));
    }

    /// <summary>Records reports as they come (Progress&lt;T&gt; would post them to the thread pool, out of order).</summary>
    private sealed class Recorder(List<ActualsImportProgress> reports) : IProgress<ActualsImportProgress>
    {
        public void Report(ActualsImportProgress value) => reports.Add(value);
    }
}

public sealed class ActualsImportTestsOnSqlite(SqliteTestDatabase db) : ActualsImportTests(db), IClassFixture<SqliteTestDatabase>;

public sealed class ActualsImportTestsOnPostgres(PostgresTestDatabase db) : ActualsImportTests(db), IClassFixture<PostgresTestDatabase>;
