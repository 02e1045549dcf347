using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace ScorecardBot.IntegrationTests.Fakes;

/// <summary>A whole answer of the fake Slack: HTTP status, body as recorded, Retry-After in seconds.</summary>
public sealed record SlackAnswer(int Status, string Body, int? RetryAfterSeconds = null);

/// <summary>A call the fake Slack received: the method (or hook path), the bearer token and the body.</summary>
public sealed record SlackCall(string Method, string? Token, string Body)
{
    /// <summary>When the call arrived, on the fake's <see cref="FakeSlackApi.Clock"/>.</summary>
    public DateTimeOffset At { get; init; }
}

/// <summary>
/// Slack's Web API on 127.0.0.1 (real HTTP): records every call and answers like Slack.
/// users.info answers from <see cref="Emails"/>, so a test decides who a Slack user is.
/// Hooks under /hooks/… stand in for response_url.
/// </summary>
public sealed class FakeSlackApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<SlackCall> _calls = new();
    private int _ts;

    private FakeSlackApi(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public string ApiBaseUrl => new Uri(BaseUrl, "api/").ToString();

    public string HookUrl(string name) => new Uri(BaseUrl, "hooks/" + name).ToString();

    /// <summary>Slack user id → the e-mail its profile shows.</summary>
    public ConcurrentDictionary<string, string> Emails { get; } = new();

    /// <summary>Slack user id → the name, time zone and locale its profile shows (users.info), beside <see cref="Emails"/>.</summary>
    public ConcurrentDictionary<string, (string Name, string Tz, string Locale)> Profiles { get; } = new();

    /// <summary>Files shared with the bot: file id → name and text, answered by files.info and served at /files/{id} to the bot token.</summary>
    public ConcurrentDictionary<string, (string Name, string Text)> SharedFiles { get; } = new();

    /// <summary>Slack method → an error Slack answers instead (ok:false), when the call's body matches.</summary>
    public ConcurrentDictionary<string, Func<JsonObject, string?>> Errors { get; } = new();

    /// <summary>
    /// Slack method → a whole answer Slack gives instead (status, recorded body, Retry-After), when
    /// the call's body matches: e.g. a 429 with <c>{"ok":false,"error":"ratelimited"}</c>.
    /// </summary>
    public ConcurrentDictionary<string, Func<JsonObject, SlackAnswer?>> Answers { get; } = new();

    /// <summary>The upload_url files.getUploadURLExternal hands out; by default this fake's own /upload/… on loopback.</summary>
    public string? UploadUrl { get; set; }

    public IReadOnlyList<SlackCall> Calls => [.. _calls];

    /// <summary>The clock that stamps each call's arrival: the real one unless a test runs the bot on a simulated one.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>Waits until <paramref name="method"/> was called <paramref name="count"/> times; returns the last call.</summary>
    public async Task<SlackCall> WaitForCallAsync(string method, int count = 1, int timeoutMs = 10000)
    {
        var until = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (DateTime.UtcNow < until)
        {
            var calls = Calls.Where(c => c.Method == method).ToList();
            if (calls.Count >= count)
            {
                return calls[^1];
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"Expected {count} call(s) to {method}; got: {string.Join(", ", Calls.Select(c => c.Method))}");
    }

    public static async Task<FakeSlackApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeSlackApi(app);
        app.MapPost("/api/{method}", (Delegate)fake.ApiAsync);
        app.MapPost("/hooks/{**path}", (Delegate)fake.HookAsync);
        app.MapGet("/files/{fileId}", async (HttpContext http, string fileId) =>
        {
            var call = await fake.RecordAsync(http, "download:" + fileId);
            return call.Token is null ? Results.StatusCode(403)
                : fake.SharedFiles.TryGetValue(fileId, out var file) ? Results.Text(file.Text, "application/octet-stream") : Results.NotFound();
        });
        app.MapPost("/upload/{fileId}", async (HttpContext http, string fileId) =>
        {
            await fake.RecordAsync(http, "upload:" + fileId);
            return Results.Text("OK - " + fileId);
        });
        await app.StartAsync();
        fake.BaseUrl = new Uri(app.Urls.First() + "/");
        return fake;
    }

    private async Task<IResult> ApiAsync(HttpContext http, string method)
    {
        var call = await RecordAsync(http, method);
        if (call.Token is null)
        {
            return Results.Content("""{"ok":false,"error":"not_authed"}""", "application/json");
        }

        var body = Fields(http, call.Body);
        if (Answers.TryGetValue(method, out var script) && script(body) is { } scripted)
        {
            if (scripted.RetryAfterSeconds is { } seconds)
            {
                http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return Results.Content(scripted.Body, "application/json; charset=utf-8", System.Text.Encoding.UTF8, scripted.Status);
        }

        if (Errors.TryGetValue(method, out var error) && error(body) is { } code)
        {
            return Results.Content(new JsonObject { ["ok"] = false, ["error"] = code }.ToJsonString(), "application/json");
        }

        var ts = $"1700000000.{Interlocked.Increment(ref _ts):000000}";
        JsonObject answer = method switch
        {
            "chat.postMessage" => new JsonObject { ["ok"] = true, ["channel"] = body["channel"]?.ToString(), ["ts"] = ts },
            "chat.update" => new JsonObject { ["ok"] = true, ["channel"] = body["channel"]?.ToString(), ["ts"] = body["ts"]?.ToString() },
            "chat.postEphemeral" => new JsonObject { ["ok"] = true, ["message_ts"] = ts },
            "conversations.open" => new JsonObject { ["ok"] = true, ["channel"] = new JsonObject { ["id"] = "D" + body["users"]?.ToString() } },
            "views.open" or "views.update" or "views.publish" => new JsonObject { ["ok"] = true, ["view"] = new JsonObject { ["id"] = "V0001", ["hash"] = "h1" } },
            "users.info" when body["user"]?.ToString() is { } user && Emails.TryGetValue(user, out var email) => new JsonObject
            {
                ["ok"] = true,
                ["user"] = new JsonObject
                {
                    ["id"] = user,
                    ["is_bot"] = false,
                    ["deleted"] = false,
                    ["profile"] = new JsonObject { ["email"] = email },
                    ["real_name"] = Profiles.TryGetValue(user, out var p) ? p.Name : null,
                    ["tz"] = Profiles.TryGetValue(user, out var z) ? z.Tz : null,
                    ["locale"] = Profiles.TryGetValue(user, out var l) ? l.Locale : null,
                },
            },
            "files.info" when body["file"]?.ToString() is { } id && SharedFiles.TryGetValue(id, out var shared) => new JsonObject
            {
                ["ok"] = true,
                ["file"] = new JsonObject
                {
                    ["id"] = id,
                    ["name"] = shared.Name,
                    ["size"] = System.Text.Encoding.UTF8.GetByteCount(shared.Text),
                    ["url_private"] = new Uri(BaseUrl, "files/" + id).ToString(),
                    ["url_private_download"] = new Uri(BaseUrl, "files/" + id).ToString(),
                },
            },
            "users.info" => new JsonObject { ["ok"] = false, ["error"] = "user_not_found" },
            "files.getUploadURLExternal" => new JsonObject { ["ok"] = true, ["upload_url"] = UploadUrl ?? new Uri(BaseUrl, "upload/F" + ts[^6..]).ToString(), ["file_id"] = "F" + ts[^6..] },
            "files.completeUploadExternal" => new JsonObject { ["ok"] = true },
            _ => new JsonObject { ["ok"] = false, ["error"] = "unknown_method" },
        };
        return Results.Content(answer.ToJsonString(), "application/json");
    }

    /// <summary>The body of a recorded call as JSON (JSON calls) or as its form fields.</summary>
    public static JsonObject Fields(SlackCall call) =>
        call.Body.TrimStart().StartsWith('{') ? JsonNode.Parse(call.Body)!.AsObject() : FormFields(call.Body);

    private static JsonObject FormFields(string body)
    {
        var o = new JsonObject();
        foreach (var (k, v) in QueryHelpers.ParseQuery(body))
        {
            o[k] = v.ToString();
        }

        return o;
    }

    private static JsonObject Fields(HttpContext http, string body)
    {
        if (http.Request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) == true)
        {
            return JsonNode.Parse(body)!.AsObject();
        }

        var o = new JsonObject();
        foreach (var (k, v) in QueryHelpers.ParseQuery(body))
        {
            o[k] = v.ToString();
        }

        return o;
    }

    private async Task<IResult> HookAsync(HttpContext http, string path)
    {
        await RecordAsync(http, "hook:" + path);
        return Results.Text("ok");
    }

    private async Task<SlackCall> RecordAsync(HttpContext http, string method)
    {
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync();
        var auth = http.Request.Headers.Authorization.ToString();
        var call = new SlackCall(method, auth.StartsWith("Bearer ", StringComparison.Ordinal) ? auth[7..] : null, body) { At = Clock.GetUtcNow() };
        _calls.Enqueue(call);
        return call;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
