using Npgsql;

namespace ScorecardBot.Data.Tests.Infrastructure;

/// <summary>
/// A uniquely named database on the PostgreSQL server (env SCORECARD_TEST_POSTGRES), migrated with
/// ScorecardBot.Data.Migrations.Postgres and dropped afterwards. When the server is unreachable the
/// tests fail with a message saying so: CI starts the server, so a skip would hide a broken run.
/// </summary>
public sealed class PostgresTestDatabase : TestDatabase
{
    public PostgresTestDatabase()
        : base(migrate: true)
    {
        _server = Server;
    }

    /// <summary>An empty database, when the test itself is about migrating.</summary>
    internal PostgresTestDatabase(bool migrate, string? server = null)
        : base(migrate)
    {
        _server = server ?? Server;
    }

    public const string ServerVariable = "SCORECARD_TEST_POSTGRES";
    public const string DefaultServer = "Host=127.0.0.1;Port=5432;Username=scorecard;Password=scorecard";

    private readonly string _name = $"scorecard_test_{Guid.NewGuid():N}";
    private readonly string _server;

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public static string Server => Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } value ? value : DefaultServer;

    protected override string ConnectionString => new NpgsqlConnectionStringBuilder(_server) { Database = _name }.ToString();

    protected override async Task CreateEmptyAsync()
    {
        await using var connection = await OpenMaintenanceConnectionAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_name}\"", connection);
        await create.ExecuteNonQueryAsync();
    }

    protected override async Task DeleteAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = await OpenMaintenanceConnectionAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private async Task<NpgsqlConnection> OpenMaintenanceConnectionAsync()
    {
        var builder = new NpgsqlConnectionStringBuilder(_server) { Database = "postgres", Pooling = false, Timeout = 5 };
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
