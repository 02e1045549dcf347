using System.Text.Json;

namespace ScorecardBot.Teams.Connector;

/// <summary>
/// The code and message of a Bot Connector error body, in the shapes Teams really answers:
/// <list type="bullet">
/// <item>the documented <c>{"error":{"code":"BotNotInConversationRoster","message":"…"}}</c>;</item>
/// <item>a write to someone who blocked or removed the bot: <c>{"errorCode":209,"message":"{\"subCode\":
/// \"MessageWritesBlocked\",\"details\":\"Thread is blocked from message writes.\",…}"}</c>, the code
/// inside a JSON document carried as the message string (or, seen too, as an object);</item>
/// <item>a bare <c>{"code":…,"message":…}</c>.</item>
/// </list>
/// </summary>
internal static class ConnectorErrorBody
{
    public sealed record Parsed(string? Code, string? Message);

    /// <summary>Null when the body is JSON of no known shape; throws <see cref="JsonException"/> when it is not JSON.</summary>
    public static Parsed? Read(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        return Of(document.RootElement);
    }

    private static Parsed? Of(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            return new Parsed(Text(error, "code"), Text(error, "message"));
        }

        var code = Text(root, "code");
        var message = Text(root, "message");
        if (root.TryGetProperty("message", out var inner))
        {
            // {"errorCode":209,"message":"{\"subCode\":\"MessageWritesBlocked\",\"details\":\"…\"}"}
            var nested = inner.ValueKind switch
            {
                JsonValueKind.Object => Nested(inner),
                JsonValueKind.String when message is { } text && text.TrimStart().StartsWith('{') => NestedText(text),
                _ => null,
            };
            if (nested is not null)
            {
                code = nested.Code ?? code;
                message = nested.Message ?? message;
            }
        }

        if (code is null && root.TryGetProperty("errorCode", out var number) && number.ValueKind == JsonValueKind.Number)
        {
            code = "errorCode " + number.GetRawText();
        }

        return code is null && message is null ? null : new Parsed(code, message);
    }

    private static Parsed? NestedText(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object ? Nested(document.RootElement) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Parsed? Nested(JsonElement element)
    {
        var code = Text(element, "subCode") ?? Text(element, "code");
        var message = Text(element, "details") ?? Text(element, "message");
        return code is null && message is null ? null : new Parsed(code, message);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
}
