using Microsoft.Extensions.Time.Testing;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Data.Tests.Infrastructure;

namespace ScorecardBot.Data.Tests.Stores;

/// <summary>
/// A snapshot scores each KPI once and reads status and red lists from what it scored; the store
/// puts an actual it writes into the cached snapshot instead of reading the organization again.
/// The answer a person gets right after submitting must still be the new one: asked before and
/// after each submit (so every cache is warm when the actual changes), through the real store.
/// </summary>
public abstract class FreshAnswerTests(TestDatabase database) : DatabaseTests(database)
{
    [Fact]
    public async Task The_red_list_and_status_change_as_soon_as_an_actual_is_submitted_or_corrected()
    {
        await using var world = await StoreWorld.CreateAsync(Database);
        var engine = new ConversationEngine(world.ReadModel, world.Commands, new ConversationOptions { PublicBaseUrl = new Uri("https://bot.example.com/") }, new FakeTimeProvider(StoreWorld.Now));

        var before = await AskAsync(engine, world, "what's red");
        var statusBefore = await AskAsync(engine, world, "status");
        Assert.StartsWith("Nothing is red in Oct 2026.", before.Summary, StringComparison.Ordinal);
        Assert.Contains("1 without data", statusBefore.Summary, StringComparison.Ordinal);

        await RecordAsync(world, 50m);
        var red = await AskAsync(engine, world, "what's red");
        var statusRed = await AskAsync(engine, world, "status");
        Assert.StartsWith("1 KPI is red in Oct 2026: On-time delivery (Enterprise) 50.0 % vs 95.0 %", red.Summary, StringComparison.Ordinal);
        Assert.Contains("1 red", statusRed.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("Still outstanding", red.Summary, StringComparison.Ordinal);

        await RecordAsync(world, 99m);
        var corrected = await AskAsync(engine, world, "what's red");
        var statusGreen = await AskAsync(engine, world, "status");
        Assert.StartsWith("Nothing is red in Oct 2026.", corrected.Summary, StringComparison.Ordinal);
        Assert.Contains("1 green", statusGreen.Summary, StringComparison.Ordinal);
        var kpi = await AskAsync(engine, world, "how is on-time delivery doing");
        Assert.Contains("99.0 %", kpi.Summary, StringComparison.Ordinal);
    }

    private static async Task RecordAsync(StoreWorld world, decimal value)
    {
        var result = await world.Commands.RecordActualAsync(world.As(world.Seed.Owner), new ActualEntry(world.Kpi.Id, StoreWorld.October, value, null, null), CancellationToken.None);
        Assert.Equal(CommandStatus.Done, result.Status);
    }

    private static async Task<Message> AskAsync(ConversationEngine engine, StoreWorld world, string text)
    {
        var viewer = world.Viewer;
        var result = await engine.HandleAsync(new Turn
        {
            OrganizationId = world.OrganizationId,
            Actor = new Actor(viewer.Id, viewer.Name, viewer.Email, viewer.Role),
            Platform = Platform.Local,
            Conversation = new ConversationAddress(Platform.Local, "local", ConversationKind.Direct),
            At = StoreWorld.Now,
            Text = text,
        }, CancellationToken.None);
        return Assert.Single(result.Replies).Message;
    }
}

public sealed class FreshAnswerTestsOnSqlite(SqliteTestDatabase database) : FreshAnswerTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class FreshAnswerTestsOnPostgres(PostgresTestDatabase database) : FreshAnswerTests(database), IClassFixture<PostgresTestDatabase>;
