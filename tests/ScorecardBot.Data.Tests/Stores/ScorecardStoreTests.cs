using Microsoft.Extensions.DependencyInjection;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Data.Stores;
using ScorecardBot.Data.Tests.Infrastructure;

namespace ScorecardBot.Data.Tests.Stores;

public abstract class ScorecardStoreTests(TestDatabase database) : DatabaseTests(database)
{
    [Fact]
    public async Task The_same_submission_twice_stores_one_actual_and_one_audit_entry()
    {
        await using var world = await StoreWorld.CreateAsync(Database);
        var entry = new ActualEntry(world.Kpi.Id, StoreWorld.October, 93.5m, null, "Storm week");

        var first = await world.Commands.RecordActualAsync(world.As(world.Seed.Owner, EntrySource.Card), entry, CancellationToken.None);
        var second = await world.Commands.RecordActualAsync(world.As(world.Seed.Owner, EntrySource.Card), entry, CancellationToken.None);

        Assert.Equal((CommandStatus.Done, CommandStatus.Unchanged), (first.Status, second.Status));
        var stored = Assert.Single(await world.ActualsAsync(StoreWorld.October));
        Assert.Equal((93.5m, "Storm week", EntrySource.Card, world.Seed.Owner.Id), (stored.Value, stored.Comment, stored.Source, stored.SubmittedById));
        var audit = (await world.AuditAsync("Actual")).Where(e => e.Period == StoreWorld.October).ToList();
        var created = Assert.Single(audit);
        Assert.Equal(("created", world.Seed.Owner.Name, EntrySource.Card), (created.Change, created.ActorName, created.Via));
    }

    [Fact]
    public async Task Two_submissions_at_the_same_moment_store_one_actual()
    {
        await using var world = await StoreWorld.CreateAsync(Database);
        for (var month = 1; month <= 6; month++)
        {
            var period = Period.Month(2027, month);
            var entry = new ActualEntry(world.Kpi.Id, period, 94m, null, null);

            // Two instances of the bot (two stores, two connections) receive the same card submit.
            await using var other = Database.CreateServices(s => s.AddScorecardStores());
            var otherCommands = other.GetRequiredService<IScorecardCommands>();
            var results = await Task.WhenAll(
                Task.Run(() => world.Commands.RecordActualAsync(world.As(world.Seed.Owner, EntrySource.Card), entry, CancellationToken.None)),
                Task.Run(() => otherCommands.RecordActualAsync(world.As(world.Seed.Owner, EntrySource.Card), entry, CancellationToken.None)));

            Assert.Single(await world.ActualsAsync(period));
            Assert.Contains(results, r => r.Status == CommandStatus.Done);
            Assert.All(results, r => Assert.True(r.Result.Succeeded, r.Result.Message));
        }
    }

    [Fact]
    public async Task A_correction_by_the_delegate_updates_the_actual_and_audits_old_and_new_value()
    {
        await using var world = await StoreWorld.CreateAsync(Database);
        await world.Commands.SetDelegateAsync(world.As(world.Seed.Owner), world.Kpi.Id, world.Colleague.Id, CancellationToken.None);
        await world.Commands.RecordActualAsync(world.As(world.Seed.Owner, EntrySource.Card), new(world.Kpi.Id, StoreWorld.October, 93.5m, null, null), CancellationToken.None);

        var corrected = await world.Commands.RecordActualAsync(world.As(world.Colleague, EntrySource.Command), new(world.Kpi.Id, StoreWorld.October, 95.1m, null, "typo"), CancellationToken.None);

        Assert.Equal((CommandStatus.Done, true, 93.5m), (corrected.Status, corrected.Corrected, corrected.PreviousValue));
        var stored = Assert.Single(await world.ActualsAsync(StoreWorld.October));
        Assert.Equal((95.1m, world.Colleague.Id, 1u), (stored.Value, stored.SubmittedById, stored.Version));
        var updated = (await world.AuditAsync("Actual")).Single(e => e.Period == StoreWorld.October && e.Change == "updated");
        Assert.Equal((world.Colleague.Name, EntrySource.Command), (updated.ActorName, updated.Via));
        Assert.Contains("93.5", updated.OldValue);
        Assert.Contains("95.1", updated.NewValue);
        Assert.Contains(await world.AuditAsync("KpiDelegate"), e => e.ActorId == world.Seed.Owner.Id);
    }

    public static TheoryData<string> ChangingCommands => ["assign", "delegate", "target", "actual", "nodata", "action add", "action done", "window open", "window close"];

    [Theory]
    [MemberData(nameof(ChangingCommands))]
    public async Task A_viewer_is_refused_every_changing_command_and_nothing_changes(string command)
    {
        await using var world = await StoreWorld.CreateAsync(Database);
        var manager = world.As(world.Seed.Manager);
        var (_, action) = await world.Commands.AddActionAsync(manager, world.Seed.Scorecard.Id, "Fix the dock", world.Seed.Owner.Id, new DateOnly(2026, 12, 1), null, CancellationToken.None);
        var before = await world.StateAsync();

        var result = await RunAsync(world, world.As(world.Viewer), command, action!.Number);

        Assert.Equal(CommandStatus.Refused, result.Status);
        Assert.False(string.IsNullOrWhiteSpace(result.Message));
        Assert.Equal(before, await world.StateAsync());
    }

    [Theory]
    [MemberData(nameof(ChangingCommands))]
    public async Task A_person_of_another_organization_changes_nothing(string command)
    {
        await using var world = await StoreWorld.CreateAsync(Database);
        var (_, action) = await world.Commands.AddActionAsync(world.As(world.Seed.Manager), world.Seed.Scorecard.Id, "Fix the dock", world.Seed.Owner.Id, new DateOnly(2026, 12, 1), null, CancellationToken.None);
        var stranger = await SeedScorecard.CreateAsync(Database);
        var before = await world.StateAsync();

        // An admin-level manager of another organization, claiming this organization's id.
        var result = await RunAsync(world, new ChangeContext(world.OrganizationId, stranger.Manager.Id, EntrySource.Command, StoreWorld.Now), command, action!.Number);
        // The same person acting in their own organization on this organization's KPI.
        var crossed = await world.Commands.RecordActualAsync(new ChangeContext(stranger.Organization.Id, stranger.Manager.Id, EntrySource.Command, StoreWorld.Now),
            new ActualEntry(world.Kpi.Id, StoreWorld.October, 1m, null, null), CancellationToken.None);

        Assert.Equal(CommandStatus.NotFound, result.Status);
        Assert.Equal(CommandStatus.NotFound, crossed.Status);
        Assert.Equal(before, await world.StateAsync());
    }

    [Fact]
    public async Task The_snapshot_holds_only_its_organization_and_is_rebuilt_after_a_change()
    {
        await using var world = await StoreWorld.CreateAsync(Database);
        var other = await SeedScorecard.CreateAsync(Database);

        var snapshot = (await world.ReadModel.GetAsync(world.OrganizationId, CancellationToken.None))!;
        Assert.Equal([world.Kpi.Id], snapshot.Kpis.Select(k => k.Id));
        Assert.DoesNotContain(snapshot.People, p => p.OrganizationId != world.OrganizationId);
        Assert.Null(snapshot.FindKpi(other.Kpi.Id));
        Assert.Equal(12, snapshot.FindKpi(world.Kpi.Id)!.Actuals.Count);
        Assert.Same(snapshot, await world.ReadModel.GetAsync(world.OrganizationId, CancellationToken.None));

        await world.Commands.RecordActualAsync(world.As(world.Seed.Owner), new(world.Kpi.Id, StoreWorld.October, 96m, null, null), CancellationToken.None);

        var after = (await world.ReadModel.GetAsync(world.OrganizationId, CancellationToken.None))!;
        Assert.NotSame(snapshot, after);
        Assert.Equal(96m, after.FindKpi(world.Kpi.Id)!.Actuals.Single(a => a.Period == StoreWorld.October).Value);
        Assert.Null(await world.ReadModel.GetAsync(Guid.NewGuid(), CancellationToken.None));
    }

    [Fact]
    public async Task A_manager_sets_a_target_opens_the_window_and_closes_an_action()
    {
        await using var world = await StoreWorld.CreateAsync(Database);
        var manager = world.As(world.Seed.Manager);
        var (_, action) = await world.Commands.AddActionAsync(manager, world.Seed.Scorecard.Id, "Fix the dock", world.Seed.Owner.Id, new DateOnly(2026, 12, 1), null, CancellationToken.None);

        Assert.Equal(CommandStatus.Done, (await world.Commands.SetTargetAsync(manager, world.Kpi.Id, Period.Month(2026, 12), 96m, CancellationToken.None)).Status);
        Assert.Equal(CommandStatus.Unchanged, (await world.Commands.SetTargetAsync(manager, world.Kpi.Id, Period.Month(2026, 12), 96m, CancellationToken.None)).Status);
        Assert.Equal(CommandStatus.Done, (await world.Commands.SetWindowAsync(manager, world.Seed.Scorecard.Id, true, CancellationToken.None)).Status);
        Assert.Equal(CommandStatus.Done, (await world.Commands.CompleteActionAsync(world.As(world.Seed.Owner), action!.Number, CancellationToken.None)).Result.Status);

        var snapshot = (await world.ReadModel.GetAsync(world.OrganizationId, CancellationToken.None))!;
        Assert.Equal(96m, snapshot.FindKpi(world.Kpi.Id)!.Targets.Single(t => t.Period == Period.Month(2026, 12)).Value);
        Assert.True(snapshot.Scorecards[0].ReviewCycles.Single().WindowOverride);
        Assert.Equal(ReviewActionStatus.Done, snapshot.Actions.Single().Status);
        Assert.Single(await world.AuditAsync("Target"), e => e.Period == Period.Month(2026, 12));
    }

    private static async Task<CommandResult> RunAsync(StoreWorld world, ChangeContext context, string command, int actionNumber)
    {
        var commands = world.Commands;
        var kpi = world.Kpi.Id;
        var none = CancellationToken.None;
        return command switch
        {
            "assign" => await commands.AssignOwnerAsync(context, kpi, world.Colleague.Id, none),
            "delegate" => await commands.SetDelegateAsync(context, kpi, world.Colleague.Id, none),
            "target" => await commands.SetTargetAsync(context, kpi, StoreWorld.October, 50m, none),
            "actual" => (await commands.RecordActualAsync(context, new ActualEntry(kpi, StoreWorld.October, 50m, null, null), none)).Result,
            "nodata" => (await commands.RecordActualAsync(context, new ActualEntry(kpi, StoreWorld.October, null, "system down", null), none)).Result,
            "action add" => (await commands.AddActionAsync(context, world.Seed.Scorecard.Id, "Another", world.Colleague.Id, new DateOnly(2026, 12, 1), null, none)).Result,
            "action done" => (await commands.CompleteActionAsync(context, actionNumber, none)).Result,
            "window open" => await commands.SetWindowAsync(context, world.Seed.Scorecard.Id, true, none),
            _ => await commands.SetWindowAsync(context, world.Seed.Scorecard.Id, false, none),
        };
    }
}

public sealed class ScorecardStoreTestsOnSqlite(SqliteTestDatabase database) : ScorecardStoreTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class ScorecardStoreTestsOnPostgres(PostgresTestDatabase database) : ScorecardStoreTests(database), IClassFixture<PostgresTestDatabase>;
