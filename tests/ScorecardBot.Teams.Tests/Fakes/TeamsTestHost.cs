using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Teams.Connector;

namespace ScorecardBot.Teams.Tests.Fakes;

/// <summary>Records the turns the channel hands over and answers with a scripted result.</summary>
public sealed class RecordingTurnHandler : ITeamsTurnHandler
{
    private readonly ConcurrentQueue<Turn> _turns = new();

    public IReadOnlyList<Turn> Turns => [.. _turns];

    public Func<Turn, TurnResult> Respond { get; set; } = turn => TurnResult.Of(Message.Text($"You said: {turn.Text}"));

    public Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        _turns.Enqueue(turn);
        return Task.FromResult(Respond(turn));
    }
}

/// <summary>A per-request adapter, like the host's binding of the engine.</summary>
internal sealed class ScopedTurnHandler(RecordingTurnHandler inner) : ITeamsTurnHandler
{
    public Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken) => inner.HandleAsync(turn, cancellationToken);
}

/// <summary>Points MSAL's https authority at the fake token endpoint on loopback.</summary>
internal sealed class LoopbackRedirectHandler(Uri target) : DelegatingHandler(new SocketsHttpHandler())
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var original = request.RequestUri!;
        request.RequestUri = new UriBuilder(original) { Scheme = target.Scheme, Host = target.Host, Port = target.Port }.Uri;
        return base.SendAsync(request, cancellationToken);
    }
}

/// <summary>The Teams endpoint hosted in a minimal web app, wired to the fake Bot Framework.</summary>
public sealed class TeamsTestHost : IAsyncDisposable
{
    public const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    public const string AnaAadId = "6d415fdd-f97e-4f70-ac45-e69601e4ecb2";
    public const string AnaUserId = "29:1kbOecyrymSn1FtrbJlQNF_BvhIpb7CLGbmjaTldT8A8tXXphjq4BcA2KfWGwoI-ahbEJ_Og1syGOt68MsLId1Q";
    public const string BotId = "28:" + FakeBotFramework.AppId;

    public static readonly Guid OrganizationId = Guid.Parse("0b3c2a8e-5f41-4e7d-9a62-1c0d8e7f6a5b");
    public static readonly Actor Ana = new(Guid.Parse("a1a1a1a1-0000-4000-8000-000000000001"), "Ana Lima", "ana@contoso.test", Role.Owner);

    /// <summary>Known to the organization by e-mail only: linked when she first writes.</summary>
    public static readonly Actor Bea = new(Guid.Parse("a1a1a1a1-0000-4000-8000-000000000002"), "Bea Souza", "bea@contoso.test", Role.Owner);

    private readonly WebApplication _app;
    private readonly IServiceScope _scope;

    private TeamsTestHost(WebApplication app, HttpClient client)
    {
        _app = app;
        _scope = app.Services.CreateScope();
        Client = client;
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public RecordingTurnHandler Turns => _app.Services.GetRequiredService<RecordingTurnHandler>();

    public InMemoryConversationReferenceStore References => _app.Services.GetRequiredService<InMemoryConversationReferenceStore>();

    public ITeamsMessenger Messenger => _scope.ServiceProvider.GetRequiredService<ITeamsMessenger>();

    public ListLogger Log => _app.Services.GetRequiredService<ListLogger>();

    public static Dictionary<string, string?> Settings(FakeBotFramework fake, bool authenticated = true) => new()
    {
        ["Teams:AppId"] = authenticated ? FakeBotFramework.AppId : null,
        ["Teams:AppPassword"] = authenticated ? "test-secret-value" : null,
        ["Teams:OpenIdMetadataUrl"] = fake.MetadataUrl,
        ["Teams:LoginInstance"] = "https://login.fake.test",
        ["Teams:AllowedServiceUrls:0"] = "http://127.0.0.1:*",
        ["Teams:RetryBaseDelay"] = "00:00:00.050",
        ["Teams:MaxRequestBodyBytes"] = "65536",
    };

    public static async Task<TeamsTestHost> StartAsync(
        FakeBotFramework fake,
        bool authenticated = true,
        Action<Dictionary<string, string?>>? configure = null,
        bool inMemoryServer = false,
        string? environment = null)
    {
        var settings = Settings(fake, authenticated);
        configure?.Invoke(settings);
        // Local mode (no app id) is for development: that is where its tests run unless they say otherwise.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = environment ?? (authenticated ? Environments.Production : Environments.Development) });
        builder.Configuration.AddInMemoryCollection(settings);
        if (inMemoryServer)
        {
            builder.WebHost.UseTestServer();
        }
        else
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        }

        var log = new ListLogger();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(log);
        builder.Services.AddSingleton(log);
        builder.Services.AddTeams(builder.Configuration);
        builder.Services.AddHttpClient(MsalBotTokenProvider.MsalHttpClient)
            .ConfigurePrimaryHttpMessageHandler(() => new LoopbackRedirectHandler(fake.BaseUri));
        builder.Services.AddSingleton<RecordingTurnHandler>();
        // Scoped, as the host's engine adapter will be; scope validation catches captive dependencies.
        builder.Services.AddScoped<ITeamsTurnHandler>(sp => new ScopedTurnHandler(sp.GetRequiredService<RecordingTurnHandler>()));
        builder.Host.UseDefaultServiceProvider(o =>
        {
            o.ValidateScopes = true;
            o.ValidateOnBuild = true;
        });
        builder.Services.AddSingleton<ITeamsIdentityResolver>(new InMemoryTeamsIdentityResolver()
            .AddTenant(TenantId, OrganizationId)
            .AddPerson(OrganizationId, AnaAadId, Ana)
            .AddUnlinkedPerson(OrganizationId, Bea));
        builder.Services.AddSingleton<InMemoryConversationReferenceStore>();
        builder.Services.AddSingleton<IConversationReferenceStore>(sp => sp.GetRequiredService<InMemoryConversationReferenceStore>());

        var app = builder.Build();
        app.MapTeamsEndpoints();
        await app.StartAsync();
        HttpClient client;
        if (inMemoryServer)
        {
            client = app.GetTestClient();
        }
        else
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            client = new HttpClient { BaseAddress = new Uri(address) };
        }

        return new TeamsTestHost(app, client);
    }

    public TestServer TestServer => (TestServer)_app.Services.GetRequiredService<IServer>();

    public Task<HttpResponseMessage> PostAsync(JsonNode activity, string? token) => PostAsync(activity.ToJsonString(), token);

    public Task<HttpResponseMessage> PostAsync(string body, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        _scope.Dispose();
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>Keeps every log line so tests can check what was (and was not) logged.</summary>
public sealed class ListLogger : ILoggerProvider, ILogger
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _lines.Enqueue($"{logLevel}: {formatter(state, exception)} {exception}");

    public void Dispose()
    {
    }
}

/// <summary>Builds Teams-shaped activities like the recorded ones in Fixtures/.</summary>
public static class TestActivities
{
    public static JsonObject Message(string serviceUrl, string text, string conversationType = "personal", string? tenantId = TeamsTestHost.TenantId) => new()
    {
        ["type"] = "message",
        ["id"] = "1571689431275",
        ["channelId"] = "msteams",
        ["serviceUrl"] = serviceUrl,
        ["timestamp"] = "2026-11-22T23:38:47.294Z",
        ["text"] = text,
        ["textFormat"] = "plain",
        ["locale"] = "en-US",
        ["from"] = new JsonObject { ["id"] = TeamsTestHost.AnaUserId, ["name"] = "Ana Lima", ["aadObjectId"] = TeamsTestHost.AnaAadId },
        ["recipient"] = new JsonObject { ["id"] = TeamsTestHost.BotId, ["name"] = "ScorecardBot" },
        ["conversation"] = new JsonObject
        {
            ["conversationType"] = conversationType,
            ["tenantId"] = tenantId,
            ["id"] = conversationType == "channel" ? "19:6993d8cb4fc244c388b08a7b33172fe9@thread.skype;messageid=1571689431275" : "a:1personal-conversation",
        },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = tenantId } },
    };

    public static JsonObject Invoke(string serviceUrl, JsonNode? value)
    {
        var activity = Message(serviceUrl, "");
        activity.Remove("text");
        activity["type"] = "invoke";
        activity["name"] = "adaptiveCard/action";
        activity["replyToId"] = "1795390707610";
        activity["value"] = value;
        return activity;
    }
}
