using ScorecardBot.Core.Model;

namespace ScorecardBot.Data.Outbox;

/// <summary>
/// Spaces sends so no platform, workspace or conversation gets more than its rate. Each limit is
/// a virtual schedule (the generic cell rate algorithm): a send reserves the next free slot of
/// every limit it falls under and waits until the latest of them. A 429 pushes the slots of the
/// throttled conversation and workspace past the platform's Retry-After.
/// </summary>
internal sealed class DeliveryPace(OutboxOptions options, TimeProvider time)
{
    private const int PruneAbove = 10_000;
    private readonly Dictionary<string, DateTimeOffset> _nextFree = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Reserves a slot for one send and returns how long to wait before making it.</summary>
    public TimeSpan Reserve(Platform platform, Guid organizationId, string conversationKey)
    {
        var rates = options.RatesOf(platform);
        var limits = Limits(platform, organizationId, conversationKey, rates);
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var at = now;
            // Every key is consulted, limited or not: a Retry-After may have blocked any of them.
            foreach (var key in new[] { $"{platform}", WorkspaceKey(platform, organizationId), conversationKey })
            {
                if (_nextFree.TryGetValue(key, out var free) && free > at)
                {
                    at = free;
                }
            }

            foreach (var (key, perSecond) in limits)
            {
                _nextFree[key] = at + TimeSpan.FromSeconds(1 / perSecond);
            }

            if (_nextFree.Count > PruneAbove)
            {
                foreach (var stale in _nextFree.Where(e => e.Value < now).Select(e => e.Key).ToList())
                {
                    _nextFree.Remove(stale);
                }
            }

            return at - now;
        }
    }

    /// <summary>The platform said "slow down": nothing more to this conversation or workspace before <paramref name="retryAfter"/>.</summary>
    public void Throttled(Platform platform, Guid organizationId, string conversationKey, TimeSpan retryAfter)
    {
        lock (_gate)
        {
            var until = time.GetUtcNow() + retryAfter;
            foreach (var key in new[] { WorkspaceKey(platform, organizationId), conversationKey })
            {
                if (!_nextFree.TryGetValue(key, out var free) || free < until)
                {
                    _nextFree[key] = until;
                }
            }
        }
    }

    private static List<(string Key, double PerSecond)> Limits(Platform platform, Guid organizationId, string conversationKey, DeliveryRates rates)
    {
        var limits = new List<(string, double)>(3);
        if (rates.PerPlatform > 0)
        {
            limits.Add(($"{platform}", rates.PerPlatform));
        }

        if (rates.PerWorkspace > 0)
        {
            limits.Add((WorkspaceKey(platform, organizationId), rates.PerWorkspace));
        }

        if (rates.PerConversation > 0)
        {
            limits.Add((conversationKey, rates.PerConversation));
        }

        return limits;
    }

    private static string WorkspaceKey(Platform platform, Guid organizationId) => $"{platform}/{organizationId:N}";
}
