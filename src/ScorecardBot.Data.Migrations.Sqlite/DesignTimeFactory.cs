using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using ScorecardBot.Data.Auditing;

namespace ScorecardBot.Data.Migrations.Sqlite;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build the model for Sqlite without a host. Generating
/// migrations never connects, so the connection string is only a placeholder.
/// </summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<ScorecardDbContext>
{
    public ScorecardDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<ScorecardDbContext>()
            .UseScorecardDatabase(new DatabaseOptions
            {
                Provider = DatabaseProvider.Sqlite,
                UseCompiledModel = false, // the tools build the model from the configurations
                ConnectionString = "Data Source=scorecard.design.db",
            })
            .Options;
        return new ScorecardDbContext(options, new AuditContext(), TimeProvider.System);
    }
}
