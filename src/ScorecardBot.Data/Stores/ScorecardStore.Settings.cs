using Microsoft.EntityFrameworkCore;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Data.Stores;

internal sealed partial class ScorecardStore : IOrganizationSettings
{
    public Task<CommandResult> SetDigestSettingsAsync(ChangeContext context, DigestLayout? layout, bool? mentionOwners, CancellationToken cancellationToken) =>
        ChangeAsync(context, async (db, actor) =>
        {
            if (actor.Role != Role.Admin)
            {
                return CommandResult.Refused("Only an admin of the organization changes how digests are posted.");
            }

            var organization = await db.Organizations.SingleAsync(o => o.Id == context.OrganizationId, cancellationToken);
            if ((layout ?? organization.DigestLayout) == organization.DigestLayout && (mentionOwners ?? organization.MentionOwners) == organization.MentionOwners)
            {
                return CommandResult.Unchanged;
            }

            organization.DigestLayout = layout ?? organization.DigestLayout;
            organization.MentionOwners = mentionOwners ?? organization.MentionOwners;
            await db.SaveChangesAsync(cancellationToken);
            return CommandResult.Done;
        });
}
