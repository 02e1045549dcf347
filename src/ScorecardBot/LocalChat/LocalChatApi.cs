using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;

namespace ScorecardBot.LocalChat;

/// <summary>The chat endpoints: people, messages, card actions, the channel, direct chats and updates.</summary>
internal static class LocalChatApi
{
    internal const int MaxTextLength = 4000;
    internal const int MaxInputs = 50;
    private const string ChannelConversationId = "local:channel";

    public static void MapChat(RouteGroupBuilder group)
    {
        group.MapGet("/local/people", ListPeople).WithName("LocalChatPeople");
        group.MapPost("/local/messages", PostMessage).WithName("LocalChatMessage");
        group.MapPost("/local/actions", PostAction).WithName("LocalChatAction");
        group.MapGet("/local/channel", GetChannel).WithName("LocalChatChannel");
        group.MapGet("/local/inbox", GetInbox).WithName("LocalChatInbox");
        group.MapGet("/local/updates", GetUpdates).WithName("LocalChatUpdates");
    }

    internal static async Task<Ok<LocalPeopleResponse>> ListPeople(ILocalDirectory directory, CancellationToken cancellationToken)
    {
        var people = await directory.ListPeopleAsync(cancellationToken);
        return TypedResults.Ok(new LocalPeopleResponse(
            [.. people.Select(p => new LocalPersonView(p.Id, p.Name, p.Role.ToString(), RoleTitle(p.Role)))]));
    }

    internal static async Task<Results<Ok<LocalCardsResponse>, ProblemHttpResult>> PostMessage(
        LocalMessageRequest request,
        HttpContext http,
        ILocalDirectory directory,
        ILocalTurnHandler handler,
        LocalChannelFeed feed,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var text = request.Text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return Problem("Type a message first, for example \"help\".");
        }

        if (text.Length > MaxTextLength)
        {
            return Problem($"A message can be at most {MaxTextLength} characters; this one has {text.Length}.");
        }

        if (!TryParseConversation(request.Conversation, out var inChannel))
        {
            return Problem($"Unknown conversation '{request.Conversation}': use \"direct\" or \"channel\".");
        }

        var person = await directory.FindPersonAsync(request.PersonId, cancellationToken);
        if (person is null)
        {
            return UnknownPerson(request.PersonId);
        }

        // What the person typed is kept too, so the conversation reads whole after a reload.
        var cards = new List<LocalCard> { ToCard(feed.Add(inChannel ? null : person.Id, Message.Text(text), person.Name)) };
        var (said, isCommand) = WithoutBotPrefix(text);
        var turn = NewTurn(person, inChannel, http, time) with { Text = said, IsCommand = isCommand };
        var result = await handler.HandleAsync(turn, cancellationToken);

        foreach (var reply in result.Replies)
        {
            cards.Add(Deliver(reply, person, inChannel, feed, time));
        }

        return TypedResults.Ok(new LocalCardsResponse(feed.Cursor, cards));
    }

    internal static async Task<Results<Ok<LocalCardsResponse>, ProblemHttpResult>> PostAction(
        LocalActionRequest request,
        HttpContext http,
        ILocalDirectory directory,
        ILocalTurnHandler handler,
        LocalChannelFeed feed,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.ActionId))
        {
            return Problem("The action has no actionId: send the data-action-id of the button that was pressed.");
        }

        var inputs = request.Inputs ?? [];
        var data = request.Data ?? [];
        if (inputs.Count + data.Count > MaxInputs || inputs.Values.Concat(data.Values).Any(v => v?.Length > MaxTextLength))
        {
            return Problem($"An action can carry at most {MaxInputs} values of at most {MaxTextLength} characters each.");
        }

        var person = await directory.FindPersonAsync(request.PersonId, cancellationToken);
        if (person is null)
        {
            return UnknownPerson(request.PersonId);
        }

        var source = request.SourceMessageId is { } sourceId ? feed.Find(sourceId) : null;
        if (source?.PersonId is { } owner && owner != person.Id)
        {
            return Problem($"Message '{request.SourceMessageId}' is in someone else's direct chat.", StatusCodes.Status403Forbidden);
        }

        bool inChannel;
        if (source is not null)
        {
            inChannel = source.PersonId is null;
        }
        else if (!TryParseConversation(request.Conversation, out inChannel))
        {
            return Problem($"Unknown conversation '{request.Conversation}': use \"direct\" or \"channel\".");
        }

        var action = new CardAction(
            request.ActionId,
            data.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
            inputs.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));
        var turn = NewTurn(person, inChannel, http, time) with { Action = action, SourceMessageId = request.SourceMessageId };
        var result = await handler.HandleAsync(turn, cancellationToken);

        var cards = new List<LocalCard>();
        foreach (var reply in result.Replies)
        {
            cards.Add(reply.Message.ReplacesSource && request.SourceMessageId is { } replaced
                ? reply.Message.Kind == Core.Conversation.Submission.ActualSubmission.PreviewKind
                    ? Previewed(reply, replaced, inChannel, time)
                    : ReplaceSource(reply, replaced, inChannel, feed, time)
                : Deliver(reply, person, inChannel, feed, time));
        }

        return TypedResults.Ok(new LocalCardsResponse(feed.Cursor, cards));
    }

    internal static Ok<LocalCardsResponse> GetChannel(LocalChannelFeed feed) => Page(feed.Channel());

    internal static async Task<Results<Ok<LocalCardsResponse>, ProblemHttpResult>> GetInbox(
        Guid personId, ILocalDirectory directory, LocalChannelFeed feed, CancellationToken cancellationToken)
    {
        if (await directory.FindPersonAsync(personId, cancellationToken) is null)
        {
            return UnknownPerson(personId);
        }

        return Page(feed.Inbox(personId));
    }

    internal static Ok<LocalCardsResponse> GetUpdates(long? since, Guid? personId, LocalChannelFeed feed) =>
        Page(feed.Changes(since ?? 0, personId));

    private static Ok<LocalCardsResponse> Page(LocalFeedPage page) =>
        TypedResults.Ok(new LocalCardsResponse(page.Cursor, [.. page.Entries.Select(ToCard)]));

    private static Turn NewTurn(LocalPerson person, bool inChannel, HttpContext http, TimeProvider time) => new()
    {
        OrganizationId = person.OrganizationId,
        Actor = person.ToActor(),
        Platform = Platform.Local,
        Conversation = new ConversationAddress(
            Platform.Local,
            inChannel ? ChannelConversationId : "local:direct:" + person.Id.ToString("D", CultureInfo.InvariantCulture),
            inChannel ? ConversationKind.Channel : ConversationKind.Direct),
        At = time.GetUtcNow(),
        Locale = PreferredLocale(http.Request),
    };

    /// <summary>Posts a reply where the conversation's other members see it, or only to the actor.</summary>
    private static LocalCard Deliver(Reply reply, LocalPerson person, bool inChannel, LocalChannelFeed feed, TimeProvider time)
    {
        if (!inChannel)
        {
            return ToCard(feed.Add(person.Id, reply.Message, author: null));
        }

        if (reply.Audience == Audience.Conversation)
        {
            return ToCard(feed.Add(null, reply.Message, author: null));
        }

        // Like a Slack ephemeral message: shown to the actor now, kept nowhere.
        var id = "e" + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);
        return Card(id, "channel", reply.Message, time.GetUtcNow()) with { OnlyYou = true };
    }

    private static LocalCard ReplaceSource(Reply reply, string sourceId, bool inChannel, LocalChannelFeed feed, TimeProvider time)
    {
        if (feed.Update(sourceId, reply.Message) is { } updated)
        {
            return ToCard(updated) with { Replaces = sourceId };
        }

        // The source was only shown to the actor (or has fallen off the feed): replace it on the page alone.
        return Card(sourceId, inChannel ? "channel" : "direct", reply.Message, time.GetUtcNow()) with
        {
            Replaces = sourceId,
            OnlyYou = inChannel,
        };
    }

    /// <summary>
    /// A preview replaces the card on the page only: the feed keeps the card as it was, so a later
    /// poll cannot bring back a preview over the answer to the Submit that followed it.
    /// </summary>
    private static LocalCard Previewed(Reply reply, string sourceId, bool inChannel, TimeProvider time) =>
        Card(sourceId, inChannel ? "channel" : "direct", reply.Message, time.GetUtcNow()) with { Replaces = sourceId };

    private static LocalCard ToCard(LocalFeedEntry entry)
    {
        var target = entry.PersonId is null ? "channel" : "direct";
        return entry.Author is null
            ? Card(entry.MessageId, target, entry.Message, entry.At) with { ThreadOf = entry.ThreadOf }
            : new LocalCard(entry.MessageId, target, "said", null, entry.Author, entry.Message.Summary, entry.At);
    }

    private static LocalCard Card(string id, string target, Message message, DateTimeOffset at) =>
        new(id, target, message.Kind, HtmlMessageRenderer.Render(message, id), null, null, at);

    /// <summary>
    /// Removes what Teams and Slack remove before the core sees the text: a leading mention of the
    /// bot and a leading "/scorecard" (which marks a command). Nothing left means "help", as a bare
    /// mention or command does there.
    /// </summary>
    internal static (string Text, bool IsCommand) WithoutBotPrefix(string text)
    {
        var isCommand = false;
        if (StartsWithWord(text, "@ScorecardBot"))
        {
            text = text["@ScorecardBot".Length..].TrimStart();
        }

        if (StartsWithWord(text, "/scorecard"))
        {
            text = text["/scorecard".Length..].TrimStart();
            isCommand = true;
        }

        return (text.Length == 0 ? "help" : text, isCommand);
    }

    private static bool StartsWithWord(string text, string word) =>
        text.StartsWith(word, StringComparison.OrdinalIgnoreCase) && (text.Length == word.Length || char.IsWhiteSpace(text[word.Length]));

    private static bool TryParseConversation(string? conversation, out bool inChannel)
    {
        inChannel = string.Equals(conversation, "channel", StringComparison.OrdinalIgnoreCase);
        return inChannel || conversation is null || string.Equals(conversation, "direct", StringComparison.OrdinalIgnoreCase);
    }

    private static string? PreferredLocale(HttpRequest request)
    {
        var best = request.GetTypedHeaders().AcceptLanguage
            .Where(l => l.Value.HasValue && l.Value.Value != "*")
            .OrderByDescending(l => l.Quality ?? 1)
            .FirstOrDefault();
        return best?.Value.Value;
    }

    internal static string RoleTitle(Role role) => role switch
    {
        Role.Admin => "Admin",
        Role.ScorecardManager => "Scorecard manager",
        Role.Owner => "KPI owner",
        _ => "Viewer",
    };

    private static ProblemHttpResult UnknownPerson(Guid personId) =>
        Problem($"No person with id {personId} in the sample organization: pick one from /local/people.", StatusCodes.Status404NotFound);

    internal static ProblemHttpResult Problem(string detail, int status = StatusCodes.Status400BadRequest) =>
        TypedResults.Problem(new ProblemDetails
        {
            Status = status,
            Title = status switch
            {
                StatusCodes.Status403Forbidden => "Not allowed",
                StatusCodes.Status404NotFound => "Not found",
                _ => "The local chat could not take this",
            },
            Detail = detail,
        });
}
