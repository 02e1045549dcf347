using System.Collections.Concurrent;
using ScorecardBot.Core.Delivery;

namespace ScorecardBot.Tests.Scheduling;

/// <summary>A channel that shows each idempotency key once and counts every attempt.</summary>
internal sealed class RecordingChannel : IChannelSender
{
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, OutgoingMessage> _shown = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, OutgoingMessage> Shown => _shown;

    public int AttemptsOf(string key) => _attempts.GetValueOrDefault(key);

    public Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        _attempts.AddOrUpdate(message.IdempotencyKey, 1, (_, n) => n + 1);
        _shown.TryAdd(message.IdempotencyKey, message);
        return Task.FromResult<DeliveryResult>(new DeliveryResult.Sent(new MessageReference("c", "m-" + message.IdempotencyKey)));
    }
}
