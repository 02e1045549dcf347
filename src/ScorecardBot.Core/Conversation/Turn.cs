using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Conversation;

public enum ConversationKind
{
    /// <summary>A 1:1 chat between the bot and one person (Teams personal chat, Slack DM, local chat).</summary>
    Direct = 0,
    /// <summary>A team channel (Teams channel, Slack public/private channel).</summary>
    Channel = 1,
    /// <summary>A group chat (Teams group chat, Slack multi-person DM).</summary>
    Group = 2,
}

/// <summary>The person behind a turn, as resolved by the channel adapter from its platform account.</summary>
public sealed record Actor(Guid PersonId, string Name, string Email, Role Role);

/// <summary>
/// Where the turn happened, in platform terms. The core never looks inside it; it hands it back
/// to the channel so replies and card updates reach the right place.
/// </summary>
public sealed record ConversationAddress(
    Platform Platform,
    string ConversationId,
    ConversationKind Kind,
    string? ServiceUrl = null,
    string? TenantOrTeamId = null,
    string? ThreadId = null);

/// <summary>A press of a button or submission of a card/modal: which action, its data and the inputs' values.</summary>
public sealed record CardAction(
    string ActionId,
    IReadOnlyDictionary<string, string> Data,
    IReadOnlyDictionary<string, string> Inputs)
{
    public string? Get(string key) =>
        Inputs.TryGetValue(key, out var v) ? v : Data.TryGetValue(key, out var d) ? d : null;
}

/// <summary>
/// One thing a person said or did, translated from Teams, Slack or the local chat into the
/// core's neutral terms: who (already resolved to a person of one organization), where, and what.
/// Exactly one of <see cref="Text"/> and <see cref="Action"/> is set.
/// </summary>
public sealed record Turn
{
    public required Guid OrganizationId { get; init; }
    public required Actor Actor { get; init; }
    public required Platform Platform { get; init; }
    public required ConversationAddress Conversation { get; init; }

    /// <summary>What the person typed, with the bot's own mention and a leading "/scorecard" removed.</summary>
    public string? Text { get; init; }

    public CardAction? Action { get; init; }

    /// <summary>The platform's id of the message the action came from (so the reply can replace it).</summary>
    public string? SourceMessageId { get; init; }

    /// <summary>Culture name the person's client reported, if any; numbers use the organization's locale.</summary>
    public string? Locale { get; init; }

    public required DateTimeOffset At { get; init; }

    /// <summary>Whether the text came through a slash command (Slack) rather than a message.</summary>
    public bool IsCommand { get; init; }

    /// <summary>
    /// People mentioned in <see cref="Text"/> as the platform reported them (Teams sends the
    /// mentioned users beside "&lt;at&gt;Name&lt;/at&gt;"); lets the core resolve a mention to a person.
    /// </summary>
    public IReadOnlyList<MentionedUser> Mentions { get; init; } = [];

    /// <summary>A file sent with the message (a scorecard to import), downloaded by the channel.</summary>
    public TurnFile? File { get; init; }
}

/// <summary>A mention in the text (e.g. "&lt;at&gt;Ana Costa&lt;/at&gt;") and the platform account it points at (AAD object id or "29:…" id in Teams).</summary>
public sealed record MentionedUser(string Text, string PlatformUserId, string Name)
{
    /// <summary>The e-mail the platform reports for the user (Teams member record, Slack users.info), looked up for <c>people</c> commands.</summary>
    public string? Email { get; init; }

    /// <summary>The account to link: AAD object id in Teams, U… in Slack.</summary>
    public string? AccountId { get; init; }
}
