using Microsoft.EntityFrameworkCore;
using ScorecardBot.Core.Model;
using ScorecardBot.Data.Tests.Infrastructure;

namespace ScorecardBot.Data.Tests;

public abstract class ConcurrencyTests(TestDatabase database) : DatabaseTests(database)
{
    [Fact]
    public async Task Two_people_saving_the_same_actual_the_second_gets_a_concurrency_conflict()
    {
        var seed = await SeedScorecard.CreateAsync(Database);
        var actual = seed.NewActual(Period.Month(2026, 10), 90);
        await using (var db = Database.CreateContext())
        {
            db.Actuals.Add(actual);
            await db.SaveChangesAsync();
        }

        await using var first = Database.CreateContext();
        await using var second = Database.CreateContext();
        var mine = await first.Actuals.SingleAsync(a => a.Id == actual.Id);
        var theirs = await second.Actuals.SingleAsync(a => a.Id == actual.Id);

        mine.Value = 91;
        await first.SaveChangesAsync();
        theirs.Value = 95;
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        await using var read = Database.CreateContext();
        var stored = await read.Actuals.SingleAsync(a => a.Id == actual.Id);
        Assert.Equal(91m, stored.Value);
        Assert.Equal(1u, stored.Version);
    }

    [Fact]
    public async Task A_stale_copy_of_a_target_attached_with_update_is_rejected()
    {
        var seed = await SeedScorecard.CreateAsync(Database);
        var target = seed.NewTarget(Period.Month(2026, 10), 95);
        await using (var db = Database.CreateContext())
        {
            db.Targets.Add(target);
            await db.SaveChangesAsync();
        }

        await using (var db = Database.CreateContext())
        {
            var fresh = await db.Targets.SingleAsync(t => t.Id == target.Id);
            fresh.Red = 80;
            await db.SaveChangesAsync();
            Assert.Equal(1u, fresh.Version);
        }

        // "target" is the caller's copy from before that edit: version 0.
        target.Value = 99;
        await using var stale = Database.CreateContext();
        stale.Targets.Update(target);
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => stale.SaveChangesAsync());
    }

    [Fact]
    public async Task Every_saved_change_moves_the_version_on()
    {
        var seed = await SeedScorecard.CreateAsync(Database);
        var actual = seed.NewActual(Period.Month(2026, 10), 90);
        await using var db = Database.CreateContext();
        db.Actuals.Add(actual);
        await db.SaveChangesAsync();
        Assert.Equal(0u, actual.Version);

        actual.Comment = "Late shipments in week 3";
        await db.SaveChangesAsync();
        actual.PendingApproval = true;
        await db.SaveChangesAsync();
        await db.SaveChangesAsync(); // nothing changed: no new version

        Assert.Equal(2u, actual.Version);
    }
}

public sealed class ConcurrencyTestsOnSqlite(SqliteTestDatabase database) : ConcurrencyTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class ConcurrencyTestsOnPostgres(PostgresTestDatabase database) : ConcurrencyTests(database), IClassFixture<PostgresTestDatabase>;
