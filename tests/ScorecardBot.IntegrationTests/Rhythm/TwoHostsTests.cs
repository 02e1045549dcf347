using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using ScorecardBot.Core.Delivery;
using ScorecardBot.Core.Rhythm;
using ScorecardBot.Data;
using ScorecardBot.Data.Outbox;
using ScorecardBot.IntegrationTests.Fakes;
using ScorecardBot.IntegrationTests.Infrastructure;
using ScorecardBot.Scheduling;

namespace ScorecardBot.IntegrationTests.Rhythm;

/// <summary>
/// Two whole bots on one PostgreSQL database, their Quartz schedulers clustered, living through
/// December 2026 of the logistics sample on one fake clock. At every moment something is due both
/// run the review rhythm at once and both drain the outbox at once (their dispatch loops run too):
/// the channel they share sees every message once.
/// </summary>
public sealed class TwoHostsTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset End = new(2026, 12, 31, 0, 0, 0, TimeSpan.Zero);

    private readonly string _name = $"scorecard_two_{Guid.NewGuid():N}";
    private readonly FakeTimeProvider _time = new(Start);
    private readonly SharedChannel _channel = new();
    private readonly OutboundLog _outbound = new();
    private readonly List<ScorecardBotFactory> _bots = [];

    private static string Server => Environment.GetEnvironmentVariable(PostgresBot.ServerVariable) is { Length: > 0 } value ? value : PostgresBot.DefaultServer;

    public async Task InitializeAsync()
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server) { Database = "postgres", Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_name}\"", connection);
        await create.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var bot in _bots)
        {
            await bot.DisposeAsync();
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server) { Database = "postgres", Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private ScorecardBotFactory Bot(string node)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Scorecard"] = new NpgsqlConnectionStringBuilder(Server) { Database = _name }.ToString(),
            ["Database:SeedSample"] = "logistics",
            ["PublicBaseUrl"] = BotUnderTest.PublicBaseUrl,
            ["Charts:SigningKey"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
            ["LocalChat:Enabled"] = "false",
            ["Scheduler:Clustered"] = "true",
            ["Scheduler:InstanceId"] = node,
            ["Scheduler:RhythmInterval"] = "00:00:10",
            ["Scheduler:DispatchInterval"] = "00:00:01",
            ["Telemetry:OtlpEndpoint"] = "",
        };
        var bot = new ScorecardBotFactory(settings, _outbound, new Uri("http://127.0.0.1:9/"), services =>
        {
            services.AddSingleton<TimeProvider>(_time);
            services.AddSingleton<IChannelSender>(_channel);
        });
        _bots.Add(bot);
        bot.Start().Dispose();
        return bot;
    }

    [Fact]
    public async Task Two_clustered_bots_through_a_month_send_every_message_once()
    {
        var one = Bot("node-1");
        var two = Bot("node-2");
        var nodes = new[] { one, two };
        var organization = await OrganizationAsync(one);

        for (var step = 0; step < 500; step++)
        {
            var next = await NextDueAsync(one, organization);
            if (next is not { } at || at >= End)
            {
                break;
            }

            _time.SetUtcNow(at);
            await Task.WhenAll(nodes.Select(n => ActivatorUtilities.CreateInstance<ReviewRhythmJob>(n.Services).RunAsync(CancellationToken.None)));
            await Task.WhenAll(nodes.Select(n => n.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None)));
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        var rows = await RowsAsync(one);
        Assert.Contains(rows, r => r.Kind == "prompt");
        Assert.Contains(rows, r => r.Kind == "digest");
        Assert.Contains(rows, r => r.Kind == "agenda");
        Assert.All(rows, r => Assert.True(r.Status == OutboxStatus.Sent, $"{r.Key}: {r.Status} {r.LastError}"));
        Assert.Equal(rows.Select(r => r.Key).Order(StringComparer.Ordinal), _channel.Attempts.Keys.Order(StringComparer.Ordinal));
        Assert.All(_channel.Attempts, a => Assert.True(a.Value == 1, $"{a.Key} was sent {a.Value} times"));

        // Both bots are nodes of one Quartz cluster, holding one review-rhythm trigger between them.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server) { Database = _name }.ToString());
        await connection.OpenAsync();
        await using var checkedIn = new NpgsqlCommand("SELECT string_agg(instance_name, ',' ORDER BY instance_name) FROM qrtz_scheduler_state", connection);
        Assert.Equal("node-1,node-2", await checkedIn.ExecuteScalarAsync());
        await using var triggers = new NpgsqlCommand("SELECT count(*) FROM qrtz_triggers", connection);
        Assert.Equal(1L, await triggers.ExecuteScalarAsync());
        Assert.Empty(_outbound.Unexpected);
    }

    private async Task<Core.Model.Organization> OrganizationAsync(ScorecardBotFactory bot)
    {
        await using var scope = bot.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        return await db.Organizations.AsNoTracking().SingleAsync();
    }

    private async Task<DateTimeOffset?> NextDueAsync(ScorecardBotFactory bot, Core.Model.Organization organization)
    {
        await using var scope = bot.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        var input = await ReviewRhythmPlanner.LoadAsync(db, organization, _time.GetUtcNow(), CancellationToken.None);
        return ReviewRhythm.NextDueAt(input, _time.GetUtcNow());
    }

    private static async Task<List<OutboxMessage>> RowsAsync(ScorecardBotFactory bot)
    {
        await using var scope = bot.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        return await db.Set<OutboxMessage>().AsNoTracking().OrderBy(m => m.Id).ToListAsync();
    }

    /// <summary>The channel both bots send through: counts every attempt of every key.</summary>
    private sealed class SharedChannel : IChannelSender
    {
        private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);

        public IReadOnlyDictionary<string, int> Attempts => _attempts;

        public Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
        {
            _attempts.AddOrUpdate(message.IdempotencyKey, 1, (_, n) => n + 1);
            return Task.FromResult<DeliveryResult>(new DeliveryResult.Sent(new MessageReference(message.Destination.ConversationId ?? "dm", "m-" + message.IdempotencyKey)));
        }
    }
}
