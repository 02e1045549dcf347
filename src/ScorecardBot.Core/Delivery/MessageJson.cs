using System.Text.Json;
using System.Text.Json.Serialization;
using ScorecardBot.Core.Conversation;

namespace ScorecardBot.Core.Delivery;

/// <summary>
/// The stored form of a neutral <see cref="Message"/> (the outbox payload). Blocks and inlines
/// carry a "$type" discriminator; enums are written by name so a reordered enum cannot change
/// what a stored message means; nulls are written, so an optional value reads back as null.
/// </summary>
public static class MessageJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static string Serialize(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return JsonSerializer.Serialize(message, Options);
    }

    /// <exception cref="FormatException">The text is not a stored message.</exception>
    public static Message Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonSerializer.Deserialize<Message>(json, Options)
                ?? throw new FormatException("The stored message is empty (null).");
        }
        catch (JsonException ex)
        {
            throw new FormatException($"The stored message cannot be read: {ex.Message}", ex);
        }
        catch (NotSupportedException ex)
        {
            throw new FormatException($"The stored message cannot be read: {ex.Message}", ex);
        }
    }

    private static JsonSerializerOptions CreateOptions()
    {
        // Nulls are written: a constructor parameter without a default (KpiRow's Target, when a KPI
        // has none) is required on the way back, and a null left out read as a missing one.
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
