using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ScorecardBot.Teams.Connector;

namespace ScorecardBot.Teams.Tests.Connector;

/// <summary>
/// The queue that delivers replies after the activity is acknowledged: order within a
/// conversation, no conversation held up by another, back-pressure, and shutdown.
/// </summary>
public sealed class ReplyQueueTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly ConcurrentQueue<string> _sent = new();
    private ReplyQueue _queue = null!;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _queue.StopAsync(new CancellationTokenSource(Patience).Token);
        _queue.Dispose();
    }

    [Fact]
    public async Task Replies_in_one_conversation_are_sent_in_order_and_never_two_at_once()
    {
        await StartAsync(senders: 8);
        var inFlight = 0;
        var overlapped = false;
        for (var i = 0; i < 200; i++)
        {
            var label = $"a{i:D3}";
            await _queue.EnqueueAsync("a", async ct =>
            {
                overlapped |= Interlocked.Increment(ref inFlight) > 1;
                await Task.Delay(i % 3, ct);
                _sent.Enqueue(label);
                Interlocked.Decrement(ref inFlight);
            }, CancellationToken.None);
        }

        await WaitForAsync(() => _sent.Count == 200);

        Assert.False(overlapped);
        Assert.Equal(Enumerable.Range(0, 200).Select(i => $"a{i:D3}"), _sent);
    }

    [Fact]
    public async Task A_conversation_stuck_in_a_send_holds_no_other_conversations_replies()
    {
        // Two senders: one is stuck in A's first reply (say a 429 with Retry-After), the other serves everyone else.
        await StartAsync(senders: 2);
        var retryAfter = new TaskCompletionSource();
        await _queue.EnqueueAsync("a", async _ => { await retryAfter.Task; _sent.Enqueue("a1"); }, CancellationToken.None);
        await Enqueue("a", "a2");
        foreach (var conversation in new[] { "b", "c", "d", "e" })
        {
            await Enqueue(conversation, conversation + "1");
            await Enqueue(conversation, conversation + "2");
        }

        await WaitForAsync(() => _sent.Count == 8);
        Assert.Equal(["b1", "b2", "c1", "c2", "d1", "d2", "e1", "e2"], _sent.Order());

        retryAfter.SetResult();
        await WaitForAsync(() => _sent.Count == 10);
        Assert.Equal(["a1", "a2"], _sent.Skip(8));
    }

    [Fact]
    public async Task A_busy_conversation_takes_turns_with_a_quiet_one()
    {
        await StartAsync(senders: 1);
        var first = new TaskCompletionSource();
        await _queue.EnqueueAsync("busy", async _ => { await first.Task; _sent.Enqueue("busy0"); }, CancellationToken.None);
        for (var i = 1; i <= 50; i++)
        {
            await Enqueue("busy", $"busy{i}");
        }

        await Enqueue("quiet", "quiet");
        first.SetResult();
        await WaitForAsync(() => _sent.Count == 52);

        // Behind one reply of the busy conversation, not behind all fifty.
        Assert.Equal(["busy0", "quiet", "busy1"], _sent.Take(3));
    }

    [Fact]
    public async Task When_the_backlog_is_full_a_new_turn_waits_until_a_reply_is_sent()
    {
        await StartAsync(senders: 1, backlog: 2);
        var slow = new TaskCompletionSource();
        await _queue.EnqueueAsync("a", async _ => { await slow.Task; _sent.Enqueue("a1"); }, CancellationToken.None);
        await Enqueue("b", "b1");
        Assert.Equal(2, _queue.Backlog);

        var third = _queue.EnqueueAsync("c", _ => { _sent.Enqueue("c1"); return Task.CompletedTask; }, CancellationToken.None).AsTask();
        await Task.Delay(100);
        Assert.False(third.IsCompleted);

        slow.SetResult();
        await third.WaitAsync(Patience);
        await WaitForAsync(() => _sent.Count == 3);
        Assert.Equal(["a1", "b1", "c1"], _sent);
        await WaitForAsync(() => _queue.Backlog == 0);
    }

    [Fact]
    public async Task A_turn_that_gives_up_waiting_for_room_queues_nothing()
    {
        await StartAsync(senders: 1, backlog: 1);
        var slow = new TaskCompletionSource();
        await _queue.EnqueueAsync("a", async _ => { await slow.Task; _sent.Enqueue("a1"); }, CancellationToken.None);

        using var aborted = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            _queue.EnqueueAsync("b", _ => { _sent.Enqueue("b1"); return Task.CompletedTask; }, aborted.Token).AsTask());

        slow.SetResult();
        await WaitForAsync(() => _queue.Backlog == 0);
        await Enqueue("c", "c1");
        await WaitForAsync(() => _sent.Count == 2);
        Assert.Equal(["a1", "c1"], _sent);
    }

    [Fact]
    public async Task A_failed_reply_does_not_stop_the_conversations_next_ones()
    {
        await StartAsync(senders: 1);
        await _queue.EnqueueAsync("a", _ => throw new TeamsConnectorException(HttpStatusCode.Forbidden, "BotNotInConversationRoster", "gone"), CancellationToken.None);
        await _queue.EnqueueAsync("a", _ => throw new InvalidOperationException("a bug"), CancellationToken.None);
        await Enqueue("a", "a3");

        await WaitForAsync(() => _sent.Count == 1);
        Assert.Equal(["a3"], _sent);
        await WaitForAsync(() => _queue.Backlog == 0);
    }

    [Fact]
    public async Task Stopping_delivers_every_queued_reply_then_refuses_new_ones()
    {
        await StartAsync(senders: 3);
        for (var i = 0; i < 60; i++)
        {
            var label = $"c{i % 6}-{i / 6}";
            await _queue.EnqueueAsync($"c{i % 6}", async ct => { await Task.Delay(1, ct); _sent.Enqueue(label); }, CancellationToken.None);
        }

        await _queue.StopAsync(new CancellationTokenSource(Patience).Token);

        Assert.Equal(60, _sent.Count);
        foreach (var conversation in Enumerable.Range(0, 6).Select(c => $"c{c}-"))
        {
            Assert.Equal(Enumerable.Range(0, 10).Select(n => conversation + n), _sent.Where(s => s.StartsWith(conversation, StringComparison.Ordinal)));
        }

        await Assert.ThrowsAsync<InvalidOperationException>(() => Enqueue("late", "late").AsTask());
        Assert.Equal(0, _queue.Backlog);
    }

    [Fact]
    public async Task A_second_stop_while_the_host_disposes_the_queue_aborts_the_stuck_send_without_an_error()
    {
        // The host run by Program stops and disposes its services while the caller's own stop is still
        // waiting for a stuck send; that stop then runs out of time. It must abort the send, not throw.
        await StartAsync(senders: 1);
        var aborted = new TaskCompletionSource();
        await _queue.EnqueueAsync("stuck", async ct =>
        {
            await using var registration = ct.Register(() => aborted.TrySetResult());
            await Task.Delay(Timeout.Infinite, ct);
        }, CancellationToken.None);

        using var outOfTime = new CancellationTokenSource();
        var stopping = _queue.StopAsync(outOfTime.Token);
        _queue.Dispose();
        await outOfTime.CancelAsync();

        await stopping;
        await aborted.Task.WaitAsync(Patience);
    }

    private async Task StartAsync(int senders, int backlog = 1024)
    {
        _queue = new ReplyQueue(Options.Create(new TeamsOptions { ReplySenders = senders, ReplyBacklog = backlog }), NullLogger<ReplyQueue>.Instance);
        await _queue.StartAsync(CancellationToken.None);
    }

    private ValueTask Enqueue(string conversation, string label) =>
        _queue.EnqueueAsync(conversation, _ => { _sent.Enqueue(label); return Task.CompletedTask; }, CancellationToken.None);

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the queue");
            await Task.Delay(5);
        }
    }
}
