using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ScorecardBot.Data;

/// <summary>
/// Brings the configured database up to the latest migration of its provider. Used by the host on
/// start (unless Database:MigrateOnStart is false) and by the <c>migrate</c> command.
/// </summary>
public sealed class DatabaseMigrator(IServiceScopeFactory scopes, DatabaseOptions options, ILogger<DatabaseMigrator> logger)
{
    /// <summary>Applies the pending migrations and returns their names (empty when already up to date).</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            CreateSqliteFolder(options.EffectiveConnectionString);
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count == 0)
        {
            logger.LogInformation("Database ({Provider}) is up to date", options.Provider);
            return pending;
        }

        logger.LogInformation("Applying {Count} migration(s) to the {Provider} database: {Migrations}",
            pending.Count, options.Provider, string.Join(", ", pending));
        await db.Database.MigrateAsync(cancellationToken);
        return pending;
    }

    /// <summary>SQLite creates the file but not its folder ("Data Source=data/scorecard.db").</summary>
    private static void CreateSqliteFolder(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode != SqliteOpenMode.Memory && builder.DataSource is { Length: > 0 } file && file != ":memory:")
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(file));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }
    }

    /// <summary>Migrations not yet applied to the configured database.</summary>
    public async Task<IReadOnlyList<string>> GetPendingMigrationsAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        return (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
    }
}
