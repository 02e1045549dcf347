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

    /// <summary>The message's deadline passed before it could be sent (the bot was down, the platform refused it until then); it was not sent.</summary>
    public const string Expired = "expired";

    /// <summary>Slack: the app's App Home Messages tab is off, so it cannot write to people.</summary>
    public const string MessagesTabDisabled = "messages_tab_disabled";

    /// <summary>Teams: the bot is not installed for the person (opening a 1:1 chat is refused).</summary>
    public const string BotNotInConversationRoster = "BotNotInConversationRoster";

    /// <summary>Slack: the user was deactivated or does not exist in the workspace.</summary>
    public const string UserNotFound = "user_not_found";

    /// <summary>Slack: the user's account is deactivated.</summary>
    public const string UserDisabled = "user_disabled";

    /// <summary>Teams: an admin's app policy blocks the bot for the person or the whole tenant (403 BotDisabledByAdmin).</summary>
    public const string BotDisabledByAdmin = "BotDisabledByAdmin";

    /// <summary>Teams: the conversation no longer exists (404 ConversationNotFound): the chat was deleted, or the team or channel is gone.</summary>
    public const string ConversationNotFound = "ConversationNotFound";

    /// <summary>Slack: the bot is not a member of the channel.</summary>
    public const string NotInChannel = "not_in_channel";

    /// <summary>Slack: the channel was archived.</summary>
    public const string IsArchived = "is_archived";

    /// <summary>Slack: a workspace preference keeps the bot from posting there.</summary>
    public const string RestrictedAction = "restricted_action";

    /// <summary>Slack: the bot's token belongs to a deleted user or workspace.</summary>
    public const string AccountInactive = "account_inactive";

    /// <summary>Slack: the bot's token was revoked or the app was removed from the workspace.</summary>
    public const string TokenRevoked = "token_revoked";

    /// <summary>
    /// The person cannot be reached directly on the platform until something changes on their side
    /// (they write to the bot, install it, or an admin turns the Messages tab on): the bot marks them
    /// unreachable, tells the scorecard manager and posts in the team channel instead of retrying.
    /// </summary>
    public static bool MeansUnreachable(string code) => code is MessageWritesBlocked or NoConversationReference
        or CannotDmBot or MessagesTabDisabled or BotNotInConversationRoster or UserNotFound or UserDisabled
        or BotDisabledByAdmin or ConversationNotFound or RestrictedAction;

    /// <summary>
    /// The bot cannot post in a channel, or cannot post at all on the platform, until an admin or a
    /// channel member changes something (invites the bot, unarchives the channel, reinstalls the
    /// app). Retrying cannot help; the scorecard manager is told what was not posted.
    /// </summary>
    public static bool MeansChannelProblem(string code) => code is NotInChannel or ChannelNotFound or IsArchived or RestrictedAction
        or AccountInactive or TokenRevoked or BotDisabledByAdmin or BotNotInConversationRoster or ConversationNotFound
        or NoConversationReference or MessageWritesBlocked or PlatformNotConfigured;

    /// <summary>Why a message could not be posted in a channel, in words a scorecard manager can act on.</summary>
    public static string ExplainChannel(string code, Platform platform) => code switch
    {
        NotInChannel => "the bot is not a member of the channel: invite it (/invite @the bot) and it posts there again",
        ChannelNotFound => $"the channel does not exist any more, or the bot cannot see it, in {platform}",
        IsArchived => "the channel is archived: unarchive it, or set another channel for the scorecard",
        RestrictedAction => "a workspace setting keeps the bot from posting in that channel",
        AccountInactive or TokenRevoked => "the app's Slack installation is no longer valid (the app was removed or its account deactivated): reinstall it",
        BotDisabledByAdmin => "a Teams admin disabled the bot (app permission policy)",
        BotNotInConversationRoster or NoConversationReference => $"the bot is not installed in that team in {platform}: add the app to the team",
        ConversationNotFound => "the channel or conversation no longer exists in Teams",
        MessageWritesBlocked => $"{platform} blocks the bot's messages in that conversation",
        PlatformNotConfigured => $"the organization is not connected to {platform}",
        _ => $"{platform} refused the message ({code})",
    };

    /// <summary>Why a person cannot be reached, in words a scorecard manager can act on.</summary>
    public static string Explain(string code, Platform platform) => code switch
    {
        MessageWritesBlocked => $"{platform} blocks the bot's messages to them (they blocked or removed the bot)",
        NoConversationReference => $"the bot is not installed for them in {platform} yet (no chat with the bot)",
        BotNotInConversationRoster => $"the bot is not installed for them in {platform}",
        CannotDmBot => "their Slack account is a bot, which cannot get direct messages",
        MessagesTabDisabled => "the app's Messages tab is turned off in Slack (App Home)",
        UserNotFound or UserDisabled => $"their {platform} account is deactivated or unknown",
        BotDisabledByAdmin => $"a {platform} admin disabled the bot for them (app permission policy)",
        ConversationNotFound => $"their chat with the bot no longer exists in {platform} (the bot was removed for them)",
        RestrictedAction => $"a {platform} workspace setting keeps the bot from writing to them",
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
        BotDisabledByAdmin => $"a {platform} admin disabled me for you",
        ConversationNotFound => $"our chat in {platform} no longer exists",
        RestrictedAction => $"a {platform} setting keeps me from writing to you",
        _ => $"{platform} refused my message ({code})",
    };
}
