namespace ScorecardBot.Core.Conversation;

/// <summary>
/// Reads an organization's scorecards for the conversation. Implementations cache one
/// <see cref="OrganizationSnapshot"/> per organization and drop it when anything of that
/// organization changes, so questions are answered from memory.
/// </summary>
public interface IScorecardReadModel
{
    /// <summary>The organization's snapshot, or null when there is no such organization.</summary>
    ValueTask<OrganizationSnapshot?> GetAsync(Guid organizationId, CancellationToken cancellationToken);

    /// <summary>
    /// Drops what is cached of the organization after a change made outside the read model's own
    /// commands (a chat account linked on first contact): the next read sees the database.
    /// </summary>
    void Invalidate(Guid organizationId)
    {
    }
}
