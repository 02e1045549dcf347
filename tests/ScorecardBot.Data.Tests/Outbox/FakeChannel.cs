using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using ScorecardBot.Core.Delivery;
using ScorecardBot.Data.Tests.Infrastructure;

namespace ScorecardBot.Data.Tests.Outbox;

/// <summary>
/// A channel that behaves like a platform which dedupes by idempotency key: it counts every raw
/// attempt, shows each key at most once, and keeps the order in which each conversation saw its
/// messages. <see cref="Failure"/> scripts throttling, server errors and permanent refusals.
/// </summary>
internal sealed class FakeChannel : IChannelSender
{
    private readonly ConcurrentDictionary<string, MessageReference> _shown = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _accepted = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<string>> _byConversation = [];
    private readonly List<OutgoingMessage> _delivered = [];
    private int _rawAttempts;

    /// <summary>(message, attempt number of its key) → a failure to answer, or null to deliver.</summary>
    public Func<OutgoingMessage, int, DeliveryResult?>? Failure { get; init; }

    /// <summary>Runs after the platform showed a new message and before it answers (a crash lands here).</summary>
    public Func<OutgoingMessage, Task>? AfterShown { get; set; }

    public TimeSpan Latency { get; init; }

    public int RawAttempts => Volatile.Read(ref _rawAttempts);

    /// <summary>Keys shown to people, each once however often it was offered.</summary>
    public IReadOnlyCollection<string> Shown => [.. _shown.Keys];

    public int AttemptsOf(string key) => _attempts.GetValueOrDefault(key);

    /// <summary>How often the platform accepted the key (a repeat after a crash answers Sent without showing it again).</summary>
    public int AcceptedOf(string key) => _accepted.GetValueOrDefault(key);

    /// <summary>Every message the platform showed, in the order it showed them (with where: thread, person, channel).</summary>
    public IReadOnlyList<OutgoingMessage> Delivered
    {
        get
        {
            lock (_gate)
            {
                return [.. _delivered];
            }
        }
    }

    public IReadOnlyList<string> ShownIn(string conversationKey)
    {
        lock (_gate)
        {
            return _byConversation.TryGetValue(conversationKey, out var keys) ? [.. keys] : [];
        }
    }

    public async Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _rawAttempts);
        var attempt = _attempts.AddOrUpdate(message.IdempotencyKey, 1, (_, n) => n + 1);
        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency, cancellationToken);
        }

        if (Failure?.Invoke(message, attempt) is { } failure)
        {
            return failure;
        }

        _accepted.AddOrUpdate(message.IdempotencyKey, 1, (_, n) => n + 1);
        var reference = new MessageReference(message.Destination.ConversationId ?? $"dm-{message.Destination.PersonId:N}", $"m-{message.IdempotencyKey}");
        if (!_shown.TryAdd(message.IdempotencyKey, reference))
        {
            return new DeliveryResult.Sent(_shown[message.IdempotencyKey]);
        }

        lock (_gate)
        {
            var conversation = message.Destination.ConversationKey(message.Platform);
            if (!_byConversation.TryGetValue(conversation, out var keys))
            {
                _byConversation[conversation] = keys = [];
            }

            keys.Add(message.IdempotencyKey);
            _delivered.Add(message);
        }

        if (AfterShown is { } after)
        {
            await after(message);
        }

        return new DeliveryResult.Sent(reference);
    }
}

/// <summary>Contexts on a test database for the dispatcher.</summary>
internal sealed class TestContexts(TestDatabase database) : IDbContextFactory<ScorecardDbContext>
{
    public ScorecardDbContext CreateDbContext() => database.CreateContext();
}
