using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ScorecardBot.Teams.Tests.Fakes;

/// <summary>One call the bot made to the fake connector.</summary>
public sealed record ConnectorCall(string Method, string RawTarget, string? Authorization, string Body)
{
    public JsonNode? Json => Body.Length == 0 ? null : JsonNode.Parse(Body);
}

/// <summary>
/// The Bot Framework as the bot sees it, on a real HTTP server on 127.0.0.1: OpenID metadata and
/// JWKS (with endorsements), a token endpoint for MSAL, and a connector that records every call.
/// </summary>
public sealed class FakeBotFramework : IAsyncDisposable
{
    public const string Issuer = "https://api.botframework.com";
    public const string AppId = "6f8d1c2e-0b5a-4d7e-9c3f-2a1b0c9d8e7f";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ConnectorCall> _calls = new();
    private readonly ConcurrentQueue<(int Status, string? RetryAfter, string Body)> _scripted = new();
    private int _jwksFetches;
    private int _tokenRequests;
    private int _ids;

    private FakeBotFramework(WebApplication app)
    {
        _app = app;
    }

    public RSA SigningKey { get; } = RSA.Create(2048);

    public string KeyId { get; } = "test-key-1";

    /// <summary>Keys the JWKS publishes: kid → (key, endorsements).</summary>
    public ConcurrentDictionary<string, (RSA Key, string[]? Endorsements)> PublishedKeys { get; } = new();

    public Uri BaseUri { get; private set; } = null!;

    public string ServiceUrl => BaseUri + "connector/";

    public string MetadataUrl => BaseUri + "v1/.well-known/openidconfiguration";

    public int JwksFetches => _jwksFetches;

    public int TokenRequests => _tokenRequests;

    public IReadOnlyList<ConnectorCall> Calls => [.. _calls];

    /// <summary>What GET …/members/{id} answers for these user ids; other ids get Ana's record.</summary>
    public ConcurrentDictionary<string, object> Members { get; } = new();

    /// <summary>The next connector calls answer with these statuses, in order, before normal service resumes.</summary>
    public void FailNext(int status, string? retryAfter = null, string body = "") => _scripted.Enqueue((status, retryAfter, body));

    public static async Task<FakeBotFramework> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeBotFramework(app);
        fake.PublishedKeys[fake.KeyId] = (fake.SigningKey, ["msteams"]);
        fake.Map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.BaseUri = new Uri(address.TrimEnd('/') + "/");
        return fake;
    }

    private void Map(WebApplication app)
    {
        app.MapGet("/v1/.well-known/openidconfiguration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["jwks_uri"] = BaseUri + "v1/.well-known/keys",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["token_endpoint_auth_methods_supported"] = new[] { "private_key_jwt" },
        }));
        app.MapGet("/v1/.well-known/keys", () =>
        {
            Interlocked.Increment(ref _jwksFetches);
            var keys = PublishedKeys.Select(k =>
            {
                var p = k.Value.Key.ExportParameters(false);
                var json = new Dictionary<string, object>
                {
                    ["kty"] = "RSA",
                    ["use"] = "sig",
                    ["kid"] = k.Key,
                    ["n"] = Base64UrlEncoder.Encode(p.Modulus),
                    ["e"] = Base64UrlEncoder.Encode(p.Exponent),
                };
                if (k.Value.Endorsements is { } e)
                {
                    json["endorsements"] = e;
                }

                return json;
            }).ToList();
            return Results.Json(new { keys });
        });
        app.MapPost("/{tenant}/oauth2/v2.0/token", async (HttpContext context, string tenant) =>
        {
            var form = await context.Request.ReadFormAsync();
            Interlocked.Increment(ref _tokenRequests);
            if (form["grant_type"] != "client_credentials" || form["client_id"] != AppId || form["scope"] != "https://api.botframework.com/.default")
            {
                return Results.Json(new { error = "invalid_request" }, statusCode: 400);
            }

            return Results.Json(new Dictionary<string, object>
            {
                ["token_type"] = "Bearer",
                ["expires_in"] = 3600,
                ["ext_expires_in"] = 3600,
                ["access_token"] = $"bot-token-for-{tenant}",
            });
        });
        app.Map("/connector/{**rest}", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var target = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
            _calls.Enqueue(new ConnectorCall(context.Request.Method, target, context.Request.Headers.Authorization.ToString(), body));
            if (_scripted.TryDequeue(out var failure))
            {
                if (failure.RetryAfter is not null)
                {
                    context.Response.Headers.RetryAfter = failure.RetryAfter;
                }

                return Results.Text(failure.Body, "application/json", statusCode: failure.Status);
            }

            var id = Interlocked.Increment(ref _ids);
            if (context.Request.Method == "POST" && target.EndsWith("/v3/conversations", StringComparison.Ordinal))
            {
                return Results.Json(new { id = $"a:new-conversation-{id}" });
            }

            if (context.Request.Method == "GET" && Members.TryGetValue(Uri.UnescapeDataString(target[(target.LastIndexOf('/') + 1)..]), out var member))
            {
                return Results.Json(member);
            }

            if (context.Request.Method == "GET")
            {
                return Results.Json(new { id = "29:member", name = "Ana Lima", aadObjectId = "aad-ana", email = "ana@contoso.test" });
            }

            return Results.Json(new { id = $"activity-{id}" });
        });
    }

    /// <summary>Successful connector calls (those not answered by a scripted failure) so far.</summary>
    public async Task<IReadOnlyList<ConnectorCall>> WaitForCallsAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (_calls.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        return Calls;
    }

    public string IssueToken(
        string? audience = AppId,
        string issuer = Issuer,
        string? serviceUrl = null,
        DateTime? expires = null,
        RSA? signWith = null,
        string? kid = null,
        DateTime? notBefore = null,
        IReadOnlyDictionary<string, object>? extraClaims = null)
    {
        var key = new RsaSecurityKey(signWith ?? SigningKey) { KeyId = kid ?? KeyId };
        var claims = new Dictionary<string, object>();
        if (serviceUrl is not null)
        {
            claims["serviceurl"] = serviceUrl;
        }

        foreach (var (name, value) in extraClaims ?? new Dictionary<string, object>())
        {
            claims[name] = value;
        }

        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            Subject = extraClaims?.ContainsKey("appid") == true ? null : new ClaimsIdentity([new Claim("appid", "d6d49420-f39b-4df7-a1dc-d59a935871db")]),
            IssuedAt = (notBefore ?? now.AddMinutes(-1)),
            NotBefore = notBefore ?? now.AddMinutes(-1),
            Expires = expires ?? now.AddHours(1),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        SigningKey.Dispose();
    }
}
