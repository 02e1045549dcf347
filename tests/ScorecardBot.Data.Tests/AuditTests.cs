using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using ScorecardBot.Core.Model;
using ScorecardBot.Data.Auditing;
using ScorecardBot.Data.Tests.Infrastructure;

namespace ScorecardBot.Data.Tests;

public abstract class AuditTests(TestDatabase database) : DatabaseTests(database)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 4, 9, 30, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Now);

    [Fact]
    public async Task Submitting_and_correcting_an_actual_records_who_when_old_new_and_via()
    {
        var seed = await SeedScorecard.CreateAsync(Database);
        var actual = seed.NewActual(Period.Month(2026, 10), 91.5m, "Good month");
        await using (var db = Context(seed.Owner, EntrySource.Card))
        {
            db.Actuals.Add(actual);
            await db.SaveChangesAsync();
        }

        _time.Advance(TimeSpan.FromHours(2));
        await using (var db = Context(seed.Manager, EntrySource.Command))
        {
            var stored = await db.Actuals.SingleAsync(a => a.Id == actual.Id);
            stored.Value = null;
            stored.NoDataReason = "ERP outage";
            await db.SaveChangesAsync();
        }

        var trail = await TrailAsync(actual.Id);
        Assert.Equal(2, trail.Count);
        var created = trail[0];
        Assert.Equal(("Actual", "created", seed.Owner.Id, seed.Owner.Name, EntrySource.Card, Now), (created.Subject, created.Change, created.ActorId, created.ActorName, created.Via, created.At));
        Assert.Null(created.OldValue);
        Assert.Equal("""{"value":91.5,"comment":"Good month"}""", created.NewValue);
        Assert.Equal((seed.Organization.Id, seed.Kpi.Id, Period.Month(2026, 10)), (created.OrganizationId, created.KpiId!.Value, created.Period!.Value));

        var corrected = trail[1];
        Assert.Equal(("updated", seed.Manager.Id, EntrySource.Command, Now.AddHours(2)), (corrected.Change, corrected.ActorId, corrected.Via, corrected.At));
        Assert.Equal("""{"value":91.5,"comment":"Good month"}""", corrected.OldValue);
        Assert.Equal("""{"noDataReason":"ERP outage","comment":"Good month"}""", corrected.NewValue);
    }

    [Fact]
    public async Task Changing_a_comment_is_audited_but_a_change_of_other_fields_is_not()
    {
        var seed = await SeedScorecard.CreateAsync(Database);
        var actual = seed.NewActual(Period.Month(2026, 10), 80);
        await using var db = Context(seed.Owner, EntrySource.Card);
        db.Actuals.Add(actual);
        await db.SaveChangesAsync();

        actual.Source = EntrySource.Import;
        actual.Value = 80.0m; // same number written differently
        await db.SaveChangesAsync();
        actual.Comment = "Two big orders slipped";
        await db.SaveChangesAsync();

        var trail = await TrailAsync(actual.Id);
        Assert.Equal(["created", "updated"], trail.Select(e => e.Change));
        Assert.Equal("""{"value":80,"comment":"Two big orders slipped"}""", trail[1].NewValue);
    }

    [Fact]
    public async Task Approving_a_pending_value_is_audited_with_who_approved_it()
    {
        var seed = await SeedScorecard.CreateAsync(Database);
        var actual = seed.NewActual(Period.Month(2026, 10), 80);
        actual.PendingApproval = true;
        await using (var db = Context(seed.Owner, EntrySource.Card))
        {
            db.Actuals.Add(actual);
            await db.SaveChangesAsync();
        }

        await using (var db = Context(seed.Manager, EntrySource.Card))
        {
            var stored = await db.Actuals.SingleAsync(a => a.Id == actual.Id);
            stored.PendingApproval = false;
            await db.SaveChangesAsync();
        }

        var trail = await TrailAsync(actual.Id);
        Assert.Equal(["created", "updated"], trail.Select(e => e.Change));
        Assert.Equal("""{"value":80,"pendingApproval":true}""", trail[1].OldValue);
        Assert.Equal("""{"value":80}""", trail[1].NewValue);
        Assert.Equal(seed.Manager.Id, trail[1].ActorId);
    }

    [Fact]
    public async Task Editing_a_detached_actual_is_audited_with_the_stored_old_value()
    {
        var seed = await SeedScorecard.CreateAsync(Database);
        var actual = seed.NewActual(Period.Month(2026, 10), 70);
        await using (var db = Context(seed.Owner, EntrySource.Card))
        {
            db.Actuals.Add(actual);
            await db.SaveChangesAsync();
        }

        actual.Value = 75;
        await using (var db = Context(null, EntrySource.Api, "ERP feed"))
        {
            db.Actuals.Update(actual);
            await db.SaveChangesAsync();
        }

        var updated = (await TrailAsync(actual.Id)).Single(e => e.Change == "updated");
        Assert.Equal("""{"value":70}""", updated.OldValue);
        Assert.Equal("""{"value":75}""", updated.NewValue);
        Assert.Equal((null, "ERP feed", EntrySource.Api), (updated.ActorId, updated.ActorName, updated.Via));
    }

    [Fact]
    public async Task Deleting_an_actual_is_audited()
    {
        var seed = await SeedScorecard.CreateAsync(Database);
        var actual = seed.NewActual(Period.Month(2026, 10), 70);
        await using var db = Context(seed.Owner, EntrySource.Card);
        db.Actuals.Add(actual);
        await db.SaveChangesAsync();
        db.Actuals.Remove(actual);
        await db.SaveChangesAsync();

        var deleted = (await TrailAsync(actual.Id)).Last();
        Assert.Equal(("deleted", """{"value":70}""", (string?)null), (deleted.Change, deleted.OldValue, deleted.NewValue));
    }

    [Fact]
    public async Task Changing_a_targets_value_band_or_thresholds_is_audited()
    {
        var seed = await SeedScorecard.CreateAsync(Database);
        var target = seed.NewTarget(Period.Month(2026, 10), 95);
        await using var db = Context(seed.Manager, EntrySource.Import);
        db.Targets.Add(target);
        await db.SaveChangesAsync();

        target.ThresholdStyle = ThresholdStyle.Absolute;
        target.Amber = 90;
        target.Red = 80;
        db.SaveChanges(); // the synchronous path audits the same way

        var updated = (await TrailAsync(target.Id)).Single(e => e.Change == "updated");
        Assert.Equal("Target", updated.Subject);
        Assert.Equal("""{"value":95,"thresholdStyle":"PercentOfTarget","amber":95,"red":85}""", updated.OldValue);
        Assert.Equal("""{"value":95,"thresholdStyle":"Absolute","amber":90,"red":80}""", updated.NewValue);
        Assert.Equal((seed.Manager.Id, EntrySource.Import), (updated.ActorId, updated.Via));
    }

    [Fact]
    public async Task Assigning_owners_and_delegates_is_audited_for_kpis_objectives_and_initiatives()
    {
        var seed = await SeedScorecard.CreateAsync(Database);
        var initiative = new Initiative { ScorecardId = seed.Scorecard.Id, Key = "lean", Name = "Lean warehouse" };
        await using (var db = Context(seed.Manager, EntrySource.Command))
        {
            db.Initiatives.Add(initiative);
            await db.SaveChangesAsync(); // no owner yet: nothing to audit
            var kpi = await db.Kpis.SingleAsync(k => k.Id == seed.Kpi.Id);
            var objective = await db.Objectives.SingleAsync(o => o.Id == seed.Objective.Id);
            kpi.OwnerId = seed.Owner.Id;
            kpi.DelegateId = seed.Manager.Id;
            objective.OwnerId = seed.Manager.Id;
            initiative.OwnerId = seed.Owner.Id;
            await db.SaveChangesAsync();
            kpi.OwnerId = seed.Manager.Id;
            await db.SaveChangesAsync();
        }

        await using var read = Database.CreateContext();
        var trail = await read.AuditEntries.Where(e => e.OrganizationId == seed.Organization.Id && e.Subject != "Actual" && e.Subject != "Target")
            .OrderBy(e => e.Id).ToListAsync();
        string Owner(Person p) => p.Id.ToString("D");
        var expected = new List<(string, Guid, string?, string?)>
        {
            ("KpiOwner", seed.Kpi.Id, null, Owner(seed.Owner)),
            ("KpiDelegate", seed.Kpi.Id, null, Owner(seed.Manager)),
            ("ObjectiveOwner", seed.Objective.Id, null, Owner(seed.Manager)),
            ("InitiativeOwner", initiative.Id, null, Owner(seed.Owner)),
            ("KpiOwner", seed.Kpi.Id, Owner(seed.Owner), Owner(seed.Manager)),
        };
        Assert.Equal(
            expected.Select(e => e.ToString()).Order(StringComparer.Ordinal),
            trail.Select(e => (e.Subject, e.SubjectId, e.OldValue, e.NewValue).ToString()).Order(StringComparer.Ordinal));
        Assert.Equal(("KpiOwner", Owner(seed.Manager)), (trail[^1].Subject, trail[^1].NewValue));
        Assert.All(trail, e => Assert.Equal((seed.Manager.Id, EntrySource.Command, "updated"), (e.ActorId!.Value, e.Via, e.Change)));
    }

    [Fact]
    public async Task A_kpi_created_with_an_owner_records_the_assignment_and_one_without_records_nothing()
    {
        var seed = await SeedScorecard.CreateAsync(Database);
        var owned = new Kpi
        {
            OrganizationId = seed.Organization.Id,
            ScorecardId = seed.Scorecard.Id,
            ObjectiveId = seed.Objective.Id,
            Key = "nps",
            Name = "Net promoter score",
            OwnerId = seed.Owner.Id,
        };
        var unowned = new Kpi { OrganizationId = seed.Organization.Id, ScorecardId = seed.Scorecard.Id, ObjectiveId = seed.Objective.Id, Key = "csat", Name = "CSAT" };
        await using (var db = Context(seed.Manager, EntrySource.Import))
        {
            db.Kpis.AddRange(owned, unowned);
            await db.SaveChangesAsync();
        }

        var entry = Assert.Single(await TrailAsync(owned.Id));
        Assert.Equal(("KpiOwner", "created", (string?)null, seed.Owner.Id.ToString("D"), EntrySource.Import),
            (entry.Subject, entry.Change, entry.OldValue, entry.NewValue, entry.Via));
        Assert.Empty(await TrailAsync(unowned.Id));
    }

    [Fact]
    public async Task Saving_an_audited_change_without_an_actor_fails_and_stores_nothing()
    {
        var seed = await SeedScorecard.CreateAsync(Database);
        await using (var db = Database.CreateContext(new AuditContext(), _time))
        {
            db.Actuals.Add(seed.NewActual(Period.Month(2026, 10), 90));
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
            Assert.Contains("needs an actor", error.Message, StringComparison.Ordinal);

            var kpi = await db.Kpis.SingleAsync(k => k.Id == seed.Kpi.Id);
            kpi.OwnerId = seed.Owner.Id;
            db.ChangeTracker.Entries<Actual>().Single().State = EntityState.Detached;
            Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
        }

        await using var read = Database.CreateContext();
        Assert.False(await read.Actuals.AnyAsync(a => a.KpiId == seed.Kpi.Id));
        Assert.Null((await read.Kpis.SingleAsync(k => k.Id == seed.Kpi.Id)).OwnerId);
    }

    [Fact]
    public async Task A_failed_save_leaves_neither_the_change_nor_its_audit_entry()
    {
        var seed = await SeedScorecard.CreateAsync(Database);
        await using (var db = Context(seed.Owner, EntrySource.Card))
        {
            db.Actuals.Add(seed.NewActual(Period.Month(2026, 10), 90));
            await db.SaveChangesAsync();
        }

        await using (var db = Context(seed.Owner, EntrySource.Card))
        {
            db.Actuals.Add(seed.NewActual(Period.Month(2026, 11), 91));
            db.Actuals.Add(seed.NewActual(Period.Month(2026, 10), 92)); // duplicate period
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        await using var read = Database.CreateContext();
        Assert.Equal(1, await read.AuditEntries.CountAsync(e => e.KpiId == seed.Kpi.Id && e.Subject == "Actual"));
        Assert.Equal(1, await read.Actuals.CountAsync(a => a.KpiId == seed.Kpi.Id));
    }

    [Fact]
    public async Task Bulk_updates_that_would_skip_the_audit_trail_are_refused()
    {
        var seed = await SeedScorecard.CreateAsync(Database);
        await using var db = Context(seed.Manager, EntrySource.Command);

        var refusals = new[]
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() =>
                db.Actuals.Where(a => a.KpiId == seed.Kpi.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Value, 1m))),
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.Targets.Where(t => t.KpiId == seed.Kpi.Id).ExecuteDeleteAsync()),
            await Assert.ThrowsAsync<InvalidOperationException>(() =>
                db.Kpis.Where(k => k.Id == seed.Kpi.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.OwnerId, seed.Owner.Id))),
            await Assert.ThrowsAsync<InvalidOperationException>(() =>
                db.Initiatives.Where(i => i.ScorecardId == seed.Scorecard.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.OwnerId, (Guid?)null))),
        };
        Assert.All(refusals, e => Assert.Contains("would bypass the audit trail", e.Message, StringComparison.Ordinal));

        // Fields outside the audit may still be changed in bulk.
        Assert.Equal(1, await db.Kpis.Where(k => k.Id == seed.Kpi.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.Order, 5)));
    }

    [Fact]
    public async Task The_audit_trail_cannot_be_edited()
    {
        var seed = await SeedScorecard.CreateAsync(Database);
        await using var db = Context(seed.Owner, EntrySource.Card);
        db.Actuals.Add(seed.NewActual(Period.Month(2026, 10), 90));
        await db.SaveChangesAsync();

        var entry = await db.AuditEntries.FirstAsync(e => e.KpiId == seed.Kpi.Id);
        entry.NewValue = """{"value":100}""";
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }

    private ScorecardDbContext Context(Person? actor, EntrySource via, string? name = null) =>
        Database.CreateContext(new AuditContext(actor?.Id, name ?? actor!.Name, via), _time);

    private async Task<List<AuditEntry>> TrailAsync(Guid subjectId)
    {
        await using var db = Database.CreateContext();
        return await db.AuditEntries.Where(e => e.SubjectId == subjectId).OrderBy(e => e.Id).ToListAsync();
    }
}

public sealed class AuditTestsOnSqlite(SqliteTestDatabase database) : AuditTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class AuditTestsOnPostgres(PostgresTestDatabase database) : AuditTests(database), IClassFixture<PostgresTestDatabase>;
