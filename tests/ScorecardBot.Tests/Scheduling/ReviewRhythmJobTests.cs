using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using ScorecardBot.Core.Delivery;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Rhythm;
using ScorecardBot.Data;
using ScorecardBot.Data.Outbox;
using ScorecardBot.Scheduling;

namespace ScorecardBot.Tests.Scheduling;

/// <summary>The rhythm job on a real, migrated SQLite file with a fake clock.</summary>
public sealed class ReviewRhythmJobTests : IAsyncLifetime
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"scorecard-rhythm-{Guid.NewGuid():N}.db");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly RecordingChannel _channel = new();
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton<IChannelSender>(_channel);
        var database = new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={_path}", MigrateOnStart = false };
        services.AddScorecardData(database);
        services.AddScorecardScheduling(
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Scheduler:Enabled"] = "false" }).Build(), database);
        _services = services.BuildServiceProvider();
        await _services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }

    private ReviewRhythmJob Job() => ActivatorUtilities.CreateInstance<ReviewRhythmJob>(_services);

    private async Task<(Organization Organization, Person Owner, Scorecard Scorecard)> SeedAsync(bool onTeams = false, bool withLink = false)
    {
        var organization = new Organization { Name = "Contoso", TimeZoneId = "Europe/Berlin", CreatedAt = _time.GetUtcNow(), TeamsTenantId = onTeams ? "tenant-1" : null };
        var owner = new Person { OrganizationId = organization.Id, Name = "Olivia Owner", Email = "olivia@contoso.example", Role = Role.Owner };
        var scorecard = new Scorecard { OrganizationId = organization.Id, Key = "enterprise", Name = "Enterprise" };
        if (onTeams)
        {
            owner.Accounts = [new ChannelAccount { PersonId = owner.Id, Platform = Platform.Teams, ExternalId = "aad-olivia" }];
            scorecard.Channels =
            [
                new TeamChannel { ScorecardId = scorecard.Id, Platform = Platform.Teams, ConversationId = "19:general@thread.tacv2" },
                new TeamChannel { ScorecardId = scorecard.Id, Platform = Platform.Teams, ConversationId = "19:leads@thread.tacv2" },
            ];
        }

        var perspective = new Perspective { ScorecardId = scorecard.Id, Name = "Customer", Kind = PerspectiveKind.Customer };
        var objective = new Objective { ScorecardId = scorecard.Id, PerspectiveId = perspective.Id, Key = "delight", Name = "Delight customers" };
        var kpi = new Kpi
        {
            OrganizationId = organization.Id,
            ScorecardId = scorecard.Id,
            ObjectiveId = objective.Id,
            Key = "on-time",
            Name = "On-time delivery",
            Unit = "%",
            Format = KpiFormat.Percent,
            OwnerId = owner.Id,
        };
        var cycle = new ReviewCycle { ScorecardId = scorecard.Id };
        var effect = new Objective { ScorecardId = scorecard.Id, PerspectiveId = perspective.Id, Key = "keep", Name = "Keep customers" };
        var link = new ObjectiveLink { ScorecardId = scorecard.Id, CauseObjectiveId = objective.Id, EffectObjectiveId = effect.Id };

        using var scope = _services.CreateScope();
        scope.ServiceProvider.GetRequiredService<Data.Auditing.IAuditContext>().Set(null, "test", EntrySource.Command);
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        db.Organizations.Add(organization);
        db.People.Add(owner);
        db.Scorecards.Add(scorecard);
        db.Perspectives.Add(perspective);
        db.Objectives.Add(objective);
        db.Kpis.Add(kpi);
        db.ReviewCycles.Add(cycle);
        if (withLink)
        {
            db.Objectives.Add(effect);
            db.ObjectiveLinks.Add(link);
        }

        await db.SaveChangesAsync();
        scorecard.Kpis = [kpi];
        scorecard.ReviewCycles = [cycle];
        scorecard.Objectives = withLink ? [objective, effect] : [objective];
        scorecard.Links = withLink ? [link] : [];
        return (organization, owner, scorecard);
    }

    private async Task<List<OutboxMessage>> RowsAsync(Guid organizationId)
    {
        using var scope = _services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        return await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.OrganizationId == organizationId).OrderBy(m => m.Id).ToListAsync();
    }

    /// <summary>Walks the clock from one due moment to the next, running the job each time, until a prompt is written.</summary>
    private async Task WalkToPromptAsync(Organization organization, Person owner, Scorecard scorecard)
    {
        var input = new RhythmInput { Organization = organization, Scorecards = [scorecard], People = [owner] };
        var prompted = false;
        for (var step = 0; step < 10 && !prompted; step++)
        {
            var next = ReviewRhythm.NextDueAt(input with { DoneKeys = (await RowsAsync(organization.Id)).Select(r => r.DecisionKey).ToHashSet(StringComparer.Ordinal) }, _time.GetUtcNow());
            Assert.NotNull(next);
            _time.SetUtcNow(next.Value);
            await Job().RunAsync(CancellationToken.None);
            prompted = (await RowsAsync(organization.Id)).Any(r => r.Kind == "prompt");
        }

        Assert.True(prompted, "the prompt became due within the first month");
    }

    [Fact]
    public async Task On_teams_the_prompt_goes_to_the_owners_chat_and_the_window_to_every_channel()
    {
        var (organization, owner, scorecard) = await SeedAsync(onTeams: true);

        await WalkToPromptAsync(organization, owner, scorecard);

        var rows = await RowsAsync(organization.Id);
        Assert.Equal((Platform.Teams, owner.Id), rows.Where(r => r.Kind == "prompt").Select(r => (r.Platform, r.PersonId)).Single());
        var window = rows.Where(r => r.Kind == "window").ToList();
        Assert.Equal(["19:general@thread.tacv2", "19:leads@thread.tacv2"], window.Select(r => r.ConversationId).Order(StringComparer.Ordinal));
        Assert.Single(window.Select(r => r.DecisionKey).Distinct());
        Assert.Equal([window[0].DecisionKey, window[0].DecisionKey + "#1"], window.Select(r => r.Key));
    }

    [Fact]
    public async Task The_owners_prompt_is_written_once_however_often_the_job_runs()
    {
        var (organization, owner, scorecard) = await SeedAsync();

        await WalkToPromptAsync(organization, owner, scorecard);
        var before = await RowsAsync(organization.Id);
        Assert.Equal(0, await Job().RunAsync(CancellationToken.None));
        Assert.Equal(0, await Job().RunAsync(CancellationToken.None));
        Assert.Equal(before.Select(r => r.Key), (await RowsAsync(organization.Id)).Select(r => r.Key));

        var prompt = Assert.Single(before, r => r.Kind == "prompt");
        Assert.StartsWith($"prompt:{scorecard.Id}:", prompt.DecisionKey, StringComparison.Ordinal);
        Assert.EndsWith($":{owner.Id}", prompt.DecisionKey, StringComparison.Ordinal);
        Assert.Equal((Platform.Local, owner.Id), (prompt.Platform, prompt.PersonId));
        var card = MessageJson.Deserialize(prompt.PayloadJson);
        Assert.Equal("prompt", card.Kind);
        Assert.Contains("On-time delivery", MessageJson.Serialize(card), StringComparison.Ordinal);
        Assert.Contains(before, r => r.Kind == "window" && r.ConversationId == "local");

        // The dispatcher takes it from here: delivered once to the owner's direct chat.
        await _services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);
        Assert.Equal(owner.Id, _channel.Shown[prompt.Key].Destination.PersonId);
    }

    [Fact]
    public async Task The_review_that_ends_a_fiscal_quarter_posts_its_digest_agenda_and_leading_lagging_check()
    {
        var (organization, owner, scorecard) = await SeedAsync(withLink: true);
        _time.SetUtcNow(new DateTimeOffset(2026, 12, 20, 0, 0, 0, TimeSpan.Zero));
        var input = new RhythmInput { Organization = organization, Scorecards = [scorecard], People = [owner] };

        // Walk through December's review (the month that ends the fiscal year's last quarter).
        for (var step = 0; step < 40 && !(await RowsAsync(organization.Id)).Any(r => r.Kind == "agenda"); step++)
        {
            var next = ReviewRhythm.NextDueAt(input with { DoneKeys = (await RowsAsync(organization.Id)).Select(r => r.DecisionKey).ToHashSet(StringComparer.Ordinal) }, _time.GetUtcNow());
            Assert.NotNull(next);
            _time.SetUtcNow(next.Value);
            await Job().RunAsync(CancellationToken.None);
        }

        var rows = await RowsAsync(organization.Id);
        Assert.Contains(rows, r => r.Kind == "digest" && r.DecisionKey == $"digest:{scorecard.Id}:2026-12");
        Assert.Contains(rows, r => r.Kind == "agenda" && r.DecisionKey == $"agenda:{scorecard.Id}:2026-12");
        var check = Assert.Single(rows, r => r.Kind == "check");
        Assert.Contains("Delight customers", MessageJson.Serialize(MessageJson.Deserialize(check.PayloadJson)), StringComparison.Ordinal);
    }
}
