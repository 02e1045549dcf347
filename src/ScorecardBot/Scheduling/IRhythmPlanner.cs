using ScorecardBot.Core.Delivery;
using ScorecardBot.Core.Model;
using ScorecardBot.Data;

namespace ScorecardBot.Scheduling;

/// <summary>One message the review rhythm decided to send.</summary>
/// <param name="DecisionKey">The rhythm decision's key; the message's own key (<see cref="OutgoingMessage.IdempotencyKey"/>) adds a part number when one decision sends several messages.</param>
/// <param name="Failure">Set when the decision's message could not be composed: it is recorded as undelivered, with this reason, instead of sent.</param>
/// <param name="ExpiresAt">The decision's deadline: past it the message is not sent but marked expired (<see cref="ScorecardBot.Core.Rhythm.RhythmDecision.Deadline"/>).</param>
public sealed record PlannedMessage(string DecisionKey, string Kind, DateTimeOffset ScheduledAt, OutgoingMessage Message, string? Failure = null, DateTimeOffset? ExpiresAt = null);

/// <summary>
/// The signed link of a scorecard's small-multiples chart for its digest, when the host serves
/// charts; digests go without a chart otherwise.
/// </summary>
public interface IDigestCharts
{
    string ScorecardTrends(Guid organizationId, Guid scorecardId);
}

/// <summary>What one organization's review rhythm wants sent now.</summary>
public interface IRhythmPlanner
{
    /// <summary>Reads what the rhythm needs from <paramref name="db"/> and returns the messages due at <paramref name="now"/>.</summary>
    Task<IReadOnlyList<PlannedMessage>> PlanAsync(ScorecardDbContext db, Organization organization, DateTimeOffset now, CancellationToken cancellationToken);
}
