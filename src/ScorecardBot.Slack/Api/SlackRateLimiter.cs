using System.Threading.RateLimiting;

namespace ScorecardBot.Slack.Api;

/// <summary>Slack's rate-limit tiers (calls per minute per workspace) and the per-channel chat.postMessage limit.</summary>
internal enum SlackTier
{
    Tier2 = 20,
    Tier3 = 50,
    Tier4 = 100,
    PostMessage = 600,
}

/// <summary>
/// Token buckets (System.Threading.RateLimiting) keyed by workspace + method at the method's tier, with a
/// burst of a tenth of a minute's calls, and by channel for chat.postMessage (about one a second, bursts
/// of 3), so the bot stays under Slack's limits instead of learning about them from 429s. Calls wait
/// their turn in order; a call that would have to wait longer than it may is refused at once (the
/// bucket's own estimate, queued calls included) instead of queueing without end.
/// </summary>
internal sealed class SlackRateLimiter : IDisposable
{
    public static readonly TimeSpan DefaultMaxWait = TimeSpan.FromSeconds(30);

    private readonly PartitionedRateLimiter<(string Key, SlackTier Tier)> _methods = PartitionedRateLimiter.Create<(string Key, SlackTier Tier), string>(
        static r => RateLimitPartition.GetTokenBucketLimiter(r.Key, _ => Bucket(Math.Max(2, (int)r.Tier / 10), TimeSpan.FromMinutes(1) / (int)r.Tier)));

    // Slack allows short bursts per channel but one message a second on average.
    private readonly PartitionedRateLimiter<string> _channels = PartitionedRateLimiter.Create<string, string>(
        static key => RateLimitPartition.GetTokenBucketLimiter(key, static _ => Bucket(3, TimeSpan.FromSeconds(1))));

    private static TokenBucketRateLimiterOptions Bucket(int burst, TimeSpan perToken) => new()
    {
        TokenLimit = burst,
        TokensPerPeriod = 1,
        ReplenishmentPeriod = perToken,
        QueueLimit = 100_000,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        AutoReplenishment = true,
    };

    /// <summary>Waits for a slot; false (nothing taken) when that would take longer than <paramref name="maxWait"/>.</summary>
    public async ValueTask<bool> WaitAsync(string teamId, string method, SlackTier tier, string? channel, CancellationToken ct, TimeSpan? maxWait = null)
    {
        var limit = maxWait ?? DefaultMaxWait;
        if (tier == SlackTier.PostMessage && channel is not null && !await AcquireAsync(_channels, $"{teamId}|{channel}", limit, ct))
        {
            return false;
        }

        return await AcquireAsync(_methods, ($"{teamId}|{method}", tier), limit, ct);
    }

    private static async ValueTask<bool> AcquireAsync<TKey>(PartitionedRateLimiter<TKey> limiter, TKey key, TimeSpan maxWait, CancellationToken ct)
    {
        using (var now = limiter.AttemptAcquire(key))
        {
            if (now.IsAcquired)
            {
                return true;
            }

            // The bucket says when a token would be free for this call, counting the calls queued before it.
            if (now.TryGetMetadata(MetadataName.RetryAfter, out var wait) && wait > maxWait)
            {
                return false;
            }
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(maxWait + TimeSpan.FromMilliseconds(250));
        try
        {
            using var lease = await limiter.AcquireAsync(key, 1, timeout.Token);
            return lease.IsAcquired;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }

    public void Dispose()
    {
        _methods.Dispose();
        _channels.Dispose();
    }
}
