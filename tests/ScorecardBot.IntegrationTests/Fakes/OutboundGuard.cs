using System.Collections.Concurrent;

namespace ScorecardBot.IntegrationTests.Fakes;

/// <summary>
/// Sits in every HttpClient the host creates: calls to the fakes on loopback pass, anything else
/// is refused and remembered, so a test fails when the bot reaches for the real internet.
/// </summary>
public sealed class OutboundLog
{
    private readonly ConcurrentQueue<string> _unexpected = new();

    public IReadOnlyList<string> Unexpected => [.. _unexpected];

    public void Clear() => _unexpected.Clear();

    internal void Refuse(Uri uri) => _unexpected.Enqueue(uri.ToString());
}

internal sealed class OutboundGuard(OutboundLog log, IReadOnlySet<string> allowedHosts) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        if (!allowedHosts.Contains(uri.Host))
        {
            log.Refuse(uri);
            throw new HttpRequestException($"The test refuses an outbound call to {uri}: only the fakes on loopback may be called.");
        }

        return base.SendAsync(request, cancellationToken);
    }
}

/// <summary>Points MSAL's https authority (login.fake.test) at the fake token endpoint on loopback.</summary>
internal sealed class LoopbackRedirectHandler(Uri target) : DelegatingHandler(new SocketsHttpHandler())
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.RequestUri = new UriBuilder(request.RequestUri!) { Scheme = target.Scheme, Host = target.Host, Port = target.Port }.Uri;
        return base.SendAsync(request, cancellationToken);
    }
}
