using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Slack.Api;
using ScorecardBot.Slack.Inbound;
using ScorecardBot.Slack.Rendering;

namespace ScorecardBot.Slack;

/// <summary>Proactive messages (prompts, reminders, digests) to Slack, rendered from the neutral model.</summary>
public interface ISlackMessenger
{
    /// <summary>Opens the DM with the user (conversations.open) and posts the message there.</summary>
    Task<SlackPostedMessage> SendDirectAsync(string teamId, string userId, Message message, CancellationToken ct);

    /// <inheritdoc cref="SendDirectAsync(string, string, Message, CancellationToken)"/>
    /// <param name="key">The outbox key, kept in the message's metadata so a repeat can be recognised.</param>
    Task<SlackPostedMessage> SendDirectAsync(string teamId, string userId, Message message, string? key, CancellationToken ct);

    Task<SlackPostedMessage> PostAsync(string teamId, string channelId, Message message, CancellationToken ct);

    /// <summary>Posts in a channel, or as a reply in the thread of <paramref name="threadTs"/>; the message's charts are uploaded beside it.</summary>
    /// <param name="key">The outbox key, kept in the message's metadata so a repeat can be recognised.</param>
    Task<SlackPostedMessage> PostAsync(string teamId, string channelId, Message message, string? threadTs, string? key, CancellationToken ct);

    Task<SlackPostedMessage> UpdateAsync(string teamId, string channelId, string ts, Message message, CancellationToken ct);
}

internal sealed partial class SlackMessenger(ISlackApiClientFactory clients, ILogger<SlackMessenger> logger) : ISlackMessenger
{
    /// <summary>The event_type of the metadata the bot puts on the messages it sends on its own initiative.</summary>
    internal const string MetadataEventType = "scorecard_outbox";

    public Task<SlackPostedMessage> SendDirectAsync(string teamId, string userId, Message message, CancellationToken ct) =>
        SendDirectAsync(teamId, userId, message, null, ct);

    public async Task<SlackPostedMessage> SendDirectAsync(string teamId, string userId, Message message, string? key, CancellationToken ct)
    {
        var api = await ClientAsync(teamId, ct);
        var channel = await api.Conversations.OpenAsync(userId, ct);
        return await PostWithAsync(api, channel, message, null, key, ct);
    }

    public Task<SlackPostedMessage> PostAsync(string teamId, string channelId, Message message, CancellationToken ct) =>
        PostAsync(teamId, channelId, message, null, null, ct);

    public async Task<SlackPostedMessage> PostAsync(string teamId, string channelId, Message message, string? threadTs, string? key, CancellationToken ct) =>
        await PostWithAsync(await ClientAsync(teamId, ct), channelId, message, threadTs, key, ct);

    public async Task<SlackPostedMessage> UpdateAsync(string teamId, string channelId, string ts, Message message, CancellationToken ct) =>
        await (await ClientAsync(teamId, ct)).Chat.UpdateAsync(channelId, ts, BlockKitRenderer.FallbackText(message), BlockKitRenderer.Render(message), ct);

    private async Task<SlackPostedMessage> PostWithAsync(ISlackApiClient api, string channel, Message message, string? threadTs, string? key, CancellationToken ct)
    {
        var metadata = key is null ? null : new JsonObject
        {
            ["event_type"] = MetadataEventType,
            ["event_payload"] = new JsonObject { ["key"] = key },
        };
        var posted = await api.Chat.PostMessageAsync(channel, BlockKitRenderer.FallbackText(message), BlockKitRenderer.Render(message), threadTs, metadata, ct);
        try
        {
            await SlackReplyDelivery.UploadImagesAsync(api, posted.Channel, message, threadTs, ct);
        }
        catch (Exception ex) when (ex is SlackApiException or HttpRequestException)
        {
            // The message is posted: failing it now would post it again. The chart is what is lost, and the log says so.
            LogUploadFailed(logger, ex, channel, key);
        }

        return posted;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Posted to Slack channel {Channel} ({Key}) but could not upload its chart")]
    private static partial void LogUploadFailed(ILogger logger, Exception exception, string channel, string? key);

    private async Task<ISlackApiClient> ClientAsync(string teamId, CancellationToken ct) =>
        await clients.ForTeamAsync(teamId, ct) ?? throw new SlackApiException("auth", "not_installed", $"no bot token for team {teamId}");
}
