using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Meetings;

/// <summary>A meeting as stored after a change: with its notes and the review actions it agreed.</summary>
public sealed record MeetingResult(CommandResult Result, ReviewMeeting? Meeting = null, IReadOnlyList<ReviewAction>? Actions = null)
{
    /// <summary>The card was behind the meeting (another press moved it first): nothing changed; <see cref="Meeting"/> is as it is now.</summary>
    public bool Stale { get; init; }

    /// <summary>The action the step added, with its number.</summary>
    public ReviewAction? Added { get; init; }
}

/// <summary>
/// Where meetings live (the database, so a restarted host loses nothing). Every call is scoped to
/// one organization; changes check the actor's role again (<see cref="MeetingFlow"/>) and are audited.
/// </summary>
public interface IMeetingStore
{
    /// <summary>The meeting with its notes and actions, or null when it is not this organization's.</summary>
    Task<MeetingResult?> FindAsync(Guid organizationId, Guid meetingId, CancellationToken cancellationToken);

    /// <summary>The scorecard's open meeting, if any.</summary>
    Task<MeetingResult?> FindOpenAsync(Guid organizationId, Guid scorecardId, CancellationToken cancellationToken);

    /// <summary>Opens <paramref name="meeting"/> (a scorecard manager's right); refused while the scorecard has another open one.</summary>
    Task<MeetingResult> StartAsync(ChangeContext context, ReviewMeeting meeting, CancellationToken cancellationToken);

    /// <summary>Applies a step through <see cref="MeetingFlow"/> to the stored meeting.</summary>
    Task<MeetingResult> StepAsync(ChangeContext context, Guid meetingId, MeetingStep step, CancellationToken cancellationToken);

    /// <summary>The scorecard's closed meetings, newest first, with their notes and actions (the minutes).</summary>
    Task<IReadOnlyList<MeetingResult>> MinutesAsync(Guid organizationId, Guid scorecardId, int take, CancellationToken cancellationToken);
}
