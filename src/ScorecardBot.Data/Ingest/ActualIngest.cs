using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Conversation.Review;
using ScorecardBot.Core.Conversation.Submission;
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
    /// <summary>The period was locked after its business review, and the key may not change locked periods.</summary>
    Locked = 4,
}

public sealed record RefusedActual(int Index, string? Kpi, string? Period, RefusalCode Code, string Reason);

public enum ActualChange
{
    Created = 0,
    Updated = 1,
    Unchanged = 2,
}

/// <summary>What became of one row: the stored actual as it now reads.</summary>
/// <param name="PendingApproval">The scorecard requires approval: the value waits for its manager and does not count yet.</param>
public sealed record IngestedActual(
    int Index, Guid KpiId, string KpiKey, Period Period, ActualChange Change, decimal? Value, string? NoDataReason, string? Comment, bool PendingApproval = false);

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
/// <see cref="Kpi.FedByApi"/>: its owner is then asked only for the comment. The scorecard's review
/// rules hold as for a card: a change of a period locked after its review is refused unless the key
/// has scope manage (then the audit names the key "with manage scope"), and on a scorecard that
/// requires approval the value is stored pending and its approver gets the approve/reject card.
/// </remarks>
public sealed class ActualIngest
{
    private const int Attempts = 3;

    private readonly IServiceScopeFactory _scopes;
    private readonly ScorecardStore _store;
    private readonly TimeProvider _time;
    private readonly Func<IProactiveMessenger?> _messenger;

    /// <param name="messenger">Sends the approval cards; the host provides it (null where nothing can be sent, as in a bench).</param>
    internal ActualIngest(IServiceScopeFactory scopes, ScorecardStore store, TimeProvider time, Func<IProactiveMessenger?>? messenger = null)
    {
        _scopes = scopes;
        _store = store;
        _time = time;
        _messenger = messenger ?? (() => null);
    }

    /// <summary>The actual a row stores: a feed that sends no comment keeps the one the owner wrote on the number.</summary>
    internal static ActualEntry EntryOf(Guid kpiId, Period period, decimal? value, string? comment, Actual? existing)
    {
        var kept = comment ?? (value is null ? null : existing?.Comment);
        return new ActualEntry(kpiId, period, value, value is null ? comment?.Trim() : null, value is null ? null : kept);
    }

    public async Task<IngestResult> IngestAsync(ApiCaller caller, IReadOnlyList<IncomingActual> rows, bool partial, string? sourceSystem, CancellationToken cancellationToken)
    {
        var snapshot = await _store.GetAsync(caller.OrganizationId, cancellationToken)
            ?? throw new InvalidOperationException($"Organization {caller.OrganizationId} of API key {caller.Id} does not exist.");
        var now = _time.GetUtcNow();
        var (valid, refused) = ActualChecks.Check(snapshot, rows, now, mayChangeLocked: caller.Scope == ApiKeyScope.Manage);
        if (valid.Count == 0 || (refused.Count > 0 && !partial))
        {
            return new IngestResult(false, [], refused);
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var (written, pending) = await WriteAsync(caller, valid, sourceSystem, now, cancellationToken);
                if (written.Any(r => r.Change != ActualChange.Unchanged))
                {
                    _store.Invalidate(caller.OrganizationId);
                }

                await AskApproversAsync(snapshot, caller, pending, cancellationToken);
                return new IngestResult(true, written, refused);
            }
            catch (DbUpdateException) when (attempt < Attempts)
            {
                // Someone stored one of these actuals meanwhile (the unique index on KPI and
                // period, or a row's version, moved): read them again and redo the comparison.
            }
        }
    }

    /// <summary>
    /// The approval card for every value that now waits (one per KPI and period, as a card submit
    /// sends it), to the scorecard's approver, naming the key as the reporter.
    /// </summary>
    private async Task AskApproversAsync(OrganizationSnapshot snapshot, ApiCaller caller, List<(Kpi Kpi, Actual Actual)> pending, CancellationToken cancellationToken)
    {
        if (pending.Count == 0 || _messenger() is not { } messenger)
        {
            return;
        }

        foreach (var (kpi, actual) in pending)
        {
            if (ApprovalCards.Approver(snapshot, snapshot.ScorecardOf(kpi)) is { } approver)
            {
                var card = new Actual
                {
                    KpiId = kpi.Id,
                    Period = actual.Period,
                    Value = actual.Value,
                    NoDataReason = actual.NoDataReason,
                    Comment = actual.Comment,
                    SubmittedByName = Reporter(caller, actual.SourceSystem),
                    SubmittedAt = actual.SubmittedAt,
                    PendingApproval = true,
                    Version = actual.Version,
                };
                await messenger.SendToPersonAsync(caller.OrganizationId, approver.Id, ApprovalCards.For(snapshot, kpi, card, reporter: null), cancellationToken);
            }
        }
    }

    /// <summary>How the approval card and the comment's byline name a system: the key's name, and the source system when it says one.</summary>
    private static string Reporter(ApiCaller caller, string? sourceSystem) => ActualStore.SystemAuthor(caller.Name, sourceSystem);

    private async Task<(List<IngestedActual> Rows, List<(Kpi Kpi, Actual Actual)> Pending)> WriteAsync(
        ApiCaller caller, IReadOnlyList<CheckedActual> rows, string? sourceSystem, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();

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
        var pending = new List<(Kpi Kpi, Actual Actual)>();
        var changedLocked = false;
        foreach (var row in rows)
        {
            stored.TryGetValue((row.Kpi.Id, row.Period), out var existing);
            var entry = EntryOf(row.Kpi.Id, row.Period, row.Value, row.Comment, existing);
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
                var comment = string.IsNullOrWhiteSpace(entry.Comment) ? null : entry.Comment.Trim();
                if (comment != actual.Comment || row.Comment is not null)
                {
                    // The system wrote this comment; a comment the feed kept stays its author's.
                    actual.CommentById = null;
                    actual.CommentByName = comment is null ? null : Reporter(caller, Trim(row.SourceSystem ?? sourceSystem));
                }
                else if (actual is { CommentById: null, CommentByName: null, Comment: not null })
                {
                    // A row from before comments had their author: the comment is its reporter's, who is about to change.
                    actual.CommentById = actual.SubmittedById;
                    actual.CommentByName = actual.SubmittedById is null && actual.SubmittedByName is { } earlier
                        ? (actual.Source == EntrySource.Api ? ActualStore.SystemAuthor(earlier, actual.SourceSystem) : earlier)
                        : null;
                }

                actual.Comment = comment;
                actual.SubmittedById = null;
                actual.SubmittedByName = caller.Name;
                actual.SubmittedAt = now;
                actual.Source = EntrySource.Api;
                actual.SourceSystem = Trim(row.SourceSystem ?? sourceSystem);
                actual.PendingApproval = row.NeedsApproval;
                if (row.NeedsApproval)
                {
                    pending.Add((row.Kpi, actual));
                }

                changedLocked |= row.Locked;
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
            result.Add(new IngestedActual(row.Index, row.Kpi.Id, row.Kpi.Key, row.Period, change, current.Value, current.NoDataReason, current.Comment, current.PendingApproval));
        }

        // A change of a period locked after its review is the manage scope at work: the trail says so.
        scope.ServiceProvider.GetRequiredService<IAuditContext>().Set(null, changedLocked ? $"{caller.Name} (manage scope)" : caller.Name, EntrySource.Api);

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

        return (result, pending);
    }

    private static string? Trim(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
