namespace ScorecardBot.LocalChat;

// The JSON the page and the local chat endpoints exchange.

internal sealed record LocalMessageRequest(Guid PersonId, string? Conversation, string? Text);

internal sealed record LocalActionRequest(
    Guid PersonId,
    string? ActionId,
    Dictionary<string, string>? Data,
    Dictionary<string, string>? Inputs,
    string? SourceMessageId,
    string? Conversation = null);

internal sealed record LocalClockJumpRequest(string? To);

internal sealed record LocalPersonView(Guid Id, string Name, string Role, string RoleTitle);

internal sealed record LocalPeopleResponse(IReadOnlyList<LocalPersonView> People);

/// <summary>
/// One message for the page. Bot messages carry <see cref="Html"/>; what a person typed carries
/// <see cref="Author"/> and <see cref="Text"/> (the page shows it as text, never as markup).
/// </summary>
/// <param name="Target">"channel" or "direct": the pane it belongs in.</param>
/// <param name="Replaces">The id of the card this one takes the place of.</param>
/// <param name="OnlyYou">Shown only to the person who acted (not kept in the channel).</param>
/// <param name="ThreadOf">The channel message this one replies to: the page shows it in that message's thread.</param>
internal sealed record LocalCard(
    string Id,
    string Target,
    string? Kind,
    string? Html,
    string? Author,
    string? Text,
    DateTimeOffset At,
    string? Replaces = null,
    bool OnlyYou = false,
    string? ThreadOf = null);

/// <param name="Cursor">Pass it as <c>since</c> to /local/updates to get what changed after these.</param>
internal sealed record LocalCardsResponse(long Cursor, IReadOnlyList<LocalCard> Items);

internal sealed record LocalClockView(DateTimeOffset Now, string Description);
