using System.Collections.Concurrent;

namespace ScorecardBot.Slack.OAuth;

/// <summary>
/// The OAuth <c>state</c> values already used by a callback, kept until they expire (10 minutes), so
/// a state works once: a replayed or bookmarked callback URL is refused before any code is
/// exchanged. Marking is atomic, so of two simultaneous callbacks with one state only one goes on.
/// Kept in this instance's memory: installs are rare and the state is also bound to the browser's
/// cookie (deleted on first use), and Slack takes each code once.
/// </summary>
internal sealed class UsedOAuthStates(TimeProvider time)
{
    /// <summary>Far more installs in 10 minutes than any deployment sees; beyond it every callback is refused (fail closed).</summary>
    private const int Capacity = 100_000;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _used = new(StringComparer.Ordinal);

    /// <summary>Marks <paramref name="nonce"/> used; false when it was used before (or too many are held).</summary>
    public bool TryUse(string nonce, DateTimeOffset expires)
    {
        var now = time.GetUtcNow();
        foreach (var (key, until) in _used)
        {
            if (until <= now)
            {
                _used.TryRemove(key, out _);
            }
        }

        return _used.Count < Capacity && _used.TryAdd(nonce, expires);
    }
}
