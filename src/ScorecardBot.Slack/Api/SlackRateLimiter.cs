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
/// Token buckets keyed by workspace + tier (and by channel for chat.postMessage, ~1/s each), so we
/// stay under Slack's limits instead of learning about them from 429s. Time from TimeProvider.
/// </summary>
internal sealed class SlackRateLimiter(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);

    public async ValueTask WaitAsync(string teamId, string method, SlackTier tier, string? channel, CancellationToken ct)
    {
        await WaitOnAsync($"{teamId}|{tier}", (int)tier / 60.0, Math.Max(2, (int)tier / 10), ct);
        if (tier == SlackTier.PostMessage && channel is not null)
        {
            // Slack allows short bursts per channel but one message a second on average.
            await WaitOnAsync($"{teamId}|{method}|{channel}", 1.0, 3, ct);
        }
    }

    private async ValueTask WaitOnAsync(string key, double perSecond, int burst, CancellationToken ct)
    {
        if (_buckets.Count > 50_000)
        {
            _buckets.Clear(); // idle channels are forgotten rather than kept forever
        }

        var bucket = _buckets.GetOrAdd(key, _ => new Bucket(burst, time.GetTimestamp()));
        var wait = bucket.Take(perSecond, burst, time);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, ct);
        }
    }

    private sealed class Bucket(int burst, long at)
    {
        private double _tokens = burst;
        private long _at = at;
        private readonly Lock _gate = new();

        /// <summary>Takes a token, possibly going into debt; returns how long the caller must wait for it.</summary>
        public TimeSpan Take(double perSecond, int capacity, TimeProvider time)
        {
            lock (_gate)
            {
                var now = time.GetTimestamp();
                _tokens = Math.Min(capacity, _tokens + time.GetElapsedTime(_at, now).TotalSeconds * perSecond);
                _at = now;
                _tokens -= 1;
                return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / perSecond);
            }
        }
    }
}
