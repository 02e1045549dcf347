using System.Collections.Concurrent;
using ScorecardBot.Core.Delivery;
using ScorecardBot.Core.Model;
using ScorecardBot.LocalChat;

namespace ScorecardBot.Scheduling;

/// <summary>
/// Delivers outbox messages of the local chat into its feed. Remembers which idempotency keys it
/// posted, so a message offered again after a crash is not shown twice (the feed lives in the
/// same process, so the memory and the feed are lost together).
/// </summary>
internal sealed class LocalChannelSender(ILocalChannelSink sink) : IChannelSender
{
    private readonly ConcurrentDictionary<string, MessageReference> _posted = new(StringComparer.Ordinal);

    public Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        if (message.Platform != Platform.Local)
        {
            return Task.FromResult<DeliveryResult>(new DeliveryResult.Permanent(
                DeliveryFailureCodes.PlatformNotConfigured, $"no {message.Platform} channel is configured"));
        }

        var key = $"{message.OrganizationId:N}/{message.IdempotencyKey}";
        if (_posted.TryGetValue(key, out var earlier))
        {
            return Task.FromResult<DeliveryResult>(new DeliveryResult.Sent(earlier));
        }

        DeliveryResult result;
        if (message.Updates is { } update)
        {
            result = sink.Replace(update.MessageId, message.Message)
                ? new DeliveryResult.Sent(update)
                : new DeliveryResult.Permanent(DeliveryFailureCodes.MessageNotFound);
        }
        else if (message.Destination.PersonId is { } person)
        {
            result = new DeliveryResult.Sent(new MessageReference($"dm:{person:N}", sink.PostDirect(person, message.Message)));
        }
        else if (message.Destination.ThreadId is { } parent)
        {
            result = sink.PostReply(parent, message.Message) is { } id
                ? new DeliveryResult.Sent(new MessageReference(message.Destination.ConversationId!, id))
                : new DeliveryResult.Sent(new MessageReference(message.Destination.ConversationId!, sink.Post(message.Message)));
        }
        else
        {
            result = new DeliveryResult.Sent(new MessageReference(message.Destination.ConversationId!, sink.Post(message.Message)));
        }

        if (result is DeliveryResult.Sent sent)
        {
            _posted[key] = sent.Reference;
        }

        return Task.FromResult(result);
    }
}
