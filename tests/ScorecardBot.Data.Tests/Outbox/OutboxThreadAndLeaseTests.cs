using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Delivery;
using ScorecardBot.Core.Model;
using ScorecardBot.Data.Outbox;
using ScorecardBot.Data.Tests.Infrastructure;

namespace ScorecardBot.Data.Tests.Outbox;

/// <summary>Thread replies (a digest's details under its summary), unreachable people, and leases that live as long as their sends.</summary>
public abstract class OutboxThreadAndLeaseTests(TestDatabase database) : DatabaseTests(database)
{
    private const string Channel = "C-TEAM";

    private OutboxDispatcher Dispatcher(IChannelSender channel, OutboxOptions? options = null, string instance = "test") =>
        new(new TestContexts(Database), channel, options ?? OutboxDispatcherTests.FastOptions(), TimeProvider.System, NullLogger<OutboxDispatcher>.Instance, instance);

    private async Task WriteDigestAsync(Guid organizationId, string summaryKey, int replies)
    {
        var writer = new OutboxWriter(TimeProvider.System);
        var due = DateTimeOffset.UtcNow.AddMinutes(-1);
        var entries = new List<OutboxEntry>
        {
            new(new OutgoingMessage(organizationId, Platform.Slack, Destination.Channel(Channel), Message.Text("summary", "digest"), summaryKey), "digest", due),
        };
        entries.AddRange(Enumerable.Range(1, replies).Select(i => new OutboxEntry(
            new OutgoingMessage(organizationId, Platform.Slack, Destination.Channel(Channel), Message.Text($"details {i}", "digest"), $"{summaryKey}#{i}") { InThreadOf = summaryKey },
            "digest", due, summaryKey)));
        await using var db = Database.CreateContext();
        await writer.AddManyAsync(db, entries, CancellationToken.None);
    }

    private async Task<List<OutboxMessage>> RowsAsync(Guid organizationId)
    {
        await using var db = Database.CreateContext();
        return await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.OrganizationId == organizationId).OrderBy(m => m.Id).ToListAsync();
    }

    private async Task DrainAsync(Guid organizationId, OutboxDispatcher dispatcher)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await RowsAsync(organizationId)).Any(r => r.Status is not (OutboxStatus.Sent or OutboxStatus.Dead)))
        {
            Assert.True(DateTime.UtcNow < deadline, "The outbox did not drain in time.");
            await dispatcher.DispatchDueAsync(CancellationToken.None);
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task Replies_go_after_their_summary_and_into_its_thread()
    {
        var seed = await SeedScorecard.CreateAsync(Database);
        await WriteDigestAsync(seed.Organization.Id, "digest:x:2026-10", replies: 3);
        var channel = new FakeChannel();

        await DrainAsync(seed.Organization.Id, Dispatcher(channel));

        var shown = channel.Delivered;
        Assert.Equal(["digest:x:2026-10", "digest:x:2026-10#1", "digest:x:2026-10#2", "digest:x:2026-10#3"], shown.Select(m => m.IdempotencyKey));
        Assert.Null(shown[0].Destination.ThreadId);
        Assert.All(shown.Skip(1), m => Assert.Equal((Channel, "m-digest:x:2026-10"), (m.Destination.ConversationId, m.Destination.ThreadId)));
    }

    [Fact]
    public async Task A_crash_between_the_summary_and_its_replies_still_puts_the_replies_in_its_thread()
    {
        var seed = await SeedScorecard.CreateAsync(Database);
        await WriteDigestAsync(seed.Organization.Id, "digest:y:2026-10", replies: 2);
        using var crash = new CancellationTokenSource();
        var channel = new FakeChannel();
        channel.AfterShown = message =>
        {
            // Slack has the summary; the process dies before the outbox records it.
            crash.Cancel();
            throw new OperationCanceledException(crash.Token);
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Dispatcher(channel, instance: "first").DispatchDueAsync(crash.Token));
        Assert.Equal(OutboxStatus.Sending, (await RowsAsync(seed.Organization.Id))[0].Status);

        channel.AfterShown = null;
        await Task.Delay(OutboxDispatcherTests.FastOptions().Lease + TimeSpan.FromMilliseconds(300));
        await DrainAsync(seed.Organization.Id, Dispatcher(channel, instance: "restarted"));

        var shown = channel.Delivered;
        Assert.Equal(["digest:y:2026-10", "digest:y:2026-10#1", "digest:y:2026-10#2"], shown.Select(m => m.IdempotencyKey));
        Assert.All(shown.Skip(1), m => Assert.Equal("m-digest:y:2026-10", m.Destination.ThreadId));
        Assert.Equal(2, channel.AttemptsOf("digest:y:2026-10"));
    }

    [Fact]
    public async Task Replies_of_a_summary_that_could_not_be_posted_go_to_the_channel_itself()
    {
        var seed = await SeedScorecard.CreateAsync(Database);
        await WriteDigestAsync(seed.Organization.Id, "digest:z:2026-10", replies: 2);
        var channel = new FakeChannel
        {
            Failure = (m, _) => m.IdempotencyKey == "digest:z:2026-10" ? new DeliveryResult.Permanent("msg_too_long") : null,
        };

        await DrainAsync(seed.Organization.Id, Dispatcher(channel));

        Assert.Equal(["digest:z:2026-10#1", "digest:z:2026-10#2"], channel.Delivered.Select(m => m.IdempotencyKey));
        Assert.All(channel.Delivered, m => Assert.Null(m.Destination.ThreadId));
    }

    [Fact]
    public async Task A_person_marked_unreachable_is_not_tried_again_on_that_platform()
    {
        var seed = await SeedScorecard.CreateAsync(Database);
        var due = DateTimeOffset.UtcNow.AddMinutes(-1);
        await using (var db = Database.CreateContext())
        {
            db.Add(new UnreachablePerson
            {
                OrganizationId = seed.Organization.Id,
                PersonId = seed.Owner.Id,
                Platform = Platform.Teams,
                Reason = DeliveryFailureCodes.MessageWritesBlocked,
                Since = due.AddDays(-2),
            });
            await db.SaveChangesAsync();
            var writer = new OutboxWriter(TimeProvider.System);
            await writer.TryAddAsync(db, OutboxWriterTests.Prompt(seed.Organization.Id, seed.Owner.Id, "remind:owner:teams", Platform.Teams), "reminder", due, CancellationToken.None);
            await writer.TryAddAsync(db, OutboxWriterTests.Prompt(seed.Organization.Id, seed.Owner.Id, "remind:owner:slack", Platform.Slack), "reminder", due, CancellationToken.None);
        }

        var channel = new FakeChannel();
        await DrainAsync(seed.Organization.Id, Dispatcher(channel));

        Assert.Equal(0, channel.AttemptsOf("remind:owner:teams"));
        Assert.Equal(["remind:owner:slack"], channel.Shown);
        var teams = (await RowsAsync(seed.Organization.Id)).Single(r => r.Key == "remind:owner:teams");
        Assert.Equal((OutboxStatus.Dead, DeliveryFailureCodes.MessageWritesBlocked), (teams.Status, teams.FailureCode));
    }

    [Fact]
    public async Task A_send_longer_than_the_lease_keeps_its_lease_and_is_not_taken_over()
    {
        var seed = await SeedScorecard.CreateAsync(Database);
        await using (var db = Database.CreateContext())
        {
            await new OutboxWriter(TimeProvider.System).TryAddAsync(
                db, OutboxWriterTests.Prompt(seed.Organization.Id, seed.Owner.Id, "prompt:slow"), "prompt", DateTimeOffset.UtcNow.AddMinutes(-1), CancellationToken.None);
        }

        var channel = new FakeChannel { Latency = TimeSpan.FromSeconds(3) };
        var options = OutboxDispatcherTests.FastOptions();
        var slow = Dispatcher(channel, options, "slow").DispatchDueAsync(CancellationToken.None);

        // Well past the one-second lease: a second instance looks, and finds nothing to take.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var second = await Dispatcher(channel, options, "second").DispatchDueAsync(CancellationToken.None);
        var first = await slow;

        Assert.Equal((1, 0), (first.Sent, second.Attempts));
        Assert.Equal(1, channel.AttemptsOf("prompt:slow"));
    }
}

public sealed class OutboxThreadAndLeaseTestsOnSqlite(SqliteTestDatabase db) : OutboxThreadAndLeaseTests(db), IClassFixture<SqliteTestDatabase>;

public sealed class OutboxThreadAndLeaseTestsOnPostgres(PostgresTestDatabase db) : OutboxThreadAndLeaseTests(db), IClassFixture<PostgresTestDatabase>;
