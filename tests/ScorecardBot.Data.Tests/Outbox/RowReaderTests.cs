using Microsoft.EntityFrameworkCore;
using ScorecardBot.Core.Model;
using ScorecardBot.Data.Outbox;
using ScorecardBot.Data.Tests.Infrastructure;

namespace ScorecardBot.Data.Tests.Outbox;

/// <summary>The outbox claim reads its rows without EF's query pipeline: every column must come back as EF reads it.</summary>
public abstract class RowReaderTests(TestDatabase database) : DatabaseTests(database)
{
    [Fact]
    public async Task A_row_read_by_the_claim_equals_the_row_EF_reads_column_for_column()
    {
        var seed = await SeedScorecard.CreateAsync(Database);
        var at = new DateTimeOffset(2026, 11, 2, 8, 0, 0, 123, TimeSpan.Zero);
        await using (var db = Database.CreateContext())
        {
            await new OutboxWriter(TimeProvider.System).TryAddAsync(db,
                OutboxWriterTests.Prompt(seed.Organization.Id, seed.Owner.Id, "prompt:read-back", Platform.Slack), "prompt", at, CancellationToken.None);
            await db.Set<OutboxMessage>().Where(m => m.OrganizationId == seed.Organization.Id).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Sending)
                .SetProperty(m => m.LockedBy, "reader-test")
                .SetProperty(m => m.LockedUntil, at.AddSeconds(8))
                .SetProperty(m => m.Attempts, 3)
                .SetProperty(m => m.LastError, "429: slow down")
                .SetProperty(m => m.ThreadId, "1730000000.000100"));
            db.Add(new UnreachablePerson { OrganizationId = seed.Organization.Id, PersonId = seed.Owner.Id, Platform = Platform.Slack, Reason = "blocked: the bot is blocked", Since = at });
            await db.SaveChangesAsync();
        }

        await using var check = Database.CreateContext();
        var expected = await check.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.OrganizationId == seed.Organization.Id);
        var read = Assert.Single(await OutboxClaims.ClaimedAsync(check, "reader-test", CancellationToken.None));

        foreach (var property in typeof(OutboxMessage).GetProperties().Where(p => p.CanWrite))
        {
            Assert.True(Equals(property.GetValue(expected), property.GetValue(read)),
                $"{property.Name}: EF read '{property.GetValue(expected)}', the claim read '{property.GetValue(read)}'");
        }

        Assert.Equal((Platform.Slack, OutboxStatus.Sending, (Guid?)seed.Owner.Id, at.AddSeconds(8)), (read.Platform, read.Status, read.PersonId, read.LockedUntil));
        Assert.Null(read.SentAt);
        Assert.Empty(await OutboxClaims.ClaimedAsync(check, "someone-else", CancellationToken.None));

        var mark = Assert.Single(await OutboxClaims.UnreachableAsync(check, [seed.Owner.Id, Guid.NewGuid()], CancellationToken.None));
        Assert.Equal((seed.Organization.Id, seed.Owner.Id, Platform.Slack, "blocked: the bot is blocked", at, (DateTimeOffset?)null),
            (mark.OrganizationId, mark.PersonId, mark.Platform, mark.Reason, mark.Since, mark.ManagerToldAt));
    }
}

public sealed class RowReaderTestsOnSqlite(SqliteTestDatabase db) : RowReaderTests(db), IClassFixture<SqliteTestDatabase>;

public sealed class RowReaderTestsOnPostgres(PostgresTestDatabase db) : RowReaderTests(db), IClassFixture<PostgresTestDatabase>;
