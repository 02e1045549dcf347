using System.Globalization;
using ScorecardBot.Core.Conversation.Grammar;
using ScorecardBot.Core.Meetings;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Review;

namespace ScorecardBot.Core.Conversation.Handlers;

/// <summary>
/// Meeting mode: <c>review start</c> opens the review meeting in the team channel with the agenda's
/// first item as a card; its buttons record decisions and actions (anyone in the channel) and move
/// on (managers); <c>review end</c> posts the minutes. The meeting lives in the store, not here.
/// </summary>
internal static class MeetingHandler
{
    public static async Task<TurnResult> CommandAsync(TurnContext context, MeetingRequest request, CancellationToken cancellationToken)
    {
        if (context.Services.Meetings is not { } meetings)
        {
            return Replies.Refused("Review meetings cannot be run from here: this installation keeps no meetings.");
        }

        var command = request.Start ? "review start" : "review end";
        var (scorecard, reply) = Resolve.Scorecard(context, request.ScorecardText, command);
        if (scorecard is null)
        {
            return reply!;
        }

        var what = request.Start ? "start a review meeting" : "end a review meeting";
        if (ScorecardPermissions.RequireManager(context.Person, scorecard, what, context.AskName(scorecard)) is { } refusal)
        {
            return Replies.Refused(refusal);
        }

        var open = await meetings.FindOpenAsync(context.Snapshot.Organization.Id, scorecard.Id, cancellationToken);
        if (!request.Start)
        {
            if (open?.Meeting is not { } running)
            {
                return TurnResult.Of(Message.Text($"{scorecard.Name} has no meeting running. Start one in its team channel with review start {scorecard.Key}.", Replies.NotFoundKind));
            }

            return await EndAsync(context, meetings, running.Id, fromCard: false, cancellationToken);
        }

        if (context.Turn.Conversation.Kind != ConversationKind.Channel)
        {
            return Replies.Refused($"A review meeting runs in the team channel, where everyone in it can follow and add to it: say review start {scorecard.Key} there.");
        }

        if (open?.Meeting is { } already)
        {
            if (already.Platform == context.Turn.Platform && already.ConversationId == context.Turn.Conversation.ConversationId)
            {
                // "Where were we?": the card again, at the item the meeting is on.
                return TurnResult.Of(MeetingCards.Card(View(context, scorecard, open), notice: "The meeting is already running; here is where it is."));
            }

            return Replies.Refused($"A {scorecard.Name} review meeting is already running in another channel. End it there with review end {scorecard.Key} first.");
        }

        var period = context.ReportingMonth;
        var plan = new AgendaBuilder(context.Snapshot.Locale.Formatter, context.Culture)
            .Plan(Core.Review.ReviewRequest.For(context.Snapshot.Organization, scorecard, period, context.Snapshot.People, context.Snapshot.Actions, context.Now, Review.DigestComposer.NotesOf(context.Snapshot)));
        var calendar = context.Snapshot.Locale.Calendar;
        var meeting = new ReviewMeeting
        {
            OrganizationId = context.Snapshot.Organization.Id,
            ScorecardId = scorecard.Id,
            Period = period,
            Platform = context.Turn.Platform,
            ConversationId = context.Turn.Conversation.ConversationId,
            ThreadId = context.Turn.Conversation.ThreadId,
            ItemsJson = MeetingItems.Write([.. plan.Items.Select(i => new MeetingItem(i.Title, AgendaBuilder.SectionTitle(i.Section), i.OwnerId, i.KpiId, i.Detail))]),
            StartedById = context.Person.Id,
            StartedAt = context.Now,
            EndsAt = calendar.StartOfDay(calendar.DateOf(context.Now).AddDays(1)),
        };
        var started = await meetings.StartAsync(context.Change, meeting, cancellationToken);
        if (!started.Result.Succeeded || started.Meeting is null)
        {
            return Replies.Refused(started.Result.Message ?? "The meeting could not be started.");
        }

        return TurnResult.Of(MeetingCards.Card(View(context, scorecard, started)));
    }

    public static async Task<TurnResult> CardAsync(TurnContext context, CardAction action, CancellationToken cancellationToken)
    {
        if (context.Services.Meetings is not { } meetings ||
            !Guid.TryParseExact(action.Data.GetValueOrDefault(CardActions.Keys.Meeting), "N", out var meetingId) ||
            !int.TryParse(action.Data.GetValueOrDefault(CardActions.Keys.Item), NumberStyles.None, CultureInfo.InvariantCulture, out var item))
        {
            return OutOfDate();
        }

        var found = await meetings.FindAsync(context.Snapshot.Organization.Id, meetingId, cancellationToken);
        if (found?.Meeting is not { } meeting || context.Snapshot.FindScorecard(meeting.ScorecardId) is not { } scorecard)
        {
            return OutOfDate();
        }

        if (meeting.State == MeetingState.Closed)
        {
            // Ended by a typed review end or at the end of the review day while this card still had
            // its buttons: the press turns it into the ended card, which says when and by whom.
            return TurnResult.Of(MeetingCards.Card(View(context, scorecard, found)));
        }

        if (action.ActionId == CardActions.MeetingEnd)
        {
            if (ScorecardPermissions.RequireManager(context.Person, scorecard, "end the meeting", context.AskName(scorecard)) is { } refusal)
            {
                return OnlyActor(refusal);
            }

            return await EndAsync(context, meetings, meeting.Id, fromCard: true, cancellationToken);
        }

        MeetingDraft? draft = null;
        MeetingStep? step = action.ActionId switch
        {
            CardActions.MeetingNext => new NextItem(item),
            CardActions.MeetingPark => new ParkItem(item),
            CardActions.MeetingDecide => Decision(action, item, out draft),
            CardActions.MeetingAddAction => NewAction(context, action, item, out draft),
            _ => null,
        };
        if (step is null)
        {
            // Something typed was wrong: the card again, with what was typed and what to fix.
            return draft is null ? OutOfDate() : TurnResult.Of(MeetingCards.Card(View(context, scorecard, found), draft) with { ReplacesSource = true });
        }

        var result = await meetings.StepAsync(context.Change, meeting.Id, step, cancellationToken);
        if (result.Meeting is null)
        {
            return OnlyActor(result.Result.Message ?? "That did not work.");
        }

        if (!result.Result.Succeeded)
        {
            // Refused (a viewer pressing Next, a closed meeting): said to the one who pressed; the card stays as it is.
            return OnlyActor(result.Result.Message ?? "That did not work.");
        }

        var notice = result.Stale ? "Someone moved the meeting on first; this is where it is now." : null;
        return TurnResult.Of(MeetingCards.Card(View(context, scorecard, result), notice: notice) with { ReplacesSource = true });
    }

    private static async Task<TurnResult> EndAsync(TurnContext context, IMeetingStore meetings, Guid meetingId, bool fromCard, CancellationToken cancellationToken)
    {
        var result = await meetings.StepAsync(context.Change, meetingId, new EndMeeting(), cancellationToken);
        if (!result.Result.Succeeded || result.Meeting is not { } meeting || context.Snapshot.FindScorecard(meeting.ScorecardId) is not { } scorecard)
        {
            return fromCard ? OnlyActor(result.Result.Message ?? "That did not work.") : Replies.Refused(result.Result.Message ?? "That did not work.");
        }

        var view = View(context, scorecard, result);
        var minutes = new Reply(MeetingCards.Minutes(view));
        return fromCard
            ? new TurnResult([new Reply(MeetingCards.Card(view)), minutes])
            : new TurnResult([minutes]);
    }

    private static MeetingStep? Decision(CardAction action, int item, out MeetingDraft? draft)
    {
        var text = action.Get(CardActions.Keys.Decision)?.Trim();
        var kept = Typed(action);
        if (string.IsNullOrEmpty(text))
        {
            draft = kept with { DecisionError = "Write the decision, then press Record decision." };
            return null;
        }

        if (text.Length > 1000)
        {
            draft = kept with { DecisionError = $"A decision is at most 1000 characters; this one has {text.Length}." };
            return null;
        }

        draft = null;
        return new RecordDecision(item, text);
    }

    private static MeetingStep? NewAction(TurnContext context, CardAction action, int item, out MeetingDraft? draft)
    {
        var kept = Typed(action);
        var text = kept.ActionText?.Trim();
        var ownerText = kept.Owner?.Trim();
        var dueText = kept.Due?.Trim();
        draft = kept;
        if (string.IsNullOrEmpty(text))
        {
            draft = draft with { ActionTextError = "Write what is to be done." };
        }
        else if (text.Length > 1000)
        {
            draft = draft with { ActionTextError = $"An action is at most 1000 characters; this one has {text.Length}." };
        }

        Person? owner = null;
        if (string.IsNullOrEmpty(ownerText))
        {
            draft = draft with { OwnerError = "Name the action's owner (a name or an e-mail address)." };
        }
        else
        {
            var token = CommandTokens.Split(ownerText).FirstOrDefault(t => t.Person is not null)?.Person
                ?? new PersonToken(PersonTokenKind.Name, ownerText, ownerText);
            if (token.Kind == PersonTokenKind.Name)
            {
                token = token with { Value = ownerText.TrimStart('@') };
            }

            var (person, notFound) = Resolve.Person(context, token);
            owner = person;
            if (person is null)
            {
                draft = draft with { OwnerError = (notFound is { Replies.Count: > 0 } r ? r.Replies[0].Message.Summary : null) ?? $"I don't know {ownerText}." };
            }
        }

        DateOnly? due = null;
        if (string.IsNullOrEmpty(dueText))
        {
            draft = draft with { DueError = "Give a due date, e.g. 2026-12-15, friday or in 2 weeks." };
        }
        else if (DueDates.Read(dueText, context.Grammar.Today) is not { } day)
        {
            draft = draft with { DueError = $"\"{dueText}\" is not a date I know: use 2026-12-15, 15 Dec, friday or in 2 weeks." };
        }
        else if (day < context.Grammar.Today)
        {
            draft = draft with { DueError = $"The due date {day:yyyy-MM-dd} is in the past." };
        }
        else
        {
            due = day;
        }

        if (draft.ActionTextError is not null || draft.OwnerError is not null || draft.DueError is not null || owner is null || due is null)
        {
            return null;
        }

        draft = null;
        return new AddMeetingAction(item, text!, owner.Id, due.Value);
    }

    private static MeetingDraft Typed(CardAction action) => new(
        action.Inputs.GetValueOrDefault(CardActions.Keys.Decision),
        action.Inputs.GetValueOrDefault(CardActions.Keys.ActionText),
        action.Inputs.GetValueOrDefault(CardActions.Keys.Owner),
        action.Inputs.GetValueOrDefault(CardActions.Keys.Due));

    private static MeetingView View(TurnContext context, Scorecard scorecard, MeetingResult result) => new(
        result.Meeting!,
        scorecard,
        result.Actions ?? [],
        context.Snapshot.People.GroupBy(p => p.Id).ToDictionary(g => g.Key, g => g.First()),
        context.Snapshot.Locale.Calendar,
        context.Snapshot.Locale.Formatter,
        context.Culture,
        context.Snapshot.Organization.MentionOwners);

    private static TurnResult OnlyActor(string text) => new([new Reply(Message.Text(text, Replies.RefusedKind), Audience.OnlyActor)]);

    private static TurnResult OutOfDate() =>
        TurnResult.Of(Message.Text("This meeting card is out of date or not of this organization. Start the meeting again with review start.", Submission.ActualSubmission.InvalidKind));
}
