using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Meetings;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Review;
using ScorecardBot.Core.Tests.Review;

namespace ScorecardBot.Core.Tests.Meetings;

public class MeetingFlowTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 10, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Manager = Guid.NewGuid();
    private static readonly Guid Viewer = Guid.NewGuid();
    private static readonly Guid Ana = Guid.NewGuid();
    private static readonly Guid Ben = Guid.NewGuid();

    private static ReviewMeeting Meeting() => new()
    {
        OrganizationId = Guid.NewGuid(),
        ScorecardId = Guid.NewGuid(),
        Period = Period.Month(2026, 10),
        Platform = Platform.Local,
        ConversationId = "local:channel",
        ItemsJson = MeetingItems.Write(
        [
            new MeetingItem("On-time delivery", "Red KPIs: the owner presents", Ana, Guid.NewGuid(), "88 % vs target 95 %"),
            new MeetingItem("Cargo claims", "Red KPIs: the owner presents", Ben, Guid.NewGuid()),
            new MeetingItem("Agree actions, owners and due dates", "Close", Manager),
        ]),
        StartedById = Manager,
        StartedAt = Now,
        EndsAt = Now.AddHours(15),
    };

    [Fact]
    public void Next_records_who_presented_and_moves_to_the_next_item()
    {
        var meeting = Meeting();

        var outcome = MeetingFlow.Apply(meeting, new NextItem(0), Manager, canManage: true, Now);

        Assert.True(outcome.Changed);
        Assert.Equal(1, meeting.Position);
        var note = Assert.Single(outcome.Notes);
        Assert.Equal((MeetingNoteKind.Presented, 0, (Guid?)Ana), (note.Kind, note.Item, note.PersonId));
        Assert.Equal("Cargo claims", meeting.Current!.Title);
    }

    [Fact]
    public void Only_a_manager_moves_on_parks_or_ends_and_a_refusal_changes_nothing()
    {
        var meeting = Meeting();

        foreach (var step in new MeetingStep[] { new NextItem(0), new ParkItem(0), new EndMeeting() })
        {
            var outcome = MeetingFlow.Apply(meeting, step, Viewer, canManage: false, Now);
            Assert.False(outcome.Changed);
            Assert.StartsWith("Only a scorecard manager or admin can", outcome.Refusal);
        }

        Assert.Equal((0, MeetingState.Open), (meeting.Position, meeting.State));
    }

    [Fact]
    public void Anyone_records_decisions_and_adds_actions_on_the_item_the_card_showed()
    {
        var meeting = Meeting();
        MeetingFlow.Apply(meeting, new NextItem(0), Manager, canManage: true, Now);

        var decision = MeetingFlow.Apply(meeting, new RecordDecision(1, "  Switch carrier for the Berlin lane  "), Viewer, canManage: false, Now);
        var action = MeetingFlow.Apply(meeting, new AddMeetingAction(1, "Call the carrier", Ben, new DateOnly(2026, 11, 20)), Viewer, canManage: false, Now);

        var note = Assert.Single(decision.Notes);
        Assert.Equal((MeetingNoteKind.Decision, 1, "Switch carrier for the Berlin lane", (Guid?)Viewer), (note.Kind, note.Item, note.Text, note.PersonId));
        Assert.NotNull(action.Action);
        Assert.Equal(("Call the carrier", (Guid?)Ben, (DateOnly?)new DateOnly(2026, 11, 20)), (action.Action!.Text, action.Action.OwnerId, action.Action.Due));
        Assert.Equal((meeting.Items[1].KpiId, (Guid?)meeting.Id, (Period?)meeting.Period), (action.Action.KpiId, action.Action.MeetingId, action.Action.RaisedInPeriod));
        Assert.Equal(1, meeting.Position);
    }

    [Fact]
    public void A_Next_pressed_on_a_card_that_is_behind_moves_nothing()
    {
        var meeting = Meeting();
        MeetingFlow.Apply(meeting, new NextItem(0), Manager, canManage: true, Now);

        // A second manager pressed Next on the same card (item 0) a moment later.
        var outcome = MeetingFlow.Apply(meeting, new NextItem(0), Manager, canManage: true, Now);

        Assert.False(outcome.Changed);
        Assert.True(outcome.Stale);
        Assert.Equal(1, meeting.Position);
    }

    [Fact]
    public void Park_records_the_parked_item_and_the_last_item_cannot_be_passed()
    {
        var meeting = Meeting();
        MeetingFlow.Apply(meeting, new ParkItem(0), Manager, canManage: true, Now);
        MeetingFlow.Apply(meeting, new NextItem(1), Manager, canManage: true, Now);
        MeetingFlow.Apply(meeting, new NextItem(2), Manager, canManage: true, Now);

        var past = MeetingFlow.Apply(meeting, new NextItem(3), Manager, canManage: true, Now);

        Assert.Equal(3, meeting.Position);
        Assert.Null(meeting.Current);
        Assert.False(past.Changed);
        Assert.Contains("review end", past.Refusal);
    }

    [Fact]
    public void A_decision_without_words_is_refused()
    {
        var outcome = MeetingFlow.Apply(Meeting(), new RecordDecision(0, "   "), Viewer, canManage: false, Now);

        Assert.False(outcome.Changed);
        Assert.Equal("Write the decision first.", outcome.Refusal);
    }

    [Fact]
    public void An_ended_meeting_takes_nothing_more()
    {
        var meeting = Meeting();
        MeetingFlow.Apply(meeting, new EndMeeting(), Manager, canManage: true, Now.AddMinutes(50));

        var late = MeetingFlow.Apply(meeting, new RecordDecision(0, "Too late"), Viewer, canManage: false, Now.AddMinutes(51));

        Assert.Equal((MeetingState.Closed, (DateTimeOffset?)Now.AddMinutes(50), (Guid?)Manager), (meeting.State, meeting.ClosedAt, meeting.ClosedById));
        Assert.False(late.Changed);
        Assert.Contains("has ended", late.Refusal);
    }

    [Fact]
    public void The_meeting_closes_itself_only_once_the_review_day_is_over()
    {
        var meeting = Meeting();

        var early = MeetingFlow.Apply(meeting, new CloseAtDayEnd(), null, canManage: false, meeting.EndsAt.AddSeconds(-1));
        var due = MeetingFlow.Apply(meeting, new CloseAtDayEnd(), null, canManage: false, meeting.EndsAt);

        Assert.False(early.Changed);
        Assert.True(due.Changed);
        Assert.Equal((MeetingState.Closed, (Guid?)null), (meeting.State, meeting.ClosedById));
    }

    [Fact]
    public void The_card_shows_the_item_its_owner_and_the_buttons_and_the_minutes_list_what_was_recorded()
    {
        var fixture = new ReviewFixture();
        var meeting = Meeting();
        meeting.ItemsJson = MeetingItems.Write([new MeetingItem("Revenue", "Red KPIs: the owner presents", fixture.Olivia.Id, fixture.Revenue.Id, "70 vs target 100")]);
        meeting.ScorecardId = fixture.Scorecard.Id;
        meeting.Notes.AddRange(MeetingFlow.Apply(meeting, new RecordDecision(0, "Hire two sales reps"), fixture.Max.Id, canManage: true, Now).Notes);
        var view = new MeetingView(meeting, fixture.Scorecard, [], fixture.People.ToDictionary(p => p.Id), ReviewFixture.Calendar, ReviewFixture.Formatter, System.Globalization.CultureInfo.GetCultureInfo("en-US"));

        var card = MeetingCards.Card(view);

        Assert.Equal(MeetingCards.CardKind, card.Kind);
        Assert.Contains(card.Blocks.OfType<Paragraph>().SelectMany(p => p.Inlines), i => i is Mention m && m.PersonId == fixture.Olivia.Id);
        Assert.Equal(["Next", "Record decision", "Add action", "Park"], card.Blocks.OfType<ActionBar>().Single().Actions.Select(a => a.Title));
        Assert.Contains(card.Blocks.OfType<FactList>().Single().Facts, f => f.Label == "Actual" && f.Value == "70");
        Assert.Contains(card.Blocks.OfType<Paragraph>().Select(ReviewFixture.TextOf), t => t.Contains("Decision: Hire two sales reps", StringComparison.Ordinal));

        MeetingFlow.Apply(meeting, new NextItem(0), fixture.Max.Id, canManage: true, Now);
        MeetingFlow.Apply(meeting, new EndMeeting(), fixture.Max.Id, canManage: true, Now.AddMinutes(30));
        var minutes = MeetingCards.Minutes(view with { Actions = [new ReviewAction { Number = 12, Text = "Post the job ads", OwnerId = fixture.Olivia.Id, Due = new DateOnly(2026, 11, 30) }] });

        Assert.Equal(MeetingCards.MinutesKind, minutes.Kind);
        Assert.Contains("Decision on Revenue: Hire two sales reps.", minutes.Summary, StringComparison.Ordinal);
        Assert.Contains("Action #12: Post the job ads — Olivia", minutes.Summary, StringComparison.Ordinal);
        Assert.Contains("due 30 Nov 2026", minutes.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void The_next_agenda_opens_with_the_open_actions_and_the_decisions_of_the_last_review()
    {
        var fixture = new ReviewFixture();
        var request = fixture.Request() with
        {
            Notes = new ReviewNotes
            {
                Decisions =
                [
                    new PastDecision(fixture.Scorecard.Id, Period.Month(2026, 9), "Revenue", "Hire two sales reps"),
                    new PastDecision(fixture.Scorecard.Id, Period.Month(2026, 9), "NPS", "Survey twice a year"),
                    new PastDecision(fixture.Scorecard.Id, Period.Month(2026, 8), "Revenue", "An older decision"),
                    new PastDecision(Guid.NewGuid(), Period.Month(2026, 9), "Other", "Another scorecard's"),
                ],
            },
        };

        var plan = new AgendaBuilder(ReviewFixture.Formatter).Plan(request);

        Assert.Equal(AgendaSection.OpenActions, plan.Items[0].Section);
        Assert.Equal(AgendaSection.LastDecisions, plan.Items[1].Section);
        Assert.Equal("Decisions of the Sep 2026 review (2)", plan.Items[1].Title);
        Assert.Equal("Revenue: Hire two sales reps; NPS: Survey twice a year", plan.Items[1].Detail);
    }
}
