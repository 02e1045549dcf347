using Microsoft.EntityFrameworkCore;
using ScorecardBot.Core.Model;
using ScorecardBot.Data.Tests.Infrastructure;

namespace ScorecardBot.Data.Tests.AsCode;

/// <summary>Importing and exporting whole scorecard files, once per provider.</summary>
public abstract class ScorecardImportTests(TestDatabase database) : DatabaseTests(database)
{
    [Fact]
    public async Task Manufacturing_sample_imports_with_its_cascade_and_audited_owners()
    {
        var orgId = await Database.EmptyOrganizationAsync();

        var result = await Database.ImportAsync(Samples.Path("manufacturing.yaml"), orgId);

        await using var db = Database.Context();
        var org = await db.Organizations.SingleAsync(o => o.Id == orgId);
        Assert.Equal(("Hartmann Antriebstechnik GmbH", "Europe/Berlin", 4, "en-GB", "EUR"), (org.Name, org.TimeZoneId, org.FiscalYearStartMonth, org.Locale, org.Currency));
        var scorecards = await db.Scorecards.Where(s => s.OrganizationId == orgId).ToListAsync();
        Assert.Equal(["enterprise", "hr", "operations", "sales"], scorecards.Select(s => s.Key).Order());
        var enterprise = scorecards.Single(s => s.Key == "enterprise");
        var operations = scorecards.Single(s => s.Key == "operations");
        var otdObjective = await db.Objectives.SingleAsync(o => o.ScorecardId == enterprise.Id && o.Key == "improve-on-time-delivery");
        Assert.Equal((enterprise.Id, otdObjective.Id), (operations.ParentScorecardId!.Value, operations.SupportsObjectiveId!.Value));

        var otd = await db.Kpis.Include(k => k.Targets).SingleAsync(k => k.OrganizationId == orgId && k.Key == "on-time-delivery");
        Assert.Contains("OTD", otd.Aliases);
        var fy2027 = otd.Targets.Single(t => t.Period == Period.FiscalYear(2027));
        Assert.Equal((95m, 93m, 90m, ThresholdStyle.Absolute), (fy2027.Value, fy2027.Amber!.Value, fy2027.Red!.Value, fy2027.ThresholdStyle));
        var becker = await db.People.SingleAsync(p => p.OrganizationId == orgId && p.Email == "thomas.becker@hartmann-drives.example");
        Assert.Equal(becker.Id, otd.OwnerId);

        var inventory = await db.Kpis.Include(k => k.Targets).SingleAsync(k => k.OrganizationId == orgId && k.Key == "inventory-days");
        var band = inventory.Targets.Single(t => t.Period == Period.FiscalYear(2027));
        Assert.Equal((45m, 60m, 52.5m), (band.BandLow!.Value, band.BandHigh!.Value, band.Value));
        Assert.Equal(13, await db.ObjectiveLinks.CountAsync(l => l.ScorecardId == enterprise.Id));
        var mes = await db.Initiatives.Include(i => i.Milestones).SingleAsync(i => i.ScorecardId == enterprise.Id && i.Key == "mes-rollout");
        Assert.Equal((InitiativeStatus.AtRisk, 4), (mes.Status, mes.Milestones.Count));
        var review = await db.ReviewCycles.SingleAsync(c => c.ScorecardId == enterprise.Id && c.Kind == ReviewKind.Monthly);
        Assert.Equal((2, DayOfWeek.Tuesday, new TimeOnly(10, 0)), (review.WeekOfMonth, review.DayOfWeek, review.MeetingTime));

        var audit = await db.AuditEntries.Where(a => a.OrganizationId == orgId).ToListAsync();
        Assert.Equal(result.AuditEntries, audit.Count);
        Assert.All(audit, a => Assert.Equal((EntrySource.Import, "import"), (a.Via, a.ActorName)));
        Assert.Contains(audit, a => a.Subject == "Target" && a.KpiId == otd.Id && a.Period == Period.FiscalYear(2027));
        Assert.Contains(audit, a => a.Subject == "KpiOwner" && a.SubjectId == otd.Id && a.NewValue == becker.Id.ToString("D"));
    }

    [Fact]
    public async Task Importing_the_same_file_twice_changes_no_row_and_writes_no_audit()
    {
        var org = await Database.EmptyOrganizationAsync();
        await Database.ImportAsync(Samples.Path("logistics.yaml"), org);
        var before = await Database.DumpAsync(org);

        var second = await Database.ImportAsync(Samples.Path("logistics.yaml"), org);

        Assert.Equal((0, 0, 0), (second.Created, second.Updated, second.AuditEntries));
        Assert.Equal(before, await Database.DumpAsync(org));
    }

    [Fact]
    public async Task Export_then_import_into_an_empty_organization_then_export_gives_the_same_text()
    {
        var first = await Database.EmptyOrganizationAsync();
        await Database.ImportAsync(Samples.Path("manufacturing.yaml"), first);
        var exported = await Database.ExportAsync(first);

        var second = await Database.EmptyOrganizationAsync();
        await Database.ImportTextAsync(exported, second, "exported.yaml");
        var exportedAgain = await Database.ExportAsync(second);

        Assert.Equal(exported, exportedAgain);
        Assert.Contains("meeting: 2nd Tuesday 10:00", exported, StringComparison.Ordinal);
        Assert.Contains("direction: within_band", exported, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_samples_pairs_are_imported_and_exported()
    {
        var org = await Database.EmptyOrganizationAsync();
        await Database.ImportAsync(Samples.Path("logistics.yaml"), org);

        await using (var db = Database.Context())
        {
            var kpis = await db.Kpis.Where(k => k.OrganizationId == org).ToDictionaryAsync(k => k.Key);
            Assert.Equal(kpis["claims-rate"].Id, kpis["on-time-delivery"].PairKpiId);
            Assert.Equal(kpis["operating-ratio"].Id, kpis["revenue"].PairKpiId);
            Assert.Null(kpis["claims-rate"].PairKpiId);
        }

        var exported = await Database.ExportAsync(org);
        Assert.Contains("pair: claims-rate", exported, StringComparison.Ordinal);
        var unpaired = string.Join('\n', exported.Split('\n').Where(line => line.Trim() != "pair: claims-rate"));
        Assert.NotEqual(exported, unpaired);
        await Database.ImportTextAsync(unpaired, org, "unpaired.yaml");
        await using var after = Database.Context();
        Assert.Null((await after.Kpis.SingleAsync(k => k.OrganizationId == org && k.Key == "on-time-delivery")).PairKpiId);
    }

    [Fact]
    public async Task Export_reimported_into_the_same_organization_changes_nothing()
    {
        var org = await Database.EmptyOrganizationAsync();
        await Database.ImportAsync(Samples.Path("logistics.yaml"), org);
        var exported = await Database.ExportAsync(org);
        var before = await Database.DumpAsync(org);

        var again = await Database.ImportTextAsync(exported, org, "exported.yaml");

        Assert.True(again.ChangedNothing);
        Assert.Equal(before, await Database.DumpAsync(org));
    }

    [Fact]
    public async Task Changed_owner_and_target_are_updated_in_place_and_audited_as_import()
    {
        var org = await Database.EmptyOrganizationAsync();
        await Database.ImportTextAsync(ScorecardFileTests.Valid, org);
        var before = await Database.DumpAsync(org);
        var changed = ScorecardFileTests.Valid
            .Replace("- { name: Ann Owner, email: ann@test.example, role: owner }", "- { name: Ann Owner, email: ann@test.example, role: owner }\n  - { name: Ben New, email: ben@test.example }", StringComparison.Ordinal)
            .Replace("owner: ann@test.example\n        targets", "owner: ben@test.example\n        targets", StringComparison.Ordinal)
            .Replace("2026-12: 92", "2026-12: 91.5", StringComparison.Ordinal);

        var result = await Database.ImportTextAsync(changed, org);

        Assert.Equal((1, 2, 2), (result.Created, result.Updated, result.AuditEntries));
        await using var db = Database.Context();
        var kpi = await db.Kpis.Include(k => k.Targets).SingleAsync(k => k.OrganizationId == org);
        var ben = await db.People.SingleAsync(p => p.OrganizationId == org && p.Email == "ben@test.example");
        Assert.Equal((ben.Id, 91.5m), (kpi.OwnerId!.Value, kpi.Targets.Single(t => t.Period == Period.Month(2026, 12)).Value));
        Assert.Contains($"\"Id\":\"{kpi.Id}\"", before, StringComparison.Ordinal);
        var entries = await db.AuditEntries.Where(a => a.OrganizationId == org && a.Change == "updated").ToListAsync();
        Assert.Equal(["KpiOwner", "Target"], entries.Select(e => e.Subject).Order());
        Assert.All(entries, e => Assert.Equal(EntrySource.Import, e.Via));
    }

    [Fact]
    public async Task File_without_perspectives_keeps_the_names_given_in_the_bot()
    {
        var org = await Database.EmptyOrganizationAsync();
        await Database.ImportTextAsync(ScorecardFileTests.Valid, org);
        await using (var db = Database.Context())
        {
            var customer = await db.Perspectives.SingleAsync(p => db.Scorecards.Any(s => s.Id == p.ScorecardId && s.OrganizationId == org) && p.Kind == PerspectiveKind.Customer);
            customer.Name = "Clients";
            await db.SaveChangesAsync();
        }

        var before = await Database.DumpAsync(org);
        var again = await Database.ImportTextAsync(ScorecardFileTests.Valid, org);

        Assert.True(again.ChangedNothing);
        Assert.Equal(before, await Database.DumpAsync(org));
        Assert.Contains("{kind: customer, name: Clients}", await Database.ExportAsync(org), StringComparison.Ordinal);
    }
}

public sealed class ScorecardImportTestsOnSqlite(SqliteTestDatabase db) : ScorecardImportTests(db), IClassFixture<SqliteTestDatabase>;

public sealed class ScorecardImportTestsOnPostgres(PostgresTestDatabase db) : ScorecardImportTests(db), IClassFixture<PostgresTestDatabase>;
