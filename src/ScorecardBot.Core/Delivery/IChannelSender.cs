namespace ScorecardBot.Core.Delivery;

/// <summary>
/// Sends one proactive message on one platform. The outbox dispatcher calls it; the host binds
/// the Teams, Slack and local channel clients behind it.
/// </summary>
/// <remarks>
/// Exactly-once contract. The dispatcher marks a message sent only after this method returned
/// <see cref="DeliveryResult.Sent"/>. If the process dies between the platform accepting the
/// message and that mark, the message is offered again with the same
/// <see cref="OutgoingMessage.IdempotencyKey"/>. An implementation must therefore:
/// <list type="bullet">
/// <item>return <see cref="DeliveryResult.Sent"/> with the earlier reference when it has already
/// delivered that key (the local chat and the test fakes keep the keys they delivered);</item>
/// <item>where the platform cannot dedupe (Teams, Slack), carry the key in the message's metadata
/// (Teams: the activity's channelData; Slack: the message's metadata event payload) so a repeat
/// can be found and is at least recognisable. The residual window is a crash after the platform
/// accepted the message and before the mark is committed: a few milliseconds per message.</item>
/// </list>
/// Implementations never throw for a platform's answer: they map it to a
/// <see cref="DeliveryResult"/>. An exception is treated as a transient failure.
/// </remarks>
public interface IChannelSender
{
    Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken);
}
