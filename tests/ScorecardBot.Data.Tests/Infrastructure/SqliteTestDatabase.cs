using Microsoft.Data.Sqlite;

namespace ScorecardBot.Data.Tests.Infrastructure;

/// <summary>A temporary SQLite file, migrated with ScorecardBot.Data.Migrations.Sqlite.</summary>
public sealed class SqliteTestDatabase : TestDatabase
{
    public SqliteTestDatabase()
        : base(migrate: true)
    {
    }

    /// <summary>An empty database, when the test itself is about migrating.</summary>
    internal SqliteTestDatabase(bool migrate)
        : base(migrate)
    {
    }

    private readonly string _path = Path.Combine(Path.GetTempPath(), $"scorecard-test-{Guid.NewGuid():N}.db");

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override string ConnectionString => new SqliteConnectionStringBuilder { DataSource = _path }.ToString();

    protected override Task CreateEmptyAsync() => Task.CompletedTask; // the first connection creates the file

    protected override Task DeleteAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }

        return Task.CompletedTask;
    }
}
