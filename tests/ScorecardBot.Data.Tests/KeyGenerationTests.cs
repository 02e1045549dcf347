using Microsoft.EntityFrameworkCore;
using ScorecardBot.Core.Model;
using ScorecardBot.Data.Tests.Infrastructure;

namespace ScorecardBot.Data.Tests;

/// <summary>Entities make their own ids, so adding one through a navigation of a loaded entity inserts it.</summary>
public abstract class KeyGenerationTests(TestDatabase database) : DatabaseTests(database)
{
    [Fact]
    public async Task A_chat_account_added_to_a_loaded_person_is_inserted()
    {
        var seed = await SeedScorecard.CreateAsync(Database);
        await using (var db = Database.CreateContext())
        {
            var person = await db.People.Include(p => p.Accounts).SingleAsync(p => p.Id == seed.Owner.Id);
            person.Accounts.Add(new ChannelAccount { Platform = Platform.Slack, ExternalId = "U0LINKED1" });
            await db.SaveChangesAsync();
        }

        await using var read = Database.CreateContext();
        var stored = await read.People.Include(p => p.Accounts).SingleAsync(p => p.Id == seed.Owner.Id);
        Assert.Contains(stored.Accounts, a => a.Platform == Platform.Slack && a.ExternalId == "U0LINKED1");
    }
}

public sealed class KeyGenerationTestsOnSqlite(SqliteTestDatabase database) : KeyGenerationTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class KeyGenerationTestsOnPostgres(PostgresTestDatabase database) : KeyGenerationTests(database), IClassFixture<PostgresTestDatabase>;
