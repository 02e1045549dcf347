using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using ScorecardBot.Core.Delivery;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Data.Outbox;
using ScorecardBot.Data.Tests.Infrastructure;

namespace ScorecardBot.Data.Tests.Outbox;

/// <summary>
/// Runs only when SCORECARD_STRESS=1 (bench/outbox/stress.sh): kept out of the timed suite.
/// </summary>
public sealed class StressFactAttribute : FactAttribute
{
    public StressFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("SCORECARD_STRESS") != "1")
        {
            Skip = "a stress run: set SCORECARD_STRESS=1 (bench/outbox/stress.sh)";
        }
    }
}

/// <summary>
/// Two dispatchers draining one PostgreSQL outbox side by side, as two bot instances do: no claim
/// may deadlock (40P01 surfaced from ClaimAsync before claims skipped locked rows), no row may be
/// sent twice, and every conversation keeps its order.
/// </summary>
public sealed class OutboxClaimStressTests(PostgresTestDatabase db) : DatabaseTests(db), IClassFixture<PostgresTestDatabase>
{
    [Fact]
    public Task Two_dispatchers_drain_two_thousand_rows_twice_without_a_failure() => DrainAsync(rows: 2_000, rounds: 2);

    [Fact]
    public async Task A_claim_skips_a_row_another_transaction_holds_instead_of_waiting_for_it()
    {
        var seed = await SeedScorecard.CreateAsync(Database);
        await WriteAsync(seed.Organization.Id, round: 99, channels: 2, perConversation: 1);
        await using var holder = Database.CreateContext();
        var ids = await holder.Set<OutboxMessage>().Where(m => m.OrganizationId == seed.Organization.Id).OrderBy(m => m.Id).Select(m => m.Id).ToListAsync();
        await using var transaction = await holder.Database.BeginTransactionAsync();
        // Another instance's statement holds the first row (as a claim or a recording does for a moment).
        await holder.Database.ExecuteSqlRawAsync("SELECT 1 FROM \"OutboxMessages\" WHERE \"Id\" = {0} FOR UPDATE", ids[0]);

        await using var claimer = Database.CreateContext();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var now = DateTimeOffset.UtcNow;
        var claimed = await OutboxClaims.ClaimAsync(claimer, ids, now, now.AddSeconds(30), "instance-b", patience.Token);

        Assert.Equal(1, claimed);
        var mine = await OutboxClaims.ClaimedAsync(claimer, "instance-b", CancellationToken.None);
        Assert.Equal(ids[1], Assert.Single(mine).Id);
        await transaction.RollbackAsync();
    }

    [StressFact]
    [Trait("Category", "Stress")]
    public Task Two_dispatchers_drain_twenty_thousand_rows_twenty_times_without_a_failure() =>
        DrainAsync(rows: 20_000, rounds: int.TryParse(Environment.GetEnvironmentVariable("SCORECARD_STRESS_ROUNDS"), out var r) ? r : 20);

    private async Task DrainAsync(int rows, int rounds)
    {
        var seed = await SeedScorecard.CreateAsync(Database);
        for (var round = 0; round < rounds; round++)
        {
            var channels = rows / 10;
            var keys = await WriteAsync(seed.Organization.Id, round, channels, perConversation: 10);
            var channel = new FakeChannel();
            var options = OutboxDispatcherTests.FastOptions();
            options.BatchSize = 200;
            options.MaxParallelSends = 16;
            options.Lease = TimeSpan.FromSeconds(60); // no lease may run out here: a repeat would then be legitimate
            var failures = new List<Exception>();

            async Task<int> RunAsync(string name)
            {
                using var dispatcher = new OutboxDispatcher(new TestContexts(Database), channel, options, TimeProvider.System, NullLogger<OutboxDispatcher>.Instance, name);
                var deadline = DateTime.UtcNow.AddMinutes(5);
                var sent = 0;
                while (channel.Shown.Count < rows && DateTime.UtcNow < deadline)
                {
                    try
                    {
                        sent += (await dispatcher.DispatchDueAsync(CancellationToken.None)).Sent;
                    }
                    catch (Exception e)
                    {
                        lock (failures)
                        {
                            failures.Add(e);
                        }
                    }
                }

                return sent;
            }

            var sent = await Task.WhenAll(RunAsync("bot-1"), RunAsync("bot-2"));

            Assert.True(failures.Count == 0, $"round {round}: " + string.Join("\n", failures.Select(f => f.GetBaseException().Message).Distinct()));
            Assert.Equal(rows, channel.Shown.Count);
            Assert.Equal(rows, channel.RawAttempts);
            Assert.Equal(rows, sent.Sum());
            foreach (var (conversation, expected) in keys)
            {
                Assert.Equal(expected, channel.ShownIn(conversation));
            }
        }
    }

    private async Task<Dictionary<string, List<string>>> WriteAsync(Guid organizationId, int round, int channels, int perConversation)
    {
        var entries = new List<OutboxEntry>(channels * perConversation);
        var keys = new Dictionary<string, List<string>>();
        for (var n = 0; n < perConversation; n++)
        {
            for (var c = 0; c < channels; c++)
            {
                var destination = Destination.Channel($"19:r{round}-channel-{c}@thread.tacv2");
                var key = $"stress:r{round}:c{c}:part{n:D3}";
                entries.Add(new OutboxEntry(new OutgoingMessage(organizationId, Platform.Local, destination, Message.Text($"part {n}", "digest"), key), "digest", DateTimeOffset.UtcNow.AddMinutes(-1)));
                var conversation = destination.ConversationKey(Platform.Local);
                if (!keys.TryGetValue(conversation, out var list))
                {
                    keys[conversation] = list = [];
                }

                list.Add(key);
            }
        }

        await using var db = Database.CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync();
        Assert.Equal(entries.Count, await new OutboxWriter(TimeProvider.System).AddManyAsync(db, entries, CancellationToken.None));
        await transaction.CommitAsync();
        return keys;
    }
}
