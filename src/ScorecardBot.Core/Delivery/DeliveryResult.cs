using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Delivery;

/// <summary>What a channel answered to one <see cref="OutgoingMessage"/>.</summary>
public abstract record DeliveryResult
{
    private DeliveryResult()
    {
    }

    /// <summary>The platform accepted the message; <see cref="Reference"/> lets it be updated later.</summary>
    public sealed record Sent(MessageReference Reference) : DeliveryResult;

    /// <summary>
    /// Worth trying again later: throttled (429), a server error (5xx), a timeout, a dropped
    /// connection. <see cref="RetryAfter"/> is the platform's own hint, when it gave one.
    /// </summary>
    public sealed record Transient(string Reason, TimeSpan? RetryAfter = null) : DeliveryResult;

    /// <summary>
    /// Trying again cannot help until someone changes something: the bot was removed, the person
    /// has no conversation with the bot, the tenant blocks message writes. <see cref="Code"/> is a
    /// short machine-readable reason (see <see cref="DeliveryFailureCodes"/>); no secrets, no payloads.
    /// </summary>
    public sealed record Permanent(string Code, string? Detail = null) : DeliveryResult;
}

/// <summary>Reason codes of permanent failures that the channels share.</summary>
public static class DeliveryFailureCodes
{
    /// <summary>Teams: the tenant or the conversation does not accept messages from the bot.</summary>
    public const string MessageWritesBlocked = "MessageWritesBlocked";

    /// <summary>The person never installed the bot or has no account on this platform.</summary>
    public const string NoConversationReference = "no_conversation_reference";

    /// <summary>Slack: the recipient is a bot user.</summary>
    public const string CannotDmBot = "cannot_dm_bot";

    /// <summary>The channel was archived, deleted, or the bot was removed from it.</summary>
    public const string ChannelNotFound = "channel_not_found";

    /// <summary>The message to update no longer exists.</summary>
    public const string MessageNotFound = "message_not_found";

    /// <summary>No channel is configured for the message's platform.</summary>
    public const string PlatformNotConfigured = "platform_not_configured";

    /// <summary>The stored payload could not be read back (a bug or a hand-edited row).</summary>
    public const string UnreadablePayload = "unreadable_payload";

    /// <summary>The review rhythm could not compose the message (a bug or unexpected data); nothing was sent.</summary>
    public const string NotComposed = "not_composed";

    /// <summary>Slack: the app's App Home Messages tab is off, so it cannot write to people.</summary>
    public const string MessagesTabDisabled = "messages_tab_disabled";

    /// <summary>Teams: the bot is not installed for the person (opening a 1:1 chat is refused).</summary>
    public const string BotNotInConversationRoster = "BotNotInConversationRoster";

    /// <summary>Slack: the user was deactivated or does not exist in the workspace.</summary>
    public const string UserNotFound = "user_not_found";

    /// <summary>Slack: the user's account is deactivated.</summary>
    public const string UserDisabled = "user_disabled";

    /// <summary>
    /// The person cannot be reached directly on the platform until something changes on their side
    /// (they write to the bot, install it, or an admin turns the Messages tab on): the bot marks them
    /// unreachable, tells the scorecard manager and posts in the team channel instead of retrying.
    /// </summary>
    public static bool MeansUnreachable(string code) => code is MessageWritesBlocked or NoConversationReference
        or CannotDmBot or MessagesTabDisabled or BotNotInConversationRoster or UserNotFound or UserDisabled;

    /// <summary>Why a person cannot be reached, in words a scorecard manager can act on.</summary>
    public static string Explain(string code, Platform platform) => code switch
    {
        MessageWritesBlocked => $"{platform} blocks the bot's messages to them (they blocked or removed the bot)",
        NoConversationReference => $"the bot is not installed for them in {platform} yet (no chat with the bot)",
        BotNotInConversationRoster => $"the bot is not installed for them in {platform}",
        CannotDmBot => "their Slack account is a bot, which cannot get direct messages",
        MessagesTabDisabled => "the app's Messages tab is turned off in Slack (App Home)",
        UserNotFound or UserDisabled => $"their {platform} account is deactivated or unknown",
        _ => $"{platform} refused the message ({code})",
    };

    /// <summary>The same, said to the person themselves (in the team channel, where the message went instead).</summary>
    public static string ExplainToThem(string code, Platform platform) => code switch
    {
        MessageWritesBlocked => $"{platform} blocks my messages to you",
        NoConversationReference => $"I am not installed for you in {platform} yet",
        BotNotInConversationRoster => $"I am not installed for you in {platform}",
        CannotDmBot => "your Slack account is a bot account",
        MessagesTabDisabled => "my Messages tab is turned off in Slack",
        UserNotFound or UserDisabled => $"your {platform} account is deactivated or unknown",
        _ => $"{platform} refused my message ({code})",
    };
}
