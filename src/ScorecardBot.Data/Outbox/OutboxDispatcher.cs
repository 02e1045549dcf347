using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ScorecardBot.Core.Delivery;

namespace ScorecardBot.Data.Outbox;

/// <summary>What one <see cref="OutboxDispatcher.DispatchDueAsync"/> did.</summary>
public sealed record DispatchReport(int Sent, int Retrying, int Dead, int LeasesLost)
{
    public int Attempts => Sent + Retrying + Dead + LeasesLost;
}

/// <summary>
/// Delivers due outbox rows through <see cref="IChannelSender"/>. Safe to run on several bot
/// instances against one PostgreSQL or SQL Server database: a row is sent only by the instance
/// whose conditional UPDATE claimed it, and only the oldest open row of each conversation can be
/// claimed, so a person never gets message n+1 before message n.
/// </summary>
/// <remarks>
/// A row becomes Sent only after the channel accepted it. If the process dies in between, the
/// lease runs out, another pass claims the row again and sends it with the same idempotency key
/// (see <see cref="IChannelSender"/> for what the channels do with it).
/// </remarks>
public sealed class OutboxDispatcher : IDisposable
{
    private readonly IDbContextFactory<ScorecardDbContext> _contexts;
    private readonly IChannelSender _sender;
    private readonly OutboxOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _instanceId;
    private readonly DeliveryPace _pace;

    public OutboxDispatcher(
        IDbContextFactory<ScorecardDbContext> contexts,
        IChannelSender sender,
        OutboxOptions options,
        TimeProvider time,
        ILogger<OutboxDispatcher> logger,
        string? instanceId = null)
    {
        var problems = options.Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        _contexts = contexts;
        _sender = sender;
        _options = options;
        _time = time;
        _logger = logger;
        var id = string.IsNullOrWhiteSpace(instanceId) ? Environment.MachineName : instanceId.Trim();
        _instanceId = id.Length > 60 ? id[..60] : id;
        _pace = new DeliveryPace(options, time);
    }

    public void Dispose() => _recording.Dispose();

    /// <summary>Sends until nothing is due right now (rows waiting for a retry stay for a later pass).</summary>
    public async Task<DispatchReport> DispatchDueAsync(CancellationToken cancellationToken)
    {
        var total = new DispatchReport(0, 0, 0, 0);
        while (!cancellationToken.IsCancellationRequested)
        {
            var claimed = await ClaimAsync(cancellationToken);
            if (claimed.Count == 0)
            {
                break;
            }

            var outcomes = new Outcome[claimed.Count];
            await Parallel.ForEachAsync(
                Enumerable.Range(0, claimed.Count),
                new ParallelOptions { MaxDegreeOfParallelism = _options.MaxParallelSends, CancellationToken = cancellationToken },
                async (i, ct) => outcomes[i] = await DeliverAsync(claimed[i], ct));
            total = new DispatchReport(
                total.Sent + outcomes.Count(o => o == Outcome.Sent),
                total.Retrying + outcomes.Count(o => o == Outcome.Retrying),
                total.Dead + outcomes.Count(o => o == Outcome.Dead),
                total.LeasesLost + outcomes.Count(o => o == Outcome.LeaseLost));
        }

        return total;
    }

    private enum Outcome
    {
        Sent,
        Retrying,
        Dead,
        LeaseLost,
    }

    private async Task<IReadOnlyList<OutboxMessage>> ClaimAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var until = now + _options.Lease;
        var token = $"{_instanceId}:{Guid.NewGuid():N}";
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var rows = db.Set<OutboxMessage>();

        var candidates = await Claimable(rows, now)
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
            .Select(m => m.Id)
            .Take(_options.BatchSize)
            .ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return [];
        }

        // The WHERE is evaluated again under the row lock: of two instances racing for a row,
        // exactly one UPDATE matches it.
        await Claimable(rows.Where(m => candidates.Contains(m.Id)), now).ExecuteUpdateAsync(
            s => s.SetProperty(m => m.Status, OutboxStatus.Sending)
                .SetProperty(m => m.LockedBy, token)
                .SetProperty(m => m.LockedUntil, until)
                .SetProperty(m => m.Attempts, m => m.Attempts + 1),
            cancellationToken);

        return await rows.AsNoTracking()
            .Where(m => m.LockedBy == token && m.Status == OutboxStatus.Sending)
            .OrderBy(m => m.Id)
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Due, not held by a live lease, and the oldest open row of its conversation (Sent and Dead
    /// rows do not hold back the ones after them).
    /// </summary>
    private static IQueryable<OutboxMessage> Claimable(IQueryable<OutboxMessage> rows, DateTimeOffset now) =>
        rows.Where(m =>
                ((m.Status == OutboxStatus.Pending || m.Status == OutboxStatus.Failed) && m.NextAttemptAt <= now)
                || (m.Status == OutboxStatus.Sending && m.LockedUntil < now))
            .Where(m => !rows.Any(e => e.OrganizationId == m.OrganizationId
                && e.ConversationKey == m.ConversationKey
                && e.Id < m.Id
                && (e.Status == OutboxStatus.Pending || e.Status == OutboxStatus.Sending || e.Status == OutboxStatus.Failed)));

    private async Task<Outcome> DeliverAsync(OutboxMessage row, CancellationToken cancellationToken)
    {
        OutgoingMessage message;
        try
        {
            message = new OutgoingMessage(row.OrganizationId, row.Platform, row.Destination, MessageJson.Deserialize(row.PayloadJson), row.Key)
            {
                Updates = row.UpdatesConversationId is { } c && row.UpdatesMessageId is { } m ? new MessageReference(c, m) : null,
            };
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            return await RecordAsync(row, new DeliveryResult.Permanent(DeliveryFailureCodes.UnreadablePayload, ex.Message), cancellationToken);
        }

        var wait = _pace.Reserve(row.Platform, row.OrganizationId, row.ConversationKey);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, _time, cancellationToken);
        }

        // A row that waited for its turn until its lease nearly ran out may already be claimed by
        // another node: leave it to that node rather than risk sending it twice.
        if (_time.GetUtcNow() + (_options.Lease / 10) >= row.LockedUntil)
        {
            _logger.LogWarning("Outbox message {Key} waited past its lease; left for the next pass", row.Key);
            return Outcome.LeaseLost;
        }

        DeliveryResult result;
        try
        {
            result = await _sender.SendAsync(message, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down mid-send: whether the platform got it is unknown, so the row keeps
            // its lease and is offered again (same idempotency key) when the lease ends.
            throw;
        }
        catch (Exception ex)
        {
            result = new DeliveryResult.Transient($"{ex.GetType().Name} while sending");
        }

        if (result is DeliveryResult.Transient { RetryAfter: { } retryAfter } && retryAfter > TimeSpan.Zero)
        {
            _pace.Throttled(row.Platform, row.OrganizationId, row.ConversationKey, retryAfter);
        }

        // The platform has answered: record it even if shutdown began meanwhile, or a sent
        // message would be offered again.
        return await RecordAsync(row, result, CancellationToken.None);
    }

    private sealed record Answer(OutboxMessage Row, DeliveryResult Result)
    {
        public TaskCompletionSource<Outcome> Recorded { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private readonly System.Collections.Concurrent.ConcurrentQueue<Answer> _answers = new();
    private readonly SemaphoreSlim _recording = new(1, 1);

    /// <summary>
    /// Records a channel's answer. Answers that arrive while another batch is being written are
    /// written together in the next transaction (a group commit): one commit per batch instead of
    /// one per message, which is what keeps SQLite up with the platforms' rates.
    /// </summary>
    private async Task<Outcome> RecordAsync(OutboxMessage row, DeliveryResult result, CancellationToken cancellationToken)
    {
        var answer = new Answer(row, result);
        _answers.Enqueue(answer);
        await _recording.WaitAsync(cancellationToken);
        try
        {
            if (!answer.Recorded.Task.IsCompleted)
            {
                var batch = new List<Answer>();
                while (_answers.TryDequeue(out var next))
                {
                    batch.Add(next);
                }

                try
                {
                    await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
                    await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                    var outcomes = new List<Outcome>(batch.Count);
                    foreach (var item in batch)
                    {
                        outcomes.Add(await RecordOneAsync(db, item.Row, item.Result, cancellationToken));
                    }

                    await transaction.CommitAsync(cancellationToken);
                    for (var i = 0; i < batch.Count; i++)
                    {
                        batch[i].Recorded.TrySetResult(outcomes[i]);
                    }
                }
                catch (Exception ex)
                {
                    // Nothing of the batch is recorded: the rows keep their leases and are offered
                    // again, under the same idempotency keys, when the leases end.
                    foreach (var item in batch)
                    {
                        item.Recorded.TrySetException(ex);
                    }
                }
            }
        }
        finally
        {
            _recording.Release();
        }

        return await answer.Recorded.Task;
    }

    private async Task<Outcome> RecordOneAsync(ScorecardDbContext db, OutboxMessage row, DeliveryResult result, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var mine = db.Set<OutboxMessage>().Where(m => m.Id == row.Id && m.LockedBy == row.LockedBy && m.Status == OutboxStatus.Sending);
        int updated;
        Outcome outcome;
        switch (result)
        {
            case DeliveryResult.Sent sent:
                outcome = Outcome.Sent;
                updated = await mine.ExecuteUpdateAsync(
                    s => s.SetProperty(m => m.Status, OutboxStatus.Sent)
                        .SetProperty(m => m.SentAt, now)
                        .SetProperty(m => m.SentConversationId, Truncate(sent.Reference.ConversationId, OutboxMessageConfiguration.ConversationLength))
                        .SetProperty(m => m.SentMessageId, Truncate(sent.Reference.MessageId, OutboxMessageConfiguration.MessageIdLength))
                        .SetProperty(m => m.LastError, (string?)null)
                        .SetProperty(m => m.LockedBy, (string?)null)
                        .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null),
                    cancellationToken);
                break;
            case DeliveryResult.Transient transient when row.Attempts < _options.MaxAttempts:
                outcome = Outcome.Retrying;
                var next = now + RetryDelay(row.Attempts, transient.RetryAfter);
                updated = await mine.ExecuteUpdateAsync(
                    s => s.SetProperty(m => m.Status, OutboxStatus.Failed)
                        .SetProperty(m => m.NextAttemptAt, next)
                        .SetProperty(m => m.LastError, Truncate(transient.Reason, OutboxMessageConfiguration.ErrorLength))
                        .SetProperty(m => m.LockedBy, (string?)null)
                        .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null),
                    cancellationToken);
                break;
            default:
                outcome = Outcome.Dead;
                var reason = result switch
                {
                    DeliveryResult.Permanent p => p.Detail is null ? p.Code : $"{p.Code}: {p.Detail}",
                    DeliveryResult.Transient t => $"gave up after {row.Attempts} attempts: {t.Reason}",
                    _ => "unknown result",
                };
                updated = await mine.ExecuteUpdateAsync(
                    s => s.SetProperty(m => m.Status, OutboxStatus.Dead)
                        .SetProperty(m => m.LastError, Truncate(reason, OutboxMessageConfiguration.ErrorLength))
                        .SetProperty(m => m.LockedBy, (string?)null)
                        .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null),
                    cancellationToken);
                _logger.LogWarning("Outbox message {Key} of organization {OrganizationId} is dead: {Reason}", row.Key, row.OrganizationId, reason);
                break;
        }

        if (updated == 0)
        {
            // The lease ran out during the send and another pass took the row over; it will offer
            // the message again under the same idempotency key.
            _logger.LogWarning("Outbox message {Key} was taken over by another dispatcher before its result was recorded", row.Key);
            return Outcome.LeaseLost;
        }

        return outcome;
    }

    /// <summary>Exponential from <see cref="OutboxOptions.FirstRetryDelay"/>, with jitter, never before the platform's Retry-After.</summary>
    internal TimeSpan RetryDelay(int attempts, TimeSpan? retryAfter)
    {
        var exponential = _options.FirstRetryDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempts - 1, 20));
        var capped = Math.Min(exponential, _options.MaxRetryDelay.TotalMilliseconds);

        // Between half and all of the step, so instances that failed together do not retry together.
        var jittered = TimeSpan.FromMilliseconds(capped * (0.5 + (Random.Shared.NextDouble() / 2)));
        return retryAfter is { } after && after > jittered ? after : jittered;
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
