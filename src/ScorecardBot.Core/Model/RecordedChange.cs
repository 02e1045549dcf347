namespace ScorecardBot.Core.Model;

/// <summary>What of a target or an actual a <see cref="RecordedChange"/> changed.</summary>
public enum ChangedField
{
    Target = 0,
    AmberThreshold = 1,
    RedThreshold = 2,
    BandLow = 3,
    BandHigh = 4,
    Actual = 5,
}

/// <summary>
/// One change of a target, a threshold or an actual as the audit trail tells it: "target changed
/// 92 → 90 by Ana on 3 Oct". Read from <see cref="AuditEntry"/> rows by the store, so the digest
/// can say what moved since the last review and who moved it.
/// </summary>
public sealed record RecordedChange(ChangedField Field, Guid KpiId, Period Period, decimal? OldValue, decimal? NewValue, string ActorName, DateTimeOffset At);
