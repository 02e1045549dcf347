using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Meetings;

/// <summary>A press on a meeting's card or a command that changes the meeting.</summary>
public abstract record MeetingStep;

/// <summary>The item shown at <paramref name="Item"/> is done: its owner presented it; on to the next.</summary>
public sealed record NextItem(int Item) : MeetingStep;

/// <summary>The item shown at <paramref name="Item"/> is put aside for later; on to the next.</summary>
public sealed record ParkItem(int Item) : MeetingStep;

/// <summary>A decision on the item shown at <paramref name="Item"/>.</summary>
public sealed record RecordDecision(int Item, string Text) : MeetingStep;

/// <summary>A review action agreed on the item shown at <paramref name="Item"/>: who does what by when.</summary>
public sealed record AddMeetingAction(int Item, string Text, Guid OwnerId, DateOnly Due) : MeetingStep;

/// <summary>A manager ends the meeting.</summary>
public sealed record EndMeeting : MeetingStep;

/// <summary>The end of the review day came with the meeting still open.</summary>
public sealed record CloseAtDayEnd : MeetingStep;

/// <summary>
/// What a step did: nothing (<see cref="Refusal"/> says why, or <see cref="Stale"/> when the card
/// was behind the meeting), or the meeting changed, with the notes and the action to store.
/// </summary>
public sealed record MeetingOutcome(bool Changed, string? Refusal = null, bool Stale = false)
{
    public IReadOnlyList<MeetingNote> Notes { get; init; } = [];

    public ReviewAction? Action { get; init; }

    public static MeetingOutcome Refused(string why) => new(false, why);
}

/// <summary>
/// The meeting's rules, in one place and free of storage: anyone in the channel records decisions
/// and adds actions while it is open; only a scorecard manager moves it on (Next, Park) or ends it.
/// A Next or Park pressed on a card that shows an item the meeting has already left changes nothing
/// (two managers pressing Next at once move one item, not two). A closed meeting changes no more.
/// </summary>
public static class MeetingFlow
{
    /// <summary>The audit trail's subjects of a meeting's changes: its opening and end, its decisions, its actions.</summary>
    public const string AuditSubject = "ReviewMeeting";
    public const string DecisionAuditSubject = "MeetingDecision";
    public const string ActionAuditSubject = "ReviewAction";

    public const string ManagersMoveOn = "Only a scorecard manager or admin can move the meeting on.";
    public const string ManagersEnd = "Only a scorecard manager or admin can end the meeting.";

    /// <summary>Applies <paramref name="step"/> to <paramref name="meeting"/> (which it changes) for <paramref name="actorId"/>.</summary>
    /// <param name="canManage">Whether the actor manages the meeting's scorecard (<see cref="Conversation.ScorecardPermissions.CanManage"/>).</param>
    public static MeetingOutcome Apply(ReviewMeeting meeting, MeetingStep step, Guid? actorId, bool canManage, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        ArgumentNullException.ThrowIfNull(step);
        if (meeting.State == MeetingState.Closed)
        {
            return MeetingOutcome.Refused("This meeting has ended; its minutes were posted. Start a new one with review start.");
        }

        var count = meeting.Items.Count;
        switch (step)
        {
            case NextItem or ParkItem when !canManage:
                return MeetingOutcome.Refused(ManagersMoveOn);
            case EndMeeting when !canManage:
                return MeetingOutcome.Refused(ManagersEnd);
            case NextItem { Item: var item } when item != meeting.Position:
            case ParkItem { Item: var parked } when parked != meeting.Position:
                return new MeetingOutcome(false, Stale: true);
            case NextItem or ParkItem when meeting.Position >= count:
                return MeetingOutcome.Refused("That was the last item. A scorecard manager ends the meeting with review end, which posts the minutes.");
            case NextItem:
            {
                var current = meeting.Items[meeting.Position];
                var notes = current.OwnerId is { } presenter
                    ? new[] { Note(meeting, MeetingNoteKind.Presented, meeting.Position, null, presenter, now) }
                    : [];
                meeting.Position++;
                return new MeetingOutcome(true) { Notes = notes };
            }

            case ParkItem:
            {
                var note = Note(meeting, MeetingNoteKind.Parked, meeting.Position, null, actorId, now);
                meeting.Position++;
                return new MeetingOutcome(true) { Notes = [note] };
            }

            case RecordDecision decision:
            {
                var text = decision.Text.Trim();
                if (text.Length == 0)
                {
                    return MeetingOutcome.Refused("Write the decision first.");
                }

                return new MeetingOutcome(true) { Notes = [Note(meeting, MeetingNoteKind.Decision, ItemOf(meeting, decision.Item), text, actorId, now)] };
            }

            case AddMeetingAction add:
            {
                var text = add.Text.Trim();
                if (text.Length == 0)
                {
                    return MeetingOutcome.Refused("Write what is to be done first.");
                }

                var item = ItemOf(meeting, add.Item);
                var action = new ReviewAction
                {
                    OrganizationId = meeting.OrganizationId,
                    ScorecardId = meeting.ScorecardId,
                    Text = text,
                    OwnerId = add.OwnerId,
                    Due = add.Due,
                    RaisedInPeriod = meeting.Period,
                    KpiId = item >= 0 && item < count ? meeting.Items[item].KpiId : null,
                    MeetingId = meeting.Id,
                    CreatedAt = now,
                };
                return new MeetingOutcome(true) { Action = action };
            }

            case EndMeeting:
                meeting.State = MeetingState.Closed;
                meeting.ClosedAt = now;
                meeting.ClosedById = actorId;
                return new MeetingOutcome(true);
            case CloseAtDayEnd when now < meeting.EndsAt:
                return MeetingOutcome.Refused("The review day has not ended yet.");
            case CloseAtDayEnd:
                meeting.State = MeetingState.Closed;
                meeting.ClosedAt = now;
                meeting.ClosedById = null;
                return new MeetingOutcome(true);
            default:
                throw new ArgumentOutOfRangeException(nameof(step), step, "Not a meeting step.");
        }
    }

    /// <summary>
    /// The item a decision or action belongs to: the one on the card it was typed on; one past
    /// the last (after every item was taken) counts as the last.
    /// </summary>
    private static int ItemOf(ReviewMeeting meeting, int item) =>
        meeting.Items.Count == 0 ? -1 : Math.Clamp(item, 0, meeting.Items.Count - 1);

    private static MeetingNote Note(ReviewMeeting meeting, MeetingNoteKind kind, int item, string? text, Guid? personId, DateTimeOffset at) => new()
    {
        OrganizationId = meeting.OrganizationId,
        MeetingId = meeting.Id,
        Kind = kind,
        Item = item,
        Text = text,
        PersonId = personId,
        At = at,
    };
}
