using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Conversation;

/// <summary>
/// The organization's own settings that an admin changes from the chat. Implementations check
/// the actor's role again (admins only) and scope the change to the one organization.
/// </summary>
public interface IOrganizationSettings
{
    /// <summary>Sets how digests are posted and/or whether they @mention owners; a null leaves that setting as it is.</summary>
    Task<CommandResult> SetDigestSettingsAsync(ChangeContext context, DigestLayout? layout, bool? mentionOwners, CancellationToken cancellationToken);
}
