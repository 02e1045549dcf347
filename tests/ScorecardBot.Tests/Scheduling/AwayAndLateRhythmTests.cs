using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Delivery;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Rhythm;
using ScorecardBot.Data;
using ScorecardBot.Data.Outbox;
using ScorecardBot.Data.Stores;
using ScorecardBot.Scheduling;
using Xunit.Abstractions;

namespace ScorecardBot.Tests.Scheduling;

/// <summary>
/// The October 2026 review of one scorecard lived through on a real SQLite file with a fake clock:
/// the rhythm job writes the outbox, people answer through the conversation engine. Anna is away
/// 2–6 Nov (Dan covers), Ben's data is late (ETA 12 Nov), Carla reports "No change" for retention
/// and a red shipper satisfaction, and Max lowered retention's target after the September review.
/// Window Mon 2 Nov, due Thu 5 Nov, digest Mon 9 Nov.
/// </summary>
public sealed class AwayAndLateRhythmTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly Period October = Period.Month(2026, 10);
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"scorecard-care-{Guid.NewGuid():N}.db");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 10, 20, 8, 0, 0, TimeSpan.Zero));
    private ServiceProvider _services = null!;
    private ConversationEngine _engine = null!;
    private Organization _organization = null!;
    private Scorecard _scorecard = null!;
    private readonly Dictionary<string, Person> _people = [];
    private readonly Dictionary<string, Kpi> _kpis = [];
    private readonly FakeAwayStatus _status = new();

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton<IChannelSender>(new RecordingChannel());
        services.AddSingleton<IPlatformAwayStatus>(_status);
        var database = new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={_path}", MigrateOnStart = false };
        services.AddScorecardData(database);
        services.AddScorecardStores(o => o.SnapshotMaxAge = TimeSpan.Zero);
        services.AddScorecardScheduling(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Scheduler:Enabled"] = "false" }).Build(), database);
        _services = services.BuildServiceProvider();
        await _services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        await SeedAsync();
        _engine = new ConversationEngine(
            _services.GetRequiredService<IScorecardReadModel>(), _services.GetRequiredService<IScorecardCommands>(),
            new ConversationOptions { PublicBaseUrl = new Uri("https://bot.example.com/") }, _time);
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

    private async Task SeedAsync()
    {
        _organization = new Organization { Name = "Prairie Freight", TimeZoneId = "Europe/Berlin", CreatedAt = _time.GetUtcNow() };
        foreach (var (name, role) in new[] { ("Max Meyer", Role.ScorecardManager), ("Anna Berg", Role.Owner), ("Ben Cole", Role.Owner), ("Carla Diaz", Role.Owner), ("Dan Ekström", Role.Owner) })
        {
            _people[name.Split(' ')[0]] = new Person { OrganizationId = _organization.Id, Name = name, Email = name.Split(' ')[0].ToLowerInvariant() + "@prairie.example", Role = role };
        }

        _scorecard = new Scorecard { OrganizationId = _organization.Id, Key = "operations", Name = "Operations", ManagerId = _people["Max"].Id };
        var customer = new Perspective { ScorecardId = _scorecard.Id, Name = "Customer", Kind = PerspectiveKind.Customer, Order = 0 };
        var process = new Perspective { ScorecardId = _scorecard.Id, Name = "Internal Process", Kind = PerspectiveKind.InternalProcess, Order = 1 };
        var keep = new Objective { ScorecardId = _scorecard.Id, PerspectiveId = customer.Id, Key = "keep", Name = "Keep our shippers" };
        var deliver = new Objective { ScorecardId = _scorecard.Id, PerspectiveId = process.Id, Key = "deliver", Name = "Deliver reliably" };
        var link = new ObjectiveLink { ScorecardId = _scorecard.Id, CauseObjectiveId = deliver.Id, EffectObjectiveId = keep.Id };
        Kpi Kpi(string name, Objective objective, string owner, IndicatorType indicator, decimal target, decimal[] history)
        {
            var kpi = new Kpi
            {
                OrganizationId = _organization.Id,
                ScorecardId = _scorecard.Id,
                ObjectiveId = objective.Id,
                Key = name.ToLowerInvariant().Replace(' ', '-'),
                Name = name,
                Unit = "%",
                Format = KpiFormat.Percent,
                Indicator = indicator,
                OwnerId = _people[owner].Id,
                Order = _kpis.Count,
            };
            for (var i = 0; i < history.Length; i++)
            {
                var period = October.AddPeriods(i - history.Length);
                kpi.Actuals.Add(new Actual { OrganizationId = _organization.Id, KpiId = kpi.Id, Period = period, Value = history[i], SubmittedById = kpi.OwnerId, SubmittedAt = new DateTimeOffset(2026, period.Number + 1, 3, 9, 0, 0, TimeSpan.Zero), FirstSubmittedAt = new DateTimeOffset(2026, period.Number + 1, 3, 9, 0, 0, TimeSpan.Zero) });
            }

            for (var p = October.AddPeriods(-6); p <= October.AddPeriods(2); p = p.Next)
            {
                kpi.Targets.Add(new Target { OrganizationId = _organization.Id, KpiId = kpi.Id, Period = p, Value = target, Amber = 97, Red = 93 });
            }

            _kpis[name] = kpi;
            return kpi;
        }

        Kpi("Customer retention", keep, "Carla", IndicatorType.Lagging, 92, [93.0m, 91.0m, 90.5m]);
        Kpi("Shipper satisfaction", keep, "Carla", IndicatorType.Lagging, 85, [86.0m, 84.0m, 83.0m]);
        Kpi("On-time delivery", deliver, "Anna", IndicatorType.Leading, 95, [96.0m, 93.5m, 91.0m]);
        Kpi("Pickups on schedule", deliver, "Dan", IndicatorType.Leading, 95, [94.0m, 92.0m, 90.0m]);
        Kpi("Claims ratio", deliver, "Ben", IndicatorType.Lagging, 98, [98.6m, 98.9m, 99.1m]);

        await using var scope = _services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Data.Auditing.IAuditContext>().Set(null, "import", EntrySource.Import);
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        db.Organizations.Add(_organization);
        db.People.AddRange(_people.Values);
        db.Scorecards.Add(_scorecard);
        db.Perspectives.AddRange(customer, process);
        db.Objectives.AddRange(keep, deliver);
        db.ObjectiveLinks.Add(link);
        db.Kpis.AddRange(_kpis.Values);
        db.ReviewCycles.Add(new ReviewCycle { ScorecardId = _scorecard.Id });
        db.TeamChannels.Add(new TeamChannel { ScorecardId = _scorecard.Id, Platform = Platform.Local, ConversationId = "local", Name = "#operations" });
        await db.SaveChangesAsync();
    }

    private async Task<Message> SayAsync(string person, string text) => (await _engine.HandleAsync(Turn(person) with { Text = text }, CancellationToken.None)).Replies.Single().Message;

    private async Task<Message> AnswerAsync(string person, string kpi, Dictionary<string, string> inputs)
    {
        var data = new Dictionary<string, string> { [CardActions.Keys.Kpi] = _kpis[kpi].Id.ToString("N"), [CardActions.Keys.Period] = October.ToString() };
        var turn = Turn(person) with { Action = new CardAction(CardActions.SubmitActual, data, inputs), SourceMessageId = "card-1" };
        return (await _engine.HandleAsync(turn, CancellationToken.None)).Replies.Single().Message;
    }

    private Turn Turn(string person) => new()
    {
        OrganizationId = _organization.Id,
        Actor = new Actor(_people[person].Id, _people[person].Name, _people[person].Email, _people[person].Role),
        Platform = Platform.Local,
        Conversation = new ConversationAddress(Platform.Local, "local:direct", ConversationKind.Direct),
        At = _time.GetUtcNow(),
    };

    private async Task RunJobAsync()
    {
        var job = ActivatorUtilities.CreateInstance<ReviewRhythmJob>(_services, (TimeProvider)_time);
        await job.RunAsync(CancellationToken.None);
    }

    /// <summary>Runs the rhythm at 09:00 and 12:00 Berlin of each day up to <paramref name="until"/>.</summary>
    private async Task LiveUntilAsync(DateTimeOffset until)
    {
        var day = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);
        for (; ; day = day.AddDays(1))
        {
            foreach (var hour in new[] { 8, 11 })
            {
                var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero);
                if (at > until)
                {
                    return;
                }

                if (at > _time.GetUtcNow())
                {
                    _time.SetUtcNow(at);
                    await RunJobAsync();
                }
            }
        }
    }

    private async Task<List<OutboxMessage>> RowsAsync()
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        return await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.OrganizationId == _organization.Id).OrderBy(m => m.Id).ToListAsync();
    }

    [Fact]
    public async Task A_week_away_inside_the_window_silences_the_owner_prompts_the_delegate_and_the_digest_says_away_late_carried_forward_and_target_changed()
    {
        // After the September review (13 Oct): Max lowers retention's target for October.
        _time.SetUtcNow(new DateTimeOffset(2026, 10, 21, 12, 0, 0, TimeSpan.Zero));
        Assert.Equal("target", (await SayAsync("Max", "target \"Customer retention\" oct 90%")).Kind);
        _time.SetUtcNow(new DateTimeOffset(2026, 10, 30, 15, 0, 0, TimeSpan.Zero));
        Assert.StartsWith("You are away from Mon 2 Nov to Fri 6 Nov 2026", (await SayAsync("Anna", "ooo 2 Nov 6 Nov delegate @Dan Ekström")).Summary, StringComparison.Ordinal);

        await LiveUntilAsync(new DateTimeOffset(2026, 11, 2, 9, 30, 0, TimeSpan.Zero));
        Assert.StartsWith("Noted: Claims ratio, Oct 2026 comes late. I'll ask again on Thu 12 Nov.",
            (await AnswerAsync("Ben", "Claims ratio", new() { ["answer"] = "late", ["eta"] = "12 Nov", ["comment"] = "Insurer's statement arrives on the 12th" })).Summary, StringComparison.Ordinal);
        Assert.Contains("carried forward", (await AnswerAsync("Carla", "Customer retention", new() { ["answer"] = "same", ["comment"] = "No churn this month; renewals in December." })).Summary, StringComparison.Ordinal);
        var unexplained = await AnswerAsync("Carla", "Shipper satisfaction", new() { ["value"] = "78" });
        Assert.StartsWith("Red against the target of 85.0 %", unexplained.Blocks.OfType<TextInput>().Single(t => t.Id == "comment").Error, StringComparison.Ordinal);
        await AnswerAsync("Carla", "Shipper satisfaction", new() { ["value"] = "78", ["comment"] = "Late pickups in the storm week; weekly calls with the three biggest shippers." });
        await AnswerAsync("Dan", "Pickups on schedule", new() { ["value"] = "88", ["comment"] = "Two drivers off sick; agency drivers start Monday." });

        await LiveUntilAsync(new DateTimeOffset(2026, 11, 9, 9, 0, 0, TimeSpan.Zero));
        var rows = await RowsAsync();

        // Nothing reached Anna while she was away; Dan got her KPIs instead, and reminders for them.
        Assert.DoesNotContain(rows, r => r.PersonId == _people["Anna"].Id && r.CreatedAt < new DateTimeOffset(2026, 11, 7, 0, 0, 0, TimeSpan.Zero));
        var cover = Assert.Single(rows, r => r.Kind == "prompt" && r.PersonId == _people["Dan"].Id && r.DecisionKey.StartsWith("cover:", StringComparison.Ordinal));
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero), cover.ScheduledAt);
        Assert.Contains("Anna Berg is away and you report for them", MessageJson.Serialize(MessageJson.Deserialize(cover.PayloadJson)), StringComparison.Ordinal);
        var coverReminders = rows.Where(r => r.Kind == "reminder" && r.PersonId == _people["Dan"].Id && r.DecisionKey.Contains(":for:", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(coverReminders);
        Assert.All(coverReminders, r => Assert.Contains(
            "you are reporting for Anna Berg while they are away", MessageJson.Serialize(MessageJson.Deserialize(r.PayloadJson)), StringComparison.Ordinal));
        // Ben said late: no reminder for Claims ratio before the ETA.
        Assert.DoesNotContain(rows, r => r.Kind == "reminder" && r.PersonId == _people["Ben"].Id);

        var digest = rows.Where(r => r.Kind == "digest").Select(r => MessageJson.Deserialize(r.PayloadJson)).ToList();
        var text = Text(digest);
        output.WriteLine(text);
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, "sample-digest.txt"), text);

        Assert.Contains("Away (1)", text, StringComparison.Ordinal);
        Assert.Contains("Anna Berg (away 2 Nov – 6 Nov, Dan Ekström covered): On-time delivery", text, StringComparison.Ordinal);
        Assert.Contains("Ben Cole: Claims ratio (late, ETA 12 Nov)", text, StringComparison.Ordinal);

        // The summary in the channel: Anna is away, not missing, and not asked to act; Ben's data comes late.
        var summary = Text(digest.Take(1));
        Assert.Contains("Missing (1): Claims ratio (late, ETA 12 Nov)", summary, StringComparison.Ordinal);
        Assert.Contains("Away (1): On-time delivery (Anna Berg)", summary, StringComparison.Ordinal);
        Assert.Contains("@Ben Cole", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("@Anna Berg", summary, StringComparison.Ordinal);
        Assert.Contains("On-time delivery  no data / 95.0 %  NoData  away 2 Nov – 6 Nov", text, StringComparison.Ordinal);
        Assert.Contains("carried forward, no change reported", Text(digest.Skip(1).Take(1)), StringComparison.Ordinal);
        Assert.Contains("Customer retention: carried forward, no change reported.", text, StringComparison.Ordinal);
        Assert.Contains("Customer retention: target changed 92.0 % → 90.0 % by Max Meyer on 21 Oct.", text, StringComparison.Ordinal);
        // Only the late KPI is missing: Anna's is away, not missing.
        Assert.Contains("Missing actuals (1)", text, StringComparison.Ordinal);
        Assert.Contains("Shipper satisfaction is red; pickups on schedule, its driver, is red and getting worse: fell 3 months in a row (-6.0 pts since Jul 2026).", text, StringComparison.Ordinal);
        Assert.Contains("Shipper satisfaction is red; on-time delivery, its driver, has no value for Oct 2026.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Slack_status_of_vacation_counts_as_away_where_allowed_and_is_asked_only_when_a_prompt_is_due()
    {
        await using (var scope = _services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
            var organization = await db.Organizations.SingleAsync(o => o.Id == _organization.Id);
            organization.SlackTeamId = "T0PRAIRIE";
            organization.AwayFromSlackStatus = true;
            await db.SaveChangesAsync();
        }

        _status.AwayUntil[_people["Ben"].Id] = new DateOnly(2026, 11, 6);
        _time.SetUtcNow(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));

        await LiveUntilAsync(new DateTimeOffset(2026, 11, 9, 9, 0, 0, TimeSpan.Zero));

        var rows = await RowsAsync();
        Assert.DoesNotContain(rows, r => r.PersonId == _people["Ben"].Id && r.CreatedAt < new DateTimeOffset(2026, 11, 7, 0, 0, 0, TimeSpan.Zero));
        await using (var scope = _services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
            var absence = await db.Absences.AsNoTracking().SingleAsync(a => a.PersonId == _people["Ben"].Id);
            Assert.Equal((AbsenceSource.SlackStatus, new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 6)), (absence.Source, absence.From, absence.To));
            Assert.Equal("Slack status", (await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Subject == "Absence" && e.OrganizationId == _organization.Id)).ActorName);
        }

        // Asked when the prompt was due on Monday 2 Nov, and again when it was due on Ben's first day back: not on every run.
        Assert.Equal([new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 9)], _status.Asked.Where(a => a.Person == _people["Ben"].Id).Select(a => a.Day));
        var digest = Text(rows.Where(r => r.Kind == "digest").Select(r => MessageJson.Deserialize(r.PayloadJson)));
        Assert.Contains("Ben Cole (away 2 Nov – 6 Nov): Claims ratio", digest, StringComparison.Ordinal);
    }

    /// <summary>Says who is away by their chat status, and remembers who was asked on which day.</summary>
    private sealed class FakeAwayStatus : IPlatformAwayStatus
    {
        public Dictionary<Guid, DateOnly> AwayUntil { get; } = [];

        public List<(Guid Person, DateOnly Day)> Asked { get; } = [];

        public Task<DateOnly?> AwayUntilAsync(Organization organization, Person person, DateOnly today, TimeZoneInfo calendarZone, CancellationToken cancellationToken)
        {
            Asked.Add((person.Id, today));
            return Task.FromResult(AwayUntil.TryGetValue(person.Id, out var until) && until >= today ? until : (DateOnly?)null);
        }
    }

    /// <summary>A digest as a reader sees it: one line per block, mentions as @Name, facts as "label: value".</summary>
    private static string Text(IEnumerable<Message> messages)
    {
        var text = new StringBuilder();
        foreach (var message in messages)
        {
            foreach (var block in message.Blocks)
            {
                switch (block)
                {
                    case Heading h:
                        text.AppendLine("# " + h.Text);
                        break;
                    case Paragraph p:
                        text.AppendLine(string.Concat(p.Inlines.Select(i => i switch { Run r => r.Text, Mention m => "@" + m.Name, Link l => l.Text, _ => string.Empty })));
                        break;
                    case Note n:
                        text.AppendLine("  " + n.Text);
                        break;
                    case FactList f:
                        f.Facts.ToList().ForEach(x => text.AppendLine($"  {x.Label}: {x.Value}"));
                        break;
                    case KpiTable t:
                        t.Rows.ToList().ForEach(r => text.AppendLine($"  {r.Name}  {r.Value} / {r.Target}  {r.Status}  {r.Note}"));
                        break;
                }
            }
        }

        return text.ToString();
    }
}
