using ScorecardBot.Core.Conversation.Grammar;
using ScorecardBot.Core.Conversation.Handlers;
using ScorecardBot.Core.Conversation.Matching;
using ScorecardBot.Core.Conversation.Review;
using ScorecardBot.Core.Conversation.Submission;
using ScorecardBot.Core.Delivery;

namespace ScorecardBot.Core.Conversation;

/// <summary>
/// Reads a turn (a command, a question, or a card action), finds the organization's snapshot and
/// the person in it, and hands over to the one small handler for that intent. A person who is not
/// a member of the turn's organization gets nothing of it.
/// </summary>
public sealed class ConversationEngine : IConversationEngine
{
    public const string NotMemberKind = "not-member";

    private readonly IScorecardReadModel _readModel;
    private readonly ConversationServices _services;
    private readonly TimeProvider _time;

    public ConversationEngine(
        IScorecardReadModel readModel,
        IScorecardCommands commands,
        ConversationOptions options,
        TimeProvider time,
        IProactiveMessenger? messenger = null,
        IDigestComposer? digest = null,
        IAgendaComposer? agenda = null,
        IStrategyMapRenderer? map = null,
        IReminderTrigger? reminders = null,
        IChartLinks? charts = null,
        IApiKeys? apiKeys = null,
        IDeliveryStatus? delivery = null,
        IOrganizationSettings? settings = null,
        Meetings.IMeetingStore? meetings = null,
        IScorecardEdits? edits = null,
        IPeople? people = null,
        IScorecardFiles? files = null)
    {
        _readModel = readModel;
        _time = time;
        _services = new ConversationServices(
            commands,
            new ActualSubmission(commands, messenger),
            charts ?? new PlainChartLinks(options),
            digest ?? new DigestComposer(),
            agenda ?? new AgendaComposer(),
            map ?? new StrategyMapText(charts ?? new PlainChartLinks(options)),
            reminders ?? (messenger is null ? null : new PromptReminders(messenger)),
            apiKeys,
            messenger,
            delivery,
            settings,
            meetings,
            edits,
            people,
            files);
    }

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var snapshot = await _readModel.GetAsync(turn.OrganizationId, cancellationToken);
        var person = snapshot?.FindPerson(turn.Actor.PersonId);
        if (snapshot is null || person is null || !person.IsActive)
        {
            return new TurnResult([new Reply(Message.Text(
                "You are not a member of this organization's scorecards, so I can't show or change anything here. Ask your admin to add you.", NotMemberKind), Audience.OnlyActor)]);
        }

        var context = new TurnContext(turn, snapshot, person, _time.GetUtcNow(), _services);
        if (turn.Action is { } action)
        {
            return await CardAsync(context, action, cancellationToken);
        }

        if (turn.File is { } file)
        {
            return await FileHandler.ImportAsync(context, file, cancellationToken);
        }

        var text = (turn.Text ?? string.Empty).Trim();
        var request = TurnReader.Read(text, context.Grammar);
        return await DispatchAsync(context, request, text, cancellationToken);
    }

    private static async Task<TurnResult> DispatchAsync(TurnContext context, Request request, string text, CancellationToken cancellationToken) => request switch
    {
        HelpRequest help => HelpHandler.Handle(help.Command, context),
        StatusRequest status => await DeliveryHandler.StatusAsync(context, status, cancellationToken),
        MyRequest => MyHandler.Handle(context),
        AssignRequest assign => await OwnerHandler.AssignAsync(context, assign, cancellationToken),
        DelegateRequest delegating => await OwnerHandler.DelegateAsync(context, delegating, cancellationToken),
        TargetRequest target => await ManageHandler.TargetAsync(context, target, cancellationToken),
        ActualRequest actual => await ActualHandler.ActualAsync(context, actual, cancellationToken),
        NoDataRequest noData => await ActualHandler.NoDataAsync(context, noData, cancellationToken),
        ReviewRequest review => await ReviewHandler.HandleAsync(context, review.Work, review.ScorecardText, cancellationToken),
        MeetingRequest meeting => await MeetingHandler.CommandAsync(context, meeting, cancellationToken),
        ActionAddRequest add => await ManageHandler.AddActionAsync(context, add, cancellationToken),
        ActionDoneRequest done => await ManageHandler.CompleteActionAsync(context, done.Number, cancellationToken),
        WindowRequest window => await ManageHandler.WindowAsync(context, window, cancellationToken),
        CycleRequest cycle => await ManageHandler.CycleAsync(context, cycle, cancellationToken),
        AwayRequest away => await AwayHandler.CommandAsync(context, away, cancellationToken),
        WhoOwnsRequest who => AskHandler.WhoOwns(context, who.KpiText),
        DigestSettingsRequest settings => await DeliveryHandler.DigestSettingsAsync(context, settings, cancellationToken),
        EditRequest edit => await EditHandler.HandleAsync(context, edit, cancellationToken),
        UndoRequest => await EditHandler.UndoAsync(context, cancellationToken),
        ExportRequest => await EditHandler.ExportAsync(context, cancellationToken),
        UsageRequest usage => Replies.Usage(usage.Command, usage.Problem),
        UnknownCommandRequest unknown => Replies.UnknownCommand(unknown.Command),
        ApiKeyCreateRequest or ApiKeyListRequest or ApiKeyRevokeRequest => await ApiKeyHandler.HandleAsync(context, request, cancellationToken),
        PeopleListRequest or PeopleAddRequest or PeopleRemoveRequest or RoleRequest => await PeopleHandler.HandleAsync(context, request, cancellationToken),
        QuestionRequest question => await QuestionAsync(context, question.Interpretation, text, cancellationToken),
        _ => HelpHandler.Handle(null, context),
    };

    private static async Task<TurnResult> QuestionAsync(TurnContext context, Interpretation question, string text, CancellationToken cancellationToken) => question.Intent switch
    {
        QuestionIntent.Help => HelpHandler.Handle(null, context),
        QuestionIntent.Greeting => HelpHandler.Greeting(context, thanks: Phrases.IsThanks(Matching.TextTokens.Words(text))),
        QuestionIntent.MyDue => MyHandler.Handle(context),
        QuestionIntent.StrategyMap => await ReviewHandler.FromQuestionAsync(context, ReviewWork.Map, question.Subject, question.Period, cancellationToken),
        QuestionIntent.Agenda => await ReviewHandler.FromQuestionAsync(context, ReviewWork.Agenda, question.Subject, question.Period, cancellationToken),
        QuestionIntent.Digest => await ReviewHandler.FromQuestionAsync(context, ReviewWork.Digest, question.Subject, question.Period, cancellationToken),
        _ => AskHandler.Question(context, question, text),
    };

    private static async Task<TurnResult> CardAsync(TurnContext context, CardAction action, CancellationToken cancellationToken)
    {
        switch (action.ActionId)
        {
            case CardActions.SubmitActual:
                return await ActualHandler.CardSubmitAsync(context, action, cancellationToken);
            case CardActions.ShowPrompt:
                return ActualHandler.ShowPrompt(context, action);
            case CardActions.PreviewActual:
                return ActualHandler.Preview(context, action);
            case CardActions.ApproveActual:
                return await ApprovalHandler.ApproveAsync(context, action, cancellationToken);
            case CardActions.RejectActual:
                return await ApprovalHandler.RejectAsync(context, action, cancellationToken);
            case CardActions.ShowAway:
                return AwayHandler.ShowCard(context);
            case CardActions.SetAway:
                return await AwayHandler.FromCardAsync(context, action, cancellationToken);
            case CardActions.SubmitPreRead:
                return await PreReadHandler.SubmitAsync(context, action, cancellationToken);
            case CardActions.MeetingNext or CardActions.MeetingPark or CardActions.MeetingDecide or CardActions.MeetingAddAction or CardActions.MeetingEnd:
                return await MeetingHandler.CardAsync(context, action, cancellationToken);
            case Onboarding.PeopleActions.Add:
                return await PeopleHandler.FromCardAsync(context, action, cancellationToken);
            case CardActions.CarryTargets:
                return await ManageHandler.CarryTargetsAsync(context, action, cancellationToken);
            case CardActions.Edit:
                return await EditHandler.CardAsync(context, action, cancellationToken);
            case CardActions.ShowKpi when Guid.TryParse(action.Get(CardActions.Keys.Kpi), out var kpiId) && context.Snapshot.FindKpi(kpiId) is { } kpi:
                var subject = new Subject(SubjectKind.Kpi, kpi.Id, kpi.Name, kpi.ScorecardId, context.Snapshot.ScorecardOf(kpi).Name);
                return AskHandler.Subject(context, new SubjectMatch(MatchVerdict.Found, [new SubjectCandidate(subject, 1)]), null, trend: false);
            case CardActions.ShowSubject when Enum.TryParse<SubjectKind>(action.Get(CardActions.Keys.Kind), out var kind) &&
                Guid.TryParse(action.Get(CardActions.Keys.Id), out var id) && FindSubject(context.Snapshot, kind, id) is { } found:
                return AskHandler.Subject(context, new SubjectMatch(MatchVerdict.Found, [new SubjectCandidate(found, 1)]), null, trend: false);
            case CardActions.CompleteAction when int.TryParse(action.Get(CardActions.Keys.Action), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number):
                return await ManageHandler.CompleteActionAsync(context, number, cancellationToken);
            default:
                return TurnResult.Of(Message.Text("This card is out of date or was not meant for me. Type help to see what I can do.", ActualSubmission.InvalidKind));
        }
    }

    private static Subject? FindSubject(OrganizationSnapshot snapshot, SubjectKind kind, Guid id) => kind switch
    {
        SubjectKind.Objective when snapshot.FindObjective(id) is { } o => new Subject(kind, id, o.Name, o.ScorecardId, snapshot.FindScorecard(o.ScorecardId)!.Name),
        SubjectKind.Perspective when snapshot.FindPerspective(id) is { } p => new Subject(kind, id, p.Name, p.ScorecardId, snapshot.FindScorecard(p.ScorecardId)!.Name),
        SubjectKind.Scorecard when snapshot.FindScorecard(id) is { } s => new Subject(kind, id, s.Name, s.Id, s.Name),
        _ => null,
    };
}
