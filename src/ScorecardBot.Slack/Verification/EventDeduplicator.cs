using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using ScorecardBot.Core.Delivery;

namespace ScorecardBot.Slack.Verification;

/// <summary>
/// Remembers Events API <c>event_id</c>s so an event Slack sends again (its retries come after
/// ~1 and ~5 minutes, or an identical replay) is processed once. Old ids are forgotten after an hour.
/// </summary>
internal sealed class EventDeduplicator([FromKeyedServices(PlatformClock.Key)] TimeProvider time)
{
    private static readonly TimeSpan Keep = TimeSpan.FromHours(1);
    private const int Capacity = 200_000;
    private readonly ConcurrentDictionary<string, long> _seen = new(StringComparer.Ordinal);
    private long _nextSweep;

    /// <summary>True the first time an id is seen.</summary>
    public bool FirstTime(string eventId)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        if (now >= Interlocked.Read(ref _nextSweep) || _seen.Count >= Capacity)
        {
            Interlocked.Exchange(ref _nextSweep, now + 60);
            var cutoff = now - (long)Keep.TotalSeconds;
            foreach (var (id, at) in _seen)
            {
                if (at < cutoff)
                {
                    _seen.TryRemove(id, out _);
                }
            }
        }

        return _seen.TryAdd(eventId, now);
    }

    /// <summary>Forgets an id whose event could not be taken, so Slack's retry of it is processed.</summary>
    public void Forget(string eventId) => _seen.TryRemove(eventId, out _);
}
