using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;

namespace ScorecardBot.LocalChat;

/// <summary>
/// Answers one turn of the local chat. The host binds it to the conversation engine; the local
/// chat only translates HTTP requests into turns and replies into HTML.
/// </summary>
public interface ILocalTurnHandler
{
    Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken);
}

/// <summary>A person the local chat lets you act as.</summary>
public sealed record LocalPerson(Guid Id, Guid OrganizationId, string Name, string Email, Role Role)
{
    public Actor ToActor() => new(Id, Name, Email, Role);
}

/// <summary>
/// The people of the sample organization, so a newcomer can act as an owner, a manager or a
/// viewer without any chat platform account. The host binds it to the database.
/// </summary>
public interface ILocalDirectory
{
    Task<IReadOnlyList<LocalPerson>> ListPeopleAsync(CancellationToken cancellationToken);

    /// <returns>The person, or null when no active person has that id.</returns>
    Task<LocalPerson?> FindPersonAsync(Guid personId, CancellationToken cancellationToken);
}

/// <summary>Where the development clock can jump to.</summary>
public enum ClockJump
{
    /// <summary>The opening of the next collection window (owners get their prompts).</summary>
    Window = 0,
    /// <summary>The due date of the current collection (late owners get reminded).</summary>
    Due = 1,
    /// <summary>The monthly business review (digest and agenda are posted).</summary>
    Mbr = 2,
    /// <summary>The same time on the next day.</summary>
    NextDay = 3,
}

/// <summary>The simulated time and what it means for the review rhythm ("Collection window for October is open").</summary>
public sealed record ClockReading(DateTimeOffset Now, string Description);

/// <summary>
/// Moves the simulated clock in development so the whole month can be seen in minutes. The host
/// binds it to the review rhythm, which then runs what became due (prompts, reminders, digests).
/// </summary>
public interface ILocalClockControl
{
    Task<ClockReading> ReadAsync(CancellationToken cancellationToken);

    Task<ClockReading> JumpAsync(ClockJump to, CancellationToken cancellationToken);
}

/// <summary>
/// Where the proactive sender delivers when the platform is the local chat: the team channel
/// (digests, agendas) and a person's direct chat (prompts, reminders).
/// </summary>
public interface ILocalChannelSink
{
    /// <returns>The id of the posted message, for later <see cref="Replace"/>.</returns>
    string Post(Message message);

    /// <returns>The id of the posted message, for later <see cref="Replace"/>.</returns>
    string PostDirect(Guid personId, Message message);

    /// <summary>Posts a reply in the thread of a channel message (the digest's details under its summary).</summary>
    /// <returns>The reply's id, or null when the parent is no longer kept (the caller then posts it in the channel).</returns>
    string? PostReply(string parentMessageId, Message message);

    /// <summary>Updates a message already posted (a prompt card becomes "recorded").</summary>
    /// <returns>False when no message with that id is kept any more.</returns>
    bool Replace(string messageId, Message message);
}
