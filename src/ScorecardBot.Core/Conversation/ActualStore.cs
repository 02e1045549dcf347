using System.Globalization;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Conversation;

/// <summary>The rules every store follows when it writes an actual, so the in-memory and database stores agree.</summary>
public static class ActualStore
{
    /// <summary>Whether an entry repeats what is stored: then storing it again changes nothing.</summary>
    public static bool SameAs(Actual existing, ActualEntry entry) =>
        existing.Value == entry.Value &&
        existing.CarriedForward == entry.CarriedForward &&
        string.Equals(existing.NoDataReason ?? string.Empty, entry.NoDataReason ?? string.Empty, StringComparison.Ordinal) &&
        string.Equals(existing.Comment ?? string.Empty, entry.Comment ?? string.Empty, StringComparison.Ordinal);

    public static Actual Create(ChangeContext context, ActualEntry entry, bool pendingApproval = false)
    {
        var actual = new Actual { OrganizationId = context.OrganizationId, KpiId = entry.KpiId, Period = entry.Period, FirstSubmittedAt = context.At };
        Apply(actual, context, entry, pendingApproval);
        return actual;
    }

    /// <param name="pendingApproval">The scorecard requires approval and the reporter is not its manager: the value waits.</param>
    public static void Apply(Actual actual, ChangeContext context, ActualEntry entry, bool pendingApproval = false)
    {
        // The owner's comment on a number a system sent: the number keeps its source and sender.
        var commentOnFeed = actual.Source == EntrySource.Api && actual.Value is not null && actual.Value == entry.Value;
        actual.Comment = string.IsNullOrWhiteSpace(entry.Comment) ? null : entry.Comment.Trim();
        actual.CommentById = actual.Comment is null ? null : context.ActorId;
        actual.CommentByName = null;
        if (commentOnFeed)
        {
            return;
        }

        actual.Value = entry.Value;
        actual.CarriedForward = entry.CarriedForward && entry.Value is not null;
        actual.PendingApproval = pendingApproval;
        actual.NoDataReason = entry.Value is null ? entry.NoDataReason : null;
        actual.SubmittedById = context.ActorId;
        actual.SubmittedByName = null;
        actual.SourceSystem = null;
        actual.SubmittedAt = context.At;
        actual.Source = context.Via;
    }

    /// <summary>Whether a value reported by <paramref name="actor"/> must wait for the manager's approval.</summary>
    public static bool NeedsApproval(Person actor, Scorecard scorecard) =>
        NeedsApproval(scorecard, ScorecardPermissions.CanManage(actor, scorecard));

    /// <summary>
    /// Whether a value must wait for the manager's approval: the scorecard requires it and whoever
    /// reports it does not manage the scorecard (a system sending through the API never does).
    /// </summary>
    public static bool NeedsApproval(Scorecard scorecard, bool reporterManages) =>
        scorecard.RequiresApproval && !reporterManages;

    /// <summary>
    /// Why <paramref name="actor"/> may not change <paramref name="period"/> any more: the scorecard locks
    /// periods after their review and that review has ended; managers may still. Null when allowed.
    /// </summary>
    public static string? LockRefusal(Person actor, Scorecard scorecard, Kpi kpi, Period period, DateTimeOffset? lockedSince, DateTimeOffset now, string? askName) =>
        LockRefusal(ScorecardPermissions.CanManage(actor, scorecard), kpi, period, lockedSince, now, askName);

    /// <summary>
    /// Why a change of <paramref name="period"/> is refused: the period locked at <paramref name="lockedSince"/>
    /// (the end of its business review) and whoever changes it may not change locked periods. Null when allowed.
    /// </summary>
    public static string? LockRefusal(bool mayChangeLocked, Kpi kpi, Period period, DateTimeOffset? lockedSince, DateTimeOffset now, string? askName) =>
        IsLocked(lockedSince, now) && !mayChangeLocked
            ? $"{kpi.Name} for {Answers.ValueText.Period(period, CultureInfo.InvariantCulture)} was locked after its business review; only a scorecard manager can change it now." + (askName is null ? string.Empty : $" Ask {askName}.")
            : null;

    /// <summary>Whether a period that locks at <paramref name="lockedSince"/> is locked at <paramref name="now"/>.</summary>
    public static bool IsLocked(DateTimeOffset? lockedSince, DateTimeOffset now) => lockedSince is { } since && now >= since;

    /// <summary>How a system that wrote an actual or its comment is named to people: the API key's name, and the source system it gave.</summary>
    public static string SystemAuthor(string keyName, string? sourceSystem)
    {
        var name = sourceSystem is null || string.Equals(sourceSystem, keyName, StringComparison.OrdinalIgnoreCase)
            ? $"{keyName} (API)"
            : $"{keyName} (API, {sourceSystem})";
        return name.Length <= 200 ? name : name[..200];
    }

    /// <summary>
    /// The system that wrote the actual's comment (<see cref="SystemAuthor"/>), or null when a person
    /// wrote it. Rows stored before the comment's author was kept: a comment on a row a system sent.
    /// </summary>
    public static string? SystemCommentAuthor(Actual actual) =>
        string.IsNullOrWhiteSpace(actual.Comment) ? null
        : actual.CommentByName is { Length: > 0 } system ? system
        : actual is { CommentById: null, SubmittedById: null, Source: EntrySource.Api, SubmittedByName: { Length: > 0 } key } ? SystemAuthor(key, actual.SourceSystem)
        : null;

    /// <summary>Who wrote the actual's comment, as people should read it: the system, the person, else the person who reported the value.</summary>
    public static string? CommentAuthor(Actual actual, Func<Guid?, Person?> findPerson) =>
        SystemCommentAuthor(actual) ?? findPerson(actual.CommentById ?? actual.SubmittedById)?.Name;

    /// <summary>How an actual reads in the audit trail: the value, or "no data: reason".</summary>
    public static string Describe(decimal? value, string? noDataReason) =>
        value is { } v ? v.ToString(CultureInfo.InvariantCulture) : $"no data: {noDataReason}";
}
