using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Data.Stores;
using ScorecardBot.Data.Tests.AsCode;
using ScorecardBot.Data.Tests.Infrastructure;

namespace ScorecardBot.Data.Tests.Stores;

/// <summary>
/// Scorecard changes made in chat, on the logistics sample: they go the file import's way (its
/// checks, its applier), are audited and kept for undo, leave the export saying what was built,
/// and never reach another organization.
/// </summary>
public abstract class ScorecardEditStoreTests(TestDatabase database) : DatabaseTests(database)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    private sealed record World(Guid Org, ServiceProvider Services, Person Marcus, Person Olivia, Person Carlos) : IAsyncDisposable
    {
        public IScorecardEdits Edits => Services.GetRequiredService<IScorecardEdits>();

        public IScorecardReadModel ReadModel => Services.GetRequiredService<IScorecardReadModel>();

        public ChangeContext As(Person person, DateTimeOffset? at = null) => new(Org, person.Id, EntrySource.Command, at ?? Now);

        public ValueTask DisposeAsync() => Services.DisposeAsync();
    }

    private async Task<World> LogisticsAsync()
    {
        var org = await Database.EmptyOrganizationAsync();
        await Database.ImportAsync(Samples.Path("logistics.yaml"), org);
        await using var db = Database.Context();
        var people = await db.People.AsNoTracking().Where(p => p.OrganizationId == org).ToListAsync();
        Person Named(string name) => people.Single(p => p.Name == name);
        return new World(org, Database.CreateServices(s => s.AddScorecardStores()), Named("Marcus Reed"), Named("Olivia Chen"), Named("Carlos Mendoza"));
    }

    private async Task<OrganizationSnapshot> SnapshotAsync(World world) => (await world.ReadModel.GetAsync(world.Org, CancellationToken.None))!;

    private static Kpi Kpi(OrganizationSnapshot snapshot, string key) => snapshot.Kpis.Single(k => k.Key == key);

    private static Objective Objective(OrganizationSnapshot snapshot, string key) => snapshot.Scorecards.SelectMany(s => s.Objectives).Single(o => o.Key == key);

    [Fact]
    public async Task A_kpi_added_in_chat_is_in_the_export_audited_and_the_snapshot_has_it_with_its_owner_and_target()
    {
        await using var world = await LogisticsAsync();
        var snapshot = await SnapshotAsync(world);

        var outcome = await world.Edits.ApplyAsync(world.As(world.Marcus),
            new AddKpiEdit(Objective(snapshot, "lower-cost-per-mile").Id, "Fuel cost per mile", "USD", Direction.LowerIsBetter, IndicatorType.Leading, 0.62m, Period.FiscalYear(2027), world.Olivia.Id),
            CancellationToken.None);

        Assert.Equal(CommandStatus.Done, outcome.Status);
        Assert.StartsWith("KPI 'Fuel cost per mile' added to objective 'Lower cost per mile'", outcome.Description, StringComparison.Ordinal);
        var added = Kpi(outcome.After!, "fuel-cost-per-mile");
        Assert.Equal((world.Olivia.Id, Direction.LowerIsBetter, IndicatorType.Leading, KpiFormat.Currency), (added.OwnerId, added.Direction, added.Indicator, added.Format));
        Assert.Contains(added.Targets, t => t.Period == Period.FiscalYear(2027) && t.Value == 0.62m);

        var yaml = await Database.ExportAsync(world.Org);
        Assert.Contains("key: fuel-cost-per-mile", yaml, StringComparison.Ordinal);

        await using var db = Database.Context();
        var audit = await db.AuditEntries.AsNoTracking().Where(e => e.OrganizationId == world.Org && e.Subject == ScorecardStore.EditAuditSubject).ToListAsync();
        var entry = Assert.Single(audit);
        Assert.Equal(("kpi add", world.Marcus.Id, outcome.Description), (entry.Change, entry.ActorId, entry.NewValue));
        Assert.Contains(await db.AuditEntries.AsNoTracking().Where(e => e.OrganizationId == world.Org && e.KpiId == added.Id).Select(e => e.Subject).ToListAsync(), s => s == "Target");
    }

    [Fact]
    public async Task A_threshold_on_the_wrong_side_is_refused_with_the_import_s_own_message_and_nothing_changes()
    {
        await using var world = await LogisticsAsync();
        var snapshot = await SnapshotAsync(world);
        var before = await Database.ExportAsync(world.Org);

        // On-time delivery: higher is better, so red must not be above amber.
        var outcome = await world.Edits.ApplyAsync(world.As(world.Marcus), new ThresholdEdit(Kpi(snapshot, "on-time-delivery").Id, 90m, 95m, Period.Month(2026, 11)), CancellationToken.None);

        Assert.Equal(CommandStatus.Refused, outcome.Status);
        Assert.NotEmpty(outcome.ProblemList);
        Assert.All(outcome.ProblemList, p => Assert.Contains("kpi 'on-time-delivery': thresholds should fall as things get worse: red <= amber <= the target", p, StringComparison.Ordinal));
        Assert.Equal(before, await Database.ExportAsync(world.Org));

        // The same thresholds in a file are refused by the import with that message too.
        var file = before.Replace("FY2027: {value: 97, amber: 95, red: 92}", "FY2027: {value: 97, amber: 90, red: 95}", StringComparison.Ordinal);
        Assert.NotEqual(before, file);
        var problem = await Assert.ThrowsAsync<ScorecardBot.Data.AsCode.AsCodeImportException>(() => Database.ImportTextAsync(file, world.Org));
        Assert.Contains(problem.Problems, p => outcome.ProblemList.Contains(p.Message));
    }

    [Fact]
    public async Task Retire_rename_move_link_and_threshold_change_the_definition_and_undo_reverts_the_last_one_of_that_person()
    {
        await using var world = await LogisticsAsync();
        var snapshot = await SnapshotAsync(world);
        var nps = Kpi(snapshot, "nps");

        async Task DoneAsync(ScorecardEdit edit)
        {
            var outcome = await world.Edits.ApplyAsync(world.As(world.Marcus), edit, CancellationToken.None);
            Assert.True(outcome.Status == CommandStatus.Done, outcome.Result.Message);
        }

        await DoneAsync(new RenameKpiEdit(nps.Id, "Shipper NPS"));
        await DoneAsync(new MoveKpiEdit(nps.Id, Objective(snapshot, "keep-shippers").Id));
        await DoneAsync(new LinkEdit(Objective(snapshot, "retain-drivers").Id, Objective(snapshot, "keep-shippers").Id));

        // A link the map has already changes nothing and is not kept for undo.
        var again = await world.Edits.ApplyAsync(world.As(world.Marcus), new LinkEdit(Objective(snapshot, "retain-drivers").Id, Objective(snapshot, "keep-shippers").Id), CancellationToken.None);
        Assert.Equal(CommandStatus.Unchanged, again.Status);
        await DoneAsync(new ThresholdEdit(Kpi(snapshot, "on-time-delivery").Id, 96m, 93m, Period.Month(2026, 11)));
        var retired = await world.Edits.ApplyAsync(world.As(world.Marcus, Now.AddMinutes(1)), new RetireKpiEdit(Kpi(snapshot, "empty-miles").Id), CancellationToken.None);

        var after = retired.After!;
        Assert.DoesNotContain(after.Kpis, k => k.Key == "empty-miles");
        Assert.Equal(("Shipper NPS", Objective(after, "keep-shippers").Id), (Kpi(after, "nps").Name, Kpi(after, "nps").ObjectiveId));
        Assert.Contains(after.Scorecards.Single(s => s.Key == "company").Links, l => l.CauseObjectiveId == Objective(after, "retain-drivers").Id && l.EffectObjectiveId == Objective(after, "keep-shippers").Id);
        var yaml = await Database.ExportAsync(world.Org);
        Assert.Contains("retired: true", yaml, StringComparison.Ordinal);
        Assert.Contains("FY2027: {value: 97, amber: 96, red: 93}", yaml, StringComparison.Ordinal);
        Assert.Contains("FY2026: {value: 96, amber: 96, red: 93}", yaml, StringComparison.Ordinal);
        Assert.Contains("FY2025: {value: 95, amber: 93, red: 90}", yaml, StringComparison.Ordinal);

        // Carlos has changed nothing: nothing to undo for him.
        Assert.Equal(CommandStatus.NotFound, (await world.Edits.UndoAsync(world.As(world.Carlos), TimeSpan.FromMinutes(10), CancellationToken.None)).Status);

        // Marcus's last change (the retirement) is undone; the history was never gone.
        var undone = await world.Edits.UndoAsync(world.As(world.Marcus, Now.AddMinutes(9)), TimeSpan.FromMinutes(10), CancellationToken.None);
        Assert.Equal(CommandStatus.Done, undone.Status);
        Assert.StartsWith("Undone: KPI 'Empty miles' retired", undone.Description, StringComparison.Ordinal);
        Assert.Contains(undone.After!.Kpis, k => k.Key == "empty-miles");
        Assert.DoesNotContain("retired: true", await Database.ExportAsync(world.Org), StringComparison.Ordinal);

        // The next one (thresholds) is older than ten minutes by now: a clear message, nothing changed.
        var late = await world.Edits.UndoAsync(world.As(world.Marcus, Now.AddMinutes(11)), TimeSpan.FromMinutes(10), CancellationToken.None);
        Assert.Equal(CommandStatus.Refused, late.Status);
        Assert.Contains("was 11 minutes ago; undo reverts a change only within 10 minutes", late.Result.Message, StringComparison.Ordinal);
        Assert.Contains("FY2027: {value: 97, amber: 96, red: 93}", await Database.ExportAsync(world.Org), StringComparison.Ordinal);

        await using var db = Database.Context();
        var audit = await db.AuditEntries.AsNoTracking().Where(e => e.OrganizationId == world.Org && e.Subject == ScorecardStore.EditAuditSubject).OrderBy(e => e.Id).Select(e => e.Change).ToListAsync();
        Assert.Equal(["kpi rename", "kpi move", "link", "threshold", "kpi retire", "undo"], audit);
    }

    [Fact]
    public async Task Undo_of_an_added_kpi_and_objective_removes_them_again()
    {
        await using var world = await LogisticsAsync();
        var snapshot = await SnapshotAsync(world);
        var before = await Database.ExportAsync(world.Org);
        var company = snapshot.Scorecards.Single(s => s.Key == "company");

        var objective = await world.Edits.ApplyAsync(world.As(world.Marcus), new AddObjectiveEdit(company.Id, company.Perspectives.Single(p => p.Name == "Customer").Id, "Win dedicated contracts"), CancellationToken.None);
        Assert.Equal(CommandStatus.Done, objective.Status);
        Assert.Contains("key: win-dedicated-contracts", await Database.ExportAsync(world.Org), StringComparison.Ordinal);
        Assert.Equal(CommandStatus.Done, (await world.Edits.UndoAsync(world.As(world.Marcus), TimeSpan.FromMinutes(10), CancellationToken.None)).Status);

        var kpi = await world.Edits.ApplyAsync(world.As(world.Marcus), new AddKpiEdit(Objective(snapshot, "keep-shippers").Id, "Dedicated contract renewals", "%", Direction.HigherIsBetter, IndicatorType.Lagging, 90m, Period.FiscalYear(2027), null), CancellationToken.None);
        Assert.Equal(CommandStatus.Done, kpi.Status);
        Assert.Equal(CommandStatus.Done, (await world.Edits.UndoAsync(world.As(world.Marcus), TimeSpan.FromMinutes(10), CancellationToken.None)).Status);

        Assert.Equal(before, await Database.ExportAsync(world.Org));
    }

    [Fact]
    public async Task Only_a_manager_of_the_scorecard_changes_it_and_nothing_of_another_organization_can_be_named()
    {
        await using var world = await LogisticsAsync();
        var snapshot = await SnapshotAsync(world);
        var before = await Database.ExportAsync(world.Org);

        var owner = await world.Edits.ApplyAsync(world.As(world.Olivia), new RetireKpiEdit(Kpi(snapshot, "revenue").Id), CancellationToken.None);
        Assert.Equal(CommandStatus.Refused, owner.Status);
        Assert.Null(await world.Edits.ExportAsync(world.As(world.Olivia), CancellationToken.None));

        // Another organization's manager names this organization's KPI: it is not found there.
        var other = await Database.EmptyOrganizationAsync();
        await Database.ImportAsync(Samples.Path("logistics.yaml"), other);
        await using var db = Database.Context();
        var otherMarcus = await db.People.AsNoTracking().SingleAsync(p => p.OrganizationId == other && p.Name == "Marcus Reed");
        var foreign = await world.Edits.ApplyAsync(new ChangeContext(other, otherMarcus.Id, EntrySource.Command, Now), new RetireKpiEdit(Kpi(snapshot, "revenue").Id), CancellationToken.None);
        Assert.Equal(CommandStatus.NotFound, foreign.Status);

        // And acting in this organization as a person of the other one is acting as nobody.
        var stranger = await world.Edits.ApplyAsync(new ChangeContext(world.Org, otherMarcus.Id, EntrySource.Command, Now), new RetireKpiEdit(Kpi(snapshot, "revenue").Id), CancellationToken.None);
        Assert.Equal(CommandStatus.NotFound, stranger.Status);
        Assert.Equal(before, await Database.ExportAsync(world.Org));
    }

    [Fact]
    public async Task The_export_of_what_was_built_in_chat_imports_into_a_fresh_organization_as_the_same_definition()
    {
        await using var world = await LogisticsAsync();
        var snapshot = await SnapshotAsync(world);
        await world.Edits.ApplyAsync(world.As(world.Marcus), new AddKpiEdit(Objective(snapshot, "keep-shippers").Id, "Shipper renewals", "%", Direction.HigherIsBetter, IndicatorType.Lagging, 90m, Period.FiscalYear(2027), world.Olivia.Id), CancellationToken.None);
        await world.Edits.ApplyAsync(world.As(world.Marcus), new RetireKpiEdit(Kpi(snapshot, "empty-miles").Id), CancellationToken.None);
        await world.Edits.ApplyAsync(world.As(world.Marcus), new ThresholdEdit(Kpi(snapshot, "nps").Id, 40m, 30m, Period.Month(2026, 11)), CancellationToken.None);
        await world.Edits.ApplyAsync(world.As(world.Marcus), new ChannelEdit(snapshot.Scorecards.Single(s => s.Key == "company").Id, Platform.Teams, "19:ops@thread.tacv2", "https://smba.trafficmanager.net/amer/", null), CancellationToken.None);

        var exported = await world.Edits.ExportAsync(world.As(world.Marcus), CancellationToken.None);

        var fresh = await Database.EmptyOrganizationAsync();
        await Database.ImportTextAsync(exported!, fresh, "exported.yaml");
        Assert.Equal(exported, await Database.ExportAsync(fresh));
        await using var db = Database.Context();
        Assert.NotNull((await db.Kpis.AsNoTracking().SingleAsync(k => k.OrganizationId == fresh && k.Key == "empty-miles")).RetiredAt);
    }
}

public sealed class ScorecardEditStoreTestsOnSqlite(SqliteTestDatabase database) : ScorecardEditStoreTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class ScorecardEditStoreTestsOnPostgres(PostgresTestDatabase database) : ScorecardEditStoreTests(database), IClassFixture<PostgresTestDatabase>;
