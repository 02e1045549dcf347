using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using ScorecardBot.Core.Model;
using ScorecardBot.Data.AsCode;
using ScorecardBot.Data.Auditing;

namespace ScorecardBot.Data.Tests.AsCode;

/// <summary>
/// A migrated database of its own for one test: a SQLite file, or a uniquely named PostgreSQL
/// database on the server given by SCORECARD_TEST_POSTGRES. Dropped when disposed.
/// </summary>
internal sealed class AsCodeTestDatabase : IAsyncDisposable
{
    private readonly DatabaseOptions _options;
    private readonly string? _file;

    private AsCodeTestDatabase(DatabaseOptions options, string? file)
    {
        _options = options;
        _file = file;
    }

    /// <summary>Test clock: the sample history ends with October 2026.</summary>
    public static TimeProvider Clock { get; } = new FixedClock(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero));

    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    public static async Task<AsCodeTestDatabase> CreateAsync(DatabaseProvider provider)
    {
        AsCodeTestDatabase database;
        if (provider == DatabaseProvider.Sqlite)
        {
            var file = Path.Combine(Path.GetTempPath(), $"ascode-{Guid.NewGuid():N}.db");
            database = new AsCodeTestDatabase(new DatabaseOptions { Provider = provider, ConnectionString = $"Data Source={file};Pooling=False" }, file);
        }
        else
        {
            var server = Environment.GetEnvironmentVariable("SCORECARD_TEST_POSTGRES") ?? "Host=127.0.0.1;Port=5432;Username=scorecard;Password=scorecard";
            var builder = new NpgsqlConnectionStringBuilder(server) { Database = $"ascode_{Guid.NewGuid():N}", Pooling = false };
            database = new AsCodeTestDatabase(new DatabaseOptions { Provider = provider, ConnectionString = builder.ConnectionString }, null);
        }

        await using var db = database.Context();
        await db.Database.MigrateAsync();
        return database;
    }

    public ScorecardDbContext Context(IAuditContext? audit = null) =>
        new(new DbContextOptionsBuilder<ScorecardDbContext>().UseScorecardDatabase(_options).Options, audit ?? new AuditContext(), Clock);

    /// <summary>Imports a file through a fresh context, as the command line would.</summary>
    public async Task<AsCodeImportResult> ImportAsync(string path, Guid? organizationId = null)
    {
        var audit = new AuditContext();
        await using var db = Context(audit);
        return await new ScorecardImporter(db, audit, Clock).ImportAsync(path, organizationId: organizationId);
    }

    public async Task<AsCodeImportResult> ImportTextAsync(string text, string source = "test.yaml")
    {
        var audit = new AuditContext();
        await using var db = Context(audit);
        return await new ScorecardImporter(db, audit, Clock).ImportTextAsync(text, source);
    }

    public async Task<string> ExportAsync(Guid organizationId)
    {
        await using var db = Context();
        return await new ScorecardExporter(db).ExportAsync(organizationId);
    }

    public async Task<ActualsImportResult> ImportActualsAsync(string path, Guid organizationId)
    {
        var audit = new AuditContext();
        await using var db = Context(audit);
        return await new ActualsCsvImporter(db, audit, Clock).ImportAsync(path, organizationId);
    }

    public async Task<ActualsImportResult> ImportActualsTextAsync(string csv, Guid organizationId, string source = "actuals.csv")
    {
        var audit = new AuditContext();
        await using var db = Context(audit);
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv));
        return await new ActualsCsvImporter(db, audit, Clock).ImportAsync(stream, source, organizationId);
    }

    /// <summary>Every row of every table, as sorted JSON lines: two equal dumps mean two equal databases.</summary>
    public async Task<string> DumpAsync()
    {
        await using var db = Context();
        var lines = new List<string>();
        async Task Add<T>(IQueryable<T> rows)
            where T : class
        {
            foreach (var row in await rows.AsNoTracking().ToListAsync())
            {
                lines.Add(typeof(T).Name + " " + JsonSerializer.Serialize(row, DumpJson));
            }
        }

        await Add(db.Organizations);
        await Add(db.People);
        await Add(db.ChannelAccounts);
        await Add(db.Scorecards);
        await Add(db.TeamChannels);
        await Add(db.Perspectives);
        await Add(db.Objectives);
        await Add(db.ObjectiveLinks);
        await Add(db.Kpis);
        await Add(db.Targets);
        await Add(db.Actuals);
        await Add(db.Initiatives);
        await Add(db.Milestones);
        await Add(db.ReviewActions);
        await Add(db.ReviewCycles);
        await Add(db.Holidays);
        await Add(db.AuditEntries);
        lines.Sort(StringComparer.Ordinal);
        return string.Join('\n', lines);
    }

    public async Task<int> CountAsync<T>(Func<ScorecardDbContext, IQueryable<T>> rows)
    {
        await using var db = Context();
        return await rows(db).CountAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await using (var db = Context())
        {
            await db.Database.EnsureDeletedAsync();
        }

        if (_file is not null)
        {
            File.Delete(_file);
        }
    }

    private static readonly JsonSerializerOptions DumpJson = new()
    {
        Converters = { new PeriodJson() },
    };

    private sealed class PeriodJson : JsonConverter<Period>
    {
        public override Period Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Period.Parse(reader.GetString()!);

        public override void Write(Utf8JsonWriter writer, Period value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

/// <summary>Finds the committed samples from the test's output folder.</summary>
internal static class Samples
{
    public static string Directory { get; } = Find();

    public static string Path(string name) => System.IO.Path.Combine(Directory, name);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "samples");
            if (File.Exists(System.IO.Path.Combine(candidate, "manufacturing.yaml")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("The samples folder was not found above " + AppContext.BaseDirectory);
    }
}
