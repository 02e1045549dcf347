using System.Net;
using Microsoft.EntityFrameworkCore;
using ScorecardBot.Charts;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Delivery;
using ScorecardBot.Core.Model;
using ScorecardBot.Data;
using ScorecardBot.LocalChat;
using ScorecardBot.Scheduling;
using ScorecardBot.Slack;
using ScorecardBot.Slack.Api;
using ScorecardBot.Teams;

namespace ScorecardBot.Bindings;

/// <summary>
/// Delivers outbox messages on the platform each names: the local chat, Teams (proactive 1:1
/// chats and channel posts through the connector) or Slack (DMs and channel posts through the Web
/// API). Platform errors become the outbox's transient or permanent results, so a blocked user or
/// a missing conversation is reported once instead of retried.
/// </summary>
/// <remarks>
/// A reply in a thread (<see cref="Destination.ThreadId"/>: the digest's details under its summary)
/// goes to Slack with thread_ts and to Teams as a message in the channel message's reply chain
/// (POST /v3/conversations/{channel};messageid={root}/activities). Slack gets the charts of a
/// message uploaded as files (files.getUploadURLExternal); Teams fetches them by their signed link.
/// </remarks>
internal sealed class PlatformChannelSender(IServiceScopeFactory scopes, ILocalChannelSink localSink, Api.Webhooks.WebhookSender webhooks, TimeProvider time, ChartPictures? charts = null) : IChannelSender
{
    private readonly LocalChannelSender _local = new(localSink);

    public async Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        // One span per delivery attempt; the platform's HTTP calls are its children.
        using var activity = Hosting.Telemetry.Source.StartActivity("outbox send");
        activity?.SetTag("scorecard.platform", message.Platform.ToString());
        activity?.SetTag("scorecard.organization_id", message.OrganizationId);
        var result = await SendToPlatformAsync(message, cancellationToken);
        switch (result)
        {
            case DeliveryResult.Transient transient:
                activity?.SetTag("scorecard.delivery", "transient");
                activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, transient.Reason);
                break;
            case DeliveryResult.Permanent permanent:
                activity?.SetTag("scorecard.delivery", "permanent");
                activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, permanent.Code);
                break;
            default:
                activity?.SetTag("scorecard.delivery", "sent");
                break;
        }

        return result;
    }

    private async Task<DeliveryResult> SendToPlatformAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        try
        {
            return message.Platform switch
            {
                Platform.Local => await _local.SendAsync(message, cancellationToken),
                Platform.Teams => await SendToTeamsAsync(message, cancellationToken),
                Platform.Slack => await SendToSlackAsync(message, cancellationToken),
                Platform.Webhook => await webhooks.SendAsync(message, cancellationToken),
                _ => new DeliveryResult.Permanent(DeliveryFailureCodes.PlatformNotConfigured, message.Platform.ToString()),
            };
        }
        catch (TeamsConnectorException e) when (e.IsBlockedByUser)
        {
            return new DeliveryResult.Permanent(DeliveryFailureCodes.MessageWritesBlocked, $"Teams answered {(int)e.StatusCode} {e.Code}");
        }
        catch (TeamsConnectorException e) when (e.IsTransient)
        {
            return new DeliveryResult.Transient($"Teams answered {(int)e.StatusCode} {e.Code}", e.RetryAfter);
        }
        catch (TeamsConnectorException e)
        {
            return new DeliveryResult.Permanent(TeamsFailureCode(e), $"Teams answered {(int)e.StatusCode} {e.Code}");
        }
        catch (ServiceUrlNotAllowedException)
        {
            return new DeliveryResult.Permanent(DeliveryFailureCodes.NoConversationReference, "the conversation's service URL is not on the allow-list");
        }
        catch (SlackApiException e) when (e.Error is "ratelimited" or "rate_limited" or "internal_error" or "fatal_error" or "service_unavailable" or "request_timeout")
        {
            return new DeliveryResult.Transient($"Slack answered {e.Error}", e.RetryAfter);
        }
        catch (SlackApiException e)
        {
            return new DeliveryResult.Permanent(e.Error, $"Slack {e.Method}");
        }
        catch (HttpRequestException e)
        {
            return new DeliveryResult.Transient(e.StatusCode is { } status ? $"HTTP {(int)status}" : "network error");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new DeliveryResult.Transient("timeout");
        }
    }

    /// <summary>
    /// The outbox's code for a connector refusal: Teams names one cause several ways (a proactive
    /// 1:1 to someone without the app is 403 ForbiddenOperationException or BotNotInConversationRoster).
    /// </summary>
    private static string TeamsFailureCode(TeamsConnectorException e) => e.Code switch
    {
        "ForbiddenOperationException" => DeliveryFailureCodes.BotNotInConversationRoster,
        _ => e.Code,
    };

    private async Task<DeliveryResult> SendToTeamsAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var teams = scope.ServiceProvider.GetRequiredService<ITeamsMessenger>();
        var references = scope.ServiceProvider.GetRequiredService<IConversationReferenceStore>();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        var tenant = await db.Organizations.Where(o => o.Id == message.OrganizationId).Select(o => o.TeamsTenantId).FirstOrDefaultAsync(cancellationToken);

        TeamsConversationReference? conversation;
        if (message.Destination.PersonId is { } personId)
        {
            conversation = await references.FindPersonalAsync(message.OrganizationId, personId, cancellationToken);
            if (conversation is null)
            {
                var account = await db.People.Where(p => p.Id == personId && p.OrganizationId == message.OrganizationId)
                    .SelectMany(p => p.Accounts).FirstOrDefaultAsync(a => a.Platform == Platform.Teams, cancellationToken);
                if (account?.ChannelUserId is not { Length: > 0 } userId || string.IsNullOrEmpty(tenant))
                {
                    return new DeliveryResult.Permanent(DeliveryFailureCodes.NoConversationReference, "the bot has no Teams conversation with this person yet");
                }

                var sent = await teams.SendProactiveAsync(new ProactiveRecipient(message.OrganizationId, personId, tenant, userId), message.Message, cancellationToken);
                return new DeliveryResult.Sent(new MessageReference(sent.Conversation.ConversationId, sent.ActivityId));
            }
        }
        else
        {
            conversation = await references.FindSharedAsync(message.OrganizationId, message.Destination.ConversationId!, cancellationToken)
                ?? await ChannelReferenceAsync(db, message, tenant, cancellationToken);
            if (conversation is null)
            {
                return new DeliveryResult.Permanent(DeliveryFailureCodes.NoConversationReference, "the bot has not been added to this Teams channel");
            }

            if (message.Destination.ThreadId is { } root && message.Updates is null)
            {
                // Teams threads a channel post by its conversation id: the channel's id with the
                // root message's activity id appended.
                conversation = conversation with { ConversationId = $"{conversation.ConversationId};messageid={root}" };
            }
        }

        if (message.Updates is { } update)
        {
            await teams.UpdateAsync(conversation with { ConversationId = update.ConversationId }, update.MessageId, message.Message, cancellationToken);
            return new DeliveryResult.Sent(update);
        }

        SentActivity posted;
        try
        {
            posted = await teams.SendAsync(conversation, message.Message, cancellationToken);
        }
        catch (TeamsConnectorException e) when (e.StatusCode == HttpStatusCode.NotFound && e.Code == DeliveryFailureCodes.ConversationNotFound
            && message.Destination.PersonId is { } person && !string.IsNullOrEmpty(tenant))
        {
            // The kept 1:1 chat is gone (deleted, or the app reinstalled): forget it and open the chat
            // anew; a person without the app then answers 403, which the caller reports as unreachable.
            await db.ConversationReferences
                .Where(r => r.OrganizationId == message.OrganizationId && r.Platform == Platform.Teams && r.PersonId == person)
                .ExecuteDeleteAsync(cancellationToken);
            var userId = await db.People.Where(p => p.Id == person && p.OrganizationId == message.OrganizationId)
                .SelectMany(p => p.Accounts).Where(a => a.Platform == Platform.Teams).Select(a => a.ChannelUserId).FirstOrDefaultAsync(cancellationToken);
            if (userId is not { Length: > 0 })
            {
                throw;
            }

            posted = await teams.SendProactiveAsync(new ProactiveRecipient(message.OrganizationId, person, tenant, userId, conversation.ServiceUrl), message.Message, cancellationToken);
        }

        return new DeliveryResult.Sent(new MessageReference(posted.Conversation.ConversationId, posted.ActivityId));
    }

    /// <summary>A scorecard's Teams channel from its settings, when the bot has not seen it yet.</summary>
    private static async Task<TeamsConversationReference?> ChannelReferenceAsync(
        ScorecardDbContext db, OutgoingMessage message, string? tenant, CancellationToken cancellationToken)
    {
        var channel = await db.TeamChannels
            .Where(c => c.Platform == Platform.Teams && c.ConversationId == message.Destination.ConversationId)
            .Where(c => db.Scorecards.Any(s => s.Id == c.ScorecardId && s.OrganizationId == message.OrganizationId))
            .FirstOrDefaultAsync(cancellationToken);
        return channel?.ServiceUrl is { Length: > 0 } serviceUrl && !string.IsNullOrEmpty(tenant)
            ? new TeamsConversationReference(serviceUrl, channel.ConversationId, tenant, ConversationKind.Channel)
            : null;
    }

    private async Task<DeliveryResult> SendToSlackAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var slack = scope.ServiceProvider.GetRequiredService<ISlackMessenger>();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        var team = await db.Organizations.Where(o => o.Id == message.OrganizationId).Select(o => o.SlackTeamId).FirstOrDefaultAsync(cancellationToken);
        if (string.IsNullOrEmpty(team))
        {
            return new DeliveryResult.Permanent(DeliveryFailureCodes.PlatformNotConfigured, "the organization has no Slack workspace");
        }

        if (message.Updates is { } update)
        {
            var updated = await slack.UpdateAsync(team, update.ConversationId, update.MessageId, message.Message, cancellationToken);
            return new DeliveryResult.Sent(new MessageReference(updated.Channel, updated.Ts));
        }

        var content = await WithChartsAsFilesAsync(message.Message, cancellationToken);
        if (message.Destination.PersonId is { } personId)
        {
            var userId = await db.People.Where(p => p.Id == personId && p.OrganizationId == message.OrganizationId)
                .SelectMany(p => p.Accounts).Where(a => a.Platform == Platform.Slack).Select(a => a.ExternalId).FirstOrDefaultAsync(cancellationToken);
            if (userId is null)
            {
                return new DeliveryResult.Permanent(DeliveryFailureCodes.NoConversationReference, "the person has no linked Slack account");
            }

            return new DeliveryResult.Sent(await SendSlackDirectAsync(db, slack, team, message, personId, userId, content, cancellationToken));
        }

        var posted = await slack.PostAsync(team, message.Destination.ConversationId!, content, message.Destination.ThreadId, message.IdempotencyKey, cancellationToken);
        return new DeliveryResult.Sent(new MessageReference(posted.Channel, posted.Ts));
    }

    /// <summary>
    /// A DM in the channel Slack opened for the person before, kept as their conversation reference:
    /// conversations.open is Tier 3 (about 50 a minute per workspace), so a wave of prompts that
    /// opened every conversation again would take minutes. A kept channel that is gone is opened anew.
    /// </summary>
    private async Task<MessageReference> SendSlackDirectAsync(
        ScorecardDbContext db, ISlackMessenger slack, string team, OutgoingMessage message, Guid personId, string userId, Message content, CancellationToken cancellationToken)
    {
        var kept = await db.ConversationReferences
            .Where(r => r.OrganizationId == message.OrganizationId && r.Platform == Platform.Slack && r.PersonId == personId)
            .FirstOrDefaultAsync(cancellationToken);
        if (kept is not null)
        {
            try
            {
                var posted = await slack.PostAsync(team, kept.ConversationId, content, null, message.IdempotencyKey, cancellationToken);
                return new MessageReference(posted.Channel, posted.Ts);
            }
            catch (SlackApiException e) when (e.Error is "channel_not_found" or "is_archived")
            {
                db.ConversationReferences.Remove(kept);
                await db.SaveChangesAsync(cancellationToken);
            }
        }

        var sent = await slack.SendDirectAsync(team, userId, content, message.IdempotencyKey, cancellationToken);
        try
        {
            db.ConversationReferences.Add(new ConversationReference
            {
                OrganizationId = message.OrganizationId,
                Platform = Platform.Slack,
                PersonId = personId,
                ConversationId = sent.Channel,
                Kind = ConversationKind.Direct,
                TenantOrTeamId = team,
                UpdatedAt = time.GetUtcNow(),
            });
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another send to them kept it first; theirs is the same channel.
        }

        return new MessageReference(sent.Channel, sent.Ts);
    }

    /// <summary>
    /// Slack cannot fetch a chart from the bot's signed link unless the bot is reachable from the
    /// internet, so the bot's own charts travel as bytes and are uploaded beside the message.
    /// </summary>
    private async Task<Message> WithChartsAsFilesAsync(Message message, CancellationToken cancellationToken)
    {
        if (charts is null || !message.Blocks.OfType<Image>().Any(i => i.Png is null && i.Url is not null))
        {
            return message;
        }

        var blocks = new List<Block>(message.Blocks.Count);
        foreach (var block in message.Blocks)
        {
            blocks.Add(block is Image { Png: null, Url: { } url } image && await charts.RenderAsync(url, cancellationToken) is { } png
                ? image with { Url = null, Png = png }
                : block);
        }

        return message with { Blocks = blocks };
    }
}
