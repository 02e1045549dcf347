using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScorecardBot.Data.AsCode;
using ScorecardBot.Data.Tests.Infrastructure;

namespace ScorecardBot.Data.Tests.AsCode;

/// <summary>
/// The entry point the host uses, resolved from dependency injection. One test per class, as it
/// needs a database that starts empty.
/// </summary>
public abstract class ScorecardAsCodeServiceTests(TestDatabase database) : DatabaseTests(database)
{
    [Fact]
    public async Task Seeds_an_empty_database_once_then_exports_and_imports_by_path()
    {
        await using var services = Database.CreateServices(s => s.AddScorecardAsCode());
        var export = Path.Combine(Path.GetTempPath(), $"export-{Guid.NewGuid():N}.yaml");
        try
        {
            Guid? seeded, again;
            await using (var scope = services.CreateAsyncScope())
            {
                var asCode = scope.ServiceProvider.GetRequiredService<ScorecardAsCode>();
                seeded = await asCode.SeedIfEmptyAsync(Samples.Path("logistics.yaml"), Samples.Path("logistics.actuals.csv"));
            }

            await using (var scope = services.CreateAsyncScope())
            {
                var asCode = scope.ServiceProvider.GetRequiredService<ScorecardAsCode>();
                again = await asCode.SeedIfEmptyAsync(Samples.Path("logistics.yaml"));
                await asCode.ExportAsync(export);
            }

            await using (var scope = services.CreateAsyncScope())
            {
                var asCode = scope.ServiceProvider.GetRequiredService<ScorecardAsCode>();
                var reimport = await asCode.ImportAsync(export);
                var actuals = await asCode.ImportActualsAsync(Samples.Path("logistics.actuals.csv"));
                Assert.Equal((seeded!.Value, true), (reimport.OrganizationId, reimport.ChangedNothing));
                Assert.Equal(0, actuals.Created + actuals.Updated);
            }

            Assert.NotNull(seeded);
            Assert.Null(again);
            Assert.StartsWith("version: 1\norganization:\n  name: Prairie Line Logistics\n", await File.ReadAllTextAsync(export), StringComparison.Ordinal);
            await using var db = Database.Context();
            Assert.Equal(24, await db.Actuals.CountAsync(a => a.OrganizationId == seeded.Value) / await db.Kpis.CountAsync(k => k.OrganizationId == seeded.Value));
        }
        finally
        {
            File.Delete(export);
        }
    }
}

public sealed class ScorecardAsCodeServiceTestsOnSqlite(SqliteTestDatabase db) : ScorecardAsCodeServiceTests(db), IClassFixture<SqliteTestDatabase>;

public sealed class ScorecardAsCodeServiceTestsOnPostgres(PostgresTestDatabase db) : ScorecardAsCodeServiceTests(db), IClassFixture<PostgresTestDatabase>;
