using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ScorecardBot.Slack.Hosting;

/// <summary>
/// Work that must not hold up Slack's 3-second acknowledgement (running a turn, posting replies,
/// publishing the App Home) is queued here and run by <see cref="SlackWorker"/> after the ack.
/// A full queue holds the request for up to <see cref="SlackOptions.BackgroundQueueWait"/> before
/// refusing it: a burst is acknowledged at the rate the workers run, not refused at once.
/// </summary>
internal sealed class SlackWorkQueue(IOptions<SlackOptions> options)
{
    private readonly Channel<SlackWorkItem> _items = Channel.CreateBounded<SlackWorkItem>(
        new BoundedChannelOptions(options.Value.BackgroundQueueCapacity) { SingleReader = false, SingleWriter = false, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>False when the queue is full; the caller answers 503 so Slack retries later.</summary>
    public bool TryEnqueue(string name, Func<IServiceProvider, CancellationToken, Task> work) =>
        _items.Writer.TryWrite(new SlackWorkItem(name, work));

    /// <summary>
    /// Queues the work, waiting for room while the queue is full, at most <see cref="SlackOptions.BackgroundQueueWait"/>.
    /// False when there was no room in that time (or the request went away); the caller answers 503.
    /// </summary>
    public async ValueTask<bool> EnqueueAsync(string name, Func<IServiceProvider, CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        var item = new SlackWorkItem(name, work);
        if (_items.Writer.TryWrite(item))
        {
            return true;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.BackgroundQueueWait);
        try
        {
            while (await _items.Writer.WaitToWriteAsync(timeout.Token))
            {
                if (_items.Writer.TryWrite(item))
                {
                    return true;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        return false;
    }

    internal ChannelReader<SlackWorkItem> Reader => _items.Reader;
}

internal sealed record SlackWorkItem(string Name, Func<IServiceProvider, CancellationToken, Task> Work);

internal sealed partial class SlackWorker(SlackWorkQueue queue, IServiceScopeFactory scopes, IOptions<SlackOptions> options, ILogger<SlackWorker> log) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Value.BackgroundWorkers).Select(_ => RunAsync(stoppingToken)));

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var item in queue.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await item.Work(scope.ServiceProvider, stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    // One failed item must not stop the worker; the failure is logged with its kind.
                    LogFailed(log, e, item.Name);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack background work '{Name}' failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string name);
}
