using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Data.Stores;
using ScorecardBot.Data.Tests.Infrastructure;

namespace ScorecardBot.Data.Tests.Stores;

/// <summary>
/// Submits written together by the store's actual writer: the writer is held while the submits
/// queue, so they are written as one batch of a known content, then let go.
/// </summary>
public abstract class ActualBatchTests(TestDatabase database) : DatabaseTests(database)
{
    [Fact]
    public async Task Submits_queued_together_are_stored_in_one_batch_each_with_its_own_actor_and_audit_entry()
    {
        await using var world = await StoreWorld.CreateAsync(Database);
        await world.Commands.SetDelegateAsync(world.As(world.Seed.Owner), world.Kpi.Id, world.Colleague.Id, CancellationToken.None);
        var store = world.Services.GetRequiredService<ScorecardStore>();
        var months = Enumerable.Range(1, 12).Select(m => Period.Month(2027, m)).ToList();

        Task<ActualWriteResult>[] submits;
        using (await store.PauseActualWritesAsync())
        {
            // The owner and the delegate in turn, and a correction of a month already stored.
            submits = [.. months.Select((p, i) => Submit(world, i % 2 == 0 ? world.Seed.Owner : world.Colleague, p, 90 + i)),
                Submit(world, world.Colleague, StoreWorld.October.AddPeriods(-1), 70m)];
            await QueuedAsync(store, submits.Length);
        }

        var results = await Task.WhenAll(submits);

        Assert.Equal(1, store.ActualBatchesWritten);
        Assert.All(results, r => Assert.Equal(CommandStatus.Done, r.Status));
        Assert.True(results[^1].Corrected);
        var audit = await world.AuditAsync("Actual");
        for (var i = 0; i < months.Count; i++)
        {
            var stored = Assert.Single(await world.ActualsAsync(months[i]));
            var actor = i % 2 == 0 ? world.Seed.Owner : world.Colleague;
            Assert.Equal((90m + i, actor.Id), (stored.Value, stored.SubmittedById));
            var created = Assert.Single(audit, e => e.Period == months[i]);
            Assert.Equal(("created", actor.Name), (created.Change, created.ActorName));
        }

        var correction = Assert.Single(audit, e => e.Period == StoreWorld.October.AddPeriods(-1) && e.Change == "updated");
        Assert.Equal(("updated", world.Colleague.Name), (correction.Change, correction.ActorName));
        Assert.Equal(70m, Assert.Single(await world.ActualsAsync(StoreWorld.October.AddPeriods(-1))).Value);

        // The cached snapshot took every stored row: what the next question reads.
        var snapshot = (await world.ReadModel.GetAsync(world.OrganizationId, CancellationToken.None))!;
        Assert.All(months.Select((p, i) => (p, i)), m => Assert.Equal(90m + m.i, snapshot.FindKpi(world.Kpi.Id)!.Actuals.Single(a => a.Period == m.p).Value));
    }

    [Fact]
    public async Task The_same_submit_many_times_in_one_batch_is_stored_once_and_a_later_correction_in_it_updates_that_row()
    {
        await using var world = await StoreWorld.CreateAsync(Database);
        var store = world.Services.GetRequiredService<ScorecardStore>();
        var period = Period.Month(2027, 3);

        Task<ActualWriteResult>[] repeats;
        Task<ActualWriteResult> correction;
        Task<ActualWriteResult> repeatOfCorrection;
        using (await store.PauseActualWritesAsync())
        {
            repeats = [.. Enumerable.Range(0, 20).Select(_ => Submit(world, world.Seed.Owner, period, 91.5m))];
            await QueuedAsync(store, repeats.Length);
            correction = Submit(world, world.Seed.Owner, period, 92.5m);
            await QueuedAsync(store, repeats.Length + 1);
            repeatOfCorrection = Submit(world, world.Seed.Owner, period, 92.5m);
            await QueuedAsync(store, repeats.Length + 2);
        }

        var results = await Task.WhenAll(repeats);

        Assert.Equal(1, store.ActualBatchesWritten);
        Assert.Equal(1, results.Count(r => r.Status == CommandStatus.Done));
        Assert.Equal(19, results.Count(r => r.Status == CommandStatus.Unchanged));
        var corrected = await correction;
        Assert.Equal((CommandStatus.Done, true, 91.5m), (corrected.Status, corrected.Corrected, corrected.PreviousValue));
        Assert.Equal(CommandStatus.Unchanged, (await repeatOfCorrection).Status);
        var stored = Assert.Single(await world.ActualsAsync(period));
        Assert.Equal((92.5m, 1u), (stored.Value, stored.Version));
        var trail = (await world.AuditAsync("Actual")).Where(e => e.Period == period).ToList();
        Assert.Equal(["created", "updated"], trail.OrderBy(e => e.At).ThenBy(e => e.Change == "updated").Select(e => e.Change));
        var update = Assert.Single(trail, e => e.Change == "updated");
        Assert.Contains("91.5", update.OldValue);
        Assert.Contains("92.5", update.NewValue);
    }

    [Fact]
    public async Task A_submit_that_fails_in_a_batch_gets_its_own_error_and_the_others_are_stored()
    {
        await using var world = await StoreWorld.CreateAsync(Database);
        var store = world.Services.GetRequiredService<ScorecardStore>();
        var doomed = new Kpi
        {
            OrganizationId = world.OrganizationId,
            ScorecardId = world.Seed.Scorecard.Id,
            ObjectiveId = world.Seed.Objective.Id,
            Key = "claims",
            Name = "Claims",
            Unit = "%",
            Format = KpiFormat.Percent,
            OwnerId = world.Seed.Owner.Id,
        };
        await using (var db = Database.CreateContext())
        {
            db.Kpis.Add(doomed);
            await db.SaveChangesAsync();
        }

        var months = Enumerable.Range(1, 6).Select(m => Period.Month(2027, m)).ToList();
        Task<ActualWriteResult>[] good;
        Task<ActualWriteResult> failing;
        using (await store.PauseActualWritesAsync())
        {
            good = [.. months.Take(3).Select(p => Submit(world, world.Seed.Owner, p, 93m))];
            await QueuedAsync(store, 3);
            failing = world.Commands.RecordActualAsync(world.As(world.Seed.Owner, EntrySource.Card), new ActualEntry(doomed.Id, months[0], 5m, null, null), CancellationToken.None);
            await QueuedAsync(store, 4);
            good = [.. good, .. months.Skip(3).Select(p => Submit(world, world.Seed.Owner, p, 94m))];
            await QueuedAsync(store, 7);

            // The KPI goes after its submit passed the checks: its row can no longer be written.
            await using var db = Database.CreateContext();
            await db.Kpis.Where(k => k.Id == doomed.Id).ExecuteDeleteAsync();
        }

        await Assert.ThrowsAnyAsync<DbUpdateException>(() => failing);
        var results = await Task.WhenAll(good);
        Assert.All(results, r => Assert.Equal(CommandStatus.Done, r.Status));
        Assert.Equal(0, store.ActualBatchesWritten); // the batch was rolled back and each written alone
        for (var i = 0; i < months.Count; i++)
        {
            Assert.Equal(i < 3 ? 93m : 94m, Assert.Single(await world.ActualsAsync(months[i])).Value);
        }

        var audit = await world.AuditAsync("Actual");
        Assert.All(months, p => Assert.Single(audit, e => e.Period == p && e.KpiId == world.Kpi.Id));
        Assert.DoesNotContain(audit, e => e.KpiId == doomed.Id);
    }

    private static Task<ActualWriteResult> Submit(StoreWorld world, Person person, Period period, decimal value) =>
        world.Commands.RecordActualAsync(world.As(person, EntrySource.Card), new ActualEntry(world.Kpi.Id, period, value, null, null), CancellationToken.None);

    /// <summary>Until the writer has this many submits waiting (their checks done).</summary>
    private static async Task QueuedAsync(ScorecardStore store, int count)
    {
        for (var i = 0; i < 600 && store.ActualWritesQueued < count; i++)
        {
            await Task.Delay(50);
        }

        Assert.Equal(count, store.ActualWritesQueued);
    }
}

public sealed class ActualBatchTestsOnSqlite(SqliteTestDatabase database) : ActualBatchTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class ActualBatchTestsOnPostgres(PostgresTestDatabase database) : ActualBatchTests(database), IClassFixture<PostgresTestDatabase>;
