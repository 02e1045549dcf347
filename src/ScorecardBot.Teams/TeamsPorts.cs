using ScorecardBot.Core.Conversation;

namespace ScorecardBot.Teams;

/// <summary>Hands an authenticated, translated Teams turn to the conversation engine.</summary>
public interface ITeamsTurnHandler
{
    Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken);
}

/// <summary>A Teams user as the channel names them.</summary>
/// <param name="TenantId">Entra ID tenant of the conversation.</param>
/// <param name="AadObjectId">The user's Entra ID object id; absent for some guests and in local tools.</param>
/// <param name="Name">Display name.</param>
/// <param name="ChannelUserId">The Teams user id ("29:…"), needed to open a 1:1 chat later.</param>
public sealed record TeamsUser(string TenantId, string? AadObjectId, string? Name, string ChannelUserId);

/// <summary>Who a Teams user is in the scorecard: their organization and the person acting.</summary>
public sealed record TeamsIdentity(Guid OrganizationId, Actor Actor);

/// <summary>Maps Teams tenants and users to organizations and people; implemented by the host over its store.</summary>
public interface ITeamsIdentityResolver
{
    /// <summary>The organization set up for this tenant, or null when there is none.</summary>
    Task<Guid?> FindOrganizationAsync(string tenantId, CancellationToken cancellationToken);

    /// <summary>The person behind a Teams user, or null for an unknown tenant or person.</summary>
    Task<TeamsIdentity?> ResolveAsync(TeamsUser user, CancellationToken cancellationToken);

    /// <summary>
    /// Links a Teams user the bot does not know yet to the person with this e-mail in the tenant's
    /// organization (as Teams reports it for the user), so people imported by e-mail need no other
    /// set-up. Null when no such person exists or the person is already linked to another Teams account.
    /// </summary>
    Task<TeamsIdentity?> LinkByEmailAsync(TeamsUser user, string email, CancellationToken cancellationToken);
}

/// <summary>Where to reach a Teams conversation later: enough to post into it without an incoming activity.</summary>
public sealed record TeamsConversationReference(
    string ServiceUrl,
    string ConversationId,
    string TenantId,
    ConversationKind Kind,
    string? BotId = null,
    string? TeamId = null);

/// <summary>
/// Keeps conversation references so proactive messages (prompts, digests) can reach people and channels.
/// The channel saves a person's reference on every 1:1 message (so a reinstall or a moved service URL
/// is picked up), so an implementation should write only when the reference changed.
/// </summary>
public interface IConversationReferenceStore
{
    /// <summary>Stores a person's 1:1 conversation; true when it was not known before.</summary>
    Task<bool> SavePersonalAsync(Guid organizationId, Guid personId, TeamsConversationReference reference, CancellationToken cancellationToken);

    Task<TeamsConversationReference?> FindPersonalAsync(Guid organizationId, Guid personId, CancellationToken cancellationToken);

    /// <summary>Stores a channel or group chat the bot is in, keyed by its conversation id; true when new.</summary>
    Task<bool> SaveSharedAsync(Guid organizationId, TeamsConversationReference reference, CancellationToken cancellationToken);

    Task<TeamsConversationReference?> FindSharedAsync(Guid organizationId, string conversationId, CancellationToken cancellationToken);

    Task RemoveSharedAsync(Guid organizationId, string conversationId, CancellationToken cancellationToken);
}

/// <summary>A message the bot posted: where, and the activity id needed to update or delete it.</summary>
public sealed record SentActivity(TeamsConversationReference Conversation, string ActivityId);

/// <summary>Someone to reach in a 1:1 chat, known by their Teams user id.</summary>
public sealed record ProactiveRecipient(Guid OrganizationId, Guid PersonId, string TenantId, string ChannelUserId, string? ServiceUrl = null);

/// <summary>Posts, updates and deletes messages in Teams on the bot's own initiative (prompts, reminders, digests).</summary>
public interface ITeamsMessenger
{
    Task<SentActivity> SendAsync(TeamsConversationReference conversation, Message message, CancellationToken cancellationToken);

    /// <summary>Sends to a person's 1:1 chat, opening it (and storing its reference) when there is none yet.</summary>
    Task<SentActivity> SendProactiveAsync(ProactiveRecipient recipient, Message message, CancellationToken cancellationToken);

    Task UpdateAsync(TeamsConversationReference conversation, string activityId, Message message, CancellationToken cancellationToken);

    Task DeleteAsync(TeamsConversationReference conversation, string activityId, CancellationToken cancellationToken);
}
