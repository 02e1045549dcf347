using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScorecardBot.Core.Model;
using ScorecardBot.Data.Auditing;

namespace ScorecardBot.Data.Tests.Infrastructure;

/// <summary>
/// A real, migrated database (or an empty one, with migrate: false) owned by one test class (an xunit class fixture): created with the
/// provider's real migrations before the first test, deleted after the last.
///
/// To run a test once per provider, write it in an abstract class that takes a
/// <see cref="TestDatabase"/> and derive one sealed class per provider:
/// <code>
/// public abstract class KpiStoreTests(TestDatabase database) : DatabaseTests(database)
/// {
///     [Fact]
///     public async Task Finds_a_kpi_by_alias() { var seed = await SeedScorecard.CreateAsync(Database); ... }
/// }
/// public sealed class KpiStoreTestsOnSqlite(SqliteTestDatabase db) : KpiStoreTests(db), IClassFixture&lt;SqliteTestDatabase&gt;;
/// public sealed class KpiStoreTestsOnPostgres(PostgresTestDatabase db) : KpiStoreTests(db), IClassFixture&lt;PostgresTestDatabase&gt;;
/// </code>
/// The tests of one class share the database, so each test creates its own organization
/// (<see cref="SeedScorecard"/>) and looks only at it; every row is scoped to an organization.
/// </summary>
public abstract class TestDatabase(bool migrate) : IAsyncLifetime
{
    /// <summary>The actor of contexts created without an explicit audit context.</summary>
    public static AuditContext TestActor() => new(actorId: null, actorName: "test", EntrySource.Command);

    public abstract DatabaseProvider Provider { get; }

    /// <summary>Options pointing at this database (MigrateOnStart off: it is migrated already).</summary>
    public DatabaseOptions Options => new()
    {
        Provider = Provider,
        ConnectionString = ConnectionString,
        MigrateOnStart = false,
    };

    protected abstract string ConnectionString { get; }

    /// <summary>A new context on this database. Without <paramref name="audit"/> the actor is "test" via Command.</summary>
    public ScorecardDbContext CreateContext(IAuditContext? audit = null, TimeProvider? time = null) =>
        new(new DbContextOptionsBuilder<ScorecardDbContext>().UseScorecardDatabase(Options).Options,
            audit ?? TestActor(), time ?? TimeProvider.System);

    /// <summary>
    /// A service provider with <c>AddScorecardData</c> on this database, for testing services that
    /// take the context or <see cref="IAuditContext"/> from dependency injection.
    /// </summary>
    public ServiceProvider CreateServices(Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddScorecardData(Options);
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    public async Task InitializeAsync()
    {
        await CreateEmptyAsync();
        if (migrate)
        {
            await using var db = CreateContext();
            await db.Database.MigrateAsync();
        }
    }

    public async Task DisposeAsync() => await DeleteAsync();

    /// <summary>Creates the empty database (no tables).</summary>
    protected abstract Task CreateEmptyAsync();

    protected abstract Task DeleteAsync();
}
