using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ScorecardBot.IntegrationTests.Fakes;

/// <summary>One call the bot made to the fake connector, and the status the fake answered.</summary>
public sealed record ConnectorCall(string Method, string RawTarget, string? Authorization, string Body)
{
    public JsonNode? Json => Body.Length == 0 ? null : JsonNode.Parse(Body);

    public int Status { get; set; } = 200;

    /// <summary>The connector took the activity: Teams shows it.</summary>
    public bool Accepted => Status is >= 200 and < 300;

    /// <summary>When the call arrived, on the fake's <see cref="FakeBotFramework.Clock"/>.</summary>
    public DateTimeOffset At { get; init; }

    /// <summary>The id the connector gave the activity it took (what a reply in its thread names).</summary>
    public string? ActivityId { get; set; }

    /// <summary>The conversation id in the path, decoded ("19:x@thread.tacv2;messageid=…" for a thread reply).</summary>
    public string? ConversationId
    {
        get
        {
            var parts = RawTarget.Split('?')[0].Split('/');
            var at = Array.IndexOf(parts, "conversations");
            return at >= 0 && at + 2 < parts.Length && parts[at + 2] == "activities" ? Uri.UnescapeDataString(parts[at + 1]) : null;
        }
    }
}

/// <summary>A file the bot PUT to an upload URL: the Content-Range and Authorization it sent, and the bytes as text.</summary>
public sealed record FileUpload(string Name, string ContentRange, string Authorization, string Body);

/// <summary>
/// What the fake connector answers instead of 200: a status, an error code, and a Retry-After in
/// seconds; or a recorded body (<see cref="Body"/>, e.g. a fixture of Delivery/PlatformErrors) as it is.
/// </summary>
public sealed record ConnectorAnswer(int Status, string? ErrorCode = null, int? RetryAfterSeconds = null, string? Body = null);

/// <summary>
/// The Bot Framework as the bot sees it, on a real HTTP server on 127.0.0.1: OpenID metadata and
/// JWKS (endorsed for msteams), a token endpoint for MSAL, and a connector that records every call.
/// </summary>
public sealed class FakeBotFramework : IAsyncDisposable
{
    public const string Issuer = "https://api.botframework.com";
    public const string AppId = "6f8d1c2e-0b5a-4d7e-9c3f-2a1b0c9d8e7f";
    public const string KeyId = "integration-key-1";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ConnectorCall> _calls = new();
    private int _tokenRequests;
    private int _ids;

    private FakeBotFramework(WebApplication app) => _app = app;

    public RSA SigningKey { get; } = RSA.Create(2048);

    public Uri BaseUri { get; private set; } = null!;

    public string ServiceUrl => BaseUri + "connector/";

    public string MetadataUrl => BaseUri + "v1/.well-known/openidconfiguration";

    public int TokenRequests => _tokenRequests;

    /// <summary>Decides a call's answer before it is taken (null: take it); lets a test throttle, fail or block.</summary>
    public Func<ConnectorCall, ConnectorAnswer?>? Script { get; set; }

    public IReadOnlyList<ConnectorCall> Calls => [.. _calls];

    /// <summary>The clock calls are stamped with (a test's simulated clock, to judge when a message reached Teams).</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>Files users "sent" in a chat, by name, served at <see cref="FileUrl"/> as SharePoint serves a downloadUrl.</summary>
    public ConcurrentDictionary<string, string> Files { get; } = new();

    /// <summary>Where a file of <see cref="Files"/> is downloaded from (a pre-authenticated URL, like Teams' downloadUrl).</summary>
    public string FileUrl(string name) => BaseUri + "files/" + Uri.EscapeDataString(name) + "?tempauth=fake-token";

    /// <summary>
    /// Files the bot uploaded after a person allowed it on a file consent card: what each PUT to an
    /// <see cref="UploadUrl"/> carried (OneDrive's upload session, as Teams hands it out in uploadInfo).
    /// </summary>
    public ConcurrentQueue<FileUpload> Uploads { get; } = new();

    /// <summary>An upload session's URL for a file, as uploadInfo.uploadUrl carries it (pre-authenticated).</summary>
    public string UploadUrl(string name) => BaseUri + "uploads/" + Uri.EscapeDataString(name) + "?tempauth=upload-token";

    /// <summary>Teams' member records by user id ("29:…"), as GET …/members/{id} answers them.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, object> Members { get; } = new();

    public static async Task<FakeBotFramework> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeBotFramework(app);
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
            var p = SigningKey.ExportParameters(false);
            var key = new Dictionary<string, object>
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["kid"] = KeyId,
                ["n"] = Base64UrlEncoder.Encode(p.Modulus),
                ["e"] = Base64UrlEncoder.Encode(p.Exponent),
                ["endorsements"] = new[] { "msteams" },
            };
            return Results.Json(new { keys = new[] { key } });
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
        app.MapGet("/files/{name}", (string name) =>
            Files.TryGetValue(name, out var text) ? Results.Text(text, "application/octet-stream") : Results.NotFound());
        app.MapPut("/uploads/{name}", async (HttpContext context, string name) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            Uploads.Enqueue(new FileUpload(name, context.Request.Headers.ContentRange.ToString(), context.Request.Headers.Authorization.ToString(), body));
            // OneDrive answers the last range of an upload session with the item it made.
            return Results.Json(new { id = "01BYE5RZ" + name.Length, name, size = body.Length }, statusCode: 201);
        });
        app.Map("/connector/{**rest}", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var target = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
            var call = new ConnectorCall(context.Request.Method, target, context.Request.Headers.Authorization.ToString(), body) { At = Clock.GetUtcNow() };
            if (Script?.Invoke(call) is { } answer)
            {
                call.Status = answer.Status;
                _calls.Enqueue(call);
                if (answer.RetryAfterSeconds is { } seconds)
                {
                    context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                return answer.Body is { } recorded
                    ? Results.Content(recorded, "application/json; charset=utf-8", System.Text.Encoding.UTF8, answer.Status)
                    : Results.Json(new { error = new { code = answer.ErrorCode ?? "ServiceError", message = "scripted by the test" } }, statusCode: answer.Status);
            }

            _calls.Enqueue(call);
            if (context.Request.Method == "GET" && target.Contains("/members/", StringComparison.Ordinal))
            {
                return Members.TryGetValue(Uri.UnescapeDataString(target[(target.LastIndexOf('/') + 1)..]), out var member)
                    ? Results.Json(member)
                    : Results.Json(new { error = new { code = "MemberNotFoundInConversation", message = "The member was not found." } }, statusCode: 404);
            }

            var id = Interlocked.Increment(ref _ids);
            call.ActivityId = $"activity-{id}";
            return Results.Json(new { id = call.ActivityId });
        });
    }

    /// <summary>Waits until a connector call matching <paramref name="match"/> arrives.</summary>
    public async Task<ConnectorCall> WaitForCallAsync(Func<ConnectorCall, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (DateTime.UtcNow < deadline)
        {
            if (_calls.FirstOrDefault(match) is { } call)
            {
                return call;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"No matching connector call; got {_calls.Count}: {string.Join(" | ", _calls.Select(c => c.Method + " " + c.RawTarget))}");
    }

    /// <summary>A channel token as the Bot Framework issues it, signed with the published key unless told otherwise.</summary>
    public string IssueToken(string serviceUrl, RSA? signWith = null)
    {
        var key = new RsaSecurityKey(signWith ?? SigningKey) { KeyId = KeyId };
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = AppId,
            Claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl },
            Subject = new ClaimsIdentity([new Claim("appid", "d6d49420-f39b-4df7-a1dc-d59a935871db")]),
            IssuedAt = now.AddMinutes(-1),
            NotBefore = now.AddMinutes(-1),
            Expires = now.AddHours(1),
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
