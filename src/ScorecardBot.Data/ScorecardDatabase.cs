using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace ScorecardBot.Data;

/// <summary>Points a <see cref="DbContextOptionsBuilder"/> at the configured provider, its migrations and its compiled model.</summary>
public static class ScorecardDatabase
{
    private static readonly ConcurrentDictionary<string, IModel?> CompiledModels = new(StringComparer.Ordinal);

    public static DbContextOptionsBuilder<ScorecardDbContext> UseScorecardDatabase(
        this DbContextOptionsBuilder<ScorecardDbContext> builder, DatabaseOptions options)
    {
        ((DbContextOptionsBuilder)builder).UseScorecardDatabase(options);
        return builder;
    }

    public static DbContextOptionsBuilder UseScorecardDatabase(this DbContextOptionsBuilder builder, DatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        var connectionString = options.EffectiveConnectionString;
        var migrations = options.MigrationsAssembly;
        builder = options.Provider switch
        {
            DatabaseProvider.Sqlite => builder.UseSqlite(connectionString, o => o.MigrationsAssembly(migrations)),
            DatabaseProvider.SqlServer => builder.UseSqlServer(connectionString, o => o.MigrationsAssembly(migrations)),
            DatabaseProvider.Postgres => builder.UseNpgsql(connectionString, o => o.MigrationsAssembly(migrations)),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Provider, "Unknown database provider."),
        };

        return options.UseCompiledModel && CompiledModelIn(migrations) is { } model ? builder.UseModel(model) : builder;
    }

    /// <summary>
    /// The provider's compiled model, generated beside its migrations (see the Data README): a
    /// process starts without building the model from the configurations (half a second of every
    /// start). Null when the assembly has none; the model is then built as usual.
    /// </summary>
    public static IModel? CompiledModelIn(string migrationsAssembly) => CompiledModels.GetOrAdd(migrationsAssembly, static name =>
    {
        Assembly assembly;
        try
        {
            assembly = Assembly.Load(new AssemblyName(name));
        }
        catch (FileNotFoundException)
        {
            return null;
        }

        var modelType = assembly.GetCustomAttributes<DbContextModelAttribute>()
            .SingleOrDefault(a => a.ContextType == typeof(ScorecardDbContext))?.ModelType;
        return modelType?.GetProperty("Instance", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as IModel;
    });
}
