using Microsoft.EntityFrameworkCore;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Data.Configurations;

/// <summary>
/// A channel account added through <c>Person.Accounts</c> gets its organization from the person by
/// EF's fix-up; one added directly with only a PersonId gets it here, before the insert.
/// </summary>
internal static class ChannelAccountOrganizations
{
    public static async Task FillAsync(ScorecardDbContext db, bool async, CancellationToken cancellationToken)
    {
        foreach (var entry in db.ChangeTracker.Entries<ChannelAccount>().Where(e => e.State == EntityState.Added).ToList())
        {
            var organization = entry.Property<Guid>(ChannelAccountConfiguration.OrganizationId);
            if (organization.CurrentValue != Guid.Empty)
            {
                continue;
            }

            var personId = entry.Entity.PersonId;
            var tracked = db.ChangeTracker.Entries<Person>().FirstOrDefault(p => p.Entity.Id == personId)?.Entity;
            var query = db.People.AsNoTracking().Where(p => p.Id == personId).Select(p => (Guid?)p.OrganizationId);
            organization.CurrentValue = tracked?.OrganizationId
                ?? (async ? await query.FirstOrDefaultAsync(cancellationToken) : query.FirstOrDefault())
                ?? throw new InvalidOperationException($"Person {personId} does not exist; the channel account cannot be added.");
        }
    }
}
