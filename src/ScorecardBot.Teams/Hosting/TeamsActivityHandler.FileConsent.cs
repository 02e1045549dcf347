using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Teams.Activities;
using ScorecardBot.Teams.Connector;

namespace ScorecardBot.Teams.Hosting;

/// <summary>
/// The person's answer to a file consent card (<c>fileConsent/invoke</c>). On Allow the bot makes the
/// file again through the engine, as the person who pressed (so their role and organization are
/// checked now, not when the card was sent), PUTs it to the OneDrive upload URL Teams gave (an
/// allowed file host only) and posts a file info card. The card carries only which kind of message
/// it came from; the only kind that makes a file is the scorecard export.
/// </summary>
internal sealed partial class TeamsActivityHandler
{
    private async Task<IResult> OnFileConsentAsync(Activity activity, CancellationToken cancellationToken)
    {
        FileConsentValueJson? value;
        try
        {
            value = activity.Value is { ValueKind: JsonValueKind.Object } raw ? raw.Deserialize(TeamsJson.Context.FileConsentValueJson) : null;
        }
        catch (JsonException)
        {
            value = null;
        }

        if (value is null || value.Action is not ("accept" or "decline"))
        {
            var error = new ErrorInvokeResponse { StatusCode = 400, Value = new ErrorJson { Code = "BadRequest", Message = "A fileConsent/invoke needs a value with action accept or decline." } };
            return Results.Json(error, TeamsJson.Context.ErrorInvokeResponse, statusCode: 400);
        }

        var identity = await ResolveAsync(activity, cancellationToken);
        if (identity is null)
        {
            await RefuseUnknownAsync(activity, cancellationToken);
            return Results.Ok();
        }

        var name = Path.GetFileName(value.UploadInfo?.Name) is { Length: > 0 } n ? n : "the file";
        if (value.Action == "decline")
        {
            await EnqueueAsync(activity, [new Reply(Message.Text($"All right, I did not send {name}. Write export when you want it.", "file-declined"), Audience.OnlyActor)], replaceSource: false, cancellationToken);
            return Results.Ok();
        }

        if (value.Context?.Kind != FileAttachment.ScorecardExportKind || value.UploadInfo?.UploadUrl is null || files is null)
        {
            await EnqueueAsync(activity, [new Reply(Message.Text("I can't tell which file this was, so I sent nothing. Write export to get the scorecard file.", "file-unknown"), Audience.OnlyActor)], replaceSource: false, cancellationToken);
            return Results.Ok();
        }

        // The file is made again by the export command, as the person who pressed.
        var result = await turns.HandleAsync(TurnOf(activity, identity, "export", null, []), cancellationToken);
        var file = result.Replies.SelectMany(r => r.Message.Blocks).OfType<FileAttachment>().FirstOrDefault();
        if (file is null)
        {
            // Refused now (no longer a manager, not a 1:1 chat): the refusal is the answer.
            await EnqueueAsync(activity, result.Replies, replaceSource: false, cancellationToken);
            return Results.Ok();
        }

        var problem = await files.UploadAsync(value.UploadInfo.UploadUrl, name, System.Text.Encoding.UTF8.GetBytes(file.Content), cancellationToken);
        if (problem is not null)
        {
            await EnqueueAsync(activity, [new Reply(Message.Text(problem, "file-not-sent"), Audience.OnlyActor)], replaceSource: false, cancellationToken);
            return Results.Ok();
        }

        LogFileSent(logger, file.Content.Length);
        var reference = ActivityTranslator.ReferenceOf(activity);
        var uploaded = OutgoingActivities.FileUploaded($"{name} is in your OneDrive: open it here, edit it and send it back to import it.", value.UploadInfo);
        await replies.EnqueueAsync(reference.ConversationId, ct => connector.SendToConversationAsync(reference, uploaded, ct), cancellationToken);
        return Results.Ok();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent a scorecard file of {Length} characters to OneDrive after the person's consent")]
    private static partial void LogFileSent(ILogger logger, int length);
}
