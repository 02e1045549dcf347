using Microsoft.Data.Sqlite;

namespace ScorecardBot.IntegrationTests.Infrastructure;

/// <summary>The bot on a temporary SQLite file, migrated and seeded by the host itself.</summary>
public class SqliteBot : BotUnderTest
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"scorecard-integration-{Guid.NewGuid():N}.db");

    public override string Provider => "Sqlite";

    protected override string ConnectionString => new SqliteConnectionStringBuilder { DataSource = _path }.ToString();

    protected override Task CreateDatabaseAsync() => Task.CompletedTask; // the host's first connection creates the file

    protected override Task DropDatabaseAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }

        return Task.CompletedTask;
    }
}
