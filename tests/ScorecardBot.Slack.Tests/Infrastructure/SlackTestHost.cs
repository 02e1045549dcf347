using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Slack.Verification;

namespace ScorecardBot.Slack.Tests.Infrastructure;

/// <summary>Records every turn and answers with whatever the test says (help text by default).</summary>
public sealed class RecordingTurnHandler : ISlackTurnHandler
{
    private readonly ConcurrentQueue<Turn> _turns = new();

    public Func<Turn, Task<TurnResult>> Answer { get; set; } = t => Task.FromResult(TurnResult.Of(Message.Text($"help for '{t.Text}'", "help")));

    public IReadOnlyList<Turn> Turns => [.. _turns];

    public Task<TurnResult> HandleAsync(Turn turn, CancellationToken ct)
    {
        _turns.Enqueue(turn);
        return Answer(turn);
    }

    public async Task<Turn> WaitForTurnAsync(int count = 1, int timeoutMs = 5000)
    {
        var until = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (DateTime.UtcNow < until)
        {
            if (_turns.Count >= count)
            {
                return Turns[count - 1];
            }

            await Task.Delay(10);
        }

        throw new TimeoutException($"Expected {count} turn(s); got {_turns.Count}.");
    }
}

public sealed class ListLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();
    public ILogger CreateLogger(string categoryName) => new Logger(this);
    public void Dispose() { }

    private sealed class Logger(ListLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Lines.Enqueue($"{logLevel}: {formatter(state, exception)} {exception}");
    }
}

/// <summary>Our Slack endpoints on 127.0.0.1 (real Kestrel, port 0) with in-memory ports and a recording turn handler.</summary>
public sealed class SlackTestHost : IAsyncDisposable
{
    public const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";
    public const string TeamId = "T1";
    public const string UserId = "U1";
    public static readonly Guid OrganizationId = Guid.Parse("11111111-1111-1111-1111-111111111111");
    public static readonly Actor Ana = new(Guid.Parse("22222222-2222-2222-2222-222222222222"), "Ana Lima", "ana@example.com", Role.Owner);

    private readonly WebApplication _app;

    private SlackTestHost(WebApplication app, bool mapped, ListLoggerProvider logs)
    {
        _app = app;
        Logs = logs;
        Mapped = mapped;
        Client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
    }

    public bool Mapped { get; }
    public HttpClient Client { get; }
    public RecordingTurnHandler Handler => (RecordingTurnHandler)_app.Services.GetRequiredService<ISlackTurnHandler>();
    public InMemorySlackInstallationStore Installations => (InMemorySlackInstallationStore)_app.Services.GetRequiredService<ISlackInstallationStore>();
    public ListLoggerProvider Logs { get; }
    public IServiceProvider Services => _app.Services;
    public TimeProvider Time => _app.Services.GetRequiredService<TimeProvider>();

    public static async Task<SlackTestHost> StartAsync(
        FakeSlackApi? slack = null,
        TimeProvider? time = null,
        Dictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        var config = new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = Secret,
            ["Slack:BotToken"] = "xoxb-single-workspace",
            ["Slack:BotUserId"] = "U0BOT",
            ["Slack:ApiBaseUrl"] = slack?.ApiBaseUrl ?? "http://127.0.0.1:9/api/",
            ["Slack:AllowedResponseUrlHosts:0"] = "127.0.0.1",
            ["Slack:AllowedUploadUrlHosts:0"] = "127.0.0.1",
            ["Slack:AllowLoopbackHttpResponseUrls"] = "true",
        };
        foreach (var (k, v) in settings ?? [])
        {
            config[k] = v;
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(config);
        var logs = new ListLoggerProvider();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        builder.Services.AddSlack(builder.Configuration);
        builder.Services.AddSingleton<ISlackTurnHandler, RecordingTurnHandler>();
        builder.Services.AddSingleton<ISlackIdentityResolver>(new InMemorySlackIdentityResolver().Add(TeamId, UserId, new SlackIdentity(OrganizationId, Ana)));
        builder.Services.AddSingleton<IAppHomeProvider>(new FixedAppHomeProvider(id => new Message(
            [new Heading($"Hello {id.Actor.Name}"), new KpiTable([new KpiRow(Guid.Empty, "Revenue", "1.2M", "1.1M", Status.Green, TrendDirection.Improving)])],
            "Your scorecard")));
        services?.Invoke(builder.Services);
        var app = builder.Build();
        var mapped = app.MapSlackEndpoints();
        await app.StartAsync();
        return new SlackTestHost(app, mapped, logs);
    }

    public static string Sign(string body, long timestamp, string secret = Secret) =>
        SlackSignature.Compute(secret, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture), Encoding.UTF8.GetBytes(body));

    public long Now => Time.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>Sends a request signed the way Slack signs it (fresh timestamp unless given).</summary>
    public Task<HttpResponseMessage> PostSignedAsync(string path, string body, string contentType, long? timestamp = null, string secret = Secret, Action<HttpRequestMessage>? tweak = null)
    {
        var ts = timestamp ?? Now;
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Add("X-Slack-Request-Timestamp", ts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("X-Slack-Signature", Sign(body, ts, secret));
        tweak?.Invoke(request);
        return Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> PostFormAsync(string path, string body, long? timestamp = null) =>
        PostSignedAsync(path, body, "application/x-www-form-urlencoded", timestamp);

    public Task<HttpResponseMessage> PostJsonAsync(string path, string body, long? timestamp = null) =>
        PostSignedAsync(path, body, "application/json", timestamp);

    public static string Form(params (string Key, string Value)[] fields) =>
        string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));

    public static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name)).Trim();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
