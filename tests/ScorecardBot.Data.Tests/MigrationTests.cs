using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using ScorecardBot.Data.Tests.Infrastructure;

namespace ScorecardBot.Data.Tests;

/// <summary>Each test starts from an empty database of its own and migrates it with the real migrations.</summary>
public abstract class MigrationTests
{
    protected abstract TestDatabase CreateEmptyDatabase();

    [Fact]
    public async Task The_migrator_creates_every_table_in_an_empty_database_and_then_has_nothing_pending()
    {
        await using var database = await EmptyAsync();
        await using var services = database.CreateServices();
        var migrator = services.GetRequiredService<DatabaseMigrator>();

        Assert.NotEmpty(await migrator.GetPendingMigrationsAsync());
        var applied = await migrator.MigrateAsync();

        await using var db = database.CreateContext();
        Assert.Equal(db.Database.GetMigrations(), applied);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Empty(await migrator.MigrateAsync());
        foreach (var query in EveryTable(db))
        {
            Assert.False(await query.AnyAsync());
        }
    }

    [Fact]
    public async Task The_model_has_no_changes_missing_from_the_migrations()
    {
        await using var database = await EmptyAsync();
        await using var db = database.CreateContext();
        Assert.False(db.Database.HasPendingModelChanges(),
            $"The model differs from the {database.Provider} migrations snapshot: add a migration to each migrations project.");
    }

    [Fact]
    public async Task Starting_the_host_migrates_when_asked_to()
    {
        await using var database = await EmptyAsync();
        var options = database.Options;
        options.MigrateOnStart = true;
        await using var services = new ServiceCollection().AddLogging().AddScorecardData(options).BuildServiceProvider();

        foreach (var hosted in services.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        Assert.Empty(await services.GetRequiredService<DatabaseMigrator>().GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task The_health_check_reports_a_migrated_database_as_healthy()
    {
        await using var database = await EmptyAsync();
        await using var services = database.CreateServices(s => s.AddHealthChecks().AddScorecardDatabaseCheck());
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        var report = await services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.Equal(HealthStatus.Healthy, report.Entries["database"].Status);
    }

    private async Task<AsyncDatabase> EmptyAsync()
    {
        var database = CreateEmptyDatabase();
        await database.InitializeAsync();
        return new AsyncDatabase(database);
    }

    private static IQueryable<object>[] EveryTable(ScorecardDbContext db) =>
    [
        db.Organizations, db.People, db.ChannelAccounts, db.Scorecards, db.TeamChannels, db.Perspectives, db.Objectives,
        db.ObjectiveLinks, db.Kpis, db.Targets, db.Actuals, db.Initiatives, db.Milestones, db.ReviewActions, db.ReviewCycles,
        db.Holidays, db.AuditEntries,
    ];

    /// <summary>Disposes (deletes) the database at the end of a using block.</summary>
    private sealed class AsyncDatabase(TestDatabase database) : IAsyncDisposable
    {
        public DatabaseProvider Provider => database.Provider;
        public DatabaseOptions Options => database.Options;
        public ScorecardDbContext CreateContext() => database.CreateContext();
        public ServiceProvider CreateServices(Action<IServiceCollection>? configure = null) => database.CreateServices(configure);
        public async ValueTask DisposeAsync() => await database.DisposeAsync();
    }
}

public sealed class MigrationTestsOnSqlite : MigrationTests
{
    protected override TestDatabase CreateEmptyDatabase() => new SqliteTestDatabase(migrate: false);
}

public sealed class MigrationTestsOnPostgres : MigrationTests
{
    protected override TestDatabase CreateEmptyDatabase() => new PostgresTestDatabase(migrate: false);
}

public sealed class TestDatabaseTests
{
    [Fact]
    public async Task An_unreachable_PostgreSQL_server_fails_the_tests_with_a_clear_message()
    {
        var database = new PostgresTestDatabase(migrate: true, server: "Host=127.0.0.1;Port=1;Username=scorecard;Password=scorecard");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(database.InitializeAsync);

        Assert.Contains("PostgreSQL is not reachable at '127.0.0.1:1'", error.Message, StringComparison.Ordinal);
        Assert.Contains(PostgresTestDatabase.ServerVariable, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_migrator_creates_the_folder_of_a_SQLite_file()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"scorecard-test-{Guid.NewGuid():N}", "data");
        var options = new DatabaseOptions { ConnectionString = $"Data Source={Path.Combine(folder, "scorecard.db")};Pooling=false", MigrateOnStart = false };
        try
        {
            await using var services = new ServiceCollection().AddLogging().AddScorecardData(options).BuildServiceProvider();
            await services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
            Assert.True(File.Exists(Path.Combine(folder, "scorecard.db")));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(folder)!, recursive: true);
        }
    }
}
