using System.Text.Json;
using System.Text.Json.Serialization;
using ScorecardBot.Slack.Rendering;

namespace ScorecardBot.Slack.Inbound;

/// <summary>What a form modal remembers in private_metadata: the action to send, the one its inputs send as they change (the preview), and the message it came from.</summary>
internal sealed record FormMetadata(
    [property: JsonPropertyName("a")] string ActionId,
    [property: JsonPropertyName("d")] Dictionary<string, string> Data,
    [property: JsonPropertyName("c")] string? Channel,
    [property: JsonPropertyName("ts")] string? MessageTs,
    [property: JsonPropertyName("e")] bool Ephemeral,
    [property: JsonPropertyName("r")] string? ResponseUrl,
    [property: JsonPropertyName("w")] string? PreviewActionId = null)
{
    public string Serialize() => JsonSerializer.Serialize(this, ModalSpec.Json);

    public static FormMetadata? TryParse(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            var m = JsonSerializer.Deserialize<FormMetadata>(json, ModalSpec.Json);
            return m is { ActionId.Length: > 0, Data: not null } ? m : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
