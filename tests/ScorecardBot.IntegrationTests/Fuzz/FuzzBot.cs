using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Data;
using ScorecardBot.Data.ApiKeys;
using ScorecardBot.IntegrationTests.Fakes;
using ScorecardBot.IntegrationTests.Infrastructure;

namespace ScorecardBot.IntegrationTests.Fuzz;

/// <summary>
/// The whole bot on SQLite for the fuzz tests, on the in-memory test server: Teams and Slack
/// accounts linked for a manager, an owner and an admin, API keys to read and to write, and what
/// real payloads name (KPIs of both organizations, people) to put in them.
/// </summary>
public sealed class FuzzBot : SqliteBot, IAsyncLifetime
{
    public static readonly string[] TeamsPeople = ["0f6c2a1e-rachel-aad", "1c2d3e4f-carlos-aad", "2d3e4f5a-dana-aad"];
    public static readonly string[] SlackPeople = ["U0RACHEL", "U0CARLOS", "U0DANA"];

    /// <summary>Known to the organization by e-mail only: linked on first contact (Teams' member record, Slack's users.info).</summary>
    public const string UnlinkedTeams = "7a2d4c9e-tyler-aad";
    public const string UnlinkedSlack = "U0TYLER";

    public string ReadKey { get; private set; } = "";

    public string WriteKey { get; private set; } = "";

    public IReadOnlyList<Kpi> Kpis { get; private set; } = [];

    public IReadOnlyList<Kpi> OtherKpis { get; private set; } = [];

    protected override bool InMemory => true;

    protected override void AdjustSettings(Dictionary<string, string?> settings)
    {
        // Every request reaches the handlers: no per-key limit in the way, and the few malformed
        // keys among the calls do not get the (in-memory, address-less) client limited.
        settings["Api:RequestsPerMinute"] = "100000";
        settings["Api:FailedLoginsPerMinute"] = "100000";

        // 10,000 Slack requests arrive within seconds, far faster than the workers post to the
        // paced fake Web API: room for all of them, so each case is judged on its content and not
        // refused by the queue's back-pressure (503 with a full queue is the product's answer to a flood).
        settings["Slack:BackgroundQueueCapacity"] = "16384";
    }

    // Webhooks stay what the product allows (https to public addresses): none is delivered here.
    protected override void ConfigureServices(IServiceCollection services) => services.RemoveAll<ScorecardBot.Api.Webhooks.LoopbackWebhooksForTests>();

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        string[] emails = ["rachel.novak@prairieline.example", "carlos.mendoza@prairieline.example", "dana.whitfield@prairieline.example"];
        for (var i = 0; i < emails.Length; i++)
        {
            await LinkAsync(emails[i], Platform.Teams, TeamsPeople[i]);
            await LinkAsync(emails[i], Platform.Slack, SlackPeople[i]);
        }

        BotFramework.Members["29:user-" + UnlinkedTeams] = new { id = "29:user-" + UnlinkedTeams, name = "Tyler Brooks", aadObjectId = UnlinkedTeams, email = "tyler.brooks@prairieline.example", tenantId = TenantA };
        Slack.Emails[UnlinkedSlack] = "tyler.brooks@prairieline.example";

        await using var scope = Scope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        var logistics = await db.Organizations.AsNoTracking().SingleAsync(o => o.Name == Logistics);
        var dana = await db.People.AsNoTracking().SingleAsync(p => p.Email == emails[2]);
        Kpis = await db.Kpis.AsNoTracking().Where(k => k.OrganizationId == logistics.Id).ToListAsync();
        OtherKpis = await db.Kpis.AsNoTracking().Where(k => k.OrganizationId != logistics.Id).ToListAsync();
        var keys = scope.ServiceProvider.GetRequiredService<ApiKeyStore>();
        var context = new ChangeContext(logistics.Id, dana.Id, EntrySource.Command, DateTimeOffset.UtcNow);
        ReadKey = (await keys.CreateAsync(context, "Fuzz reader", ApiKeyScope.Read, default)).Key!.Secret;
        WriteKey = (await keys.CreateAsync(context, "Fuzz writer", ApiKeyScope.Write, default)).Key!.Secret;
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync();
}
