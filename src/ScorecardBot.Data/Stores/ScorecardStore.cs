using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;
using ScorecardBot.Core.Scoring;
using ScorecardBot.Data.Auditing;

namespace ScorecardBot.Data.Stores;

/// <summary>
/// The conversation's read model and commands on the scorecard database. Reads build one
/// <see cref="OrganizationSnapshot"/> per organization and keep it until this store changes
/// something of that organization or <see cref="StoreOptions.SnapshotMaxAge"/> passes (changes
/// made by another instance or an import). Every query is filtered by the organization; every
/// change runs in its own scope with the audit context set to the acting person, after the same
/// permission check the engine makes, so no door bypasses it.
/// </summary>
internal sealed partial class ScorecardStore(IServiceScopeFactory scopes, TimeProvider time, StoreOptions options) : IScorecardReadModel, IScorecardCommands
{
    private readonly ConcurrentDictionary<Guid, CachedSnapshot> _snapshots = new();
    private readonly ConcurrentDictionary<Guid, OrganizationSnapshot> _replaced = new();

    public async ValueTask<OrganizationSnapshot?> GetAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_snapshots.TryGetValue(organizationId, out var cached) && now - cached.LoadedAt < options.SnapshotMaxAge)
        {
            return await cached.Snapshot.WaitAsync(cancellationToken);
        }

        var fresh = new CachedSnapshot(LoadAsync(organizationId, Replaced(organizationId)), now);
        var entry = _snapshots.AddOrUpdate(organizationId, fresh, (_, old) => old == cached ? fresh : old);
        try
        {
            return await entry.Snapshot.WaitAsync(cancellationToken);
        }
        catch
        {
            _snapshots.TryRemove(new KeyValuePair<Guid, CachedSnapshot>(organizationId, entry));
            throw;
        }
    }

    /// <summary>Drops the cached snapshot of an organization (after a change, an import, a restore).</summary>
    public void Invalidate(Guid organizationId)
    {
        if (_snapshots.TryRemove(organizationId, out var old) && old.Snapshot.IsCompletedSuccessfully && old.Snapshot.Result is { } snapshot)
        {
            _replaced[organizationId] = snapshot;
        }
    }

    /// <summary>The last snapshot dropped, whose name index the next one may reuse.</summary>
    private OrganizationSnapshot? Replaced(Guid organizationId) =>
        _replaced.TryRemove(organizationId, out var old) ? old
        : _snapshots.TryGetValue(organizationId, out var stale) && stale.Snapshot.IsCompletedSuccessfully ? stale.Snapshot.Result : null;

    private async Task<OrganizationSnapshot?> LoadAsync(Guid organizationId, OrganizationSnapshot? previous)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        var organization = await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == organizationId);
        if (organization is null)
        {
            return null;
        }

        var scorecards = await db.Scorecards.AsNoTracking()
            .Where(s => s.OrganizationId == organizationId)
            .Include(s => s.Perspectives)
            .Include(s => s.Objectives)
            .Include(s => s.Links)
            .Include(s => s.Kpis.Where(k => k.RetiredAt == null)) // a retired KPI keeps its history but leaves answers, digests and status
            .Include(s => s.Initiatives)
            .Include(s => s.ReviewCycles)
            .Include(s => s.Channels)
            .AsSplitQuery()
            .ToListAsync();
        var actuals = (await db.Actuals.AsNoTracking().Where(a => a.OrganizationId == organizationId).ToListAsync()).ToLookup(a => a.KpiId);
        var targets = (await db.Targets.AsNoTracking().Where(t => t.OrganizationId == organizationId).ToListAsync()).ToLookup(t => t.KpiId);
        var calendar = FiscalCalendar.For(organization);
        foreach (var kpi in scorecards.SelectMany(s => s.Kpis))
        {
            kpi.Actuals = [.. actuals[kpi.Id]];
            kpi.Targets = [.. targets[kpi.Id]];
            TargetInheritance.Expand(kpi, calendar);
        }

        var people = await db.People.AsNoTracking().Include(p => p.Accounts).Where(p => p.OrganizationId == organizationId).ToListAsync();
        var actions = await db.ReviewActions.AsNoTracking().Where(a => a.OrganizationId == organizationId).ToListAsync();
        var notes = await ReviewNotesQuery.LoadAsync(db, organizationId, time.GetUtcNow(), CancellationToken.None);
        return new OrganizationSnapshot(organization, scorecards, people, actions, previous)
        {
            Holidays = notes.Holidays,
            Absences = notes.Absences,
            LateNotices = notes.LateNotices,
            Changes = notes.Changes,
            PreReads = notes.PreReads,
            Decisions = notes.Decisions,
        };
    }

    /// <summary>
    /// Runs a change in its own scope: finds the acting person in the organization, sets the audit
    /// context to them, and drops the organization's snapshot when something changed (or, with
    /// <paramref name="applied"/>, hands the change to the cached snapshot instead).
    /// </summary>
    private async Task<T> ChangeAsync<T>(
        ChangeContext context, Func<ScorecardDbContext, Person, Task<T>> change, Func<T, CommandStatus> statusOf, T notMember, Action<Guid, T>? applied = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
            var actor = await db.People.AsNoTracking()
                .SingleOrDefaultAsync(p => p.Id == context.ActorId && p.OrganizationId == context.OrganizationId && p.IsActive);
            if (actor is null)
            {
                return notMember;
            }

            scope.ServiceProvider.GetRequiredService<IAuditContext>().Set(actor.Id, actor.Name, context.Via);
            T result;
            try
            {
                result = await change(db, actor);
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxChangeAttempts)
            {
                // Another request changed or removed the rows this one read before it wrote (two
                // "ooo" of one person at once): nothing of this one was saved; read again and
                // apply the change to what is there now.
                continue;
            }

            return Applied(context, result, statusOf, applied);
        }
    }

    private const int MaxChangeAttempts = 5;

    private T Applied<T>(ChangeContext context, T result, Func<T, CommandStatus> statusOf, Action<Guid, T>? applied)
    {
        if (statusOf(result) == CommandStatus.Done)
        {
            if (applied is null)
            {
                Invalidate(context.OrganizationId);
            }
            else
            {
                applied(context.OrganizationId, result);
            }
        }

        return result;
    }

    /// <summary>
    /// An actual this store wrote goes into the cached snapshot as stored, with the change it made
    /// for the digest's notes, so a month's submissions do not each read the whole organization
    /// again (a submit is the busiest write of a chat). The snapshot is dropped instead when it is
    /// not loaded yet (a load in flight may have read the row before the write) or lacks the KPI.
    /// </summary>
    private void Apply(Guid organizationId, Actual stored, RecordedChange? change)
    {
        lock (_snapshots)
        {
            if (!_snapshots.TryGetValue(organizationId, out var cached) || !cached.Snapshot.IsCompletedSuccessfully
                || cached.Snapshot.Result is not { } snapshot || snapshot.FindKpi(stored.KpiId) is not { } kpi)
            {
                Invalidate(organizationId);
                return;
            }

            // Two writes of one row may finish in either order here: the later version stays.
            var current = kpi.Actuals.Find(a => a.Period == stored.Period);
            if (current is not null && current.Id == stored.Id && current.Version >= stored.Version)
            {
                return;
            }

            // A new list, never the one readers may be walking; the row is the store's own (its context is gone).
            // The snapshot object is new too, as after every change: whoever compares snapshots sees one.
            kpi.Actuals = [.. kpi.Actuals.Where(a => a.Period != stored.Period), stored];
            var replacement = new OrganizationSnapshot(snapshot.Organization, snapshot.Scorecards, snapshot.People, snapshot.Actions, snapshot)
            {
                Holidays = snapshot.Holidays,
                Absences = snapshot.Absences,
                LateNotices = snapshot.LateNotices,
                Changes = change is null ? snapshot.Changes : [.. snapshot.Changes, change],
                PreReads = snapshot.PreReads,
                Decisions = snapshot.Decisions,
            };

            // Unless another change dropped it meanwhile: then the next read loads afresh.
            _snapshots.TryUpdate(organizationId, new CachedSnapshot(Task.FromResult<OrganizationSnapshot?>(replacement), cached.LoadedAt), cached);
        }
    }

    /// <summary>
    /// What the loaded, fresh snapshot holds for a KPI's period: Found false when there is no such
    /// snapshot or it lacks the KPI (then only the database can tell); else the stored row or null.
    /// </summary>
    private (bool Found, Actual? Row) KnownActual(Guid organizationId, Guid kpiId, Period period)
    {
        if (!_snapshots.TryGetValue(organizationId, out var cached) || !cached.Snapshot.IsCompletedSuccessfully
            || time.GetUtcNow() - cached.LoadedAt >= options.SnapshotMaxAge
            || cached.Snapshot.Result?.FindKpi(kpiId) is not { } kpi)
        {
            return (false, null);
        }

        return (true, kpi.Actuals.Find(a => a.Period == period));
    }

    private Task<CommandResult> ChangeAsync(ChangeContext context, Func<ScorecardDbContext, Person, Task<CommandResult>> change) =>
        ChangeAsync(context, change, r => r.Status, NotMember);

    private static CommandResult NotMember { get; } = CommandResult.NotFound("You are not a member of this organization.");

    private static CommandResult NoSuchKpi { get; } = CommandResult.NotFound("There is no such KPI here.");

    private static async Task<(Kpi? Kpi, Scorecard? Scorecard)> FindKpiAsync(ScorecardDbContext db, Guid organizationId, Guid kpiId, CancellationToken cancellationToken)
    {
        var kpi = await db.Kpis.SingleOrDefaultAsync(k => k.Id == kpiId && k.OrganizationId == organizationId, cancellationToken);
        if (kpi is null)
        {
            return (null, null);
        }

        // With its review cycles: whether a period is locked follows from them.
        var scorecard = await db.Scorecards.AsNoTracking().Include(s => s.ReviewCycles)
            .SingleAsync(s => s.Id == kpi.ScorecardId && s.OrganizationId == organizationId, cancellationToken);
        return (kpi, scorecard);
    }

    /// <summary>Whom to send someone who may not do a thing: the scorecard's manager, else an admin.</summary>
    private static async Task<string?> AskNameAsync(ScorecardDbContext db, Scorecard scorecard, Person actor, CancellationToken cancellationToken)
    {
        var candidates = await db.People.AsNoTracking()
            .Where(p => p.OrganizationId == scorecard.OrganizationId && p.IsActive && (p.Id == scorecard.ManagerId || p.Role >= Role.ScorecardManager))
            .ToListAsync(cancellationToken);
        var ask = ScorecardPermissions.WhomToAsk(scorecard, candidates);
        return ask is null || ask.Id == actor.Id ? null : ask.Name;
    }

    private sealed record CachedSnapshot(Task<OrganizationSnapshot?> Snapshot, DateTimeOffset LoadedAt);
}

/// <summary>Settings of the database stores.</summary>
public sealed class StoreOptions
{
    /// <summary>How long a cached organization snapshot is trusted without a change seen by this instance.</summary>
    public TimeSpan SnapshotMaxAge { get; set; } = TimeSpan.FromMinutes(1);
}
