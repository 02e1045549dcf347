using System.Text;
using Microsoft.EntityFrameworkCore;
using ScorecardBot.Core.Model;
using ScorecardBot.Data.Auditing;

namespace ScorecardBot.Data.AsCode;

/// <summary>Who runs an import; recorded on every audit entry it causes.</summary>
public sealed record AsCodeActor(Guid? PersonId, string Name)
{
    /// <summary>An import with no person behind it (the command line, seeding).</summary>
    public static AsCodeActor System { get; } = new(null, "import");
}

/// <summary>What an import did: how many rows it created and updated, and the audit entries written.</summary>
public sealed record AsCodeImportResult(Guid OrganizationId, int Created, int Updated, int AuditEntries)
{
    public bool ChangedNothing => Created == 0 && Updated == 0;
}

/// <summary>How much of a file's <c>organization</c> block an import applies to an organization that exists.</summary>
public enum OrganizationBlock
{
    /// <summary>All of it (the command line): name, zone, locale, tenant and workspace, channels.</summary>
    Apply = 0,

    /// <summary>
    /// All but the tenant and workspace, which stay the organization's own (a file sent in chat): a file
    /// that names another tenant or workspace is a problem, so a file can never move or claim a tenant.
    /// </summary>
    KeepIdentity = 1,

    /// <summary>
    /// None of it, and no channels (a template or sample as a start): the organization keeps what
    /// setting it up gave it, and the sample's channels are not this organization's.
    /// </summary>
    KeepAll = 2,
}

/// <summary>
/// Imports a scorecard file. The whole file is read and checked first and every problem is
/// reported with its line and column; with any problem nothing is written. Then the
/// organization's scorecards are created or updated by their keys in one transaction, so
/// importing the same file twice changes nothing. Things that exist in the database but not in
/// the file are left alone: a file may describe part of an organization.
/// </summary>
public sealed class ScorecardImporter(ScorecardDbContext db, IAuditContext audit, TimeProvider time)
{
    public async Task<AsCodeImportResult> ImportAsync(
        string path, AsCodeActor? actor = null, Guid? organizationId = null, CancellationToken cancellationToken = default)
    {
        var text = await File.ReadAllTextAsync(path, Encoding.UTF8, cancellationToken);
        return await ImportTextAsync(text, path, actor, organizationId, cancellationToken);
    }

    public async Task<AsCodeImportResult> ImportAsync(
        Stream yaml, string sourceName, AsCodeActor? actor = null, Guid? organizationId = null, CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(yaml, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var text = await reader.ReadToEndAsync(cancellationToken);
        return await ImportTextAsync(text, sourceName, actor, organizationId, cancellationToken);
    }

    /// <summary>
    /// Imports into <paramref name="organizationId"/> when given; otherwise into the organization
    /// with the file's name, created when there is none.
    /// </summary>
    public Task<AsCodeImportResult> ImportTextAsync(
        string text, string sourceName, AsCodeActor? actor = null, Guid? organizationId = null, CancellationToken cancellationToken = default) =>
        ImportTextAsync(text, sourceName, actor, organizationId, OrganizationBlock.Apply, cancellationToken);

    /// <summary>
    /// Imports into <paramref name="organizationId"/> (or by the file's name, as above), applying as much of
    /// the file's organization block as <paramref name="block"/> says.
    /// </summary>
    public async Task<AsCodeImportResult> ImportTextAsync(
        string text, string sourceName, AsCodeActor? actor, Guid? organizationId, OrganizationBlock block, CancellationToken cancellationToken = default)
    {
        var doc = Parse(text, sourceName);
        actor ??= AsCodeActor.System;
        audit.Set(actor.PersonId, actor.Name, EntrySource.Import);

        // Through the execution strategy so that a provider configured to retry (Azure SQL) can
        // run the transaction again from a clean slate.
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var organization = await FindOrganizationAsync(doc, organizationId, sourceName, ct);
            if (block == OrganizationBlock.KeepIdentity)
            {
                CheckIdentity(doc, organization, sourceName);
            }

            var (created, updated) = await ApplyAsync(db, organization, doc, time.GetUtcNow(), ct, block);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            var audited = db.ChangeTracker.Entries<AuditEntry>().Count();
            return new AsCodeImportResult(organization.Id, created, updated, audited);
        }, cancellationToken);
    }

    /// <summary>Reads and checks the whole file; throws <see cref="AsCodeImportException"/> listing every problem.</summary>
    internal static ScorecardDocument Parse(string text, string sourceName)
    {
        var problems = new ProblemList(sourceName);
        var doc = ScorecardDocumentReader.Read(text, problems);
        if (doc is not null)
        {
            new ScorecardDocumentValidator(problems).Validate(doc);
        }

        problems.ThrowIfAny();
        return doc!;
    }

    /// <summary>The problems the import finds in a document (one read from a file, or built and changed in memory).</summary>
    internal static IReadOnlyList<AsCodeProblem> Check(ScorecardDocument doc, string sourceName)
    {
        var problems = new ProblemList(sourceName);
        new ScorecardDocumentValidator(problems).Validate(doc);
        return problems.All;
    }

    /// <summary>
    /// Maps a checked document onto the organization's rows, tracked in <paramref name="db"/> and not
    /// yet saved: the one way a file import and a change made in chat reach the database.
    /// Returns how many rows it adds and changes.
    /// </summary>
    internal static async Task<(int Created, int Updated)> ApplyAsync(
        ScorecardDbContext db, Organization organization, ScorecardDocument doc, DateTimeOffset now, CancellationToken cancellationToken,
        OrganizationBlock block = OrganizationBlock.Apply)
    {
        var existing = await LoadAsync(db, organization.Id, cancellationToken);
        new ScorecardDocumentApplier(db, organization, existing, now, block).Apply(doc);
        db.ChangeTracker.DetectChanges();
        var created = db.ChangeTracker.Entries().Count(e => e.State == EntityState.Added);
        var updated = db.ChangeTracker.Entries().Count(e => e.State == EntityState.Modified);
        return (created, updated);
    }

    /// <summary>A file sent in chat may not name another tenant or workspace than the organization's own.</summary>
    private static void CheckIdentity(ScorecardDocument doc, Organization organization, string sourceName)
    {
        var problems = new List<AsCodeProblem>();
        if (doc.Organization.TeamsTenant is { } tenant && !string.Equals(tenant, organization.TeamsTenantId, StringComparison.OrdinalIgnoreCase))
        {
            var field = doc.Organization.Of("teams_tenant");
            problems.Add(new AsCodeProblem(sourceName, field.Line, field.Column,
                $"teams_tenant '{tenant}' is not this organization's Teams tenant; leave it out (the organization keeps its own)"));
        }

        if (doc.Organization.SlackTeam is { } team && !string.Equals(team, organization.SlackTeamId, StringComparison.Ordinal))
        {
            var field = doc.Organization.Of("slack_team");
            problems.Add(new AsCodeProblem(sourceName, field.Line, field.Column,
                $"slack_team '{team}' is not this organization's Slack workspace; leave it out (the organization keeps its own)"));
        }

        if (problems.Count > 0)
        {
            throw new AsCodeImportException(problems);
        }
    }

    private async Task<Organization> FindOrganizationAsync(ScorecardDocument doc, Guid? organizationId, string sourceName, CancellationToken cancellationToken)
    {
        if (organizationId is { } id)
        {
            return await db.Organizations.SingleOrDefaultAsync(o => o.Id == id, cancellationToken)
                ?? throw new AsCodeImportException([new AsCodeProblem(sourceName, doc.Organization.At.Line, doc.Organization.At.Column,
                    $"organization {id} does not exist")]);
        }

        var name = doc.Organization.Name;
        var found = await db.Organizations.Where(o => o.Name == name).ToListAsync(cancellationToken);
        if (found.Count > 1)
        {
            throw new AsCodeImportException([new AsCodeProblem(sourceName, doc.Organization.At.Line, doc.Organization.At.Column,
                $"{found.Count} organizations are named '{name}'; say which one to import into")]);
        }

        if (found.Count == 1)
        {
            return found[0];
        }

        var organization = new Organization { Name = name, CreatedAt = time.GetUtcNow() };
        db.Organizations.Add(organization);
        return organization;
    }

    private static async Task<ExistingRows> LoadAsync(ScorecardDbContext db, Guid organizationId, CancellationToken cancellationToken) => new(
        await db.People.Where(p => p.OrganizationId == organizationId).ToListAsync(cancellationToken),
        await db.Holidays.Where(h => h.OrganizationId == organizationId).ToListAsync(cancellationToken),
        await db.Scorecards.Where(s => s.OrganizationId == organizationId)
            .Include(s => s.Perspectives).Include(s => s.Objectives).Include(s => s.Links)
            .Include(s => s.Initiatives).ThenInclude(i => i.Milestones)
            .Include(s => s.ReviewCycles).Include(s => s.Channels)
            .AsSplitQuery().ToListAsync(cancellationToken),
        await db.Kpis.Where(k => k.OrganizationId == organizationId).Include(k => k.Targets).ToListAsync(cancellationToken));
}

internal sealed record ExistingRows(List<Person> People, List<Holiday> Holidays, List<Scorecard> Scorecards, List<Kpi> Kpis);
