using Microsoft.EntityFrameworkCore;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Delivery;
using ScorecardBot.Core.Model;
using ScorecardBot.Data.Outbox;
using ScorecardBot.Data.Tests.Infrastructure;

namespace ScorecardBot.Data.Tests.Outbox;

public abstract class OutboxWriterTests(TestDatabase database) : DatabaseTests(database)
{
    private static readonly DateTimeOffset Due = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);
    private readonly OutboxWriter _writer = new(TimeProvider.System);

    internal static OutgoingMessage Prompt(Guid organizationId, Guid personId, string key, Platform platform = Platform.Local) =>
        new(organizationId, platform, Destination.Direct(personId), Message.Text($"Please report ({key})", "prompt"), key);

    [Fact]
    public async Task Adding_the_same_key_twice_writes_one_row()
    {
        var seed = await SeedScorecard.CreateAsync(Database);
        var key = $"prompt:{seed.Scorecard.Id}:2026-10:{seed.Owner.Id}";

        await using var db = Database.CreateContext();
        var first = await _writer.TryAddAsync(db, Prompt(seed.Organization.Id, seed.Owner.Id, key), "prompt", Due, CancellationToken.None);
        var second = await _writer.TryAddAsync(db, Prompt(seed.Organization.Id, seed.Owner.Id, key), "prompt", Due, CancellationToken.None);

        Assert.True(first);
        Assert.False(second);
        var row = Assert.Single(await db.Set<OutboxMessage>().Where(m => m.OrganizationId == seed.Organization.Id).ToListAsync());
        Assert.Equal((key, "prompt", OutboxStatus.Pending, seed.Owner.Id, Due), (row.Key, row.Kind, row.Status, row.PersonId, row.NextAttemptAt));
        Assert.Equal("Please report (" + key + ")", MessageJson.Deserialize(row.PayloadJson).Summary);
    }

    [Fact]
    public async Task A_wave_written_in_batches_keeps_one_row_per_key_and_a_rerun_writes_nothing()
    {
        var seed = await SeedScorecard.CreateAsync(Database);
        var entries = Enumerable.Range(0, 450)
            .Select(i => new OutboxEntry(Prompt(seed.Organization.Id, Guid.NewGuid(), $"prompt:wave:{i % 445:D3}"), "prompt", Due))
            .ToList();

        await using var db = Database.CreateContext();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            Assert.Equal(445, await _writer.AddManyAsync(db, entries, CancellationToken.None));
            await transaction.CommitAsync();
        }

        Assert.Equal(0, await _writer.AddManyAsync(db, entries, CancellationToken.None));
        var rows = await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.OrganizationId == seed.Organization.Id).ToListAsync();
        Assert.Equal(445, rows.Count);
        Assert.Equal(445, rows.Select(r => r.Key).Distinct().Count());
        Assert.All(rows, r => Assert.Equal((OutboxStatus.Pending, Due), (r.Status, r.NextAttemptAt)));
    }

    [Fact]
    public async Task A_rerun_learns_which_keys_are_written_before_it_opens_a_transaction()
    {
        var seed = await SeedScorecard.CreateAsync(Database);
        var other = await SeedScorecard.CreateAsync(Database);
        var wave = Enumerable.Range(0, 600)
            .Select(i => new OutboxEntry(Prompt(seed.Organization.Id, Guid.NewGuid(), $"prompt:wave:{i:D3}"), "prompt", Due))
            .ToList();
        await using var db = Database.CreateContext();
        Assert.Equal(300, await _writer.AddManyAsync(db, wave[..300], CancellationToken.None));

        // 600 keys: more than one existence query; the same key in another organization is its own.
        var sameKeyElsewhere = new OutboxEntry(Prompt(other.Organization.Id, other.Owner.Id, "prompt:wave:000"), "prompt", Due);
        var fresh = await OutboxWriter.WithoutWrittenAsync(db, [.. wave, sameKeyElsewhere], CancellationToken.None);

        Assert.Equal([.. wave[300..].Select(e => e.Message.IdempotencyKey), "prompt:wave:000"], fresh.Select(e => e.Message.IdempotencyKey));
        Assert.Equal(other.Organization.Id, fresh[^1].Message.OrganizationId);
        Assert.Empty(await OutboxWriter.WithoutWrittenAsync(db, wave[..300], CancellationToken.None));
        Assert.Equal(301, await _writer.AddManyAsync(db, fresh, CancellationToken.None));
    }

    [Fact]
    public async Task A_message_that_could_not_be_made_is_written_undelivered_and_never_due()
    {
        var seed = await SeedScorecard.CreateAsync(Database);
        var failed = new OutboxEntry(Prompt(seed.Organization.Id, seed.Owner.Id, "digest:broken"), "digest", Due, Failure: "not_composed: InvalidOperationException: boom");

        await using var db = Database.CreateContext();
        Assert.Equal(1, await _writer.AddManyAsync(db, [failed], CancellationToken.None));

        var undelivered = Assert.Single(await db.GetUndeliveredAsync(seed.Organization.Id));
        Assert.Equal(("digest:broken", OutboxStatus.Dead, 0), (undelivered.Key, undelivered.Status, undelivered.Attempts));
        Assert.Equal(1, await db.CountNotComposedAsync());
    }

    [Fact]
    public async Task Twenty_concurrent_writers_of_one_key_write_one_row()
    {
        var seed = await SeedScorecard.CreateAsync(Database);
        var key = $"digest:{seed.Scorecard.Id}:2026-10";
        using var start = new ManualResetEventSlim();

        var writers = Enumerable.Range(0, 20).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            await using var db = Database.CreateContext();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var added = await _writer.TryAddAsync(db, Prompt(seed.Organization.Id, seed.Owner.Id, key), "digest", Due, CancellationToken.None);
            await transaction.CommitAsync();
            return added;
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(writers);

        Assert.Equal(1, results.Count(added => added));
        await using var check = Database.CreateContext();
        Assert.Equal(1, await check.Set<OutboxMessage>().CountAsync(m => m.OrganizationId == seed.Organization.Id));
    }

    [Fact]
    public async Task A_row_rolls_back_with_the_decision_that_wrote_it()
    {
        var seed = await SeedScorecard.CreateAsync(Database);

        await using (var db = Database.CreateContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            Assert.True(await _writer.TryAddAsync(db, Prompt(seed.Organization.Id, seed.Owner.Id, "prompt:rolled-back"), "prompt", Due, CancellationToken.None));
            await transaction.RollbackAsync();
        }

        await using var check = Database.CreateContext();
        Assert.False(await check.Set<OutboxMessage>().AnyAsync(m => m.OrganizationId == seed.Organization.Id));
    }

    [Fact]
    public async Task A_duplicate_inside_a_transaction_leaves_the_transaction_usable()
    {
        var seed = await SeedScorecard.CreateAsync(Database);
        await using (var first = Database.CreateContext())
        {
            await _writer.TryAddAsync(first, Prompt(seed.Organization.Id, seed.Owner.Id, "prompt:a"), "prompt", Due, CancellationToken.None);
        }

        await using (var db = Database.CreateContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            Assert.False(await _writer.TryAddAsync(db, Prompt(seed.Organization.Id, seed.Owner.Id, "prompt:a"), "prompt", Due, CancellationToken.None));
            Assert.True(await _writer.TryAddAsync(db, Prompt(seed.Organization.Id, seed.Owner.Id, "prompt:b"), "prompt", Due, CancellationToken.None));
            db.Holidays.Add(new Holiday { OrganizationId = seed.Organization.Id, Date = new DateOnly(2026, 12, 25), Name = "Christmas" });
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        await using var check = Database.CreateContext();
        Assert.Equal(["prompt:a", "prompt:b"], await check.Set<OutboxMessage>().Where(m => m.OrganizationId == seed.Organization.Id).OrderBy(m => m.Id).Select(m => m.Key).ToListAsync());
        Assert.True(await check.Holidays.AnyAsync(h => h.OrganizationId == seed.Organization.Id));
    }

    [Fact]
    public async Task The_same_key_in_two_organizations_is_two_rows()
    {
        var one = await SeedScorecard.CreateAsync(Database);
        var two = await SeedScorecard.CreateAsync(Database);

        await using var db = Database.CreateContext();
        Assert.True(await _writer.TryAddAsync(db, Prompt(one.Organization.Id, one.Owner.Id, "digest:same"), "digest", Due, CancellationToken.None));
        Assert.True(await _writer.TryAddAsync(db, Prompt(two.Organization.Id, two.Owner.Id, "digest:same"), "digest", Due, CancellationToken.None));
    }

    [Fact]
    public async Task A_key_longer_than_the_column_is_refused_with_its_length()
    {
        var seed = await SeedScorecard.CreateAsync(Database);
        await using var db = Database.CreateContext();

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            _writer.TryAddAsync(db, Prompt(seed.Organization.Id, seed.Owner.Id, new string('k', 201)), "prompt", Due, CancellationToken.None));
        Assert.Contains("201 characters; at most 200", error.Message, StringComparison.Ordinal);
    }
}

public sealed class OutboxWriterTestsOnSqlite(SqliteTestDatabase db) : OutboxWriterTests(db), IClassFixture<SqliteTestDatabase>;

public sealed class OutboxWriterTestsOnPostgres(PostgresTestDatabase db) : OutboxWriterTests(db), IClassFixture<PostgresTestDatabase>;
