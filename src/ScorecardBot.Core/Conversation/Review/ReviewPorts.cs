using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Conversation.Review;

/// <summary>Composes the status digest of a scorecard for a period (posted to the team channel before the review).</summary>
public interface IDigestComposer
{
    IReadOnlyList<Message> Compose(OrganizationSnapshot snapshot, Scorecard scorecard, Period period, DateTimeOffset now);
}

/// <summary>Composes the time-boxed agenda of a scorecard's review meeting.</summary>
public interface IAgendaComposer
{
    IReadOnlyList<Message> Compose(OrganizationSnapshot snapshot, Scorecard scorecard, Period period, DateTimeOffset now);
}

/// <summary>Draws a scorecard's strategy map: perspectives, objectives with their status, cause→effect links.</summary>
public interface IStrategyMapRenderer
{
    Message Render(OrganizationSnapshot snapshot, Scorecard scorecard, Period period);
}

/// <summary>Sends a reminder now to every owner of the scorecard who has not reported the period yet (the delegate of one who is away <paramref name="today"/>).</summary>
public interface IReminderTrigger
{
    Task<IReadOnlyList<Person>> RemindAsync(OrganizationSnapshot snapshot, Scorecard scorecard, Period period, CancellationToken cancellationToken, DateOnly? today = null);
}

/// <summary>Delivers a message to one person 1:1 on the platform where they use the bot (the outbox does it in the host).</summary>
public interface IProactiveMessenger
{
    Task SendToPersonAsync(Guid organizationId, Guid personId, Message message, CancellationToken cancellationToken);
}
