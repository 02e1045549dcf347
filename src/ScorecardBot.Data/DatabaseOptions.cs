using Microsoft.Extensions.Configuration;

namespace ScorecardBot.Data;

public enum DatabaseProvider
{
    /// <summary>The embedded default: a file next to the bot.</summary>
    Sqlite = 0,
    SqlServer = 1,
    Postgres = 2,
}

/// <summary>
/// Which database the scorecard lives in. Read from configuration by <see cref="FromConfiguration"/>:
/// <c>Database:Provider</c> (Sqlite, SqlServer, Postgres), <c>ConnectionStrings:Scorecard</c> and
/// <c>Database:MigrateOnStart</c>.
/// </summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";
    public const string ConnectionStringName = "Scorecard";
    public const string DefaultSqliteConnectionString = "Data Source=scorecard.db";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Null or empty means the SQLite default; required for SQL Server and PostgreSQL.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply pending migrations when the host starts.</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>
    /// Use the provider's compiled model (generated beside its migrations) instead of building the
    /// model at start. Off only where the model itself is being compared or generated.
    /// </summary>
    public bool UseCompiledModel { get; set; } = true;

    /// <summary>The connection string to use, after defaults; throws when a server provider has none.</summary>
    public string EffectiveConnectionString => !string.IsNullOrWhiteSpace(ConnectionString)
        ? ConnectionString
        : Provider == DatabaseProvider.Sqlite
            ? DefaultSqliteConnectionString
            : throw new InvalidOperationException(
                $"Database:Provider is {Provider} but ConnectionStrings:{ConnectionStringName} is empty; " +
                $"set it to the {Provider} connection string.");

    /// <summary>Name of the assembly holding this provider's migrations (referenced by the host, not by Data).</summary>
    public string MigrationsAssembly => MigrationsAssemblyOf(Provider);

    public static string MigrationsAssemblyOf(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => "ScorecardBot.Data.Migrations.Sqlite",
        DatabaseProvider.SqlServer => "ScorecardBot.Data.Migrations.SqlServer",
        DatabaseProvider.Postgres => "ScorecardBot.Data.Migrations.Postgres",
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
    };

    /// <summary>Reads the options from configuration; an unknown provider name is a clear error.</summary>
    public static DatabaseOptions FromConfiguration(IConfiguration configuration)
    {
        var options = new DatabaseOptions
        {
            ConnectionString = configuration[$"ConnectionStrings:{ConnectionStringName}"],
        };

        var provider = configuration[$"{SectionName}:Provider"];
        if (!string.IsNullOrWhiteSpace(provider))
        {
            options.Provider = provider.Trim().ToUpperInvariant() switch
            {
                "SQLITE" => DatabaseProvider.Sqlite,
                "SQLSERVER" or "AZURESQL" => DatabaseProvider.SqlServer,
                "POSTGRES" or "POSTGRESQL" or "NPGSQL" => DatabaseProvider.Postgres,
                _ => throw new InvalidOperationException(
                    $"Database:Provider '{provider}' is not supported; use Sqlite, SqlServer or Postgres."),
            };
        }

        var migrate = configuration[$"{SectionName}:MigrateOnStart"];
        if (!string.IsNullOrWhiteSpace(migrate))
        {
            options.MigrateOnStart = bool.TryParse(migrate, out var value)
                ? value
                : throw new InvalidOperationException($"Database:MigrateOnStart '{migrate}' is not true or false.");
        }

        return options;
    }
}
