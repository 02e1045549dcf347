using System.Collections.Concurrent;

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
/// Token buckets keyed by workspace + method at the method's tier (and by channel for
/// chat.postMessage, ~1/s each), so we stay under Slack's limits instead of learning about them
/// from 429s. A call that would have to wait longer than it may is refused at once instead of
/// queueing without end. Time from TimeProvider.
/// </summary>
internal sealed class SlackRateLimiter(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);

    public static readonly TimeSpan DefaultMaxWait = TimeSpan.FromSeconds(30);

    /// <summary>Waits for a slot; false (nothing taken) when that would take longer than <paramref name="maxWait"/>.</summary>
    public async ValueTask<bool> WaitAsync(string teamId, string method, SlackTier tier, string? channel, CancellationToken ct, TimeSpan? maxWait = null)
    {
        var limit = maxWait ?? DefaultMaxWait;
        if (_buckets.Count > 50_000)
        {
            _buckets.Clear(); // idle channels are forgotten rather than kept forever
        }

        var methodBucket = _buckets.GetOrAdd($"{teamId}|{method}", _ => new Bucket(Math.Max(2, (int)tier / 10), time.GetTimestamp()));
        var wait = methodBucket.Take((int)tier / 60.0, Math.Max(2, (int)tier / 10), time, limit);
        if (wait is null)
        {
            return false;
        }

        if (tier == SlackTier.PostMessage && channel is not null)
        {
            // Slack allows short bursts per channel but one message a second on average.
            var channelBucket = _buckets.GetOrAdd($"{teamId}|{method}|{channel}", _ => new Bucket(3, time.GetTimestamp()));
            var channelWait = channelBucket.Take(1.0, 3, time, limit);
            if (channelWait is null)
            {
                methodBucket.Refund();
                return false;
            }

            wait = wait > channelWait ? wait : channelWait;
        }

        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait.Value, time, ct);
        }

        return true;
    }

    private sealed class Bucket(int burst, long at)
    {
        private double _tokens = burst;
        private long _at = at;
        private readonly Lock _gate = new();

        /// <summary>Takes a token, possibly going into debt; how long the caller must wait, or null if longer than allowed.</summary>
        public TimeSpan? Take(double perSecond, int capacity, TimeProvider time, TimeSpan maxWait)
        {
            lock (_gate)
            {
                var now = time.GetTimestamp();
                _tokens = Math.Min(capacity, _tokens + time.GetElapsedTime(_at, now).TotalSeconds * perSecond);
                _at = now;
                var wait = _tokens >= 1 ? TimeSpan.Zero : TimeSpan.FromSeconds((1 - _tokens) / perSecond);
                if (wait > maxWait)
                {
                    return null;
                }

                _tokens -= 1;
                return wait;
            }
        }

        public void Refund()
        {
            lock (_gate)
            {
                _tokens += 1;
            }
        }
    }
}
