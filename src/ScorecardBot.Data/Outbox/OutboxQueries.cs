using Microsoft.EntityFrameworkCore;
using ScorecardBot.Core.Delivery;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Data.Outbox;

/// <summary>A message that has not reached its recipient: still retrying, or given up.</summary>
public sealed record UndeliveredMessage(
    string Key,
    string Kind,
    Platform Platform,
    Destination Destination,
    OutboxStatus Status,
    int Attempts,
    string? LastError,
    DateTimeOffset ScheduledAt,
    DateTimeOffset NextAttemptAt);

/// <summary>Read-side questions about the outbox: health details, the admins' status command, the rhythm's memory.</summary>
public static class OutboxQueries
{
    /// <summary>
    /// Dead messages and messages whose last attempt failed, of one organization, most recent
    /// first (at most <paramref name="limit"/>).
    /// </summary>
    public static async Task<IReadOnlyList<UndeliveredMessage>> GetUndeliveredAsync(
        this ScorecardDbContext db, Guid organizationId, int limit = 100, CancellationToken cancellationToken = default)
    {
        var rows = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.OrganizationId == organizationId && (m.Status == OutboxStatus.Dead || m.Status == OutboxStatus.Failed))
            .OrderByDescending(m => m.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(m => new UndeliveredMessage(
            m.Key, m.Kind, m.Platform, m.Destination, m.Status, m.Attempts, m.LastError, m.ScheduledAt, m.NextAttemptAt))];
    }

    /// <summary>The people of one organization whom the bot cannot write to directly, oldest first.</summary>
    public static async Task<IReadOnlyList<UnreachablePerson>> GetUnreachableAsync(
        this ScorecardDbContext db, Guid organizationId, CancellationToken cancellationToken = default) =>
        await db.Set<UnreachablePerson>().AsNoTracking()
            .Where(u => u.OrganizationId == organizationId)
            .OrderBy(u => u.Since)
            .ToListAsync(cancellationToken);

    /// <summary>Messages the rhythm could not compose (a bug or unexpected data), over all organizations, for /healthz details.</summary>
    public static Task<int> CountNotComposedAsync(this ScorecardDbContext db, CancellationToken cancellationToken = default) =>
        db.Set<OutboxMessage>().AsNoTracking()
            .CountAsync(m => m.Status == OutboxStatus.Dead && m.LastError != null && m.LastError.StartsWith(DeliveryFailureCodes.NotComposed), cancellationToken);

    /// <summary>Counts of dead and retrying messages over all organizations, for /healthz details.</summary>
    public static async Task<(int Dead, int Retrying)> CountUndeliveredAsync(this ScorecardDbContext db, CancellationToken cancellationToken = default)
    {
        var counts = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Status == OutboxStatus.Dead || m.Status == OutboxStatus.Failed)
            .GroupBy(m => m.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return (counts.Where(c => c.Status == OutboxStatus.Dead).Sum(c => c.Count),
                counts.Where(c => c.Status == OutboxStatus.Failed).Sum(c => c.Count));
    }

    /// <summary>Where a message went, so it can be updated (a prompt card that becomes "recorded"); null until sent.</summary>
    public static async Task<MessageReference?> GetSentReferenceAsync(
        this ScorecardDbContext db, Guid organizationId, string key, CancellationToken cancellationToken = default)
    {
        var row = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.OrganizationId == organizationId && m.Key == key && m.Status == OutboxStatus.Sent)
            .Select(m => new { m.SentConversationId, m.SentMessageId })
            .SingleOrDefaultAsync(cancellationToken);
        return row?.SentConversationId is { } c && row.SentMessageId is { } id ? new MessageReference(c, id) : null;
    }

    /// <summary>
    /// The decisions already made for an organization since <paramref name="since"/>, with the
    /// moment each was first written: the review rhythm's memory (its DoneKeys and MadeAt).
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, DateTimeOffset>> GetMadeDecisionsAsync(
        this ScorecardDbContext db, Guid organizationId, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        var rows = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.OrganizationId == organizationId && m.CreatedAt >= since)
            .Select(m => new { m.DecisionKey, m.CreatedAt })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.DecisionKey, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Min(r => r.CreatedAt), StringComparer.Ordinal);
    }
}
