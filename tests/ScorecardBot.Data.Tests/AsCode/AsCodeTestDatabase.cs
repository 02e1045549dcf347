using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Data.AsCode;
using ScorecardBot.Data.Auditing;
using ScorecardBot.Data.Stores;
using ScorecardBot.Data.Tests.Infrastructure;

namespace ScorecardBot.Data.Tests.AsCode;

/// <summary>
/// Imports and exports on a shared per-provider <see cref="TestDatabase"/>. Each test imports
/// into an organization of its own (created empty, then filled by the file), and compares only
/// that organization's rows, so the tests of a class never see each other.
/// </summary>
internal static class AsCodeTestDatabase
{
    /// <summary>Test clock: the sample history ends with October 2026.</summary>
    public static TimeProvider Clock { get; } = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero));

    public static ScorecardDbContext Context(this TestDatabase database, IAuditContext? audit = null) =>
        database.CreateContext(audit ?? new AuditContext(), Clock);

    /// <summary>A new, empty organization to import into.</summary>
    public static async Task<Guid> EmptyOrganizationAsync(this TestDatabase database)
    {
        await using var db = database.Context();
        var organization = new Organization { Name = "empty " + Guid.NewGuid().ToString("N")[..8], CreatedAt = Clock.GetUtcNow() };
        db.Organizations.Add(organization);
        await db.SaveChangesAsync();
        return organization.Id;
    }

    /// <summary>Imports a file through a fresh context, as the command line would.</summary>
    public static async Task<AsCodeImportResult> ImportAsync(this TestDatabase database, string path, Guid organizationId)
    {
        var audit = new AuditContext();
        await using var db = database.Context(audit);
        return await new ScorecardImporter(db, audit, Clock).ImportAsync(path, organizationId: organizationId);
    }

    public static async Task<AsCodeImportResult> ImportTextAsync(this TestDatabase database, string text, Guid organizationId, string source = "test.yaml")
    {
        var audit = new AuditContext();
        await using var db = database.Context(audit);
        return await new ScorecardImporter(db, audit, Clock).ImportTextAsync(text, source, organizationId: organizationId);
    }

    public static async Task<string> ExportAsync(this TestDatabase database, Guid organizationId)
    {
        await using var db = database.Context();
        return await new ScorecardExporter(db).ExportAsync(organizationId);
    }

    public static async Task<ActualsImportResult> ImportActualsAsync(this TestDatabase database, string path, Guid organizationId)
    {
        var audit = new AuditContext();
        await using var db = database.Context(audit);
        return await new ActualsCsvImporter(db, audit, Clock).ImportAsync(path, organizationId);
    }

    public static async Task<ActualsImportResult> ImportActualsTextAsync(this TestDatabase database, string csv, Guid organizationId, string source = "actuals.csv")
    {
        var audit = new AuditContext();
        await using var db = database.Context(audit);
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv));
        return await new ActualsCsvImporter(db, audit, Clock).ImportAsync(stream, source, organizationId);
    }

    /// <summary>
    /// Imports each named sample (samples/NAME.yaml, with its actuals) as an organization of its own
    /// and reads it back through the store's snapshot, as the host reads it for a turn.
    /// </summary>
    public static Task<Dictionary<string, OrganizationSnapshot>> SampleSnapshotsAsync(this TestDatabase database, params string[] samples) =>
        database.ScorecardSnapshotsAsync([.. samples.Select(s => (s, Samples.Path($"{s}.yaml")))]);

    /// <summary>Imports each scorecard file as an organization of its own and reads it back through the store's snapshot, by the name given.</summary>
    public static async Task<Dictionary<string, OrganizationSnapshot>> ScorecardSnapshotsAsync(this TestDatabase database, params (string Name, string Path)[] files)
    {
        var snapshots = new Dictionary<string, OrganizationSnapshot>();
        await using var services = database.CreateServices(s => s.AddScorecardStores());
        foreach (var (name, path) in files)
        {
            var audit = new AuditContext();
            await using var db = database.CreateContext(audit);
            var imported = await new ScorecardImporter(db, audit, Clock).ImportAsync(path);
            snapshots[name] = (await services.GetRequiredService<IScorecardReadModel>().GetAsync(imported.OrganizationId, CancellationToken.None))!;
        }

        return snapshots;
    }

    /// <summary>Every row of the organization, in every table, as sorted JSON lines: equal dumps mean equal data.</summary>
    public static async Task<string> DumpAsync(this TestDatabase database, Guid organizationId)
    {
        await using var db = database.Context();
        var lines = new List<string>();
        async Task Add<T>(IQueryable<T> rows)
            where T : class
        {
            foreach (var row in await rows.AsNoTracking().ToListAsync())
            {
                lines.Add(typeof(T).Name + " " + JsonSerializer.Serialize(row, DumpJson));
            }
        }

        var scorecards = db.Scorecards.Where(s => s.OrganizationId == organizationId).Select(s => s.Id);
        var people = db.People.Where(p => p.OrganizationId == organizationId).Select(p => p.Id);
        var initiatives = db.Initiatives.Where(i => scorecards.Contains(i.ScorecardId)).Select(i => i.Id);
        await Add(db.Organizations.Where(o => o.Id == organizationId));
        await Add(db.People.Where(p => p.OrganizationId == organizationId));
        await Add(db.ChannelAccounts.Where(a => people.Contains(a.PersonId)));
        await Add(db.Scorecards.Where(s => s.OrganizationId == organizationId));
        await Add(db.TeamChannels.Where(c => scorecards.Contains(c.ScorecardId)));
        await Add(db.Perspectives.Where(p => scorecards.Contains(p.ScorecardId)));
        await Add(db.Objectives.Where(o => scorecards.Contains(o.ScorecardId)));
        await Add(db.ObjectiveLinks.Where(l => scorecards.Contains(l.ScorecardId)));
        await Add(db.Kpis.Where(k => k.OrganizationId == organizationId));
        await Add(db.Targets.Where(t => t.OrganizationId == organizationId));
        await Add(db.Actuals.Where(a => a.OrganizationId == organizationId));
        await Add(db.Initiatives.Where(i => scorecards.Contains(i.ScorecardId)));
        await Add(db.Milestones.Where(m => initiatives.Contains(m.InitiativeId)));
        await Add(db.ReviewActions.Where(a => a.OrganizationId == organizationId));
        await Add(db.ReviewCycles.Where(c => scorecards.Contains(c.ScorecardId)));
        await Add(db.Holidays.Where(h => h.OrganizationId == organizationId));
        await Add(db.AuditEntries.Where(a => a.OrganizationId == organizationId));
        lines.Sort(StringComparer.Ordinal);
        return string.Join('\n', lines);
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
