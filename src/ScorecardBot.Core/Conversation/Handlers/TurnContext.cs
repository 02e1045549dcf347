using System.Globalization;
using ScorecardBot.Core.Conversation.Answers;
using ScorecardBot.Core.Conversation.Grammar;
using ScorecardBot.Core.Conversation.Review;
using ScorecardBot.Core.Conversation.Submission;
using ScorecardBot.Core.Delivery;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Conversation.Handlers;

/// <summary>The ports and rules the handlers share; one per engine.</summary>
internal sealed record ConversationServices(
    IScorecardCommands Commands,
    ActualSubmission Submission,
    IChartLinks Charts,
    IDigestComposer Digest,
    IAgendaComposer Agenda,
    IStrategyMapRenderer Map,
    IReminderTrigger? Reminders,
    IApiKeys? ApiKeys = null,
    IProactiveMessenger? Messenger = null,
    IDeliveryStatus? Delivery = null,
    IOrganizationSettings? Settings = null,
    Meetings.IMeetingStore? Meetings = null,
    IScorecardEdits? Edits = null,
    IPeople? People = null,
    IScorecardFiles? Files = null);

/// <summary>One turn with everything resolved: the organization's snapshot, the person (from that snapshot), now.</summary>
internal sealed class TurnContext(Turn turn, OrganizationSnapshot snapshot, Person person, DateTimeOffset now, ConversationServices services)
{
    public Turn Turn { get; } = turn;
    public OrganizationSnapshot Snapshot { get; } = snapshot;
    public Person Person { get; } = person;
    public DateTimeOffset Now { get; } = now;
    public ConversationServices Services { get; } = services;
    public CultureInfo Culture { get; } = snapshot.Locale.Culture;
    public GrammarContext Grammar { get; } = new(snapshot, now);

    public EntrySource Via => Turn.Action is null ? EntrySource.Command : EntrySource.Card;

    public ChangeContext Change => new(Snapshot.Organization.Id, Person.Id, Via, Now);

    /// <summary>The month being reported now (last month in the organization's time zone).</summary>
    public Period ReportingMonth => ReportingPeriod.Month(Snapshot, Now);

    /// <summary>Whom to send someone who may not do something, unless that is the person asking.</summary>
    public string? AskName(Scorecard? scorecard)
    {
        var ask = ScorecardPermissions.WhomToAsk(scorecard, Snapshot.People);
        return ask is null || ask.Id == Person.Id ? null : ask.Name;
    }
}
