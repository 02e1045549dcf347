using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Delivery;
using ScorecardBot.Core.Model;
using ScorecardBot.Data.Outbox;
using ScorecardBot.Data.Tests.Infrastructure;

namespace ScorecardBot.Data.Tests.Outbox;

public abstract class OutboxDispatcherTests(TestDatabase database) : DatabaseTests(database)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    internal static OutboxOptions FastOptions(int maxAttempts = 20) => new()
    {
        FirstRetryDelay = TimeSpan.FromMilliseconds(10),
        MaxRetryDelay = TimeSpan.FromMilliseconds(80),
        MaxAttempts = maxAttempts,
        Lease = TimeSpan.FromSeconds(1),
        BatchSize = 50,
        MaxParallelSends = 8,
    };

    private OutboxDispatcher Dispatcher(IChannelSender channel, OutboxOptions? options = null, string instance = "test") =>
        new(new TestContexts(Database), channel, options ?? FastOptions(), TimeProvider.System, NullLogger<OutboxDispatcher>.Instance, instance);

    /// <summary>Writes <paramref name="perConversation"/> numbered messages into each of <paramref name="channels"/> channels and returns their keys by conversation.</summary>
    internal static async Task<Dictionary<string, List<string>>> WriteAsync(TestDatabase database, Guid organizationId, int channels, int perConversation)
    {
        var writer = new OutboxWriter(TimeProvider.System);
        var keys = new Dictionary<string, List<string>>();
        await using var db = database.CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync();
        for (var n = 0; n < perConversation; n++)
        {
            for (var c = 0; c < channels; c++)
            {
                var destination = Destination.Channel($"19:channel-{c}@thread.tacv2");
                var key = $"digest:c{c}:part{n:D3}";
                var message = new OutgoingMessage(organizationId, Platform.Local, destination, Message.Text($"part {n}", "digest"), key);
                Assert.True(await writer.TryAddAsync(db, message, "digest", DateTimeOffset.UtcNow.AddMinutes(-1), CancellationToken.None));
                var conversation = destination.ConversationKey(Platform.Local);
                if (!keys.TryGetValue(conversation, out var list))
                {
                    keys[conversation] = list = [];
                }

                list.Add(key);
            }
        }

        await transaction.CommitAsync();
        return keys;
    }

    private async Task<List<OutboxMessage>> RowsAsync(Guid organizationId)
    {
        await using var db = Database.CreateContext();
        return await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.OrganizationId == organizationId).OrderBy(m => m.Id).ToListAsync();
    }

    /// <summary>Runs passes until every row of the organization is Sent or Dead.</summary>
    private async Task DrainAsync(Guid organizationId, params OutboxDispatcher[] dispatchers)
    {
        var deadline = DateTime.UtcNow + Patience;
        while ((await RowsAsync(organizationId)).Any(r => r.Status is not (OutboxStatus.Sent or OutboxStatus.Dead)))
        {
            Assert.True(DateTime.UtcNow < deadline, "The outbox did not drain in time.");
            await Task.WhenAll(dispatchers.Select(d => d.DispatchDueAsync(CancellationToken.None)));
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task Throttling_and_server_errors_still_deliver_everything_once_in_order()
    {
        var seed = await SeedScorecard.CreateAsync(Database);
        var keys = await WriteAsync(Database, seed.Organization.Id, channels: 5, perConversation: 8);
        var channel = new FakeChannel
        {
            Failure = (message, attempt) =>
                attempt == 1 && message.IdempotencyKey.GetHashCode(StringComparison.Ordinal) % 3 == 0
                    ? new DeliveryResult.Transient("429 Too Many Requests", TimeSpan.FromMilliseconds(30))
                    : attempt <= 2 && message.IdempotencyKey.EndsWith('1')
                        ? new DeliveryResult.Transient("HTTP 502")
                        : null,
        };

        await DrainAsync(seed.Organization.Id, Dispatcher(channel));

        foreach (var (conversation, expected) in keys)
        {
            Assert.Equal(expected, channel.ShownIn(conversation));
        }

        Assert.All(keys.Values.SelectMany(k => k), key => Assert.Equal(1, channel.AcceptedOf(key)));
        Assert.True(channel.RawAttempts > 40, "the script failed some attempts");
        var rows = await RowsAsync(seed.Organization.Id);
        Assert.All(rows, r => Assert.Equal((OutboxStatus.Sent, $"m-{r.Key}"), (r.Status, r.SentMessageId)));
        Assert.Contains(rows, r => r.Attempts > 1);
    }

    [Fact]
    public async Task A_crash_between_send_and_mark_delivers_every_message_exactly_once()
    {
        var seed = await SeedScorecard.CreateAsync(Database);
        var keys = await WriteAsync(Database, seed.Organization.Id, channels: 6, perConversation: 5);
        using var crash = new CancellationTokenSource();
        var shown = 0;
        var channel = new FakeChannel { Latency = TimeSpan.FromMilliseconds(2) };
        channel.AfterShown = _ =>
        {
            // The platform has shown the message; the process dies before the answer is recorded.
            if (Interlocked.Increment(ref shown) == 12)
            {
                crash.Cancel();
                throw new OperationCanceledException(crash.Token);
            }

            return Task.CompletedTask;
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Dispatcher(channel, instance: "first").DispatchDueAsync(crash.Token));
        var stranded = (await RowsAsync(seed.Organization.Id)).Where(r => r.Status == OutboxStatus.Sending).ToList();
        Assert.NotEmpty(stranded);

        channel.AfterShown = null;
        await Task.Delay(FastOptions().Lease + TimeSpan.FromMilliseconds(200));
        await DrainAsync(seed.Organization.Id, Dispatcher(channel, instance: "restarted"));

        var all = keys.Values.SelectMany(k => k).ToList();
        Assert.Equal(all.Order(StringComparer.Ordinal), channel.Shown.Order(StringComparer.Ordinal));
        foreach (var (conversation, expected) in keys)
        {
            Assert.Equal(expected, channel.ShownIn(conversation));
        }

        // The stranded rows were offered twice; the channel recognised the key and showed them once.
        Assert.Contains(stranded, r => channel.AttemptsOf(r.Key) == 2);
        Assert.All(await RowsAsync(seed.Organization.Id), r => Assert.Equal(OutboxStatus.Sent, r.Status));
    }

    [Fact]
    public async Task A_permanent_failure_is_dead_at_once_listed_and_not_retried()
    {
        var seed = await SeedScorecard.CreateAsync(Database);
        var writer = new OutboxWriter(TimeProvider.System);
        var stranger = Guid.NewGuid();
        await using (var db = Database.CreateContext())
        {
            var due = DateTimeOffset.UtcNow.AddMinutes(-1);
            await writer.TryAddAsync(db, OutboxWriterTests.Prompt(seed.Organization.Id, stranger, "prompt:stranger"), "prompt", due, CancellationToken.None);
            await writer.TryAddAsync(db, OutboxWriterTests.Prompt(seed.Organization.Id, stranger, "reminder:stranger"), "reminder", due, CancellationToken.None);
            await writer.TryAddAsync(db, OutboxWriterTests.Prompt(seed.Organization.Id, seed.Owner.Id, "prompt:owner"), "prompt", due, CancellationToken.None);
        }

        var channel = new FakeChannel
        {
            Failure = (message, _) => message.Destination.PersonId == stranger && message.IdempotencyKey.StartsWith("prompt", StringComparison.Ordinal)
                ? new DeliveryResult.Permanent(DeliveryFailureCodes.NoConversationReference, "the person has not installed the bot")
                : null,
        };
        var dispatcher = Dispatcher(channel);

        await DrainAsync(seed.Organization.Id, dispatcher);
        for (var i = 0; i < 3; i++)
        {
            await dispatcher.DispatchDueAsync(CancellationToken.None);
        }

        Assert.Equal(1, channel.AttemptsOf("prompt:stranger"));
        Assert.Equal(["prompt:owner", "reminder:stranger"], channel.Shown.Order(StringComparer.Ordinal));
        await using var check = Database.CreateContext();
        var undelivered = Assert.Single(await check.GetUndeliveredAsync(seed.Organization.Id));
        Assert.Equal(("prompt:stranger", OutboxStatus.Dead, 1), (undelivered.Key, undelivered.Status, undelivered.Attempts));
        Assert.Equal("no_conversation_reference: the person has not installed the bot", undelivered.LastError);
        Assert.Equal(stranger, undelivered.Destination.PersonId);
    }

    [Fact]
    public async Task A_message_that_keeps_failing_is_dead_after_the_last_attempt()
    {
        var seed = await SeedScorecard.CreateAsync(Database);
        await WriteAsync(Database, seed.Organization.Id, channels: 1, perConversation: 1);
        var channel = new FakeChannel { Failure = (_, _) => new DeliveryResult.Transient("HTTP 503") };

        await DrainAsync(seed.Organization.Id, Dispatcher(channel, FastOptions(maxAttempts: 3)));

        Assert.Equal(3, channel.RawAttempts);
        Assert.Empty(channel.Shown);
        await using var check = Database.CreateContext();
        var dead = Assert.Single(await check.GetUndeliveredAsync(seed.Organization.Id));
        Assert.Equal((OutboxStatus.Dead, 3, "gave up after 3 attempts: HTTP 503"), (dead.Status, dead.Attempts, dead.LastError));
        Assert.True((await check.CountUndeliveredAsync()).Dead >= 1, "health details count the dead message");
    }

    [Fact]
    public async Task A_retry_waits_for_the_platforms_retry_after()
    {
        var seed = await SeedScorecard.CreateAsync(Database);
        await WriteAsync(Database, seed.Organization.Id, channels: 1, perConversation: 1);
        var channel = new FakeChannel { Failure = (_, attempt) => attempt == 1 ? new DeliveryResult.Transient("429", TimeSpan.FromMinutes(10)) : null };
        var dispatcher = Dispatcher(channel);

        var before = DateTimeOffset.UtcNow;
        await dispatcher.DispatchDueAsync(CancellationToken.None);
        await dispatcher.DispatchDueAsync(CancellationToken.None);

        Assert.Equal(1, channel.RawAttempts);
        var row = Assert.Single(await RowsAsync(seed.Organization.Id));
        Assert.Equal(OutboxStatus.Failed, row.Status);
        Assert.InRange(row.NextAttemptAt, before.AddMinutes(10), before.AddMinutes(11));
    }

    [Fact]
    public async Task The_sent_reference_is_kept_for_later_updates()
    {
        var seed = await SeedScorecard.CreateAsync(Database);
        await WriteAsync(Database, seed.Organization.Id, channels: 1, perConversation: 1);

        await Dispatcher(new FakeChannel()).DispatchDueAsync(CancellationToken.None);

        await using var db = Database.CreateContext();
        Assert.Equal(new MessageReference("19:channel-0@thread.tacv2", "m-digest:c0:part000"),
            await db.GetSentReferenceAsync(seed.Organization.Id, "digest:c0:part000"));
        Assert.Null(await db.GetSentReferenceAsync(seed.Organization.Id, "digest:never"));
    }

    [Fact]
    public async Task A_message_scheduled_later_is_not_sent_early()
    {
        var seed = await SeedScorecard.CreateAsync(Database);
        await using (var db = Database.CreateContext())
        {
            await new OutboxWriter(TimeProvider.System).TryAddAsync(db, OutboxWriterTests.Prompt(seed.Organization.Id, seed.Owner.Id, "prompt:tomorrow"),
                "prompt", DateTimeOffset.UtcNow.AddDays(1), CancellationToken.None);
        }

        var channel = new FakeChannel();
        var report = await Dispatcher(channel).DispatchDueAsync(CancellationToken.None);

        Assert.Equal(0, report.Attempts);
        Assert.Equal(0, channel.RawAttempts);
    }
}

public sealed class OutboxDispatcherTestsOnSqlite(SqliteTestDatabase db) : OutboxDispatcherTests(db), IClassFixture<SqliteTestDatabase>;

public sealed class OutboxDispatcherTestsOnPostgres(PostgresTestDatabase db) : OutboxDispatcherTests(db), IClassFixture<PostgresTestDatabase>
{
    [Fact]
    public async Task Two_instances_drain_five_hundred_rows_without_a_duplicate()
    {
        var seed = await SeedScorecard.CreateAsync(Database);
        var keys = await WriteAsync(Database, seed.Organization.Id, channels: 50, perConversation: 10);
        var channel = new FakeChannel { Latency = TimeSpan.FromMilliseconds(1) };
        var options = FastOptions();
        options.BatchSize = 20;
        options.Lease = TimeSpan.FromSeconds(30); // no lease may run out here: a repeat would then be legitimate
        OutboxDispatcher Instance(string name) =>
            new(new TestContexts(Database), channel, options, TimeProvider.System, NullLogger<OutboxDispatcher>.Instance, name);

        // Each instance polls like its dispatch job would, until everything is shown.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        async Task<int> RunAsync(OutboxDispatcher dispatcher)
        {
            var sent = 0;
            while (channel.Shown.Count < 500 && DateTime.UtcNow < deadline)
            {
                sent += (await dispatcher.DispatchDueAsync(CancellationToken.None)).Sent;
                await Task.Delay(5);
            }

            return sent;
        }

        var reports = await Task.WhenAll(RunAsync(Instance("bot-1")), RunAsync(Instance("bot-2")));

        Assert.Equal(500, channel.Shown.Count);
        Assert.Equal(500, channel.RawAttempts);
        Assert.All(reports, sent => Assert.True(sent > 0, "both instances took part"));
        Assert.Equal(500, reports.Sum());
        foreach (var (conversation, expected) in keys)
        {
            Assert.Equal(expected, channel.ShownIn(conversation));
        }
    }
}
