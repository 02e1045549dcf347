using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Data.Auditing;

/// <summary>
/// Turns the pending changes of actuals, targets and owners into <see cref="AuditEntry"/> rows that
/// are added to the same SaveChanges, hence the same transaction: the change and its audit row are
/// stored together or not at all.
/// </summary>
internal sealed class AuditTrail
{
    private readonly ScorecardDbContext _db;
    private readonly IAuditContext _actor;
    private readonly DateTimeOffset _now;
    private readonly bool _async;
    private readonly CancellationToken _cancellationToken;
    private readonly List<AuditEntry> _entries = [];
    private readonly Dictionary<Guid, Guid> _organizationOfScorecard = [];

    private AuditTrail(ScorecardDbContext db, IAuditContext actor, DateTimeOffset now, bool async, CancellationToken cancellationToken)
    {
        _db = db;
        _actor = actor;
        _now = now;
        _async = async;
        _cancellationToken = cancellationToken;
    }

    /// <summary>
    /// Makes the audit rows for the tracked changes and returns them; with <paramref name="track"/>
    /// they are also added to the context, so the same SaveChanges stores them (a bulk save writes
    /// them itself). With <paramref name="async"/> false every database call is synchronous, so the
    /// returned task is already complete.
    /// </summary>
    public static async Task<IReadOnlyList<AuditEntry>> RecordAsync(
        ScorecardDbContext db, IAuditContext actor, DateTimeOffset now, bool async, CancellationToken cancellationToken, bool track = true)
    {
        var trail = new AuditTrail(db, actor, now, async, cancellationToken);
        foreach (var entry in db.ChangeTracker.Entries().ToList())
        {
            switch (entry.Entity)
            {
                case Actual actual:
                    await trail.SnapshotChangeAsync(entry, AuditSnapshots.ActualSubject, AuditSnapshots.ActualFields,
                        AuditSnapshots.OfActual, actual.OrganizationId, actual.KpiId, actual.Period);
                    break;
                case Target target:
                    await trail.SnapshotChangeAsync(entry, AuditSnapshots.TargetSubject, AuditSnapshots.TargetFields,
                        AuditSnapshots.OfTarget, target.OrganizationId, target.KpiId, target.Period);
                    break;
                case LateNotice late:
                    await trail.SnapshotChangeAsync(entry, AuditSnapshots.LateNoticeSubject, AuditSnapshots.LateNoticeFields,
                        AuditSnapshots.OfLateNotice, late.OrganizationId, late.KpiId, late.Period);
                    break;
                case PreRead preRead:
                    await trail.SnapshotChangeAsync(entry, AuditSnapshots.PreReadSubject, AuditSnapshots.PreReadFields,
                        AuditSnapshots.OfPreRead, preRead.OrganizationId, preRead.KpiId, preRead.Period);
                    break;
                case Absence absence:
                    await trail.SnapshotChangeAsync(entry, AuditSnapshots.AbsenceSubject, AuditSnapshots.AbsenceFields,
                        AuditSnapshots.OfAbsence, absence.OrganizationId, kpiId: null, period: null);
                    break;
                case Kpi kpi:
                    await trail.OwnerChangeAsync(entry, AuditSnapshots.KpiOwnerSubject, nameof(Kpi.OwnerId), kpi.OrganizationId, kpi.Id);
                    await trail.OwnerChangeAsync(entry, AuditSnapshots.KpiDelegateSubject, nameof(Kpi.DelegateId), kpi.OrganizationId, kpi.Id);
                    break;
                case Objective objective:
                    await trail.OwnerChangeAsync(entry, AuditSnapshots.ObjectiveOwnerSubject, nameof(Objective.OwnerId),
                        organizationId: null, kpiId: null, objective.ScorecardId);
                    break;
                case Initiative initiative:
                    await trail.OwnerChangeAsync(entry, AuditSnapshots.InitiativeOwnerSubject, nameof(Initiative.OwnerId),
                        organizationId: null, kpiId: null, initiative.ScorecardId);
                    break;
                case AuditEntry when entry.State == EntityState.Modified:
                    throw new InvalidOperationException("The audit trail is append-only: an audit entry cannot be changed.");
            }
        }

        if (trail._entries.Count == 0)
        {
            return [];
        }

        if (!actor.IsSet)
        {
            throw new InvalidOperationException(
                $"Saving a change of {string.Join(", ", trail._entries.Select(e => e.Subject).Distinct())} needs an actor: " +
                $"call {nameof(IAuditContext)}.{nameof(IAuditContext.Set)}(actorId, actorName, via) in this scope before saving.");
        }

        if (track)
        {
            db.AuditEntries.AddRange(trail._entries);
        }

        return trail._entries;
    }

    private async Task SnapshotChangeAsync(
        EntityEntry entry, string subject, string[] fields, Func<PropertyValues, string> snapshot,
        Guid organizationId, Guid? kpiId, Period? period)
    {
        switch (entry.State)
        {
            case EntityState.Added:
                Add(subject, "created", null, snapshot(entry.CurrentValues), organizationId, Id(entry), kpiId, period);
                break;
            case EntityState.Deleted:
                var stored = await OriginalValuesAsync(entry, fields);
                Add(subject, "deleted", snapshot(stored), null, organizationId, Id(entry), kpiId, period);
                break;
            case EntityState.Modified when fields.Any(f => entry.Property(f).IsModified):
                var before = await OriginalValuesAsync(entry, fields);
                if (fields.Any(f => !Equals(before[f], entry.CurrentValues[f])))
                {
                    Add(subject, "updated", snapshot(before), snapshot(entry.CurrentValues), organizationId, Id(entry), kpiId, period);
                }

                break;
        }
    }

    private async Task OwnerChangeAsync(
        EntityEntry entry, string subject, string field, Guid? organizationId, Guid? kpiId, Guid? scorecardId = null)
    {
        Guid? before, after = (Guid?)entry.CurrentValues[field];
        switch (entry.State)
        {
            case EntityState.Added when after is not null:
                before = null;
                break;
            case EntityState.Modified when entry.Property(field).IsModified:
                before = (Guid?)(await OriginalValuesAsync(entry, [field]))[field];
                if (before == after)
                {
                    return;
                }

                break;
            default:
                return;
        }

        var organization = organizationId ?? await OrganizationOfScorecardAsync(scorecardId!.Value);
        Add(subject, entry.State == EntityState.Added ? "created" : "updated",
            AuditSnapshots.Person(before), AuditSnapshots.Person(after), organization, Id(entry), kpiId, period: null);
    }

    /// <summary>
    /// The values before the change. An entity attached with Update() has no originals (they equal
    /// the new values), so then the stored row is read: an edit cannot slip through by detaching.
    /// </summary>
    private async Task<PropertyValues> OriginalValuesAsync(EntityEntry entry, string[] fields)
    {
        var original = entry.OriginalValues;
        var looksUnchanged = fields.All(f => !entry.Property(f).IsModified || Equals(original[f], entry.CurrentValues[f]));
        if (entry.State == EntityState.Added || !looksUnchanged || !fields.Any(f => entry.Property(f).IsModified))
        {
            return original;
        }

        var stored = _async ? await entry.GetDatabaseValuesAsync(_cancellationToken) : entry.GetDatabaseValues();
        return stored ?? original;
    }

    private async Task<Guid> OrganizationOfScorecardAsync(Guid scorecardId)
    {
        if (_organizationOfScorecard.TryGetValue(scorecardId, out var known))
        {
            return known;
        }

        var tracked = _db.ChangeTracker.Entries<Scorecard>().FirstOrDefault(e => e.Entity.Id == scorecardId)?.Entity;
        var query = _db.Scorecards.AsNoTracking().Where(s => s.Id == scorecardId).Select(s => (Guid?)s.OrganizationId);
        var organization = tracked?.OrganizationId
            ?? (_async ? await query.FirstOrDefaultAsync(_cancellationToken) : query.FirstOrDefault())
            ?? throw new InvalidOperationException($"Scorecard {scorecardId} does not exist; its owner change cannot be audited.");
        _organizationOfScorecard[scorecardId] = organization;
        return organization;
    }

    private static Guid Id(EntityEntry entry) => (Guid)entry.CurrentValues["Id"]!;

    private void Add(string subject, string change, string? oldValue, string? newValue,
        Guid organizationId, Guid subjectId, Guid? kpiId, Period? period) =>
        _entries.Add(new AuditEntry
        {
            OrganizationId = organizationId,
            Subject = subject,
            SubjectId = subjectId,
            KpiId = kpiId,
            Period = period,
            Change = change,
            OldValue = oldValue,
            NewValue = newValue,
            ActorId = _actor.ActorId,
            ActorName = _actor.ActorName ?? string.Empty,
            Via = _actor.Via,
            At = _now,
        });
}
