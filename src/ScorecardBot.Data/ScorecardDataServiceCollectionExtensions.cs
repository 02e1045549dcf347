using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ScorecardBot.Data.Auditing;

namespace ScorecardBot.Data;

public static class ScorecardDataServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ScorecardDbContext"/> (scoped) on the configured provider, the scoped
    /// <see cref="IAuditContext"/>, <see cref="DatabaseMigrator"/> and, when
    /// <see cref="DatabaseOptions.MigrateOnStart"/>, a hosted service that migrates on start.
    /// The host must reference the provider's migrations assembly.
    /// </summary>
    public static IServiceCollection AddScorecardData(this IServiceCollection services, DatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _ = options.EffectiveConnectionString; // fail at start-up, not at the first query

        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<IAuditContext, AuditContext>();
        services.AddDbContext<ScorecardDbContext>(builder => builder.UseScorecardDatabase(options));
        services.TryAddSingleton<DatabaseMigrator>();
        if (options.MigrateOnStart)
        {
            services.AddHostedService<DatabaseMigrationOnStart>();
        }

        return services;
    }

    /// <summary>Same, reading <c>Database:*</c> and <c>ConnectionStrings:Scorecard</c>.</summary>
    public static IServiceCollection AddScorecardData(this IServiceCollection services, IConfiguration configuration) =>
        services.AddScorecardData(DatabaseOptions.FromConfiguration(configuration));

    /// <summary>A readiness check that opens a connection to the scorecard database.</summary>
    public static IHealthChecksBuilder AddScorecardDatabaseCheck(
        this IHealthChecksBuilder builder, string name = "database", params string[] tags) =>
        builder.AddDbContextCheck<ScorecardDbContext>(name, HealthStatus.Unhealthy, tags);
}
