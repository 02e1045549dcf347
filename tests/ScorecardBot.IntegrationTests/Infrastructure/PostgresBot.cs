using Npgsql;

namespace ScorecardBot.IntegrationTests.Infrastructure;

/// <summary>
/// The bot on a uniquely named database of the PostgreSQL server (env SCORECARD_TEST_POSTGRES),
/// dropped afterwards. An unreachable server fails the tests with a message saying so: CI starts
/// the server, so a skip would hide a broken run.
/// </summary>
public class PostgresBot : BotUnderTest
{
    public const string ServerVariable = "SCORECARD_TEST_POSTGRES";
    public const string DefaultServer = "Host=127.0.0.1;Port=5432;Username=scorecard;Password=scorecard";

    private readonly string _name = $"scorecard_it_{Guid.NewGuid():N}";

    public override string Provider => "Postgres";

    private static string Server => Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } value ? value : DefaultServer;

    protected override string ConnectionString => new NpgsqlConnectionStringBuilder(Server) { Database = _name }.ToString();

    protected override async Task CreateDatabaseAsync()
    {
        await using var connection = await OpenMaintenanceConnectionAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_name}\"", connection);
        await create.ExecuteNonQueryAsync();
    }

    protected override async Task DropDatabaseAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = await OpenMaintenanceConnectionAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private static async Task<NpgsqlConnection> OpenMaintenanceConnectionAsync()
    {
        var builder = new NpgsqlConnectionStringBuilder(Server) { Database = "postgres", Pooling = false, Timeout = 5 };
        var connection = new NpgsqlConnection(builder.ToString());
        try
        {
            await connection.OpenAsync();
            return connection;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            await connection.DisposeAsync();
            throw new InvalidOperationException(
                $"PostgreSQL is not reachable at '{builder.Host}:{builder.Port}' as '{builder.Username}' ({ex.Message}). " +
                $"Run the tests with ./test.sh, which starts a server of its own, or point {ServerVariable} at one. These tests do not skip.", ex);
        }
    }
}
