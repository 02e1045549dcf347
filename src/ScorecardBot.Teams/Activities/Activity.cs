using System.Text.Json;
using System.Text.Json.Serialization;
using ScorecardBot.Teams.Cards;

namespace ScorecardBot.Teams.Activities;

// Bot Framework activity schema: only the members the bot reads or writes. Unknown members are ignored.

internal static class ActivityTypes
{
    public const string Message = "message";
    public const string Invoke = "invoke";
    public const string ConversationUpdate = "conversationUpdate";
    public const string InstallationUpdate = "installationUpdate";
    public const string AdaptiveCardAction = "adaptiveCard/action";

    /// <summary>The person pressed Allow or Decline on a file consent card.</summary>
    public const string FileConsent = "fileConsent/invoke";
}

internal sealed class Activity
{
    public string? Type { get; set; }

    public string? Id { get; set; }

    public DateTimeOffset? Timestamp { get; set; }

    public string? ServiceUrl { get; set; }

    public string? ChannelId { get; set; }

    public ChannelAccountJson? From { get; set; }

    public ConversationAccountJson? Conversation { get; set; }

    public ChannelAccountJson? Recipient { get; set; }

    public string? Text { get; set; }

    public string? TextFormat { get; set; }

    public string? Locale { get; set; }

    /// <summary>The IANA time zone of the sender's client (e.g. "Europe/Berlin").</summary>
    public string? LocalTimezone { get; set; }

    /// <summary>Files and cards sent with a message (any JSON, read by <see cref="InboundFile.Of"/>).</summary>
    public JsonElement? Attachments { get; set; }

    public List<EntityJson>? Entities { get; set; }

    public TeamsChannelData? ChannelData { get; set; }

    public string? ReplyToId { get; set; }

    public JsonElement? Value { get; set; }

    public string? Name { get; set; }

    /// <summary>installationUpdate: "add" or "remove" (also "add-upgrade", "remove-upgrade").</summary>
    public string? Action { get; set; }

    public List<ChannelAccountJson>? MembersAdded { get; set; }

    public List<ChannelAccountJson>? MembersRemoved { get; set; }

    [JsonIgnore]
    public string? TenantId => ChannelData?.Tenant?.Id ?? Conversation?.TenantId;
}

internal sealed class ChannelAccountJson
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? AadObjectId { get; set; }

    public string? Role { get; set; }
}

internal sealed class ConversationAccountJson
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    /// <summary>"personal", "channel" or "groupChat".</summary>
    public string? ConversationType { get; set; }

    public string? TenantId { get; set; }

    public bool? IsGroup { get; set; }
}

internal sealed class EntityJson
{
    public string? Type { get; set; }

    public string? Text { get; set; }

    public ChannelAccountJson? Mentioned { get; set; }
}

internal sealed class TeamsChannelData
{
    public IdJson? Tenant { get; set; }

    public IdJson? Team { get; set; }

    public IdJson? Channel { get; set; }
}

internal sealed class IdJson
{
    public string? Id { get; set; }

    public string? Name { get; set; }
}

/// <summary>A message the bot sends.</summary>
internal sealed class OutgoingActivity
{
    public string Type { get; init; } = ActivityTypes.Message;

    public string? Id { get; init; }

    public string? Text { get; init; }

    public string? TextFormat { get; init; }

    /// <summary>Notification and screen-reader text for a card.</summary>
    public string? Summary { get; init; }

    public ChannelAccountJson? From { get; init; }

    public ChannelAccountJson? Recipient { get; init; }

    public ConversationAccountJson? Conversation { get; init; }

    public string? ReplyToId { get; init; }

    public List<CardAttachment>? Attachments { get; init; }
}

internal sealed class CardAttachment
{
    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    public string ContentType { get; init; } = AdaptiveCardContentType;

    /// <summary>
    /// The card: an <see cref="AdaptiveCard"/>, a <see cref="FileConsentCardJson"/> or a
    /// <see cref="FileInfoCardJson"/> (each serialized as its own type); null for an inline file.
    /// </summary>
    public object? Content { get; init; }

    /// <summary>An inline file's data URL, or where an uploaded file is (a file info card).</summary>
    public string? ContentUrl { get; init; }

    /// <summary>The file's name (a file consent or file info card, or an inline file).</summary>
    public string? Name { get; init; }
}

/// <summary>
/// Asks the person to let the bot put a file in their OneDrive (Teams bot APIs, personal chats only).
/// Teams sends <see cref="AcceptContext"/> or <see cref="DeclineContext"/> back in a
/// <c>fileConsent/invoke</c> (<see cref="FileConsentValueJson"/>).
/// </summary>
internal sealed class FileConsentCardJson
{
    public const string ContentType = "application/vnd.microsoft.teams.card.file.consent";

    public string? Description { get; init; }

    public long SizeInBytes { get; init; }

    public FileConsentContextJson? AcceptContext { get; init; }

    public FileConsentContextJson? DeclineContext { get; init; }
}

/// <summary>
/// What the bot asks Teams to send back with the person's answer: the kind of message whose file
/// it was (e.g. the export), never the file itself; the file is made again for the person who accepts.
/// </summary>
internal sealed class FileConsentContextJson
{
    public string? Kind { get; init; }
}

/// <summary>The value of a <c>fileConsent/invoke</c>: accept (with where to upload) or decline.</summary>
internal sealed class FileConsentValueJson
{
    public string? Type { get; set; }

    public string? Action { get; set; }

    public FileConsentContextJson? Context { get; set; }

    public FileUploadInfoJson? UploadInfo { get; set; }
}

/// <summary>Where the accepted file goes: a OneDrive upload session (<see cref="UploadUrl"/>) and the item it becomes.</summary>
internal sealed class FileUploadInfoJson
{
    public string? Name { get; set; }

    public string? UploadUrl { get; set; }

    public string? ContentUrl { get; set; }

    public string? UniqueId { get; set; }

    public string? FileType { get; set; }
}

/// <summary>The card that shows an uploaded file in the chat, to open or download.</summary>
internal sealed class FileInfoCardJson
{
    public const string ContentType = "application/vnd.microsoft.teams.card.file.info";

    public string? UniqueId { get; init; }

    public string? FileType { get; init; }
}

internal sealed class CreateConversationRequest
{
    public bool IsGroup { get; init; }

    public required ChannelAccountJson Bot { get; init; }

    public required List<ChannelAccountJson> Members { get; init; }

    public string? TenantId { get; init; }

    public TeamsChannelData? ChannelData { get; init; }
}

internal sealed class ConversationResourceResponse
{
    public string? Id { get; set; }

    public string? ActivityId { get; set; }

    public string? ServiceUrl { get; set; }
}

internal sealed class ResourceResponse
{
    public string? Id { get; set; }
}

internal sealed class ErrorResponse
{
    public ErrorJson? Error { get; set; }
}

internal sealed class ErrorJson
{
    public string? Code { get; set; }

    public string? Message { get; set; }
}

/// <summary>A member as GET /v3/conversations/{id}/members/{memberId} returns it in Teams.</summary>
/// <summary>A file a user sent the bot in a 1:1 chat: its name and pre-authenticated, short-lived download URL.</summary>
internal sealed record InboundFile(string? Name, string DownloadUrl)
{
    /// <summary>The content type of a file a user sent in a personal chat.</summary>
    public const string ContentType = "application/vnd.microsoft.teams.file.download.info";

    /// <summary>
    /// The first file attachment of an activity. Attachments are read leniently (any JSON): cards,
    /// text/html and images are not files and are passed over, whatever their shape.
    /// </summary>
    public static InboundFile? Of(JsonElement? attachments)
    {
        if (attachments is not { ValueKind: JsonValueKind.Array } list)
        {
            return null;
        }

        foreach (var a in list.EnumerateArray())
        {
            if (a.ValueKind == JsonValueKind.Object
                && a.TryGetProperty("contentType", out var type) && type.ValueKind == JsonValueKind.String && type.ValueEquals(ContentType)
                && a.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Object
                && content.TryGetProperty("downloadUrl", out var url) && url.ValueKind == JsonValueKind.String)
            {
                var name = a.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
                return new InboundFile(name, url.GetString()!);
            }
        }

        return null;
    }
}

internal sealed class TeamsMemberJson
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? AadObjectId { get; set; }

    public string? Email { get; set; }

    public string? UserPrincipalName { get; set; }

    public string? TenantId { get; set; }
}

/// <summary>Body of the HTTP response to an adaptiveCard/action invoke.</summary>
internal static class InvokeResponseTypes
{
    public const string Card = "application/vnd.microsoft.card.adaptive";
    public const string Message = "application/vnd.microsoft.activity.message";
    public const string Error = "application/vnd.microsoft.error";
}

internal sealed class CardInvokeResponse
{
    public int StatusCode { get; init; } = 200;

    public string Type => InvokeResponseTypes.Card;

    public required AdaptiveCard Value { get; init; }
}

internal sealed class MessageInvokeResponse
{
    public int StatusCode { get; init; } = 200;

    public string Type => InvokeResponseTypes.Message;

    public required string Value { get; init; }
}

internal sealed class ErrorInvokeResponse
{
    public required int StatusCode { get; init; }

    public string Type => InvokeResponseTypes.Error;

    public required ErrorJson Value { get; init; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(Activity))]
[JsonSerializable(typeof(OutgoingActivity))]
[JsonSerializable(typeof(AdaptiveCard))]
[JsonSerializable(typeof(FileConsentCardJson))]
[JsonSerializable(typeof(FileInfoCardJson))]
[JsonSerializable(typeof(FileConsentValueJson))]
[JsonSerializable(typeof(CreateConversationRequest))]
[JsonSerializable(typeof(ConversationResourceResponse))]
[JsonSerializable(typeof(ResourceResponse))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(TeamsMemberJson))]
[JsonSerializable(typeof(CardInvokeResponse))]
[JsonSerializable(typeof(MessageInvokeResponse))]
[JsonSerializable(typeof(ErrorInvokeResponse))]
internal sealed partial class TeamsJsonContext : JsonSerializerContext;
