using Microsoft.IdentityModel.Protocols;

namespace ScorecardBot.Teams.Auth;

/// <summary>
/// Caches one metadata document's signing keys: refreshed after a day, and at once when a token names
/// a key the cache does not know (at most once a minute, so random key ids cannot make us hammer the
/// metadata host). Not the stock ConfigurationManager: since IdentityModel 8 it refreshes in the
/// background after RequestRefresh, so the very request that carries a rotated key would be refused.
/// </summary>
internal sealed class SigningKeyCache(string address, IDocumentRetriever documents, TimeProvider time) : IDisposable
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromHours(24);
    private static readonly TimeSpan MinForcedInterval = TimeSpan.FromMinutes(1);

    private readonly SigningKeysRetriever _retriever = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SigningKeys? _keys;
    private DateTimeOffset _fetchedAt;
    private DateTimeOffset _lastForced = DateTimeOffset.MinValue;

    public async ValueTask<SigningKeys> GetAsync(CancellationToken cancellationToken)
    {
        var keys = _keys;
        if (keys is not null && time.GetUtcNow() - _fetchedAt < MaxAge)
        {
            return keys;
        }

        return await RefreshAsync(force: false, cancellationToken);
    }

    /// <summary>Fetches the keys again because a token named an unknown key id; returns what is current.</summary>
    public async ValueTask<SigningKeys> RefreshForUnknownKeyAsync(CancellationToken cancellationToken) =>
        await RefreshAsync(force: true, cancellationToken);

    private async Task<SigningKeys> RefreshAsync(bool force, CancellationToken cancellationToken)
    {
        var requestedAt = time.GetUtcNow();
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            if (_keys is not null)
            {
                // Another request refreshed while this one waited, or a forced refresh came too soon.
                if (_fetchedAt >= requestedAt || (force && now - _lastForced < MinForcedInterval) || (!force && now - _fetchedAt < MaxAge))
                {
                    return _keys;
                }
            }

            if (force)
            {
                _lastForced = now;
            }

            var keys = await _retriever.GetConfigurationAsync(address, documents, cancellationToken);
            _keys = keys;
            _fetchedAt = time.GetUtcNow();
            return keys;
        }
        catch (Exception e) when (e is not OperationCanceledException && _keys is not null)
        {
            // The metadata host is down: keep validating with the keys we have.
            return _keys;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
