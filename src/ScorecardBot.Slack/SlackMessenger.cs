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

    Task<SlackPostedMessage> PostAsync(string teamId, string channelId, Message message, CancellationToken ct);

    Task<SlackPostedMessage> UpdateAsync(string teamId, string channelId, string ts, Message message, CancellationToken ct);
}

internal sealed class SlackMessenger(ISlackApiClientFactory clients) : ISlackMessenger
{
    public async Task<SlackPostedMessage> SendDirectAsync(string teamId, string userId, Message message, CancellationToken ct)
    {
        var api = await ClientAsync(teamId, ct);
        var channel = await api.Conversations.OpenAsync(userId, ct);
        return await PostWithAsync(api, channel, message, ct);
    }

    public async Task<SlackPostedMessage> PostAsync(string teamId, string channelId, Message message, CancellationToken ct) =>
        await PostWithAsync(await ClientAsync(teamId, ct), channelId, message, ct);

    public async Task<SlackPostedMessage> UpdateAsync(string teamId, string channelId, string ts, Message message, CancellationToken ct) =>
        await (await ClientAsync(teamId, ct)).Chat.UpdateAsync(channelId, ts, BlockKitRenderer.FallbackText(message), BlockKitRenderer.Render(message), ct);

    private static async Task<SlackPostedMessage> PostWithAsync(ISlackApiClient api, string channel, Message message, CancellationToken ct)
    {
        var posted = await api.Chat.PostMessageAsync(channel, BlockKitRenderer.FallbackText(message), BlockKitRenderer.Render(message), null, ct);
        await SlackReplyDelivery.UploadImagesAsync(api, posted.Channel, message, null, ct);
        return posted;
    }

    private async Task<ISlackApiClient> ClientAsync(string teamId, CancellationToken ct) =>
        await clients.ForTeamAsync(teamId, ct) ?? throw new SlackApiException("auth", "not_installed", $"no bot token for team {teamId}");
}
