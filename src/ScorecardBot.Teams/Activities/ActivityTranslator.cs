using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Teams.Cards;

namespace ScorecardBot.Teams.Activities;

/// <summary>Thrown when an activity's card action payload does not have the shape the protocol defines.</summary>
internal sealed class MalformedActivityException(string message) : Exception(message);

/// <summary>Translates Bot Framework activities into the core's neutral terms.</summary>
internal static class ActivityTranslator
{
    public static ConversationKind KindOf(ConversationAccountJson? conversation) => conversation?.ConversationType switch
    {
        "personal" => ConversationKind.Direct,
        "channel" => ConversationKind.Channel,
        "groupChat" => ConversationKind.Group,
        _ => conversation?.IsGroup == true ? ConversationKind.Group : ConversationKind.Direct,
    };

    public static TeamsConversationReference ReferenceOf(Activity activity) => new(
        activity.ServiceUrl!,
        activity.Conversation!.Id!,
        activity.TenantId ?? "",
        KindOf(activity.Conversation),
        activity.Recipient?.Id,
        activity.ChannelData?.Team?.Id);

    public static ConversationAddress AddressOf(Activity activity) => new(
        Platform.Teams,
        activity.Conversation!.Id!,
        KindOf(activity.Conversation),
        activity.ServiceUrl,
        activity.TenantId);

    /// <summary>
    /// The text as the grammar should see it: our own "&lt;at&gt;Bot&lt;/at&gt;" removed, other mentions turned
    /// into "@Name" (listed in <paramref name="mentions"/>), HTML entities decoded, a leading "/scorecard" dropped.
    /// </summary>
    public static string CleanText(Activity activity, out IReadOnlyList<MentionedUser> mentions)
    {
        var text = activity.Text ?? "";
        var found = new List<MentionedUser>();
        // A JSON list may hold nulls ([null]): they are no entities.
        foreach (var entity in (activity.Entities ?? []).OfType<EntityJson>())
        {
            if (!string.Equals(entity.Type, "mention", StringComparison.OrdinalIgnoreCase) || string.IsNullOrEmpty(entity.Text))
            {
                continue;
            }

            var isBot = entity.Mentioned?.Id is { } id && string.Equals(id, activity.Recipient?.Id, StringComparison.OrdinalIgnoreCase);
            if (isBot)
            {
                text = text.Replace(entity.Text, " ", StringComparison.Ordinal);
                continue;
            }

            var name = NameInTag(entity.Text) ?? entity.Mentioned?.Name ?? "";
            if (name.Length == 0 || entity.Mentioned?.Id is not { Length: > 0 } userId)
            {
                continue;
            }

            text = text.Replace(entity.Text, "@" + name, StringComparison.Ordinal);
            if (!found.Exists(m => m.PlatformUserId == userId))
            {
                found.Add(new MentionedUser("@" + name, userId, name));
            }
        }

        mentions = found;
        text = WebUtility.HtmlDecode(text).Replace('\u00A0', ' ');
        text = CollapseWhitespace(text);
        if (text.StartsWith("/scorecard", StringComparison.OrdinalIgnoreCase) && (text.Length == 10 || text[10] == ' '))
        {
            text = text[10..].TrimStart();
        }

        return text;
    }

    private static string? NameInTag(string tag)
    {
        const string open = "<at>", close = "</at>";
        return tag.StartsWith(open, StringComparison.OrdinalIgnoreCase) && tag.EndsWith(close, StringComparison.OrdinalIgnoreCase)
            ? WebUtility.HtmlDecode(tag[open.Length..^close.Length]).Trim()
            : null;
    }

    private static string CollapseWhitespace(string text)
    {
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space && sb.Length > 0)
            {
                sb.Append(' ');
            }

            space = false;
            sb.Append(c);
        }

        return sb.ToString();
    }

    /// <summary>An Action.Submit: the message's value holds the card's inputs merged with the button's data.</summary>
    public static CardAction SubmitAction(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new MalformedActivityException("The submitted value must be a JSON object.");
        }

        return AsText(() => Split(value, verb: null));
    }

    /// <summary>An Action.Execute invoke: value.action.{type, verb, data}, where data holds the inputs too.</summary>
    public static CardAction ExecuteAction(JsonElement? value) => AsText(() => Execute(value));

    /// <summary>
    /// The activity's JSON is parsed before its strings are read: a string that is not text (an
    /// escaped lone surrogate such as "\ud800", bytes that are not UTF-8) throws only when read,
    /// and is a malformed activity like any other.
    /// </summary>
    private static CardAction AsText(Func<CardAction> read)
    {
        try
        {
            return read();
        }
        catch (InvalidOperationException e)
        {
            throw new MalformedActivityException($"The card's data holds a string that is not valid text: {e.Message}");
        }
    }

    private static CardAction Execute(JsonElement? value)
    {
        if (value is not { ValueKind: JsonValueKind.Object } v
            || !v.TryGetProperty("action", out var action) || action.ValueKind != JsonValueKind.Object)
        {
            throw new MalformedActivityException("An adaptiveCard/action invoke needs value.action as an object.");
        }

        if (action.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() != "Action.Execute")
        {
            throw new MalformedActivityException($"value.action.type must be Action.Execute, got '{type.GetString()}'.");
        }

        if (!action.TryGetProperty("verb", out var verb) || verb.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(verb.GetString()))
        {
            throw new MalformedActivityException("value.action.verb must be a non-empty string.");
        }

        if (!action.TryGetProperty("data", out var data) || data.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return new CardAction(verb.GetString()!, new Dictionary<string, string>(), new Dictionary<string, string>());
        }

        if (data.ValueKind != JsonValueKind.Object)
        {
            throw new MalformedActivityException("value.action.data must be an object.");
        }

        return Split(data, verb.GetString());
    }

    // The renderer puts the button's id and data under reserved keys; every other member is an input.
    private static CardAction Split(JsonElement merged, string? verb)
    {
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        var inputs = new Dictionary<string, string>(StringComparer.Ordinal);
        string? actionId = null;
        foreach (var property in merged.EnumerateObject())
        {
            switch (property.Name)
            {
                case CardActionData.ActionKey when property.Value.ValueKind == JsonValueKind.String:
                    actionId = property.Value.GetString();
                    break;
                case CardActionData.DataKey when property.Value.ValueKind == JsonValueKind.Object:
                    foreach (var item in property.Value.EnumerateObject())
                    {
                        if (Scalar(item.Value) is { } s)
                        {
                            data[item.Name] = s;
                        }
                    }

                    break;
                case "msteams":
                    break;
                default:
                    if (Scalar(property.Value) is { } value)
                    {
                        inputs[property.Name] = value;
                    }

                    break;
            }
        }

        var id = verb ?? actionId;
        if (string.IsNullOrWhiteSpace(id))
        {
            // A card that did not come from this bot's renderer; the core answers that it does not know it.
            id = "submit";
        }

        return new CardAction(id, data, inputs);
    }

    private static string? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    public static string? LocaleOf(Activity activity)
    {
        if (string.IsNullOrWhiteSpace(activity.Locale))
        {
            return null;
        }

        try
        {
            return CultureInfo.GetCultureInfo(activity.Locale).Name;
        }
        catch (CultureNotFoundException)
        {
            return null;
        }
    }
}
