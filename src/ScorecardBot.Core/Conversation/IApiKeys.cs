using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Conversation;

/// <summary>A key just made: its public id and the whole secret, which is shown this once and never again.</summary>
public sealed record IssuedApiKey(string Id, string Name, ApiKeyScope Scope, string Secret);

/// <summary>A key as an admin sees it in a list: never the secret.</summary>
public sealed record ApiKeyListing(string Id, string Name, ApiKeyScope Scope, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

/// <summary>
/// The organization's API keys, managed by its admins through <c>apikey create|list|revoke</c>.
/// Implementations check again that the actor is an admin of the organization.
/// </summary>
public interface IApiKeys
{
    Task<(CommandResult Result, IssuedApiKey? Key)> CreateAsync(ChangeContext context, string name, ApiKeyScope scope, CancellationToken cancellationToken);

    Task<IReadOnlyList<ApiKeyListing>> ListAsync(Guid organizationId, CancellationToken cancellationToken);

    Task<CommandResult> RevokeAsync(ChangeContext context, string id, CancellationToken cancellationToken);
}
