using System.Text.Json.Nodes;
using ScorecardBot.IntegrationTests.Fakes;

namespace ScorecardBot.IntegrationTests.Infrastructure;

/// <summary>
/// Teams' file consent flow as a person goes through it: the bot's file consent card reaches the fake
/// connector, the person presses Allow, and Teams sends a <c>fileConsent/invoke</c> whose value has
/// the card's acceptContext and an uploadInfo naming a OneDrive upload session. The shapes are those
/// of Microsoft Learn's "Send and receive files using bot" (msteams-docs, bots/how-to/bots-filesv4.md).
/// </summary>
public static class FileConsent
{
    public const string ConsentCardType = "application/vnd.microsoft.teams.card.file.consent";
    public const string FileInfoCardType = "application/vnd.microsoft.teams.card.file.info";

    /// <summary>The file consent card attachment of a connector call, if it has one.</summary>
    public static JsonNode? CardOf(ConnectorCall call) =>
        call.Json?["attachments"]?.AsArray().FirstOrDefault(a => a?["contentType"]?.GetValue<string>() == ConsentCardType);

    /// <summary>
    /// The invoke Teams sends when the person answers the card: <paramref name="message"/> is an
    /// activity of that person in that chat, turned into the invoke (its text dropped).
    /// </summary>
    public static JsonObject Answer(JsonObject message, JsonNode card, string action, string uploadUrl, string uniqueId)
    {
        var name = card["name"]!.GetValue<string>();
        var invoke = (JsonObject)message.DeepClone();
        invoke.Remove("text");
        invoke.Remove("textFormat");
        invoke["type"] = "invoke";
        invoke["name"] = "fileConsent/invoke";
        invoke["replyToId"] = "1795390707699";
        var value = new JsonObject
        {
            ["type"] = "fileUpload",
            ["action"] = action,
            ["context"] = card["content"]![action == "accept" ? "acceptContext" : "declineContext"]?.DeepClone(),
        };
        if (action == "accept")
        {
            value["uploadInfo"] = new JsonObject
            {
                ["contentUrl"] = "https://contoso-my.sharepoint.com/personal/someone_contoso_com/Documents/Applications/" + name,
                ["name"] = name,
                ["uploadUrl"] = uploadUrl,
                ["uniqueId"] = uniqueId,
                ["fileType"] = Path.GetExtension(name).TrimStart('.'),
                ["etag"] = "123",
            };
        }

        invoke["value"] = value;
        return invoke;
    }
}
