using Microsoft.EntityFrameworkCore;

namespace ScorecardBot.Data;

/// <summary>Points a <see cref="DbContextOptionsBuilder"/> at the configured provider and its migrations.</summary>
public static class ScorecardDatabase
{
    public static DbContextOptionsBuilder<ScorecardDbContext> UseScorecardDatabase(
        this DbContextOptionsBuilder<ScorecardDbContext> builder, DatabaseOptions options)
    {
        ((DbContextOptionsBuilder)builder).UseScorecardDatabase(options);
        return builder;
    }

    public static DbContextOptionsBuilder UseScorecardDatabase(this DbContextOptionsBuilder builder, DatabaseOptions options)
    {
        var connectionString = options.EffectiveConnectionString;
        var migrations = options.MigrationsAssembly;
        return options.Provider switch
        {
            DatabaseProvider.Sqlite => builder.UseSqlite(connectionString, o => o.MigrationsAssembly(migrations)),
            DatabaseProvider.SqlServer => builder.UseSqlServer(connectionString, o => o.MigrationsAssembly(migrations)),
            DatabaseProvider.Postgres => builder.UseNpgsql(connectionString, o => o.MigrationsAssembly(migrations)),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Provider, "Unknown database provider."),
        };
    }
}
