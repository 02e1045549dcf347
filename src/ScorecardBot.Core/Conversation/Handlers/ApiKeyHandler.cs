using System.Globalization;
using ScorecardBot.Core.Conversation.Grammar;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;

namespace ScorecardBot.Core.Conversation.Handlers;

/// <summary>
/// The admin's API keys. A new key's secret is shown once, only to the admin who made it and only
/// in a direct chat: asked for in a channel, the key is not made at all.
/// </summary>
internal static class ApiKeyHandler
{
    public const string CreatedKind = "apikey-created";
    public const string ListKind = "apikey-list";
    public const string RevokedKind = "apikey-revoked";

    public static async Task<TurnResult> HandleAsync(TurnContext context, Request request, CancellationToken cancellationToken)
    {
        if (context.Person.Role != Role.Admin)
        {
            return Only(Message.Text("Only an admin can manage API keys." + (AdminName(context) is { } admin ? $" Ask {admin}." : string.Empty), Replies.RefusedKind));
        }

        if (context.Services.ApiKeys is not { } keys)
        {
            return Only(Message.Text("API keys are not available on this installation.", Replies.RefusedKind));
        }

        return request switch
        {
            ApiKeyCreateRequest create => await CreateAsync(context, keys, create, cancellationToken),
            ApiKeyRevokeRequest revoke => await RevokeAsync(context, keys, revoke, cancellationToken),
            _ => await ListAsync(context, keys, cancellationToken),
        };
    }

    private static async Task<TurnResult> CreateAsync(TurnContext context, IApiKeys keys, ApiKeyCreateRequest request, CancellationToken cancellationToken)
    {
        if (context.Turn.Conversation.Kind != ConversationKind.Direct)
        {
            return Only(Message.Text(
                "I make API keys only in a direct chat with you, so the secret never shows in a channel. Send me the same command there.", Replies.RefusedKind));
        }

        var (result, key) = await keys.CreateAsync(context.Change, request.Name, request.Scope, cancellationToken);
        if (key is null)
        {
            return Only(Message.Text(result.Message ?? "The key was not made.", Replies.RefusedKind));
        }

        var scope = key.Scope switch
        {
            ApiKeyScope.Manage => "read and write, also periods locked after their review",
            ApiKeyScope.Write => "read and write",
            _ => "read only",
        };
        var blocks = new List<Block>
        {
            new Heading($"API key \"{key.Name}\""),
            Paragraph.Of("Copy the secret now: it is shown this once and cannot be shown again.", TextTone.Warning),
            new FactList([new Fact("Secret", key.Secret), new Fact("Id", key.Id), new Fact("Scope", scope)]),
            new Note($"Send it as Authorization: Bearer <secret> to /api/v1. Revoke it with: apikey revoke {key.Id}"),
        };
        return Only(new Message(blocks, $"API key \"{key.Name}\" ({scope}) made, id {key.Id}. Secret (shown once): {key.Secret}") { Kind = CreatedKind });
    }

    private static async Task<TurnResult> ListAsync(TurnContext context, IApiKeys keys, CancellationToken cancellationToken)
    {
        var list = await keys.ListAsync(context.Snapshot.Organization.Id, cancellationToken);
        if (list.Count == 0)
        {
            return Only(Message.Text("There are no API keys yet. Make one with: apikey create \"<name>\" scope read|write|manage", ListKind));
        }

        var culture = context.Culture;
        var facts = list.Select(k => new Fact(
            $"{k.Id} · {k.Name}",
            $"{k.Scope switch { ApiKeyScope.Manage => "manage", ApiKeyScope.Write => "write", _ => "read" }}, made {Day(k.CreatedAt, culture)}" +
            (k.RevokedAt is { } revoked ? $", revoked {Day(revoked, culture)}" : k.LastUsedAt is { } used ? $", last used {Day(used, culture)}" : ", not used yet"))).ToList();
        var active = list.Count(k => k.RevokedAt is null);
        return Only(new Message(
            [new Heading("API keys"), new FactList(facts)],
            $"{active} active API key{(active == 1 ? string.Empty : "s")}: " + string.Join("; ", list.Where(k => k.RevokedAt is null).Select(k => $"{k.Id} {k.Name}")))
        { Kind = ListKind });
    }

    private static async Task<TurnResult> RevokeAsync(TurnContext context, IApiKeys keys, ApiKeyRevokeRequest request, CancellationToken cancellationToken)
    {
        var result = await keys.RevokeAsync(context.Change, request.Id, cancellationToken);
        return result.Status switch
        {
            CommandStatus.Done => Only(Message.Text($"API key {request.Id} is revoked: calls with it are refused from now on.", RevokedKind)),
            CommandStatus.Unchanged => Only(Message.Text($"API key {request.Id} was already revoked.", RevokedKind)),
            _ => Only(Message.Text(result.Message ?? $"There is no API key {request.Id}.", result.Status == CommandStatus.NotFound ? Replies.NotFoundKind : Replies.RefusedKind)),
        };
    }

    private static string Day(DateTimeOffset at, CultureInfo culture) => DayText.WithYear(at, culture);

    private static string? AdminName(TurnContext context) =>
        context.Snapshot.People.Where(p => p.IsActive && p.Role == Role.Admin).OrderBy(p => p.Name, StringComparer.Ordinal).FirstOrDefault()?.Name;

    /// <summary>Whatever an admin's key command answers is for their eyes only.</summary>
    private static TurnResult Only(Message message) => new([new Reply(message, Audience.OnlyActor)]);
}
