using Microsoft.EntityFrameworkCore;
using ScorecardBot.Core.Model;
using ScorecardBot.Data;
using ScorecardBot.Data.AsCode;
using ScorecardBot.IntegrationTests.Fakes;

namespace ScorecardBot.IntegrationTests.Infrastructure;

/// <summary>
/// One running bot per test class (an xunit class fixture): a fresh database of one provider, the
/// fake Bot Framework and Slack, the host seeded with the logistics sample, then the manufacturing
/// sample imported beside it, and both organizations connected to a Teams tenant (logistics also to
/// a Slack workspace).
/// </summary>
public abstract class BotUnderTest : IAsyncLifetime
{
    public const string TenantA = "7a1f0c2d-logistics-tenant";
    public const string TenantB = "9b2e1d3f-manufacturing-tenant";
    public const string SlackTeam = "T0LOGISTICS";
    public const string SlackSecret = "8f742231b10e8888abcd99yyyzzz85a5";
    public const string PublicBaseUrl = "https://scorecard.example.test";
    public const string Logistics = "Prairie Line Logistics";
    public const string Manufacturing = "Hartmann Antriebstechnik GmbH";

    /// <summary>Low enough for a test to reach, high enough for each test's own key.</summary>
    public const int ApiRequestsPerMinute = 40;

    private ScorecardBotFactory? _factory;
    private Dictionary<string, string?>? _settings;

    public FakeBotFramework BotFramework { get; private set; } = null!;

    public FakeSlackApi Slack { get; private set; } = null!;

    public OutboundLog Outbound { get; } = new();

    public LogCapture Logs { get; } = new();

    public HttpClient Client { get; private set; } = null!;

    public IServiceProvider Services => _factory!.Services;

    public abstract string Provider { get; }

    protected abstract string ConnectionString { get; }

    protected abstract Task CreateDatabaseAsync();

    protected abstract Task DropDatabaseAsync();

    /// <summary>Settings a kind of bot adds or changes before the host starts.</summary>
    protected virtual void AdjustSettings(Dictionary<string, string?> settings)
    {
    }

    /// <summary>Services a kind of bot replaces in the host (a fake clock, a recording channel).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>Whether the two organizations are connected to Teams and Slack (else they live in the local chat).</summary>
    protected virtual bool ConnectsPlatforms => true;

    /// <summary>Whether the host runs on the in-memory test server instead of Kestrel on loopback.</summary>
    protected virtual bool InMemory => false;

    public async Task InitializeAsync()
    {
        BotFramework = await FakeBotFramework.StartAsync();
        Slack = await FakeSlackApi.StartAsync();
        await CreateDatabaseAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = Provider,
            ["ConnectionStrings:Scorecard"] = ConnectionString,
            ["Database:SeedSample"] = "logistics",
            ["PublicBaseUrl"] = PublicBaseUrl,
            ["Charts:SigningKey"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
            ["LocalChat:Enabled"] = "true",
            ["Teams:AppId"] = FakeBotFramework.AppId,
            ["Teams:AppPassword"] = "test-secret-value",
            ["Teams:OpenIdMetadataUrl"] = BotFramework.MetadataUrl,
            ["Teams:LoginInstance"] = "https://" + ScorecardBotFactory.LoginHost,
            ["Teams:AllowedServiceUrls:0"] = "http://127.0.0.1:*",
            ["Teams:RetryBaseDelay"] = "00:00:00.050",
            ["Slack:SigningSecret"] = SlackSecret,
            ["Slack:BotToken"] = "xoxb-integration",
            ["Slack:BotUserId"] = "U0BOT",
            ["Slack:ApiBaseUrl"] = Slack.ApiBaseUrl,
            ["Slack:AllowedResponseUrlHosts:0"] = "127.0.0.1",
            ["Slack:AllowLoopbackHttpResponseUrls"] = "true",
            ["Telemetry:OtlpEndpoint"] = "",
            ["Api:RequestsPerMinute"] = ApiRequestsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),

            // The rhythm would run on the real clock and, on some days, post to the samples' real
            // Teams channels; it has its own tests on a fake clock (ScorecardBot.Tests, Scheduling).
            ["Scheduler:Enabled"] = "false",
        };
        AdjustSettings(settings);
        _settings = settings;
        _factory = new ScorecardBotFactory(settings, Outbound, BotFramework.BaseUri, ConfigureServices, Logs);
        Client = InMemory ? _factory.StartInMemory() : _factory.Start();

        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        var asCode = scope.ServiceProvider.GetRequiredService<ScorecardAsCode>();
        await asCode.ImportAsync(Path.Combine(AppContext.BaseDirectory, "samples", "manufacturing.yaml"));
        if (ConnectsPlatforms)
        {
            var logistics = await db.Organizations.SingleAsync(o => o.Name == Logistics);
            var manufacturing = await db.Organizations.SingleAsync(o => o.Name == Manufacturing);
            logistics.TeamsTenantId = TenantA;
            logistics.SlackTeamId = SlackTeam;
            manufacturing.TeamsTenantId = TenantB;
            await db.SaveChangesAsync();
        }
    }

    /// <summary>
    /// Stops the host and starts a new one on the same database and fakes: a restart, after which
    /// nothing the old host held in memory (caches, snapshots, queues) is there any more.
    /// </summary>
    public async Task RestartAsync()
    {
        Client.Dispose();
        await _factory!.DisposeAsync();
        _factory = new ScorecardBotFactory(_settings!, Outbound, BotFramework.BaseUri, ConfigureServices, Logs);
        Client = InMemory ? _factory.StartInMemory() : _factory.Start();
    }

    /// <summary>A new scope's database context, to look behind the bot's back.</summary>
    public AsyncServiceScope Scope() => Services.CreateAsyncScope();

    public async Task<Person> PersonAsync(string email)
    {
        await using var scope = Scope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        return await db.People.AsNoTracking().Include(p => p.Accounts).SingleAsync(p => p.Email == email);
    }

    public async Task<Kpi> KpiAsync(string organization, string name)
    {
        await using var scope = Scope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        var org = await db.Organizations.AsNoTracking().SingleAsync(o => o.Name == organization);
        return await db.Kpis.AsNoTracking().SingleAsync(k => k.OrganizationId == org.Id && k.Name == name);
    }

    public async Task<List<Actual>> ActualsAsync(Guid kpiId, string period)
    {
        await using var scope = Scope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        var p = Period.Parse(period);
        var all = await db.Actuals.AsNoTracking().Where(a => a.KpiId == kpiId).ToListAsync();
        return [.. all.Where(a => a.Period == p)];
    }

    /// <summary>Gives a person a chat account, as an admin connecting them would.</summary>
    public async Task LinkAsync(string email, Platform platform, string externalId)
    {
        await using var scope = Scope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        var person = await db.People.Include(p => p.Accounts).SingleAsync(p => p.Email == email);
        if (!person.Accounts.Exists(a => a.Platform == platform && a.ExternalId == externalId))
        {
            db.ChannelAccounts.Add(new ChannelAccount { PersonId = person.Id, Platform = platform, ExternalId = externalId });
            await db.SaveChangesAsync();
        }
    }

    public async Task DisposeAsync()
    {
        try
        {
            Client?.Dispose();
            if (_factory is not null)
            {
                await _factory.DisposeAsync();
            }

            await Slack.DisposeAsync();
            await BotFramework.DisposeAsync();
        }
        finally
        {
            // Whatever failed above, the database does not outlive the test class.
            await DropDatabaseAsync();
        }
    }
}
