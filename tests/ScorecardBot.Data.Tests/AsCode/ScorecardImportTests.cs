using Microsoft.EntityFrameworkCore;
using ScorecardBot.Core.Model;
using ScorecardBot.Data.AsCode;

namespace ScorecardBot.Data.Tests.AsCode;

/// <summary>Importing and exporting whole scorecard files, on SQLite and on PostgreSQL.</summary>
public sealed class ScorecardImportTests
{
    public static TheoryData<DatabaseProvider> Providers => AsCodeTestDatabase.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Manufacturing_sample_imports_with_its_cascade_and_audited_owners(DatabaseProvider provider)
    {
        await using var database = await AsCodeTestDatabase.CreateAsync(provider);

        var result = await database.ImportAsync(Samples.Path("manufacturing.yaml"));

        await using var db = database.Context();
        var org = await db.Organizations.SingleAsync();
        Assert.Equal(("Europe/Berlin", 4, "en-GB", "EUR"), (org.TimeZoneId, org.FiscalYearStartMonth, org.Locale, org.Currency));
        var scorecards = await db.Scorecards.ToListAsync();
        Assert.Equal(["enterprise", "hr", "operations", "sales"], scorecards.Select(s => s.Key).Order());
        var enterprise = scorecards.Single(s => s.Key == "enterprise");
        var operations = scorecards.Single(s => s.Key == "operations");
        var otdObjective = await db.Objectives.SingleAsync(o => o.Key == "improve-on-time-delivery");
        Assert.Equal((enterprise.Id, otdObjective.Id), (operations.ParentScorecardId!.Value, operations.SupportsObjectiveId!.Value));

        var otd = await db.Kpis.Include(k => k.Targets).SingleAsync(k => k.Key == "on-time-delivery");
        Assert.Contains("OTD", otd.Aliases);
        var fy2027 = otd.Targets.Single(t => t.Period == Period.FiscalYear(2027));
        Assert.Equal((95m, 93m, 90m, ThresholdStyle.Absolute), (fy2027.Value, fy2027.Amber!.Value, fy2027.Red!.Value, fy2027.ThresholdStyle));
        var becker = await db.People.SingleAsync(p => p.Email == "thomas.becker@hartmann-drives.example");
        Assert.Equal(becker.Id, otd.OwnerId);

        var band = await db.Targets.SingleAsync(t => t.KpiId == db.Kpis.Single(k => k.Key == "inventory-days").Id && t.Period == Period.FiscalYear(2027));
        Assert.Equal((45m, 60m, 52.5m), (band.BandLow!.Value, band.BandHigh!.Value, band.Value));
        Assert.Equal(13, await db.ObjectiveLinks.CountAsync(l => l.ScorecardId == enterprise.Id));
        var mes = await db.Initiatives.Include(i => i.Milestones).SingleAsync(i => i.Key == "mes-rollout");
        Assert.Equal((InitiativeStatus.AtRisk, 4), (mes.Status, mes.Milestones.Count));
        var review = await db.ReviewCycles.SingleAsync(c => c.ScorecardId == enterprise.Id && c.Kind == ReviewKind.Monthly);
        Assert.Equal((2, DayOfWeek.Tuesday, new TimeOnly(10, 0)), (review.WeekOfMonth, review.DayOfWeek, review.MeetingTime));

        var audit = await db.AuditEntries.ToListAsync();
        Assert.Equal(result.AuditEntries, audit.Count);
        Assert.All(audit, a => Assert.Equal((EntrySource.Import, "import"), (a.Via, a.ActorName)));
        Assert.Contains(audit, a => a.Subject == "Target" && a.KpiId == otd.Id && a.Period == Period.FiscalYear(2027));
        Assert.Contains(audit, a => a.Subject == "KpiOwner" && a.SubjectId == otd.Id && a.NewValue == becker.Id.ToString("D"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Importing_the_same_file_twice_changes_no_row_and_writes_no_audit(DatabaseProvider provider)
    {
        await using var database = await AsCodeTestDatabase.CreateAsync(provider);
        await database.ImportAsync(Samples.Path("logistics.yaml"));
        var before = await database.DumpAsync();

        var second = await database.ImportAsync(Samples.Path("logistics.yaml"));

        Assert.Equal((0, 0, 0), (second.Created, second.Updated, second.AuditEntries));
        Assert.Equal(before, await database.DumpAsync());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Export_then_import_into_an_empty_database_then_export_gives_the_same_text(DatabaseProvider provider)
    {
        await using var first = await AsCodeTestDatabase.CreateAsync(provider);
        var imported = await first.ImportAsync(Samples.Path("manufacturing.yaml"));
        var exported = await first.ExportAsync(imported.OrganizationId);

        await using var second = await AsCodeTestDatabase.CreateAsync(provider);
        var reimported = await second.ImportTextAsync(exported, "exported.yaml");
        var exportedAgain = await second.ExportAsync(reimported.OrganizationId);

        Assert.Equal(exported, exportedAgain);
        Assert.Contains("meeting: 2nd Tuesday 10:00", exported, StringComparison.Ordinal);
        Assert.Contains("direction: within_band", exported, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Export_reimported_into_the_same_database_changes_nothing(DatabaseProvider provider)
    {
        await using var database = await AsCodeTestDatabase.CreateAsync(provider);
        var imported = await database.ImportAsync(Samples.Path("logistics.yaml"));
        var exported = await database.ExportAsync(imported.OrganizationId);
        var before = await database.DumpAsync();

        var again = await database.ImportTextAsync(exported, "exported.yaml");

        Assert.True(again.ChangedNothing);
        Assert.Equal(before, await database.DumpAsync());
    }
}
