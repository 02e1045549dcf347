using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Data.Auditing;

/// <summary>
/// Actuals, targets and review meetings carry a <c>Version</c> used as the concurrency token. Bumping it here, on
/// every modified row, means two people who loaded the same actual cannot both save it: the second
/// UPDATE matches no row and EF throws <see cref="DbUpdateConcurrencyException"/>. Plain columns
/// work the same on every provider, unlike rowversion (SQL Server) or xmin (PostgreSQL).
/// </summary>
internal static class ConcurrencyVersions
{
    public static void Bump(ChangeTracker tracker)
    {
        foreach (var entry in tracker.Entries())
        {
            if (entry.State == EntityState.Modified && entry.Entity is Actual or Target or ReviewMeeting)
            {
                var version = entry.Property(nameof(Actual.Version));
                var original = (uint)version.OriginalValue!;
                if ((uint)version.CurrentValue! == original)
                {
                    version.CurrentValue = unchecked(original + 1);
                }
            }
        }
    }
}
