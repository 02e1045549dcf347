using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Delivery;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;
using ScorecardBot.Core.Review;
using ScorecardBot.Core.Values;
using ScorecardBot.Data;
using ScorecardBot.Data.Outbox;
using ScorecardBot.IntegrationTests.Infrastructure;

namespace ScorecardBot.IntegrationTests.Delivery;

/// <summary>
/// A small organization on Teams and Slack, made for one test: a manager (Max, on Slack), owners on
/// Teams with a 1:1 chat (Olivia), on Teams without one (Bruno), on Slack (Sam), the scorecard's
/// team channels in both, and no review cycle (so the rhythm never writes for it on its own).
/// </summary>
internal sealed class DeliveryWorld
{
    public static readonly Period November = Period.Month(2026, 11);

    private DeliveryWorld(BotUnderTest bot, string tag)
    {
        Bot = bot;
        Tag = tag;
        Organization = new Organization
        {
            Name = "Delivery " + tag,
            TimeZoneId = "Europe/Berlin",
            TeamsTenantId = "tenant-" + tag,
            SlackTeamId = "T" + tag.ToUpperInvariant(),
            CreatedAt = DateTimeOffset.UtcNow,
        };
        Scorecard = new Scorecard { OrganizationId = Organization.Id, Key = "ops", Name = "Operations " + tag };
        Max = Person("Max Manager", Role.Admin, slack: "U0MAX" + tag.ToUpperInvariant());
        Olivia = Person("Olivia Teams", Role.Owner, teams: "29:olivia-" + tag);
        Bruno = Person("Bruno Teams", Role.Owner, teams: null);
        Sam = Person("Sam Slack", Role.Owner, slack: "U0SAM" + tag.ToUpperInvariant());
        Scorecard.ManagerId = Max.Id;
    }

    public BotUnderTest Bot { get; }
    public string Tag { get; }
    public Organization Organization { get; }
    public Scorecard Scorecard { get; }
    public Person Max { get; }
    public Person Olivia { get; }
    public Person Bruno { get; }
    public Person Sam { get; }
    public List<Person> People { get; } = [];
    public Dictionary<Guid, Kpi> KpiOf { get; } = [];

    public string SlackChannel => "C0OPS" + Tag.ToUpperInvariant();

    public string TeamsChannel => $"19:ops-{Tag}@thread.tacv2";

    public string OliviaChat => $"a:olivia-{Tag}";

    public static async Task<DeliveryWorld> CreateAsync(BotUnderTest bot)
    {
        var world = new DeliveryWorld(bot, Guid.NewGuid().ToString("N")[..8]);
        await world.SaveAsync();
        return world;
    }

    private Person Person(string name, Role role, string? slack = null, string? teams = "")
    {
        var person = new Person { OrganizationId = Organization.Id, Name = name, Email = $"{name.Split(' ')[0].ToLowerInvariant()}@{Tag}.example", Role = role };
        if (slack is not null)
        {
            person.Accounts.Add(new ChannelAccount { PersonId = person.Id, Platform = Platform.Slack, ExternalId = slack });
        }

        if (teams != "")
        {
            // Bruno has a Teams account but the bot never saw his 29: id: it cannot open a chat with him.
            person.Accounts.Add(new ChannelAccount { PersonId = person.Id, Platform = Platform.Teams, ExternalId = "aad-" + name.Split(' ')[0] + Tag, ChannelUserId = teams });
        }

        People.Add(person);
        return person;
    }

    private async Task SaveAsync()
    {
        await using var scope = Bot.Scope();
        scope.ServiceProvider.GetRequiredService<Data.Auditing.IAuditContext>().Set(null, "test", EntrySource.Import);
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        db.Organizations.Add(Organization);
        db.People.AddRange(People);
        db.Scorecards.Add(Scorecard);
        var perspective = new Perspective { ScorecardId = Scorecard.Id, Name = "Internal Process", Kind = PerspectiveKind.InternalProcess };
        var objective = new Objective { ScorecardId = Scorecard.Id, PerspectiveId = perspective.Id, Key = "deliver", Name = "Deliver on time" };
        db.Perspectives.Add(perspective);
        db.Objectives.Add(objective);
        foreach (var owner in new[] { Olivia, Bruno, Sam })
        {
            var kpi = new Kpi
            {
                OrganizationId = Organization.Id,
                ScorecardId = Scorecard.Id,
                ObjectiveId = objective.Id,
                Key = "kpi-" + owner.Name.Split(' ')[0].ToLowerInvariant(),
                Name = owner.Name.Split(' ')[0] + "'s on-time rate",
                Format = KpiFormat.Percent,
                OwnerId = owner.Id,
            };
            db.Kpis.Add(kpi);
            KpiOf[owner.Id] = kpi;
        }

        db.TeamChannels.Add(new TeamChannel { ScorecardId = Scorecard.Id, Platform = Platform.Slack, ConversationId = SlackChannel, Name = "#ops" });
        db.TeamChannels.Add(new TeamChannel { ScorecardId = Scorecard.Id, Platform = Platform.Teams, ConversationId = TeamsChannel, Name = "Ops (Teams)" });
        db.ConversationReferences.Add(new ConversationReference
        {
            OrganizationId = Organization.Id,
            Platform = Platform.Teams,
            ConversationId = TeamsChannel,
            Kind = ConversationKind.Channel,
            ServiceUrl = Bot.BotFramework.ServiceUrl,
            TenantOrTeamId = Organization.TeamsTenantId,
        });
        db.ConversationReferences.Add(new ConversationReference
        {
            OrganizationId = Organization.Id,
            Platform = Platform.Teams,
            PersonId = Olivia.Id,
            ConversationId = OliviaChat,
            Kind = ConversationKind.Direct,
            ServiceUrl = Bot.BotFramework.ServiceUrl,
            TenantOrTeamId = Organization.TeamsTenantId,
        });
        await db.SaveChangesAsync();
    }

    /// <summary>The prompt card the rhythm would send this owner for November, under the rhythm's key.</summary>
    public OutgoingMessage Prompt(Person owner, string kind = "prompt")
    {
        var calendar = FiscalCalendar.For(Organization);
        var builder = new PromptBuilder(calendar, new ValueFormatter(CultureInfo.GetCultureInfo("en-US"), "EUR"));
        var lines = new[] { new PromptLine(KpiOf[owner.Id], November) };
        var message = kind == "prompt" ? builder.Prompt(owner, November, lines) : builder.Reminder(owner, November, lines);
        var key = kind == "prompt" ? $"prompt:{Scorecard.Id}:{November}:{owner.Id}" : $"remind:{Scorecard.Id}:{November}:{owner.Id}:1";
        var platform = owner.Accounts.Any(a => a.Platform == Platform.Teams) ? Platform.Teams : Platform.Slack;
        return new OutgoingMessage(Organization.Id, platform, Destination.Direct(owner.Id), message, key);
    }

    public async Task WriteAsync(params OutgoingMessage[] messages) => await WriteAsync(messages.Select(m => (m, m.Message.Kind ?? "prompt")).ToArray());

    public async Task WriteAsync(params (OutgoingMessage Message, string Kind)[] messages)
    {
        await using var scope = Bot.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        var writer = scope.ServiceProvider.GetRequiredService<OutboxWriter>();
        var due = DateTimeOffset.UtcNow.AddSeconds(-1);
        await writer.AddManyAsync(db, [.. messages.Select(m => new OutboxEntry(m.Message, m.Kind, due, m.Message.InThreadOf ?? m.Message.IdempotencyKey))], CancellationToken.None);
    }

    /// <summary>Runs the dispatcher until every row of this organization is sent or given up.</summary>
    public async Task DrainAsync(TimeSpan? patience = null)
    {
        var dispatcher = Bot.Services.GetRequiredService<OutboxDispatcher>();
        var deadline = DateTime.UtcNow + (patience ?? TimeSpan.FromSeconds(60));
        while ((await RowsAsync()).Any(r => r.Status is not (OutboxStatus.Sent or OutboxStatus.Dead)))
        {
            Assert.True(DateTime.UtcNow < deadline, "The outbox did not drain in time: " + string.Join(", ", (await RowsAsync()).Select(r => $"{r.Key} {r.Status} {r.LastError}")));
            await dispatcher.DispatchDueAsync(CancellationToken.None);
            await Task.Delay(50);
        }
    }

    /// <summary>What the review rhythm does every minute: here, following up what could not be delivered.</summary>
    public async Task RunRhythmAsync() =>
        await ActivatorUtilities.CreateInstance<Scheduling.ReviewRhythmJob>(Bot.Services).RunAsync(CancellationToken.None);

    public async Task<List<OutboxMessage>> RowsAsync()
    {
        await using var scope = Bot.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        return await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.OrganizationId == Organization.Id).OrderBy(m => m.Id).ToListAsync();
    }

    public async Task<List<UnreachablePerson>> UnreachableAsync()
    {
        await using var scope = Bot.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        return [.. await db.GetUnreachableAsync(Organization.Id)];
    }
}
