using ScorecardBot.Core.Conversation;
using ScorecardBot.Teams.Activities;
using ScorecardBot.Teams.Cards;

namespace ScorecardBot.Teams.Connector;

/// <summary>Turns a neutral message into the activity the connector receives.</summary>
internal static class OutgoingActivities
{
    public static OutgoingActivity From(Message message, string? replyToId = null, string? id = null)
    {
        // A single plain sentence reads best as text (it shows in notifications and previews as-is).
        if (message.Blocks is [Paragraph { Tone: TextTone.Default, Inlines: [Run { Bold: false, Italic: false } run] }])
        {
            return new OutgoingActivity { Id = id, Text = run.Text, TextFormat = "plain", ReplyToId = replyToId };
        }

        return new OutgoingActivity
        {
            Id = id,
            Summary = message.Summary,
            ReplyToId = replyToId,
            Attachments = [new CardAttachment { Content = AdaptiveCardRenderer.Build(message) }, .. Files(message)],
        };
    }

    /// <summary>
    /// A file of the message goes as an inline attachment: its content type and a data URL with
    /// its bytes, as the Bot Framework carries inline attachments.
    /// </summary>
    private static IEnumerable<CardAttachment> Files(Message message) =>
        message.Blocks.OfType<FileAttachment>().Select(f => new CardAttachment
        {
            ContentType = f.ContentType,
            Name = f.FileName,
            ContentUrl = $"data:{f.ContentType};base64,{Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(f.Content))}",
        });
}
