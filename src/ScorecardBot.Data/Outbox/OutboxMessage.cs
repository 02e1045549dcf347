using ScorecardBot.Core.Delivery;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Data.Outbox;

public enum OutboxStatus
{
    /// <summary>Written, never tried.</summary>
    Pending = 0,
    /// <summary>Claimed by a dispatcher (see <see cref="OutboxMessage.LockedBy"/>); a crash leaves it here until the lease ends.</summary>
    Sending = 1,
    /// <summary>The channel accepted it.</summary>
    Sent = 2,
    /// <summary>The last attempt failed transiently; tried again at <see cref="OutboxMessage.NextAttemptAt"/>.</summary>
    Failed = 3,
    /// <summary>Given up: a permanent failure, or too many attempts. Shown to admins; never retried on its own.</summary>
    Dead = 4,
    /// <summary>Not sent: its <see cref="OutboxMessage.ExpiresAt"/> passed first (it would have been late and misleading). The scorecard manager is told once.</summary>
    Expired = 5,
}

/// <summary>
/// One proactive message to deliver (a prompt, a reminder, a digest, ...), written in the same
/// transaction as the decision that produced it. <see cref="Key"/> is unique per organization,
/// so a decision made twice writes one row.
/// </summary>
public sealed class OutboxMessage
{
    /// <summary>Database-generated and increasing: within a conversation, messages go out in Id order.</summary>
    public long Id { get; set; }

    public Guid OrganizationId { get; set; }

    /// <summary>The decision's key (e.g. "prompt:{scorecard}:{period}:{person}"); also the channel's idempotency key.</summary>
    public required string Key { get; set; }

    /// <summary>
    /// The decision that produced the row (e.g. the review rhythm's key). One decision may write
    /// several rows (a digest to two channels, a message split in parts); it is made once.
    /// </summary>
    public required string DecisionKey { get; set; }

    /// <summary>"prompt", "reminder", "digest", ... for status listings.</summary>
    public required string Kind { get; set; }

    public Platform Platform { get; set; }

    /// <summary>Set for a direct message.</summary>
    public Guid? PersonId { get; set; }

    /// <summary>Set for a channel post.</summary>
    public string? ConversationId { get; set; }

    public string? ThreadId { get; set; }

    /// <summary>Messages with equal keys are sent one after the other, in <see cref="Id"/> order.</summary>
    public required string ConversationKey { get; set; }

    /// <summary>The neutral message as <see cref="MessageJson"/>.</summary>
    public required string PayloadJson { get; set; }

    /// <summary>When set, the channel updates this earlier message instead of posting.</summary>
    public string? UpdatesConversationId { get; set; }

    public string? UpdatesMessageId { get; set; }

    /// <summary>
    /// The key of the message (same organization and channel) whose thread this one replies in. It
    /// is sent after that message (the channel's order guarantees it) into the thread the platform
    /// gave it; when that message could not be posted, it is posted in the channel itself.
    /// </summary>
    public string? ParentKey { get; set; }

    public DateTimeOffset ScheduledAt { get; set; }

    /// <summary>
    /// The message's deadline: past it, it is not sent but marked <see cref="OutboxStatus.Expired"/>
    /// (a digest after its meeting started, an agenda after the meeting, a prompt after its due
    /// date). Null: no deadline (answers, notices, webhooks).
    /// </summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public OutboxStatus Status { get; set; }

    /// <summary>The channel's reason for the last failure (codes and status lines only, never payloads or tokens).</summary>
    public string? LastError { get; set; }

    /// <summary>Where the platform put the message (Teams conversation, Slack channel, local feed).</summary>
    public string? SentConversationId { get; set; }

    /// <summary>The platform's id of the message (Teams activity id, Slack ts, local id).</summary>
    public string? SentMessageId { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>
    /// When the review rhythm followed up this undelivered direct message (posted it in the team
    /// channel, told the scorecard manager); null while nobody has.
    /// </summary>
    public DateTimeOffset? FollowedUpAt { get; set; }

    /// <summary>The dispatcher pass holding the lease, while <see cref="Status"/> is Sending.</summary>
    public string? LockedBy { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }

    public Destination Destination => PersonId is { } person
        ? Destination.Direct(person)
        : Destination.Channel(ConversationId ?? "", ThreadId);

    /// <summary>The reason code of the last failure ("MessageWritesBlocked", "HTTP 502", ...): what <see cref="LastError"/> starts with.</summary>
    public string? FailureCode => LastError is { } error ? error.Split(':', 2)[0].Trim() : null;

    public MessageReference? SentReference => SentConversationId is { } c && SentMessageId is { } m ? new(c, m) : null;
}
