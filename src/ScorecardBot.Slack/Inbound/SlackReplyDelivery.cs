using System.Text.Json.Nodes;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Slack.Api;
using ScorecardBot.Slack.Rendering;

namespace ScorecardBot.Slack.Inbound;

/// <summary>Where replies go: the conversation, the person who acted, and the message an action came from.</summary>
internal sealed record SlackReplyTarget(SlackOrigin Origin, string? SourceTs = null, bool SourceIsEphemeral = false, string? ResponseUrl = null);

/// <summary>Sends a <see cref="TurnResult"/> to Slack: new messages, ephemeral ones, or updates of the source message.</summary>
internal sealed class SlackReplyDelivery(ISlackApiClientFactory clients, ResponseUrlClient responseUrls)
{
    public async Task DeliverAsync(SlackReplyTarget target, IEnumerable<Reply> replies, CancellationToken ct)
    {
        var origin = target.Origin;
        var api = await clients.ForTeamAsync(origin.TeamId, ct);
        foreach (var reply in replies)
        {
            var message = reply.Message;
            var blocks = BlockKitRenderer.Render(message);
            var text = BlockKitRenderer.FallbackText(message);
            if (message.ReplacesSource && target.SourceTs is not null)
            {
                if (!target.SourceIsEphemeral && api is not null && origin.ChannelId is not null)
                {
                    await api.Chat.UpdateAsync(origin.ChannelId, target.SourceTs, text, blocks, ct);
                    continue;
                }

                // A copy: when the response_url refuses, the same blocks go out once more below.
                if (await responseUrls.SendAsync(target.ResponseUrl, new JsonObject { ["replace_original"] = true, ["text"] = text, ["blocks"] = blocks.DeepClone() }, ct))
                {
                    continue;
                }
            }

            if (reply.Audience == Audience.OnlyActor && !origin.IsDirect)
            {
                if (api is not null && origin.ChannelId is not null)
                {
                    await api.Chat.PostEphemeralAsync(origin.ChannelId, origin.UserId, text, blocks, origin.ThreadTs, ct);
                }
                else
                {
                    await responseUrls.SendAsync(target.ResponseUrl, new JsonObject { ["response_type"] = "ephemeral", ["text"] = text, ["blocks"] = blocks }, ct);
                }

                continue;
            }

            if (api is null || origin.ChannelId is null)
            {
                await responseUrls.SendAsync(target.ResponseUrl, new JsonObject { ["response_type"] = "ephemeral", ["text"] = text, ["blocks"] = blocks }, ct);
                continue;
            }

            var posted = await api.Chat.PostMessageAsync(origin.ChannelId, text, blocks, origin.ThreadTs, ct);
            await UploadImagesAsync(api, posted.Channel, message, origin.ThreadTs, ct);
        }
    }

    /// <summary>The files of messages answered inline (a slash command's answer), uploaded into the conversation the command came from.</summary>
    public async Task UploadFilesAsync(SlackOrigin origin, IReadOnlyList<Message> messages, CancellationToken ct)
    {
        var api = await clients.ForTeamAsync(origin.TeamId, ct);
        if (api is null || origin.ChannelId is null)
        {
            return;
        }

        foreach (var file in messages.SelectMany(m => m.Blocks.OfType<FileAttachment>()))
        {
            await api.Files.UploadAsync(origin.ChannelId, file.FileName, System.Text.Encoding.UTF8.GetBytes(file.Content), file.FileName, origin.ThreadTs, ct);
        }
    }

    /// <summary>Charts held only as bytes cannot be an image block; they follow the message as uploaded files.</summary>
    internal static async Task UploadImagesAsync(ISlackApiClient api, string channel, Message message, string? threadTs, CancellationToken ct)
    {
        var n = 0;
        foreach (var image in message.Blocks.OfType<Image>())
        {
            if (image is { Url: null, Png: { Length: > 0 } png })
            {
                n++;
                await api.Files.UploadAsync(channel, $"chart-{n}.png", png, image.AltText, threadTs, ct);
            }
        }

        // A file of the message (the exported scorecard file) is uploaded the same way: files.getUploadURLExternal, then files.completeUploadExternal.
        foreach (var file in message.Blocks.OfType<FileAttachment>())
        {
            await api.Files.UploadAsync(channel, file.FileName, System.Text.Encoding.UTF8.GetBytes(file.Content), file.FileName, threadTs, ct);
        }
    }
}
