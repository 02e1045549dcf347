using Microsoft.EntityFrameworkCore;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Scoring;
using ScorecardBot.Data.Tests.Infrastructure;

namespace ScorecardBot.Data.Tests.Stores;

/// <summary>Approval, period locks, late notices, absences and the changes the digest reports, on the real databases.</summary>
public abstract class AvailabilityStoreTests(TestDatabase database) : DatabaseTests(database)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static async Task SetScorecardAsync(StoreWorld world, Action<Scorecard> change)
    {
        await using var db = world.Database.CreateContext();
        var scorecard = await db.Scorecards.SingleAsync(s => s.Id == world.Seed.Scorecard.Id);
        change(scorecard);
        await db.SaveChangesAsync();
    }

    private static async Task<Actual?> OctoberAsync(StoreWorld world) => (await world.ActualsAsync(StoreWorld.October)).SingleOrDefault();

    private static async Task<OrganizationSnapshot> SnapshotAsync(StoreWorld world) => (await world.ReadModel.GetAsync(world.OrganizationId, None))!;

    [Fact]
    public async Task Approval_on_a_pending_value_does_not_count_until_the_manager_approves_it()
    {
        await using var world = await StoreWorld.CreateAsync(Database);
        await SetScorecardAsync(world, s => s.RequiresApproval = true);

        var recorded = await world.Commands.RecordActualAsync(world.As(world.Seed.Owner, EntrySource.Card), new(world.Kpi.Id, StoreWorld.October, 93.5m, null, "storm week"), None);

        Assert.True(recorded.PendingApproval);
        Assert.True((await OctoberAsync(world))!.PendingApproval);
        var kpi = (await SnapshotAsync(world)).FindKpi(world.Kpi.Id)!;
        Assert.Null(KpiSnapshot.Compute(kpi, StoreWorld.October).Actual);

        var byOwner = await world.Commands.ApproveActualAsync(world.As(world.Seed.Owner), world.Kpi.Id, StoreWorld.October, recorded.Version, None);
        Assert.Equal(CommandStatus.Refused, byOwner.Status);

        var approved = await world.Commands.ApproveActualAsync(world.As(world.Seed.Manager, EntrySource.Card), world.Kpi.Id, StoreWorld.October, recorded.Version, None);

        Assert.Equal(CommandStatus.Done, approved.Status);
        Assert.False((await OctoberAsync(world))!.PendingApproval);
        kpi = (await SnapshotAsync(world)).FindKpi(world.Kpi.Id)!;
        Assert.Equal(93.5m, KpiSnapshot.Compute(kpi, StoreWorld.October).Actual);
        var audit = (await world.AuditAsync("Actual")).Where(e => e.Period == StoreWorld.October).ToList();
        Assert.Equal(["created", "updated"], audit.Select(e => e.Change));
        Assert.Contains("\"pendingApproval\":true", audit[0].NewValue, StringComparison.Ordinal);
        Assert.DoesNotContain("pendingApproval", audit[1].NewValue, StringComparison.Ordinal);
        Assert.Equal(world.Seed.Manager.Name, audit[1].ActorName);
    }

    [Fact]
    public async Task A_pre_read_is_stored_once_audited_replaced_when_changed_and_refused_to_a_viewer()
    {
        await using var world = await StoreWorld.CreateAsync(Database);
        var entry = new PreReadEntry(world.Kpi.Id, StoreWorld.October, "Storm week", "Two backup carriers", world.Seed.Owner.Id, new DateOnly(2030, 1, 15), PreReadNeed.Decision);

        var refused = await world.Commands.SavePreReadsAsync(world.As(world.Viewer, EntrySource.Card), [entry], None);
        var saved = await world.Commands.SavePreReadsAsync(world.As(world.Seed.Owner, EntrySource.Card), [entry], None);
        var again = await world.Commands.SavePreReadsAsync(world.As(world.Seed.Owner, EntrySource.Card), [entry], None);
        var changed = await world.Commands.SavePreReadsAsync(world.As(world.Seed.Owner, EntrySource.Card), [entry with { Need = PreReadNeed.Resources }], None);

        Assert.Equal((CommandStatus.Refused, CommandStatus.Done, CommandStatus.Unchanged, CommandStatus.Done), (refused.Status, saved.Status, again.Status, changed.Status));
        var stored = Assert.Single((await SnapshotAsync(world)).PreReads);
        Assert.Equal(("Storm week", PreReadNeed.Resources, world.Seed.Owner.Id), (stored.Cause, stored.Need, stored.AnsweredById));
        var audit = await world.AuditAsync("PreRead");
        Assert.Equal(["created", "updated"], audit.Select(e => e.Change));
        Assert.Contains("Storm week", audit[0].NewValue, StringComparison.Ordinal);
        Assert.Equal(world.Kpi.Id, audit[1].KpiId);
    }

    [Fact]
    public async Task A_rejected_value_is_removed_the_trail_keeps_it_and_a_stale_card_decides_nothing()
    {
        await using var world = await StoreWorld.CreateAsync(Database);
        await SetScorecardAsync(world, s => s.RequiresApproval = true);
        var first = await world.Commands.RecordActualAsync(world.As(world.Seed.Owner, EntrySource.Card), new(world.Kpi.Id, StoreWorld.October, 93.5m, null, null), None);
        var second = await world.Commands.RecordActualAsync(world.As(world.Seed.Owner, EntrySource.Card), new(world.Kpi.Id, StoreWorld.October, 94m, null, null), None);

        var stale = await world.Commands.RejectActualAsync(world.As(world.Seed.Manager), world.Kpi.Id, StoreWorld.October, first.Version, None);
        Assert.Equal(CommandStatus.NotFound, stale.Status);
        Assert.NotNull(await OctoberAsync(world));

        var rejected = await world.Commands.RejectActualAsync(world.As(world.Seed.Manager, EntrySource.Card), world.Kpi.Id, StoreWorld.October, second.Version, None);

        Assert.Equal((CommandStatus.Done, 94m, world.Seed.Owner.Id), (rejected.Status, rejected.Actual!.Value, rejected.Actual.SubmittedById));
        Assert.Null(await OctoberAsync(world));
        var deleted = (await world.AuditAsync("Actual")).Last();
        Assert.Equal(("deleted", world.Seed.Manager.Name), (deleted.Change, deleted.ActorName));
        Assert.Contains("94", deleted.OldValue, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_period_locked_after_its_review_refuses_the_owner_and_takes_the_managers_audited_edit()
    {
        await using var world = await StoreWorld.CreateAsync(Database);
        await SetScorecardAsync(world, s =>
        {
            s.LockAfterReview = true;
            s.ReviewCycles.Add(new ReviewCycle { ScorecardId = s.Id });
        });
        var september = StoreWorld.October.Previous; // its review ended on 13 Oct 2026, before "now" (10 Nov)
        var before = await world.StateAsync();

        var owner = await world.Commands.RecordActualAsync(world.As(world.Seed.Owner), new(world.Kpi.Id, september, 90m, null, "late count"), None);

        Assert.Equal(CommandStatus.Refused, owner.Status);
        Assert.StartsWith("On-time delivery for Sep 2026 was locked after its business review", owner.Result.Message, StringComparison.Ordinal);
        Assert.Equal(before, await world.StateAsync());

        var manager = await world.Commands.RecordActualAsync(world.As(world.Seed.Manager), new(world.Kpi.Id, september, 90m, null, "late count"), None);
        Assert.Equal((CommandStatus.Done, true), (manager.Status, manager.Corrected));
        var audit = (await world.AuditAsync("Actual")).Last(e => e.Period == september);
        Assert.Equal(("updated", world.Seed.Manager.Name), (audit.Change, audit.ActorName));

        // October's review (10 Nov 10:00–11:00 Europe/Berlin... here UTC) has not ended at 09:00: still open to the owner.
        var october = await world.Commands.RecordActualAsync(world.As(world.Seed.Owner), new(world.Kpi.Id, StoreWorld.October, 96m, null, null), None);
        Assert.Equal(CommandStatus.Done, october.Status);
    }

    [Fact]
    public async Task A_late_notice_is_stored_once_audited_and_in_the_snapshot()
    {
        await using var world = await StoreWorld.CreateAsync(Database);
        var entry = new LateEntry(world.Kpi.Id, StoreWorld.October, new DateOnly(2026, 11, 12), "ERP close runs late");

        var first = await world.Commands.RecordLateAsync(world.As(world.Seed.Owner, EntrySource.Card), entry, None);
        var again = await world.Commands.RecordLateAsync(world.As(world.Seed.Owner, EntrySource.Card), entry, None);
        var moved = await world.Commands.RecordLateAsync(world.As(world.Seed.Owner, EntrySource.Card), entry with { Eta = new DateOnly(2026, 11, 13) }, None);
        var byViewer = await world.Commands.RecordLateAsync(world.As(world.Viewer), entry, None);

        Assert.Equal([CommandStatus.Done, CommandStatus.Unchanged, CommandStatus.Done, CommandStatus.Refused], new[] { first.Status, again.Status, moved.Status, byViewer.Status });
        var notice = Assert.Single((await SnapshotAsync(world)).LateNotices);
        Assert.Equal((new DateOnly(2026, 11, 13), "ERP close runs late", world.Seed.Owner.Id), (notice.Eta, notice.Reason, notice.ReportedById));
        Assert.Equal(["created", "updated"], (await world.AuditAsync("LateNotice")).Select(e => e.Change));
    }

    [Fact]
    public async Task An_absence_replaces_the_ones_it_overlaps_and_cancelling_ends_it_yesterday()
    {
        await using var world = await StoreWorld.CreateAsync(Database);
        var owner = world.As(world.Seed.Owner);
        await world.Commands.SetAbsenceAsync(owner, world.Seed.Owner.Id, new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 6), null, None);
        var (result, absence) = await world.Commands.SetAbsenceAsync(owner, world.Seed.Owner.Id, new DateOnly(2026, 11, 5), new DateOnly(2026, 11, 13), world.Colleague.Id, None);

        Assert.Equal(CommandStatus.Done, result.Status);
        var stored = Assert.Single((await SnapshotAsync(world)).Absences);
        Assert.Equal((absence!.Id, world.Colleague.Id), (stored.Id, stored.DelegateId));

        var forSomeoneElse = await world.Commands.SetAbsenceAsync(world.As(world.Colleague), world.Seed.Owner.Id, new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 2), null, None);
        Assert.Equal(CommandStatus.Refused, forSomeoneElse.Result.Status);

        var cancelled = await world.Commands.CancelAbsencesAsync(owner, world.Seed.Owner.Id, new DateOnly(2026, 11, 10), None);

        Assert.Equal(CommandStatus.Done, cancelled.Status);
        Assert.Equal(new DateOnly(2026, 11, 9), Assert.Single((await SnapshotAsync(world)).Absences).To);
        // The replaced absence is deleted and the new one created in one save; then the cancel shortens it.
        Assert.Equal(["created", "created", "deleted", "updated"], (await world.AuditAsync("Absence")).Select(e => e.Change).Order(StringComparer.Ordinal));
        Assert.Equal(CommandStatus.Unchanged, (await world.Commands.CancelAbsencesAsync(owner, world.Seed.Owner.Id, new DateOnly(2026, 11, 10), None)).Status);
    }

    [Fact]
    public async Task A_target_change_reaches_the_snapshot_as_a_recorded_change_with_who_and_when()
    {
        await using var world = await StoreWorld.CreateAsync(Database);

        await world.Commands.SetTargetAsync(world.As(world.Seed.Manager), world.Kpi.Id, StoreWorld.October, 92m, None);

        var change = Assert.Single((await SnapshotAsync(world)).Changes);
        Assert.Equal((ChangedField.Target, world.Kpi.Id, StoreWorld.October, 95m, 92m, world.Seed.Manager.Name), (change.Field, change.KpiId, change.Period, change.OldValue, change.NewValue, change.ActorName));
    }

    [Fact]
    public async Task Weekend_days_and_the_Slack_status_setting_are_kept_per_organization()
    {
        await using var world = await StoreWorld.CreateAsync(Database);
        await using (var db = world.Database.CreateContext())
        {
            var organization = await db.Organizations.SingleAsync(o => o.Id == world.OrganizationId);
            Assert.Equal([DayOfWeek.Saturday, DayOfWeek.Sunday], organization.WeekendDays);
            organization.WeekendDays = [DayOfWeek.Friday, DayOfWeek.Saturday];
            organization.AwayFromSlackStatus = true;
            await db.SaveChangesAsync();
        }

        await using var read = world.Database.CreateContext();
        var stored = await read.Organizations.AsNoTracking().SingleAsync(o => o.Id == world.OrganizationId);
        Assert.Equal([DayOfWeek.Friday, DayOfWeek.Saturday], stored.WeekendDays);
        Assert.True(stored.AwayFromSlackStatus);
    }

    // Found by the fuzz tests: two "ooo" of one person at once both deleted the absence they
    // overlapped; the second delete found no row and the person was told something went wrong.
    [Fact]
    public async Task Absences_of_one_person_set_at_once_all_succeed_and_one_remains()
    {
        await using var world = await StoreWorld.CreateAsync(Database);
        var owner = world.As(world.Seed.Owner);
        await world.Commands.SetAbsenceAsync(owner, world.Seed.Owner.Id, new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 20), null, None);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() =>
            world.Commands.SetAbsenceAsync(owner, world.Seed.Owner.Id, new DateOnly(2026, 11, 3 + i), new DateOnly(2026, 11, 21 + i), null, None))));

        Assert.All(results, r => Assert.Equal(CommandStatus.Done, r.Result.Status));
        Assert.Single((await SnapshotAsync(world)).Absences);
    }
}

public sealed class AvailabilityStoreTestsOnSqlite(SqliteTestDatabase database) : AvailabilityStoreTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class AvailabilityStoreTestsOnPostgres(PostgresTestDatabase database) : AvailabilityStoreTests(database), IClassFixture<PostgresTestDatabase>;
