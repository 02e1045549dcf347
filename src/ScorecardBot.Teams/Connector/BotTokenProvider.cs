using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;

namespace ScorecardBot.Teams.Connector;

/// <summary>Supplies the bearer token for calls to the Bot Connector; null means "send without one" (local mode).</summary>
internal interface IBotTokenProvider
{
    ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken);
}

/// <summary>Local development: the Playground and the emulator accept replies without a token.</summary>
internal sealed class NoBotTokenProvider : IBotTokenProvider
{
    public ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);
}

/// <summary>
/// Client-credentials tokens from Entra ID through MSAL, which caches them and renews them before
/// they expire. MSAL's HTTP goes through IHttpClientFactory so it shares the app's handlers.
/// </summary>
internal sealed class MsalBotTokenProvider : IBotTokenProvider
{
    internal const string MsalHttpClient = "ScorecardBot.Teams.Msal";

    private readonly IConfidentialClientApplication _app;
    private readonly string[] _scopes;

    public MsalBotTokenProvider(IOptions<TeamsOptions> options, IHttpClientFactory httpClients)
    {
        var o = options.Value;
        _scopes = [o.TokenScope];
        _app = ConfidentialClientApplicationBuilder.Create(o.AppId)
            .WithClientSecret(o.Secret)
            .WithAuthority(o.EffectiveAuthority, validateAuthority: false)
            .WithInstanceDiscovery(false)
            .WithHttpClientFactory(new FactoryAdapter(httpClients))
            .Build();
    }

    public async ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        var result = await _app.AcquireTokenForClient(_scopes).ExecuteAsync(cancellationToken);
        return result.AccessToken;
    }

    private sealed class FactoryAdapter(IHttpClientFactory factory) : IMsalHttpClientFactory
    {
        public HttpClient GetHttpClient() => factory.CreateClient(MsalHttpClient);
    }
}
