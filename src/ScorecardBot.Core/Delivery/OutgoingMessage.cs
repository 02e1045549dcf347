using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Delivery;

/// <summary>
/// Where an outgoing message goes: one person's direct chat with the bot, or a team channel
/// (a conversation id, optionally a thread in it).
/// </summary>
public sealed record Destination
{
    private Destination(Guid? personId, string? conversationId, string? threadId)
    {
        PersonId = personId;
        ConversationId = conversationId;
        ThreadId = threadId;
    }

    /// <summary>Set for a direct message; the channel finds the person's account and 1:1 conversation.</summary>
    public Guid? PersonId { get; }

    /// <summary>Set for a channel post: the Teams channel conversation id, the Slack channel id, or the local channel.</summary>
    public string? ConversationId { get; }

    /// <summary>Teams reply chain id or Slack thread_ts, when the post belongs in a thread.</summary>
    public string? ThreadId { get; }

    public bool IsDirect => PersonId is not null;

    public static Destination Direct(Guid personId) =>
        personId == Guid.Empty ? throw new ArgumentException("A direct message needs a person id.", nameof(personId)) : new(personId, null, null);

    public static Destination Channel(string conversationId, string? threadId = null) =>
        string.IsNullOrWhiteSpace(conversationId)
            ? throw new ArgumentException("A channel post needs the channel's conversation id.", nameof(conversationId))
            : new(null, conversationId, string.IsNullOrWhiteSpace(threadId) ? null : threadId);

    /// <summary>
    /// Messages with the same key are delivered in the order they were written: one person's
    /// direct chat, or one channel thread.
    /// </summary>
    public string ConversationKey(Platform platform) => PersonId is { } person
        ? $"{platform}:dm:{person:N}"
        : ThreadId is null ? $"{platform}:ch:{ConversationId}" : $"{platform}:ch:{ConversationId}:{ThreadId}";

    public override string ToString() => PersonId is { } p ? $"person:{p}" : $"channel:{ConversationId}";
}

/// <summary>
/// A message sent on a platform earlier, so it can be updated later (a prompt card that becomes
/// "recorded"). Teams: conversation id + activity id; Slack: channel + ts; local: the feed's id.
/// </summary>
public sealed record MessageReference(string ConversationId, string MessageId);

/// <summary>
/// One message for a channel to deliver. <see cref="IdempotencyKey"/> is the outbox key: a channel
/// that sees the same key twice must not show the message twice (see <see cref="IChannelSender"/>).
/// </summary>
public sealed record OutgoingMessage(
    Guid OrganizationId,
    Platform Platform,
    Destination Destination,
    Message Message,
    string IdempotencyKey)
{
    /// <summary>When set, the channel updates this message in place instead of posting a new one.</summary>
    public MessageReference? Updates { get; init; }

    /// <summary>
    /// The outbox key of an earlier message of the same channel (a digest's summary) whose thread
    /// this one is a reply in. The outbox sends it after that message and into its thread (Slack
    /// thread_ts, Teams reply chain); a channel sees the thread in <see cref="Destination.ThreadId"/>.
    /// </summary>
    public string? InThreadOf { get; init; }
}
