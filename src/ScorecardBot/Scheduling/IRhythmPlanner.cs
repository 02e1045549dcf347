using ScorecardBot.Core.Delivery;
using ScorecardBot.Core.Model;
using ScorecardBot.Data;

namespace ScorecardBot.Scheduling;

/// <summary>One message the review rhythm decided to send.</summary>
/// <param name="DecisionKey">The rhythm decision's key; the message's own key (<see cref="OutgoingMessage.IdempotencyKey"/>) adds a part number when one decision sends several messages.</param>
public sealed record PlannedMessage(string DecisionKey, string Kind, DateTimeOffset ScheduledAt, OutgoingMessage Message);

/// <summary>What one organization's review rhythm wants sent now.</summary>
public interface IRhythmPlanner
{
    /// <summary>Reads what the rhythm needs from <paramref name="db"/> and returns the messages due at <paramref name="now"/>.</summary>
    Task<IReadOnlyList<PlannedMessage>> PlanAsync(ScorecardDbContext db, Organization organization, DateTimeOffset now, CancellationToken cancellationToken);
}
