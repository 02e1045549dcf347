using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Delivery;
using ScorecardBot.Core.Model;
using ScorecardBot.Data;
using ScorecardBot.Data.Outbox;
using ScorecardBot.Scheduling;

namespace ScorecardBot.Tests.Scheduling;

/// <summary>
/// The clustered Quartz store on the real PostgreSQL server (env SCORECARD_TEST_POSTGRES): Quartz's
/// qrtz_ tables are created in the scorecard database, two nodes check in, and the outbox that
/// both drain delivers a message once.
/// </summary>
public sealed class QuartzClusterTests : IAsyncLifetime
{
    private static string Server => Environment.GetEnvironmentVariable("SCORECARD_TEST_POSTGRES") is { Length: > 0 } value
        ? value : "Host=127.0.0.1;Port=5432;Username=scorecard;Password=scorecard";

    private readonly string _name = $"scorecard_test_{Guid.NewGuid():N}";

    private string ConnectionString => new NpgsqlConnectionStringBuilder(Server) { Database = _name }.ToString();

    public async Task InitializeAsync()
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server) { Database = "postgres", Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_name}\"", connection);
        await create.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server) { Database = "postgres", Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private IHost Node(string instanceId, RecordingChannel channel)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Scheduler:InstanceId"] = instanceId,
            ["Scheduler:DispatchInterval"] = "00:00:01",
            ["Scheduler:RhythmInterval"] = "00:00:10",
        });
        var database = new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = ConnectionString, MigrateOnStart = true };
        builder.Services.AddSingleton<IChannelSender>(channel);
        builder.Services.AddScorecardData(database);
        builder.Services.AddScorecardScheduling(builder.Configuration, database);
        return builder.Build();
    }

    [Fact]
    public async Task Two_clustered_nodes_share_the_schedule_and_deliver_a_message_once()
    {
        var channel = new RecordingChannel();
        using var one = Node("node-1", channel);
        await one.StartAsync();
        using var two = Node("node-2", channel);
        await two.StartAsync();

        var organization = new Organization { Name = "Cluster", CreatedAt = DateTimeOffset.UtcNow };
        using (var scope = one.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
            db.Organizations.Add(organization);
            await db.SaveChangesAsync();
            var message = new OutgoingMessage(organization.Id, Platform.Teams, Destination.Channel("19:general@thread.tacv2"), Message.Text("Digest", "digest"), "digest:cluster");
            Assert.True(await scope.ServiceProvider.GetRequiredService<OutboxWriter>().TryAddAsync(db, message, "digest", DateTimeOffset.UtcNow, CancellationToken.None));
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!channel.Shown.ContainsKey("digest:cluster") && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.True(channel.Shown.ContainsKey("digest:cluster"), "one of the nodes sent it");
        await Task.Delay(2500); // both nodes have looked at the outbox again since
        Assert.Equal(1, channel.AttemptsOf("digest:cluster"));

        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await using var nodes = new NpgsqlCommand("SELECT instance_name FROM qrtz_scheduler_state WHERE sched_name = 'ScorecardBot' ORDER BY 1", connection);
            var names = new List<string>();
            await using (var reader = await nodes.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    names.Add(reader.GetString(0));
                }
            }

            Assert.Equal(["node-1", "node-2"], names);
            // The review rhythm is the one clustered job; every node drains the outbox itself.
            await using var triggers = new NpgsqlCommand("SELECT count(*) FROM qrtz_triggers WHERE sched_name = 'ScorecardBot'", connection);
            Assert.Equal(1L, await triggers.ExecuteScalarAsync());
        }

        await two.StopAsync();
        await one.StopAsync();
    }
}
