using ScorecardBot.Core.Conversation;

namespace ScorecardBot.Slack;

/// <summary>Runs one turn through the conversation engine; the host binds it to IConversationEngine.</summary>
public interface ISlackTurnHandler
{
    Task<TurnResult> HandleAsync(Turn turn, CancellationToken ct);
}

/// <summary>A Slack user resolved to a person of one organization.</summary>
public sealed record SlackIdentity(Guid OrganizationId, Actor Actor);

/// <summary>
/// Finds the person behind a Slack user (the host links by Slack user id, or by e-mail from
/// users.info the first time). Null when the user belongs to no known organization.
/// </summary>
public interface ISlackIdentityResolver
{
    Task<SlackIdentity?> ResolveAsync(string teamId, string userId, CancellationToken ct);
}

/// <summary>The App Home tab of a person: their KPIs and status, what is due from them, the next review.</summary>
public interface IAppHomeProvider
{
    Task<Message> GetHomeAsync(SlackIdentity identity, CancellationToken ct);
}

/// <summary>
/// One workspace's installation as stored. <see cref="ProtectedBotToken"/> is already encrypted
/// with ASP.NET Data Protection by the Slack adapter; a store keeps it as opaque text.
/// </summary>
public sealed record SlackInstallationRecord(
    string TeamId,
    string? TeamName,
    string? EnterpriseId,
    string ProtectedBotToken,
    string? BotUserId,
    string? AppId,
    string Scopes,
    DateTimeOffset InstalledAt);

/// <summary>Keeps workspace installations (bot token per team_id); the host implements it over the database.</summary>
public interface ISlackInstallationStore
{
    Task SaveAsync(SlackInstallationRecord installation, CancellationToken ct);
    Task<SlackInstallationRecord?> FindAsync(string teamId, CancellationToken ct);
}
