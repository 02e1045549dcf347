using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Primitives;

namespace ScorecardBot.Data.Tests;

public sealed class DatabaseOptionsTests
{
    [Fact]
    public void FromConfiguration_Nothing_set_UsesTheSqliteFileAndMigratesOnStart()
    {
        var options = DatabaseOptions.FromConfiguration(Config());

        Assert.Equal(DatabaseProvider.Sqlite, options.Provider);
        Assert.Equal("Data Source=scorecard.db", options.EffectiveConnectionString);
        Assert.Equal("ScorecardBot.Data.Migrations.Sqlite", options.MigrationsAssembly);
        Assert.True(options.MigrateOnStart);
    }

    [Theory]
    [InlineData("SqlServer", DatabaseProvider.SqlServer, "ScorecardBot.Data.Migrations.SqlServer")]
    [InlineData("postgres", DatabaseProvider.Postgres, "ScorecardBot.Data.Migrations.Postgres")]
    [InlineData("PostgreSQL", DatabaseProvider.Postgres, "ScorecardBot.Data.Migrations.Postgres")]
    public void FromConfiguration_ServerProvider_ReadsProviderConnectionStringAndSwitch(string name, DatabaseProvider provider, string migrations)
    {
        var options = DatabaseOptions.FromConfiguration(Config(
            ("Database:Provider", name), ("ConnectionStrings:Scorecard", "Server=db;Database=scorecard"), ("Database:MigrateOnStart", "false")));

        Assert.Equal(provider, options.Provider);
        Assert.Equal("Server=db;Database=scorecard", options.EffectiveConnectionString);
        Assert.Equal(migrations, options.MigrationsAssembly);
        Assert.False(options.MigrateOnStart);
    }

    [Fact]
    public void FromConfiguration_UnknownProvider_SaysWhichOnesExist()
    {
        var error = Assert.Throws<InvalidOperationException>(() => DatabaseOptions.FromConfiguration(Config(("Database:Provider", "MySql"))));
        Assert.Equal("Database:Provider 'MySql' is not supported; use Sqlite, SqlServer or Postgres.", error.Message);
    }

    [Fact]
    public void AddScorecardData_ServerProviderWithoutConnectionString_FailsAtRegistration()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            new ServiceCollection().AddScorecardData(new DatabaseOptions { Provider = DatabaseProvider.SqlServer }));
        Assert.Contains("ConnectionStrings:Scorecard is empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddScorecardData_MigrateOnStartOff_RegistersNoHostedService()
    {
        using var services = new ServiceCollection().AddLogging()
            .AddScorecardData(new DatabaseOptions { MigrateOnStart = false }).BuildServiceProvider();
        Assert.Empty(services.GetServices<IHostedService>());
        Assert.NotNull(services.GetRequiredService<DatabaseMigrator>());
    }

    [Fact]
    public async Task AddScorecardData_EachProvider_UsesItsOwnMigrationsAssembly()
    {
        foreach (var provider in Enum.GetValues<DatabaseProvider>())
        {
            await using var services = new ServiceCollection().AddLogging()
                .AddScorecardData(new DatabaseOptions { Provider = provider, ConnectionString = "Host=x;Server=x;Data Source=x.db", MigrateOnStart = false })
                .BuildServiceProvider();
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
            var migrations = db.GetService<IMigrationsAssembly>();
            Assert.Equal(DatabaseOptions.MigrationsAssemblyOf(provider), migrations.Assembly.GetName().Name);
            Assert.Contains(migrations.Migrations.Keys, id => id.EndsWith("_Initial", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task AddScorecardDatabaseCheck_UnreachableServer_ReportsUnhealthy()
    {
        await using var services = new ServiceCollection().AddLogging()
            .AddScorecardData(new DatabaseOptions
            {
                Provider = DatabaseProvider.Postgres,
                ConnectionString = "Host=127.0.0.1;Port=1;Username=x;Password=x;Timeout=2",
                MigrateOnStart = false,
            })
            .AddHealthChecks().AddScorecardDatabaseCheck().Services.BuildServiceProvider();

        var report = await services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.Equal(HealthStatus.Unhealthy, report.Entries["database"].Status);
    }

    private static IConfiguration Config(params (string Key, string Value)[] values) => new DictionaryConfiguration(values.ToDictionary(v => v.Key, v => (string?)v.Value));

    /// <summary>Just enough configuration for <see cref="DatabaseOptions.FromConfiguration"/>, which reads keys.</summary>
    private sealed class DictionaryConfiguration(Dictionary<string, string?> values) : IConfiguration
    {
        public string? this[string key]
        {
            get => values.GetValueOrDefault(key);
            set => values[key] = value;
        }

        public IEnumerable<IConfigurationSection> GetChildren() => throw new NotSupportedException();
        public IChangeToken GetReloadToken() => throw new NotSupportedException();
        public IConfigurationSection GetSection(string key) => throw new NotSupportedException();
    }
}
