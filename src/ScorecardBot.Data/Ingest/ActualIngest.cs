using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Data.ApiKeys;
using ScorecardBot.Data.Auditing;
using ScorecardBot.Data.Stores;

namespace ScorecardBot.Data.Ingest;

/// <summary>One actual as a system sent it: the KPI by id or key, the period key, a number or typed text.</summary>
/// <param name="Index">The row's place in the request (0-based), named back in every refusal.</param>
public sealed record IncomingActual(
    int Index, Guid? KpiId, string? KpiKey, string? Period, decimal? Value, string? Text, string? Comment, string? SourceSystem, bool Confirmed);

public enum RefusalCode
{
    /// <summary>The row does not read: a field missing or malformed, a value the KPI cannot take.</summary>
    Invalid = 0,
    /// <summary>No such KPI in the caller's organization.</summary>
    NotFound = 1,
    /// <summary>The value is ten times off the KPI's usual level: send it again confirmed.</summary>
    NeedsConfirmation = 2,
    /// <summary>An earlier row of the same request has the same KPI and period.</summary>
    Duplicate = 3,
}

public sealed record RefusedActual(int Index, string? Kpi, string? Period, RefusalCode Code, string Reason);

public enum ActualChange
{
    Created = 0,
    Updated = 1,
    Unchanged = 2,
}

/// <summary>What became of one row: the stored actual as it now reads.</summary>
public sealed record IngestedActual(int Index, Guid KpiId, string KpiKey, Period Period, ActualChange Change, decimal? Value, string? NoDataReason, string? Comment);

/// <param name="Stored">False when the whole request was refused (a bad row without partial), so nothing changed.</param>
public sealed record IngestResult(bool Stored, IReadOnlyList<IngestedActual> Rows, IReadOnlyList<RefusedActual> Refused)
{
    public int Created => Rows.Count(r => r.Change == ActualChange.Created);
    public int Updated => Rows.Count(r => r.Change == ActualChange.Updated);
    public int Unchanged => Rows.Count(r => r.Change == ActualChange.Unchanged);
}

/// <summary>
/// Stores actuals sent by systems through the API. Every row is read and checked by the same rules
/// as a card or a command (<see cref="ActualChecks"/>); the rows are then written set-wise: one read
/// of the stored actuals they touch, one SaveChanges (one transaction) with an audit entry for every
/// change, the API key's name as the actor. A row equal to what is stored changes nothing and
/// leaves no audit entry, so a feed may send the same numbers as often as it likes.
/// </summary>
/// <remarks>
/// Without <c>partial</c>, one bad row refuses the whole request and nothing is stored; with it, the
/// good rows are stored and the bad ones listed. A KPI that receives a value this way is marked
/// <see cref="Kpi.FedByApi"/>: its owner is then asked only for the comment.
/// </remarks>
public sealed class ActualIngest
{
    private const int Attempts = 3;

    private readonly IServiceScopeFactory _scopes;
    private readonly ScorecardStore _store;
    private readonly TimeProvider _time;

    internal ActualIngest(IServiceScopeFactory scopes, ScorecardStore store, TimeProvider time)
    {
        _scopes = scopes;
        _store = store;
        _time = time;
    }

    public async Task<IngestResult> IngestAsync(ApiCaller caller, IReadOnlyList<IncomingActual> rows, bool partial, string? sourceSystem, CancellationToken cancellationToken)
    {
        var snapshot = await _store.GetAsync(caller.OrganizationId, cancellationToken)
            ?? throw new InvalidOperationException($"Organization {caller.OrganizationId} of API key {caller.Id} does not exist.");
        var now = _time.GetUtcNow();
        var (valid, refused) = ActualChecks.Check(snapshot, rows, now);
        if (valid.Count == 0 || (refused.Count > 0 && !partial))
        {
            return new IngestResult(false, [], refused);
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var written = await WriteAsync(caller, valid, sourceSystem, now, cancellationToken);
                if (written.Any(r => r.Change != ActualChange.Unchanged))
                {
                    _store.Invalidate(caller.OrganizationId);
                }

                return new IngestResult(true, written, refused);
            }
            catch (DbUpdateException) when (attempt < Attempts)
            {
                // Someone stored one of these actuals meanwhile (the unique index on KPI and
                // period, or a row's version, moved): read them again and redo the comparison.
            }
        }
    }

    private async Task<List<IngestedActual>> WriteAsync(ApiCaller caller, IReadOnlyList<CheckedActual> rows, string? sourceSystem, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        scope.ServiceProvider.GetRequiredService<IAuditContext>().Set(null, caller.Name, EntrySource.Api);

        // Thousands of rows: each changed row reports its own change, so no save scans them all.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var organization = caller.OrganizationId;
        var kpiIds = rows.Select(r => r.Kpi.Id).Distinct().ToList();
        var periods = rows.Select(r => r.Period).Distinct().ToList();

        // One read of what is stored for these KPIs and periods (a superset of the rows' pairs).
        var stored = (await db.Actuals
                .Where(a => a.OrganizationId == organization && kpiIds.Contains(a.KpiId) && periods.Contains(a.Period))
                .ToListAsync(cancellationToken))
            .ToDictionary(a => (a.KpiId, a.Period));
        var result = new List<IngestedActual>(rows.Count);
        var changedKpis = new HashSet<Guid>();
        foreach (var row in rows)
        {
            stored.TryGetValue((row.Kpi.Id, row.Period), out var existing);

            // A feed that sends no comment keeps the one the owner wrote on the number.
            var comment = row.Comment ?? (row.Value is null ? null : existing?.Comment);
            var entry = new ActualEntry(row.Kpi.Id, row.Period, row.Value, row.Value is null ? row.Comment?.Trim() : null, row.Value is null ? null : comment);
            ActualChange change;
            if (existing is not null && ActualStore.SameAs(existing, entry))
            {
                change = ActualChange.Unchanged;
            }
            else
            {
                var actual = existing ?? new Actual { OrganizationId = organization, KpiId = row.Kpi.Id, Period = row.Period };
                actual.Value = entry.Value;
                actual.NoDataReason = entry.Value is null ? entry.NoDataReason : null;
                actual.Comment = string.IsNullOrWhiteSpace(entry.Comment) ? null : entry.Comment.Trim();
                actual.SubmittedById = null;
                actual.SubmittedByName = caller.Name;
                actual.SubmittedAt = now;
                actual.Source = EntrySource.Api;
                actual.SourceSystem = Trim(row.SourceSystem ?? sourceSystem);
                if (existing is null)
                {
                    db.Actuals.Add(actual);
                    stored[(row.Kpi.Id, row.Period)] = actual;
                }
                else
                {
                    db.Entry(existing).DetectChanges();
                }

                change = existing is null ? ActualChange.Created : ActualChange.Updated;
                changedKpis.Add(row.Kpi.Id);
            }

            var current = stored[(row.Kpi.Id, row.Period)];
            result.Add(new IngestedActual(row.Index, row.Kpi.Id, row.Kpi.Key, row.Period, change, current.Value, current.NoDataReason, current.Comment));
        }

        if (changedKpis.Count > 0)
        {
            var marked = rows.Where(r => r.Kpi.FedByApi).Select(r => r.Kpi.Id).ToHashSet();
            var unmarked = changedKpis.Where(id => !marked.Contains(id)).ToList();
            if (unmarked.Count > 0)
            {
                foreach (var kpi in await db.Kpis.Where(k => k.OrganizationId == organization && unmarked.Contains(k.Id)).ToListAsync(cancellationToken))
                {
                    kpi.FedByApi = true;
                    db.Entry(kpi).DetectChanges();
                }
            }

            await db.SaveChangesInBulkAsync(cancellationToken);
        }

        return result;
    }

    private static string? Trim(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
