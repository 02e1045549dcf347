using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ScorecardBot.Teams.Connector;

/// <summary>
/// Delivers replies after the incoming activity has been acknowledged, so a slow connector or a
/// rate-limit wait never holds Teams' request open.
/// </summary>
/// <remarks>
/// Each conversation has its own first-in-first-out queue, and a conversation is in the hands of
/// at most one sender at a time, so its replies keep their order. Any free sender takes the next
/// conversation that has something to send, and a conversation goes to the back of the line after
/// each reply, so a conversation held by a 429 <c>Retry-After</c> or its rate limit holds nobody
/// else's replies, and a busy conversation does not starve the quiet ones.
/// The backlog is bounded as a whole (<see cref="TeamsOptions.ReplyBacklog"/>): when it is full, a
/// new turn waits for room (back-pressure) instead of piling up in memory. Because the bound is
/// shared, every turn waits alike; a fixed split by conversation would let a few busy slices
/// block their turns while the rest sat idle.
/// On shutdown the queued replies are still delivered, within the host's shutdown timeout.
/// </remarks>
internal sealed partial class ReplyQueue : IHostedService, IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue<Func<CancellationToken, Task>>> _conversations = new(StringComparer.Ordinal);
    private readonly Channel<string> _ready = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleWriter = false, SingleReader = false });
    private readonly SemaphoreSlim _room;
    private readonly int _senders;
    private readonly int _capacity;
    private readonly ILogger<ReplyQueue> _logger;
    private readonly CancellationTokenSource _abort = new();
    private Task _running = Task.CompletedTask;
    private bool _stopping;

    public ReplyQueue(IOptions<TeamsOptions> options, ILogger<ReplyQueue> logger)
    {
        _logger = logger;
        _senders = options.Value.ReplySenders;
        _capacity = options.Value.ReplyBacklog;
        _room = new SemaphoreSlim(_capacity, _capacity);
    }

    /// <summary>Replies accepted and not yet sent (or given up on).</summary>
    public int Backlog => _capacity - _room.CurrentCount;

    /// <summary>
    /// Queues <paramref name="send"/> behind the earlier replies of <paramref name="conversationId"/>.
    /// Completes at once while the backlog has room; otherwise when a reply has been sent.
    /// </summary>
    /// <exception cref="InvalidOperationException">The host is stopping.</exception>
    public ValueTask EnqueueAsync(string conversationId, Func<CancellationToken, Task> send, CancellationToken cancellationToken)
    {
        if (_room.Wait(0, CancellationToken.None))
        {
            Add(conversationId, send);
            return ValueTask.CompletedTask;
        }

        return WaitForRoomAsync(conversationId, send, cancellationToken);
    }

    private async ValueTask WaitForRoomAsync(string conversationId, Func<CancellationToken, Task> send, CancellationToken cancellationToken)
    {
        await _room.WaitAsync(cancellationToken);
        Add(conversationId, send);
    }

    private void Add(string conversationId, Func<CancellationToken, Task> send)
    {
        lock (_gate)
        {
            if (_stopping)
            {
                _room.Release();
                throw new InvalidOperationException("The reply queue is stopping: no new replies are accepted.");
            }

            if (_conversations.TryGetValue(conversationId, out var queue))
            {
                // A sender holds the conversation, or it is already waiting in line: it is sent in turn.
                queue.Enqueue(send);
                return;
            }

            queue = new Queue<Func<CancellationToken, Task>>();
            queue.Enqueue(send);
            _conversations.Add(conversationId, queue);
        }

        _ready.Writer.TryWrite(conversationId);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _running = Task.WhenAll(Enumerable.Range(0, _senders).Select(_ => Task.Run(RunAsync, CancellationToken.None)));
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _stopping = true;
            if (_conversations.Count == 0)
            {
                _ready.Writer.TryComplete();
            }
        }

        try
        {
            await _running.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await _abort.CancelAsync();
        }
    }

    private async Task RunAsync()
    {
        // Read once: after a shutdown that ran out of time the host may dispose the queue while senders drain.
        var abort = _abort.Token;
        await foreach (var conversationId in _ready.Reader.ReadAllAsync(CancellationToken.None))
        {
            Func<CancellationToken, Task> send;
            lock (_gate)
            {
                send = _conversations[conversationId].Peek();
            }

            try
            {
                await send(abort);
            }
            catch (TeamsConnectorException e)
            {
                LogFailed(_logger, conversationId, e.Code, (int)e.StatusCode);
            }
            catch (Exception e) when (e is not OperationCanceledException || !abort.IsCancellationRequested)
            {
                LogError(_logger, e, conversationId);
            }
            catch (OperationCanceledException)
            {
                // Shutdown ran out of time: what is left is dropped below, one item at a time.
            }

            _room.Release();
            Done(conversationId);
        }
    }

    /// <summary>Removes the sent reply; the conversation goes to the back of the line if it has more.</summary>
    private void Done(string conversationId)
    {
        lock (_gate)
        {
            var queue = _conversations[conversationId];
            queue.Dequeue();
            if (queue.Count > 0)
            {
                _ready.Writer.TryWrite(conversationId);
                return;
            }

            _conversations.Remove(conversationId);
            if (_stopping && _conversations.Count == 0)
            {
                _ready.Writer.TryComplete();
            }
        }
    }

    /// <summary>
    /// Aborts the senders that are still draining. Neither the token source nor the semaphore is
    /// disposed: neither holds a wait handle or a timer, senders still draining release the semaphore,
    /// and a host run from <c>Program</c> may stop the queue a second time while its provider is
    /// being disposed, which then cancels a live source instead of a disposed one.
    /// </summary>
#pragma warning disable CA2213 // see above: nothing to release, and a disposed source would break a concurrent stop
    public void Dispose() => _abort.Cancel();
#pragma warning restore CA2213

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams reply into {ConversationId} failed: {Code} ({Status})")]
    private static partial void LogFailed(ILogger logger, string conversationId, string code, int status);

    [LoggerMessage(Level = LogLevel.Error, Message = "Teams reply into {ConversationId} failed")]
    private static partial void LogError(ILogger logger, Exception e, string conversationId);
}
