using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Tokens;
using ScorecardBot.Core.Delivery;

namespace ScorecardBot.Teams.Auth;

/// <summary>
/// What a valid token says that must still be matched against the activity it came with. An Entra ID
/// token (single-tenant bots) carries its tenant: the activity must be of that tenant and for Teams.
/// </summary>
internal sealed record ValidatedToken(string Issuer, string? ServiceUrl, bool RequiresServiceUrl, IReadOnlyList<string>? Endorsements, string? TenantId = null);

/// <summary>The outcome of checking a bearer token: the token, or why it was refused (never the token itself).</summary>
internal readonly record struct TokenCheck(ValidatedToken? Token, string? Failure)
{
    public static TokenCheck Fail(string reason) => new(null, reason);
}

/// <summary>
/// Validates the JWT that the Bot Framework channel service (or, for single-tenant bots, Entra ID)
/// sends with each activity: issuer, audience, lifetime, RS256/384/512 signature by a published key.
/// </summary>
internal sealed class BotTokenValidator : IDisposable
{
    internal const string OpenIdHttpClient = "ScorecardBot.Teams.OpenId";
    private static readonly string[] Algorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly List<KeySource> _sources = [];
    private readonly string _audience;
    private readonly string? _tenant;

    public BotTokenValidator(IOptions<TeamsOptions> options, IHttpClientFactory httpClients, [FromKeyedServices(PlatformClock.Key)] TimeProvider time)
    {
        var o = options.Value;
        _audience = o.AppId ?? "";
        _tenant = o.TenantId;
        _sources.Add(new KeySource([o.BotFrameworkIssuer], Cache(o.OpenIdMetadataUrl, httpClients, time), RequiresServiceUrl: true, IsEntra: false));
        if (o.AppType == TeamsAppType.SingleTenant && o.TenantId is { } tenant)
        {
            var metadata = o.EntraOpenIdMetadataUrl.Replace("{tenant}", tenant, StringComparison.Ordinal);
            _sources.Add(new KeySource(
                [$"https://sts.windows.net/{tenant}/", $"https://login.microsoftonline.com/{tenant}/v2.0"],
                Cache(metadata, httpClients, time),
                RequiresServiceUrl: false,
                IsEntra: true));
        }
    }

    private static SigningKeyCache Cache(string address, IHttpClientFactory httpClients, TimeProvider time)
    {
        var uri = new Uri(address);
        var documents = new HttpDocumentRetriever(httpClients.CreateClient(OpenIdHttpClient))
        {
            // Plain http only for a loopback test server; any real metadata is https.
            RequireHttps = !uri.IsLoopback,
        };
        return new SigningKeyCache(address, documents, time);
    }

    public async Task<TokenCheck> ValidateAsync(string? authorization, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(authorization))
        {
            return TokenCheck.Fail("no Authorization header");
        }

        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return TokenCheck.Fail("Authorization scheme is not Bearer");
        }

        var raw = authorization[7..].Trim();
        if (!_handler.CanReadToken(raw))
        {
            return TokenCheck.Fail("token is not a readable JWT");
        }

        JsonWebToken unverified;
        try
        {
            unverified = _handler.ReadJsonWebToken(raw);
        }
        catch (ArgumentException)
        {
            return TokenCheck.Fail("token is not a readable JWT");
        }

        var source = _sources.Find(s => s.Issuers.Contains(unverified.Issuer, StringComparer.Ordinal));
        if (source is null)
        {
            return TokenCheck.Fail("issuer is not trusted");
        }

        if (string.IsNullOrEmpty(unverified.Kid))
        {
            return TokenCheck.Fail("token names no signing key");
        }

        SigningKeys keys;
        try
        {
            keys = await source.Keys.GetAsync(cancellationToken);
            if (!keys.Keys.ContainsKey(unverified.Kid))
            {
                // Keys rotate: an unknown key id is the signal to fetch the key set again.
                keys = await source.Keys.RefreshForUnknownKeyAsync(cancellationToken);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or HttpRequestException or System.Text.Json.JsonException)
        {
            return TokenCheck.Fail("signing keys unavailable: " + e.GetType().Name);
        }

        if (!keys.Keys.TryGetValue(unverified.Kid, out var key))
        {
            return TokenCheck.Fail("signing key is not published");
        }

        var parameters = new TokenValidationParameters
        {
            ValidIssuers = source.Issuers,
            ValidAudience = _audience,
            IssuerSigningKey = key.Key,
            ValidAlgorithms = Algorithms,
            ClockSkew = TimeSpan.FromMinutes(5),
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateLifetime = true,
            ValidateIssuer = true,
            ValidateAudience = true,
        };
        var result = await _handler.ValidateTokenAsync(raw, parameters);
        if (!result.IsValid)
        {
            return TokenCheck.Fail(Describe(result.Exception));
        }

        var serviceUrl = result.Claims.TryGetValue("serviceurl", out var s) ? s as string : null;
        string? tenant = null;
        if (source.IsEntra)
        {
            if (EntraFailure(result.Claims, out tenant) is { } failure)
            {
                return TokenCheck.Fail(failure);
            }
        }

        return new TokenCheck(new ValidatedToken(unverified.Issuer, serviceUrl, source.RequiresServiceUrl, key.Endorsements, tenant), null);
    }

    /// <summary>
    /// An Entra ID token of the bot's tenant is accepted the way the Bot Framework SDK accepts one
    /// (botbuilder-dotnet, Microsoft.Bot.Connector/Authentication/EmulatorValidation.cs,
    /// AuthenticateEmulatorToken, and JwtTokenValidation.GetAppIdFromClaims): the "ver" claim says
    /// where the app that asked for the token is named, "appid" for version 1.0 (or no version),
    /// "azp" for 2.0, any other version is refused; and that app must be the bot itself
    /// (ICredentialProvider.IsValidAppIdAsync). An audience of this bot alone is not enough: any
    /// app of the tenant can ask Entra for a token to the bot's app id. A token another app asked
    /// for is what SkillValidation would take as a skill call, which this bot does not accept. The
    /// "tid" claim must be Teams:TenantId, and the activity it comes with must be of that tenant
    /// (checked by the request reader, as the SDK's channel validations tie "serviceurl").
    /// </summary>
    private string? EntraFailure(IDictionary<string, object> claims, out string? tenant)
    {
        tenant = claims.TryGetValue("tid", out var t) ? t as string : null;
        var version = claims.TryGetValue("ver", out var v) ? v as string : null;
        var appClaim = version switch
        {
            null or "" or "1.0" => "appid",
            "2.0" => "azp",
            _ => null,
        };
        if (appClaim is null)
        {
            return "the Entra ID token's version is not 1.0 or 2.0";
        }

        if (!claims.TryGetValue(appClaim, out var app) || app is not string appId || !string.Equals(appId, _audience, StringComparison.OrdinalIgnoreCase))
        {
            return $"the Entra ID token was not requested by this bot ({appClaim} is not Teams:AppId)";
        }

        if (tenant is null || !string.Equals(tenant, _tenant, StringComparison.OrdinalIgnoreCase))
        {
            return "the Entra ID token's tid is not Teams:TenantId";
        }

        return null;
    }

    // Exception messages may quote token contents; only the kind of failure is reported.
    private static string Describe(Exception? e) => e switch
    {
        SecurityTokenExpiredException => "token expired",
        SecurityTokenNotYetValidException => "token not yet valid",
        SecurityTokenInvalidAudienceException => "audience is not this bot",
        SecurityTokenInvalidIssuerException => "issuer is not trusted",
        SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException => "signature is invalid",
        SecurityTokenInvalidAlgorithmException => "algorithm is not allowed",
        SecurityTokenNoExpirationException => "token has no expiry",
        _ => "token is invalid (" + (e?.GetType().Name ?? "unknown") + ")",
    };

    public void Dispose()
    {
        foreach (var source in _sources)
        {
            source.Keys.Dispose();
        }
    }

    private sealed record KeySource(string[] Issuers, SigningKeyCache Keys, bool RequiresServiceUrl, bool IsEntra);
}
