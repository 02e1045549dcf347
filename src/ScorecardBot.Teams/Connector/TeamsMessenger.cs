using Microsoft.Extensions.Options;
using ScorecardBot.Core.Conversation;

namespace ScorecardBot.Teams.Connector;

internal sealed class TeamsMessenger(ConnectorClient connector, IConversationReferenceStore references, IOptions<TeamsOptions> options) : ITeamsMessenger
{
    public async Task<SentActivity> SendAsync(TeamsConversationReference conversation, Message message, CancellationToken cancellationToken)
    {
        var id = await connector.SendToConversationAsync(conversation, OutgoingActivities.From(message), cancellationToken);
        return new SentActivity(conversation, id ?? "");
    }

    public async Task<SentActivity> SendProactiveAsync(ProactiveRecipient recipient, Message message, CancellationToken cancellationToken)
    {
        var conversation = await references.FindPersonalAsync(recipient.OrganizationId, recipient.PersonId, cancellationToken);
        if (conversation is null)
        {
            var serviceUrl = recipient.ServiceUrl ?? options.Value.DefaultServiceUrl;
            var botId = BotIdOf(options.Value);
            var id = await connector.CreatePersonalConversationAsync(serviceUrl, botId, recipient.TenantId, recipient.ChannelUserId, cancellationToken);
            conversation = new TeamsConversationReference(serviceUrl, id, recipient.TenantId, ConversationKind.Direct, botId);
            await references.SavePersonalAsync(recipient.OrganizationId, recipient.PersonId, conversation, cancellationToken);
        }

        return await SendAsync(conversation, message, cancellationToken);
    }

    public Task UpdateAsync(TeamsConversationReference conversation, string activityId, Message message, CancellationToken cancellationToken) =>
        connector.UpdateAsync(conversation, activityId, OutgoingActivities.From(message, id: activityId), cancellationToken);

    public Task DeleteAsync(TeamsConversationReference conversation, string activityId, CancellationToken cancellationToken) =>
        connector.DeleteAsync(conversation, activityId, cancellationToken);

    /// <summary>Teams names a bot "28:" + its app id.</summary>
    internal static string BotIdOf(TeamsOptions options) =>
        options.IsLocal ? "28:scorecardbot-local" : "28:" + options.AppId;
}
