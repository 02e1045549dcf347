using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Review;

/// <summary>
/// What a review knows besides the numbers: the holidays (for its schedule), who was away, which
/// data was announced late, and what changed in targets and reviewed actuals (from the audit trail).
/// </summary>
public sealed record ReviewNotes
{
    public static ReviewNotes Empty { get; } = new();

    /// <summary>How far back notes are kept for a review: a quarter and its review, with room to spare.</summary>
    public static readonly TimeSpan Reach = TimeSpan.FromDays(120);

    public IReadOnlyList<Holiday> Holidays { get; init; } = [];
    public IReadOnlyList<Absence> Absences { get; init; } = [];
    public IReadOnlyList<LateNotice> LateNotices { get; init; } = [];
    public IReadOnlyList<RecordedChange> Changes { get; init; } = [];

    /// <summary>Presenters' pre-reads of recent reviews, shown in the agenda under their KPI.</summary>
    public IReadOnlyList<PreRead> PreReads { get; init; } = [];
    /// <summary>Decisions of the review meetings held lately (the next agenda recalls the last one's).</summary>
    public IReadOnlyList<PastDecision> Decisions { get; init; } = [];
}
