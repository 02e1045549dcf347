using System.Text.Json.Nodes;
using ScorecardBot.Core.Conversation;

namespace ScorecardBot.IntegrationTests.Infrastructure;

/// <summary>A chat-edit card's button as Teams sends it: an Action.Execute invoke with the action's data and the inputs' values.</summary>
internal static class EditCardPress
{
    /// <summary>Turns <paramref name="message"/> (a message activity of the presser) into the press of <paramref name="command"/>'s card.</summary>
    public static JsonObject Teams(JsonObject message, string command, IReadOnlyDictionary<string, string> inputs, string replyToId)
    {
        message.Remove("text");
        message["type"] = "invoke";
        message["name"] = "adaptiveCard/action";
        message["replyToId"] = replyToId;
        var data = new JsonObject { ["_data"] = new JsonObject { [CardActions.Keys.Command] = command } };
        foreach (var (key, value) in inputs)
        {
            data[key] = value;
        }

        message["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = CardActions.Edit, ["data"] = data },
            ["trigger"] = "manual",
        };
        return message;
    }
}
