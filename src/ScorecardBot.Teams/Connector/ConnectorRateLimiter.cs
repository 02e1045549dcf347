using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace ScorecardBot.Teams.Connector;

/// <summary>
/// Keeps the bot inside Teams' published limits before a message leaves: per conversation (thread)
/// per second and per 30 seconds, per tenant per second, and for the whole bot per second. Sends wait their turn in order rather
/// than fail, up to <see cref="TeamsRateLimits.MaxWait"/>.
/// </summary>
internal sealed class ConnectorRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<(string Tenant, string Conversation)> _limiter;
    private readonly TimeSpan _maxWait;

    public ConnectorRateLimiter(IOptions<TeamsOptions> options)
    {
        var limits = options.Value.RateLimits;
        _maxWait = limits.MaxWait;
        _limiter = PartitionedRateLimiter.CreateChained(
            Sliding(k => k.Conversation, limits.PerConversationPerSecond, TimeSpan.FromSeconds(1), 4),
            Sliding(k => k.Conversation, limits.PerConversationPer30Seconds, TimeSpan.FromSeconds(30), 6),
            Sliding(k => k.Tenant, limits.PerTenantPerSecond, TimeSpan.FromSeconds(1), 4),
            Sliding(_ => "bot", limits.PerBotPerSecond, TimeSpan.FromSeconds(1), 4));
    }

    private static PartitionedRateLimiter<(string Tenant, string Conversation)> Sliding(
        Func<(string Tenant, string Conversation), string> key, int permits, TimeSpan window, int segments)
    {
        var options = new SlidingWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            SegmentsPerWindow = segments,
            QueueLimit = 100_000,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        };

        // Made once: the partition lookup runs on every send and would otherwise allocate a factory each time.
        Func<string, RateLimiter> create = _ => new SlidingWindowRateLimiter(options);
        return PartitionedRateLimiter.Create<(string Tenant, string Conversation), string>(resource => RateLimitPartition.Get(key(resource), create));
    }

    /// <summary>A timeout source kept per thread between sends: a send that does not wait needs no new one.</summary>
    [ThreadStatic]
    private static CancellationTokenSource? _spareTimeout;

    public async ValueTask WaitAsync(string tenantId, string conversationId, CancellationToken cancellationToken)
    {
        var timeout = _spareTimeout ?? new CancellationTokenSource();
        _spareTimeout = null;
        RateLimitLease lease;
        try
        {
            using (cancellationToken.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), timeout))
            {
                timeout.CancelAfter(_maxWait);
                lease = await _limiter.AcquireAsync((tenantId, conversationId), 1, timeout.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TeamsConnectorException(HttpStatusCode.TooManyRequests, "RateLimited",
                $"waited {_maxWait.TotalSeconds:0} s for a free slot in the conversation's send rate");
        }
        finally
        {
            // TryReset stops the timer and fails once the source was cancelled: such a one is not reused.
            if (timeout.TryReset())
            {
                _spareTimeout = timeout;
            }
            else
            {
                timeout.Dispose();
            }
        }

        using (lease)
        {
            if (!lease.IsAcquired)
            {
                throw new TeamsConnectorException(HttpStatusCode.TooManyRequests, "RateLimited", "the conversation's send queue is full");
            }
        }
    }

    public void Dispose() => _limiter.Dispose();
}
