using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using ScorecardBot.Core.Model;
using ScorecardBot.Data;
using ScorecardBot.Data.ApiKeys;
using ScorecardBot.Data.Ingest;
using ScorecardBot.Data.Stores;

namespace ScorecardBot.Benchmarks.Api;

/// <summary>
/// The API's batch ingest without HTTP: 10,000 actuals (16 monthly KPIs × 625 months) through
/// <see cref="ActualIngest"/> into a fresh database, as new rows, the same rows again, and every
/// value changed. Each iteration is one batch; the database is made anew before it (not timed).
/// PostgreSQL needs the server of the tests (SCORECARD_TEST_POSTGRES or the default on 127.0.0.1).
/// <c>bench/api</c> measures the same through the real bot and its HTTP endpoint.
/// </summary>
[Config(typeof(OneBatchConfig))]
[MemoryDiagnoser]
public class ActualIngestBenchmarks
{
    private const int Rows = 10_000;
    private static readonly DateTimeOffset Now = new(2025, 1, 15, 9, 0, 0, TimeSpan.Zero);

    private ServiceProvider? _services;
    private string? _postgresDatabase;
    private ActualIngest _ingest = null!;
    private ApiCaller _caller = null!;
    private IncomingActual[] _first = [];
    private IncomingActual[] _changed = [];

    [Params(DatabaseProvider.Sqlite, DatabaseProvider.Postgres)]
    public DatabaseProvider Provider { get; set; }

    /// <summary>With a webhook subscribed to both actual events, every change also writes two outbox rows.</summary>
    [Params(false, true)]
    public bool Webhook { get; set; }

    [IterationSetup(Target = nameof(New))]
    public void SetupNew() => Fresh(storeFirst: false);

    [IterationSetup(Targets = [nameof(SameAgain), nameof(AllChanged)])]
    public void SetupStored() => Fresh(storeFirst: true);

    [IterationCleanup]
    public void Cleanup()
    {
        _services?.Dispose();
        _services = null;
        if (_postgresDatabase is { } name)
        {
            NpgsqlConnection.ClearAllPools();
            Maintenance($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
            _postgresDatabase = null;
        }
    }

    [Benchmark]
    public Task<IngestResult> New() => Ingest(_first);

    [Benchmark]
    public Task<IngestResult> SameAgain() => Ingest(_first);

    [Benchmark]
    public Task<IngestResult> AllChanged() => Ingest(_changed);

    private async Task<IngestResult> Ingest(IncomingActual[] rows)
    {
        var result = await _ingest.IngestAsync(_caller, rows, partial: false, sourceSystem: "Bench", CancellationToken.None);
        return result.Stored ? result : throw new InvalidOperationException(result.Refused[0].Reason);
    }

    private void Fresh(bool storeFirst)
    {
        string connection;
        if (Provider == DatabaseProvider.Postgres)
        {
            _postgresDatabase = $"ingest_bench_{Guid.NewGuid():N}";
            Maintenance($"CREATE DATABASE \"{_postgresDatabase}\"");
            connection = new NpgsqlConnectionStringBuilder(PostgresServer) { Database = _postgresDatabase }.ToString();
        }
        else
        {
            connection = $"Data Source={Path.Combine(Path.GetTempPath(), $"ingest-bench-{Guid.NewGuid():N}.db")}";
        }

        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
        services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        services.AddScorecardData(new DatabaseOptions { Provider = Provider, ConnectionString = connection, MigrateOnStart = false });
        services.AddScorecardStores();
        _services = services.BuildServiceProvider();
        _services.GetRequiredService<DatabaseMigrator>().MigrateAsync().GetAwaiter().GetResult();
        var keys = Seed(_services).GetAwaiter().GetResult();
        _ingest = _services.GetRequiredService<ActualIngest>();
        _first = Batch(keys, 0m);
        _changed = Batch(keys, 0.5m);
        if (storeFirst)
        {
            Ingest(_first).GetAwaiter().GetResult();
        }
    }

    private async Task<List<string>> Seed(IServiceProvider services)
    {
        var organization = new Organization { Name = "Bench logistics", CreatedAt = Now.AddYears(-2) };
        var manager = new Person { OrganizationId = organization.Id, Name = "Dana Whitfield", Email = "dana@bench.example", Role = Role.Admin };
        var scorecard = new Scorecard { OrganizationId = organization.Id, Key = "enterprise", Name = "Enterprise", ManagerId = manager.Id };
        var perspective = new Perspective { ScorecardId = scorecard.Id, Name = "Customer", Kind = PerspectiveKind.Customer };
        var objective = new Objective { ScorecardId = scorecard.Id, PerspectiveId = perspective.Id, Key = "deliver", Name = "Deliver on time" };
        var kpis = Enumerable.Range(1, 16).Select(i => new Kpi
        {
            OrganizationId = organization.Id,
            ScorecardId = scorecard.Id,
            ObjectiveId = objective.Id,
            Key = $"kpi-{i:00}",
            Name = $"Measure {i}",
            OwnerId = manager.Id,
        }).ToList();

        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Data.Auditing.IAuditContext>().Set(null, "bench", EntrySource.Import);
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        db.AddRange(organization, manager, scorecard, perspective, objective);
        db.Kpis.AddRange(kpis);
        if (Webhook)
        {
            db.WebhookSubscriptions.Add(new WebhookSubscription
            {
                OrganizationId = organization.Id,
                Url = "https://bench.example/hook",
                Events = ["actual.recorded", "kpi.status_changed"],
                ProtectedSecret = "bench",
                CreatedBy = "bench",
                CreatedAt = Now,
            });
            // A yearly target for every year of the batch, so each change is assessed against one.
            db.Targets.AddRange(kpis.SelectMany(k => Enumerable.Range(1970, 55).Select(year =>
                new Target { OrganizationId = organization.Id, KpiId = k.Id, Period = Period.FiscalYear(year), Value = 48, Amber = 45, Red = 40 })));
        }

        await db.SaveChangesAsync();
        _caller = new ApiCaller(Guid.NewGuid(), "bench", organization.Id, "Bench feed", ApiKeyScope.Write);
        return [.. kpis.Select(k => k.Key)];
    }

    private static IncomingActual[] Batch(List<string> keys, decimal shift) =>
        [.. Enumerable.Range(0, Rows).Select(i => new IncomingActual(
            i, null, keys[i % keys.Count], new DateOnly(2024, 12, 1).AddMonths(-(i / keys.Count)).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
            40m + (i % 17) + shift, null, null, null, Confirmed: false))];

    private static string PostgresServer => Environment.GetEnvironmentVariable("SCORECARD_TEST_POSTGRES") is { Length: > 0 } server
        ? server
        : "Host=127.0.0.1;Port=5432;Username=scorecard;Password=scorecard";

    private static void Maintenance(string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(PostgresServer) { Database = "postgres", Pooling = false }.ToString());
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    /// <summary>In process: a batch takes seconds, so the harness's own overhead does not matter, and nothing is rebuilt per case.</summary>
    private sealed class OneBatchConfig : ManualConfig
    {
        public OneBatchConfig() =>
            AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(5)
                .WithInvocationCount(1).WithUnrollFactor(1).WithToolchain(InProcessEmitToolchain.Instance));
    }
}
