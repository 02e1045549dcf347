using ScorecardBot.Core.Model;
using ScorecardBot.Core.Review;

namespace ScorecardBot.Core.Conversation.Review;

/// <summary>
/// The `digest` command answers with the same digest the scheduler posts before the review
/// (<see cref="DigestBuilder"/>): one builder, whichever door asks for it.
/// </summary>
internal sealed class DigestComposer : IDigestComposer
{
    public const string Kind = "digest";

    public IReadOnlyList<Message> Compose(OrganizationSnapshot snapshot, Scorecard scorecard, Period period, DateTimeOffset now) =>
        new DigestBuilder(snapshot.Locale.Formatter, culture: snapshot.Locale.Culture)
            .Build(ReviewRequest.For(snapshot.Organization, scorecard, period, snapshot.People, snapshot.Actions, now, NotesOf(snapshot)));

    /// <summary>The snapshot's absences, late notices and recorded changes, as the scheduler's digest has them.</summary>
    internal static ReviewNotes NotesOf(OrganizationSnapshot snapshot) => new()
    {
        Holidays = snapshot.Holidays,
        Absences = snapshot.Absences,
        LateNotices = snapshot.LateNotices,
        Changes = snapshot.Changes,
        PreReads = snapshot.PreReads,
        Decisions = snapshot.Decisions,
    };
}

/// <summary>The `agenda` command answers with the agenda the scheduler posts on the morning of the review.</summary>
internal sealed class AgendaComposer : IAgendaComposer
{
    public const string Kind = "agenda";

    public IReadOnlyList<Message> Compose(OrganizationSnapshot snapshot, Scorecard scorecard, Period period, DateTimeOffset now) =>
        new AgendaBuilder(snapshot.Locale.Formatter, snapshot.Locale.Culture)
            .Build(ReviewRequest.For(snapshot.Organization, scorecard, period, snapshot.People, snapshot.Actions, now, DigestComposer.NotesOf(snapshot)));
}

/// <summary>A person as a mention, with their Teams and Slack accounts so each channel can render it.</summary>
internal static class Mentions
{
    public static Mention Of(Person person) => new(
        person.Id,
        person.Name,
        person.Accounts.FirstOrDefault(a => a.Platform == Platform.Teams)?.ChannelUserId ?? person.Accounts.FirstOrDefault(a => a.Platform == Platform.Teams)?.ExternalId,
        person.Accounts.FirstOrDefault(a => a.Platform == Platform.Slack)?.ExternalId);
}
