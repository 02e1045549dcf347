using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Delivery;
using ScorecardBot.Core.Model;
using ScorecardBot.Data;
using ScorecardBot.Data.Auditing;
using ScorecardBot.Data.Outbox;
using ScorecardBot.IntegrationTests.Fakes;

namespace ScorecardBot.IntegrationTests.Delivery;

/// <summary>
/// The bot as its own process, sending 300 prompts to the fake Slack API on loopback, killed with
/// SIGKILL in the middle and started again: every prompt reaches Slack, and the fake — which, like
/// the outbox contract asks, recognises a message by the outbox key in its metadata — shows each
/// exactly once.
/// </summary>
public sealed class ProcessKillTests : IAsyncLifetime
{
    private const int Prompts = 300;
    private const string Team = "TKILLTEST";

    private readonly string _path = Path.Combine(Path.GetTempPath(), $"scorecard-kill-{Guid.NewGuid():N}.db");
    private FakeSlackApi _slack = null!;

    public async Task InitializeAsync() => _slack = await FakeSlackApi.StartAsync();

    public async Task DisposeAsync()
    {
        await _slack.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Killed_mid_dispatch_and_restarted_every_prompt_reaches_Slack_exactly_once()
    {
        var keys = await SeedAsync();

        using (var first = Start())
        {
            await WaitAsync(() => Posts().Count >= Prompts / 3, TimeSpan.FromSeconds(60), first);
            first.Kill(entireProcessTree: true); // SIGKILL: no shutdown, leases left behind
            await first.WaitForExitAsync();
        }

        var atKill = Shown().Count;
        var postsAtKill = Posts().Count;
        Assert.InRange(atKill, 1, Prompts - 1);

        using (var second = Start())
        {
            await WaitAsync(() => Shown().Count >= Prompts, TimeSpan.FromSeconds(90), second);
            await Task.Delay(1500); // anything sent twice would arrive by now
            second.Kill(entireProcessTree: true);
            await second.WaitForExitAsync();
        }

        var shown = Shown();
        Assert.Equal(keys.Order(StringComparer.Ordinal), shown.Keys.Order(StringComparer.Ordinal));

        // A repeat can only be a message in flight at the kill (Slack took it, the outbox had not
        // marked it yet): posted once before the kill and once after, recognised by its key, and
        // no more of them than sends in flight.
        var repeated = shown.Where(s => s.Value.Count > 1).ToList();
        Assert.All(repeated, s => Assert.Equal(2, s.Value.Count));
        Assert.All(repeated, s => Assert.True(s.Value[0].Index < postsAtKill && s.Value[1].Index >= postsAtKill, s.Key));
        Assert.InRange(repeated.Count, 0, 16);

        await using var db = Context();
        var rows = await db.Set<OutboxMessage>().AsNoTracking().ToListAsync();
        Assert.All(rows, r => Assert.Equal(OutboxStatus.Sent, r.Status));
    }

    /// <summary>Every chat.postMessage by outbox key, with its place in the order of posts; the first of a key is what people see.</summary>
    private Dictionary<string, List<(bool Accepted, int Index)>> Shown()
    {
        var shown = new Dictionary<string, List<(bool Accepted, int Index)>>(StringComparer.Ordinal);
        foreach (var (post, i) in Posts().Select((p, i) => (p, i)))
        {
            var key = FakeSlackApi.Fields(post)["metadata"]?["event_payload"]?["key"]?.ToString() ?? "(no key)";
            if (!shown.TryGetValue(key, out var list))
            {
                shown[key] = list = [];
            }

            list.Add((list.Count == 0, i));
        }

        return shown;
    }

    private List<SlackCall> Posts() => [.. _slack.Calls.Where(c => c.Method == "chat.postMessage")];

    private async Task<List<string>> SeedAsync()
    {
        await using var db = Context();
        await db.Database.MigrateAsync();
        var organization = new Organization { Name = "Kill test", SlackTeamId = Team, CreatedAt = DateTimeOffset.UtcNow };
        db.Organizations.Add(organization);
        var people = Enumerable.Range(1, Prompts).Select(i =>
        {
            var person = new Person { OrganizationId = organization.Id, Name = $"Owner {i:D3}", Email = $"owner{i:D3}@kill.example", Role = Role.Owner };
            person.Accounts.Add(new ChannelAccount { PersonId = person.Id, Platform = Platform.Slack, ExternalId = $"U{i:D6}" });
            return person;
        }).ToList();
        db.People.AddRange(people);

        // They have talked to the bot before: their DM channels are known (no conversations.open,
        // which Slack allows about 50 times a minute).
        db.ConversationReferences.AddRange(people.Select((p, i) => new ConversationReference
        {
            OrganizationId = organization.Id,
            Platform = Platform.Slack,
            PersonId = p.Id,
            ConversationId = $"D{i + 1:D6}",
            Kind = ConversationKind.Direct,
            TenantOrTeamId = Team,
        }));
        await db.SaveChangesAsync();

        var entries = people.Select(p => new OutboxEntry(
            new OutgoingMessage(organization.Id, Platform.Slack, Destination.Direct(p.Id), Message.Text($"Please report October, {p.Name}.", "prompt"), $"prompt:kill:2026-10:{p.Id}"),
            "prompt", DateTimeOffset.UtcNow.AddMinutes(-1))).ToList();
        await new OutboxWriter(TimeProvider.System).AddManyAsync(db, entries, CancellationToken.None);
        return [.. entries.Select(e => e.Message.IdempotencyKey)];
    }

    private ScorecardDbContext Context() => new(
        new DbContextOptionsBuilder<ScorecardDbContext>().UseScorecardDatabase(Options).Options,
        new AuditContext(null, "test", EntrySource.Import), TimeProvider.System);

    private DatabaseOptions Options => new() { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={_path}", MigrateOnStart = false };

    /// <summary>The bot's own program (ScorecardBot.dll beside the tests), configured by environment variables.</summary>
    private Process Start()
    {
        var start = new ProcessStartInfo("dotnet", $"\"{Path.Combine(AppContext.BaseDirectory, "ScorecardBot.dll")}\"")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Urls"] = "http://127.0.0.1:0",
            ["Database__Provider"] = "Sqlite",
            ["ConnectionStrings__Scorecard"] = $"Data Source={_path}",
            ["Database__SeedSample"] = "none",
            ["PublicBaseUrl"] = "https://scorecard.example.test",
            ["Charts__SigningKey"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
            ["Slack__SigningSecret"] = "8f742231b10e8888abcd99yyyzzz85a5",
            ["Slack__BotToken"] = "xoxb-kill-test",
            ["Slack__ApiBaseUrl"] = _slack.ApiBaseUrl,
            ["Outbox__Slack__PerPlatform"] = "100",
            ["Outbox__Slack__PerWorkspace"] = "100",
            ["Scheduler__DispatchInterval"] = "00:00:01",
            ["Telemetry__OtlpEndpoint"] = "",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The bot did not start.");
        var output = new ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => output.Enqueue(e.Data ?? "");
        process.ErrorDataReceived += (_, e) => output.Enqueue(e.Data ?? "");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _output = output;
        return process;
    }

    private ConcurrentQueue<string> _output = new();

    private async Task WaitAsync(Func<bool> done, TimeSpan patience, Process process)
    {
        var deadline = DateTime.UtcNow + patience;
        while (!done())
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited in vain (exited: {process.HasExited}); {Posts().Count} posts. The bot said:\n" + string.Join("\n", _output.TakeLast(40)));
            }

            await Task.Delay(20);
        }
    }
}
