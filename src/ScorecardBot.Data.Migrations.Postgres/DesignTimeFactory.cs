using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using ScorecardBot.Data.Auditing;

namespace ScorecardBot.Data.Migrations.Postgres;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build the model for Postgres without a host. Generating
/// migrations never connects, so the connection string is only a placeholder.
/// </summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<ScorecardDbContext>
{
    public ScorecardDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<ScorecardDbContext>()
            .UseScorecardDatabase(new DatabaseOptions
            {
                Provider = DatabaseProvider.Postgres,
                UseCompiledModel = false, // the tools build the model from the configurations
                ConnectionString = "Host=localhost;Database=scorecardbot;Username=scorecard",
            })
            .Options;
        return new ScorecardDbContext(options, new AuditContext(), TimeProvider.System);
    }
}
