using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace ScorecardBot.Slack.Inbound;

/// <summary>
/// Tolerant readers for Slack payloads: a field of the wrong type reads as absent, never throws. So
/// does a string that is not text (an escaped lone surrogate such as "\ud800", bytes that are not
/// UTF-8): System.Text.Json parses it, and only reading it as a string would throw.
/// </summary>
internal static partial class SlackPayload
{
    public static string? Str(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? Text(p) : null;

    private static string? Text(JsonElement value)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static string? NameOf(JsonProperty property)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    public static JsonElement Obj(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Object ? p : default;

    public static bool Bool(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.True;

    public static bool Has(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var p) && p.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined);

    public static IEnumerable<JsonElement> Items(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Array ? p.EnumerateArray() : [];

    /// <summary>Form fields of an application/x-www-form-urlencoded body; null when the body is not such a form.</summary>
    public static Dictionary<string, StringValues>? Form(HttpRequest request, string body)
    {
        var type = request.ContentType;
        if (type is null || !type.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return QueryHelpers.ParseQuery(body);
    }

    /// <summary>
    /// Values of a state.values object ({block_id: {action_id: element}}) as inputId → text, keyed by block_id
    /// (our renderer uses the input's id for both).
    /// </summary>
    public static Dictionary<string, string> StateValues(JsonElement state)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var values = state.Obj("values");
        if (values.ValueKind != JsonValueKind.Object)
        {
            return result;
        }

        foreach (var block in values.EnumerateObject())
        {
            if (block.Value.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            foreach (var element in block.Value.EnumerateObject())
            {
                var v = element.Value;
                var text = v.Str("value") ?? v.Obj("selected_option").Str("value") ?? v.Str("selected_date") ?? v.Str("selected_user");
                if (text is not null && NameOf(block) is { } blockId)
                {
                    result[blockId] = text;
                }
            }
        }

        return result;
    }

    /// <summary>Button data (compact JSON object of strings); any other value arrives as {"value": raw}.</summary>
    public static Dictionary<string, string> ActionData(string? value)
    {
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(value))
        {
            return data;
        }

        if (value.StartsWith('{'))
        {
            try
            {
                using var doc = JsonDocument.Parse(value);
                foreach (var p in doc.RootElement.EnumerateObject())
                {
                    if (p.Value.ValueKind == JsonValueKind.String && NameOf(p) is { } key && Text(p.Value) is { } text)
                    {
                        data[key] = text;
                    }
                }

                return data;
            }
            catch (JsonException)
            {
            }
        }

        data["value"] = value;
        return data;
    }

    /// <summary>Removes our own @mention (or, when our id is unknown, the leading mention) from message text.</summary>
    public static string StripBotMention(string text, string? botUserId, bool mentionExpected)
    {
        string stripped;
        if (botUserId is not null)
        {
            stripped = MentionToken().Replace(text, m => m.Groups[1].Value == botUserId ? "" : m.Value);
        }
        else if (mentionExpected)
        {
            var m = MentionToken().Match(text);
            stripped = m.Success ? text.Remove(m.Index, m.Length) : text;
        }
        else
        {
            stripped = text;
        }

        return WhiteSpace().Replace(stripped, " ").Trim();
    }

    [GeneratedRegex(@"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")]
    private static partial Regex MentionToken();

    [GeneratedRegex(@"[ \t]{2,}")]
    private static partial Regex WhiteSpace();
}
