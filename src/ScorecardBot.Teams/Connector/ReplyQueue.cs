using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ScorecardBot.Teams.Connector;

/// <summary>
/// Delivers replies after the incoming activity has been acknowledged, so a slow connector or a
/// rate-limit wait never holds Teams' request open. Each conversation always maps to the same lane,
/// and a lane sends one item at a time, so replies in one conversation keep their order. Lanes are
/// bounded: when they are full, new turns wait (back-pressure) instead of piling up in memory.
/// On shutdown the queued replies are still delivered, within the host's shutdown timeout.
/// </summary>
internal sealed partial class ReplyQueue : IHostedService, IDisposable
{
    private readonly Channel<WorkItem>[] _lanes;
    private readonly ILogger<ReplyQueue> _logger;
    private readonly CancellationTokenSource _abort = new();
    private Task _running = Task.CompletedTask;

    public ReplyQueue(IOptions<TeamsOptions> options, ILogger<ReplyQueue> logger)
    {
        _logger = logger;
        _lanes = new Channel<WorkItem>[options.Value.ReplySenders];
        for (var i = 0; i < _lanes.Length; i++)
        {
            _lanes[i] = Channel.CreateBounded<WorkItem>(new BoundedChannelOptions(1024)
            {
                SingleReader = true,
                FullMode = BoundedChannelFullMode.Wait,
            });
        }
    }

    public ValueTask EnqueueAsync(string conversationId, Func<CancellationToken, Task> send, CancellationToken cancellationToken)
    {
        var lane = _lanes[(int)((uint)StringComparer.Ordinal.GetHashCode(conversationId) % (uint)_lanes.Length)];
        return lane.Writer.WriteAsync(new WorkItem(conversationId, send), cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _running = Task.WhenAll(_lanes.Select(lane => Task.Run(() => RunAsync(lane.Reader), CancellationToken.None)));
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var lane in _lanes)
        {
            lane.Writer.TryComplete();
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

    private async Task RunAsync(ChannelReader<WorkItem> reader)
    {
        await foreach (var item in reader.ReadAllAsync(CancellationToken.None))
        {
            try
            {
                await item.Send(_abort.Token);
            }
            catch (TeamsConnectorException e)
            {
                LogFailed(_logger, item.ConversationId, e.Code, (int)e.StatusCode);
            }
            catch (Exception e) when (e is not OperationCanceledException || !_abort.IsCancellationRequested)
            {
                LogError(_logger, e, item.ConversationId);
            }
        }
    }

    public void Dispose() => _abort.Dispose();

    private sealed record WorkItem(string ConversationId, Func<CancellationToken, Task> Send);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams reply into {ConversationId} failed: {Code} ({Status})")]
    private static partial void LogFailed(ILogger logger, string conversationId, string code, int status);

    [LoggerMessage(Level = LogLevel.Error, Message = "Teams reply into {ConversationId} failed")]
    private static partial void LogError(ILogger logger, Exception e, string conversationId);
}
