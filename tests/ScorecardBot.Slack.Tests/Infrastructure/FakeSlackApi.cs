using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;

namespace ScorecardBot.Slack.Tests.Infrastructure;

/// <summary>A call the fake Slack received: the method (or hook path), the bearer token and the body.</summary>
public sealed record RecordedCall(string Method, string? Token, string ContentType, string Body)
{
    /// <summary>The body as JSON (for JSON calls) or as a JSON object of form fields.</summary>
    public JsonObject Json()
    {
        if (ContentType.StartsWith("application/json", StringComparison.Ordinal))
        {
            return JsonNode.Parse(Body)!.AsObject();
        }

        var o = new JsonObject();
        foreach (var (k, v) in QueryHelpers.ParseQuery(Body))
        {
            o[k] = v.ToString();
        }

        return o;
    }
}

/// <summary>
/// Slack's Web API on 127.0.0.1 (real HTTP, Kestrel, port 0): records every call, answers like
/// Slack, and can be told to answer 429 with Retry-After or ok:false for a method.
/// Hooks under /hooks/… stand in for response_url.
/// </summary>
public sealed class FakeSlackApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedCall> _calls = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Func<RecordedCall, (int Status, string Body, int? RetryAfter)>>> _scripted = new();
    private int _ts;

    private FakeSlackApi(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;
    public string ApiBaseUrl => new Uri(BaseUrl, "api/").ToString();
    public string HookUrl(string name) => new Uri(BaseUrl, "hooks/" + name).ToString();

    public IReadOnlyList<RecordedCall> Calls => [.. _calls];
    public IReadOnlyList<RecordedCall> CallsTo(string method) => [.. _calls.Where(c => c.Method == method)];

    public static async Task<FakeSlackApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeSlackApi(app);
        app.MapPost("/api/{method}", (Delegate)fake.ApiAsync);
        app.MapPost("/hooks/{**path}", (Delegate)fake.HookAsync);
        app.MapPost("/upload/{fileId}", (Delegate)fake.UploadAsync);
        await app.StartAsync();
        fake.BaseUrl = new Uri(app.Urls.First() + "/");
        return fake;
    }

    /// <summary>The next call of <paramref name="method"/> is answered with this instead of the default.</summary>
    public void Enqueue(string method, int status, string body, int? retryAfter = null) =>
        _scripted.GetOrAdd(method, _ => new()).Enqueue(_ => (status, body, retryAfter));

    public void FailNext(string method, string error) => Enqueue(method, 200, $$"""{"ok":false,"error":"{{error}}"}""");

    public async Task<IReadOnlyList<RecordedCall>> WaitForAsync(string method, int count = 1, int timeoutMs = 5000)
    {
        var until = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (DateTime.UtcNow < until)
        {
            var calls = CallsTo(method);
            if (calls.Count >= count)
            {
                return calls;
            }

            await Task.Delay(10);
        }

        throw new TimeoutException($"Expected {count} call(s) to {method}; got {CallsTo(method).Count}. Calls: {string.Join(", ", Calls.Select(c => c.Method))}");
    }

    private async Task<IResult> ApiAsync(HttpContext http, string method)
    {
        var call = await RecordAsync(http, method);
        if (_scripted.TryGetValue(method, out var queue) && queue.TryDequeue(out var scripted))
        {
            var (status, body, retryAfter) = scripted(call);
            if (retryAfter is { } seconds)
            {
                http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return Results.Content(body, "application/json", statusCode: status);
        }

        if (method != "oauth.v2.access" && call.Token is null)
        {
            return Results.Content("""{"ok":false,"error":"not_authed"}""", "application/json");
        }

        return Results.Content(DefaultAnswer(method, call).ToJsonString(), "application/json");
    }

    private JsonObject DefaultAnswer(string method, RecordedCall call)
    {
        var body = call.Json();
        var ts = $"1700000000.{Interlocked.Increment(ref _ts):000000}";
        return method switch
        {
            "chat.postMessage" => new JsonObject { ["ok"] = true, ["channel"] = body["channel"]?.ToString(), ["ts"] = ts },
            "chat.update" => new JsonObject { ["ok"] = true, ["channel"] = body["channel"]?.ToString(), ["ts"] = body["ts"]?.ToString() },
            "chat.postEphemeral" => new JsonObject { ["ok"] = true, ["message_ts"] = ts },
            "conversations.open" => new JsonObject { ["ok"] = true, ["channel"] = new JsonObject { ["id"] = "D" + body["users"]?.ToString() } },
            "views.open" or "views.update" or "views.publish" => new JsonObject { ["ok"] = true, ["view"] = new JsonObject { ["id"] = "V0001", ["hash"] = "h1" } },
            "users.info" => new JsonObject
            {
                ["ok"] = true,
                ["user"] = new JsonObject
                {
                    ["id"] = body["user"]?.ToString(),
                    ["team_id"] = "T1",
                    ["name"] = "ana",
                    ["real_name"] = "Ana Lima",
                    ["is_bot"] = false,
                    ["deleted"] = false,
                    ["profile"] = new JsonObject { ["email"] = "ana@example.com", ["real_name"] = "Ana Lima" },
                },
            },
            "users.lookupByEmail" => new JsonObject { ["ok"] = false, ["error"] = "users_not_found" },
            "files.getUploadURLExternal" => new JsonObject { ["ok"] = true, ["upload_url"] = new Uri(BaseUrl, "upload/F0001").ToString(), ["file_id"] = "F0001" },
            "files.completeUploadExternal" => new JsonObject { ["ok"] = true, ["files"] = new JsonArray(new JsonObject { ["id"] = "F0001" }) },
            "oauth.v2.access" => body["code"]?.ToString() == "good-code"
                ? new JsonObject
                {
                    ["ok"] = true,
                    ["access_token"] = "xoxb-installed-token",
                    ["token_type"] = "bot",
                    ["scope"] = "commands,chat:write",
                    ["bot_user_id"] = "U0BOT",
                    ["app_id"] = "A0APP",
                    ["team"] = new JsonObject { ["id"] = "T0NEW", ["name"] = "New Team" },
                }
                : new JsonObject { ["ok"] = false, ["error"] = "invalid_code" },
            _ => new JsonObject { ["ok"] = false, ["error"] = "unknown_method" },
        };
    }

    private async Task<IResult> HookAsync(HttpContext http, string path)
    {
        await RecordAsync(http, "hook:" + path);
        return Results.Text("ok");
    }

    private async Task<IResult> UploadAsync(HttpContext http, string fileId)
    {
        await RecordAsync(http, "upload:" + fileId);
        return Results.Text("OK - " + fileId);
    }

    private async Task<RecordedCall> RecordAsync(HttpContext http, string method)
    {
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync();
        var auth = http.Request.Headers.Authorization.ToString();
        var call = new RecordedCall(method, auth.StartsWith("Bearer ", StringComparison.Ordinal) ? auth[7..] : null, http.Request.ContentType ?? "", body);
        _calls.Enqueue(call);
        return call;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
