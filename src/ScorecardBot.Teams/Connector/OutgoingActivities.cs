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
    /// A file of the message goes as a file consent card: Teams asks the person to let the bot put
    /// it in their OneDrive, and their Allow comes back as a <c>fileConsent/invoke</c> with where to
    /// upload it (Microsoft Learn, "Send and receive files using bot"; personal chats only, which is
    /// where the bot sends files). The card carries the message's kind, not the file: the file is made
    /// again, for the person who accepts, with their role checked then.
    /// </summary>
    private static IEnumerable<CardAttachment> Files(Message message) =>
        message.Blocks.OfType<FileAttachment>().Select(f => new CardAttachment
        {
            ContentType = FileConsentCardJson.ContentType,
            Name = f.FileName,
            Content = new FileConsentCardJson
            {
                Description = message.Summary,
                SizeInBytes = System.Text.Encoding.UTF8.GetByteCount(f.Content),
                AcceptContext = new FileConsentContextJson { Kind = message.Kind },
                DeclineContext = new FileConsentContextJson { Kind = message.Kind },
            },
        });

    /// <summary>The message that shows an uploaded file in the chat (a file info card), with a sentence beside it.</summary>
    public static OutgoingActivity FileUploaded(string text, FileUploadInfoJson upload, string? replyToId = null) => new()
    {
        Text = text,
        TextFormat = "plain",
        ReplyToId = replyToId,
        Attachments =
        [
            new CardAttachment
            {
                ContentType = FileInfoCardJson.ContentType,
                Name = upload.Name,
                ContentUrl = upload.ContentUrl,
                Content = new FileInfoCardJson { UniqueId = upload.UniqueId, FileType = upload.FileType },
            },
        ],
    };
}
