using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ScorecardBot.Core.Delivery;

namespace ScorecardBot.Data.Outbox;

/// <summary>What one <see cref="OutboxDispatcher.DispatchDueAsync"/> did.</summary>
/// <param name="Expired">Rows not sent because their deadline had passed (<see cref="OutboxMessage.ExpiresAt"/>).</param>
public sealed record DispatchReport(int Sent, int Retrying, int Dead, int LeasesLost, int Expired = 0)
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
public sealed partial class OutboxDispatcher : IDisposable
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

    /// <summary>Claims met by a deadlock or serialization failure that one pass tries again before it gives up (the next pass goes on).</summary>
    private const int MaxConflictRetries = 20;

    public void Dispose() => _recording.Dispose();

    /// <summary>Sends until nothing is due right now (rows waiting for a retry stay for a later pass).</summary>
    public async Task<DispatchReport> DispatchDueAsync(CancellationToken cancellationToken)
    {
        var total = new DispatchReport(0, 0, 0, 0);
        var conflicts = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            Batch? batch;
            try
            {
                batch = await ClaimAsync(cancellationToken);
            }
            catch (Exception ex) when (DatabaseConflicts.IsRetryable(ex) && ++conflicts <= MaxConflictRetries)
            {
                // Another instance's transaction got in the way: nothing was claimed; look again shortly.
                _logger.LogInformation("An outbox claim met another instance's transaction ({Error}); claiming again", ex.GetBaseException().Message);
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 50)), cancellationToken); // real time: the other transaction runs on it
                continue;
            }

            if (batch is null)
            {
                break;
            }

            var outcomes = new Outcome[batch.Rows.Count];
            await using (var lease = new LeaseKeeper(this, batch.Token, batch.LockedUntil))
            {
                await Parallel.ForEachAsync(
                    Enumerable.Range(0, batch.Rows.Count),
                    new ParallelOptions { MaxDegreeOfParallelism = _options.MaxParallelSends, CancellationToken = cancellationToken },
                    async (i, ct) => outcomes[i] = await DeliverAsync(batch, batch.Rows[i], lease, ct));
            }

            total = new DispatchReport(
                total.Sent + outcomes.Count(o => o == Outcome.Sent),
                total.Retrying + outcomes.Count(o => o == Outcome.Retrying),
                total.Dead + outcomes.Count(o => o == Outcome.Dead),
                total.LeasesLost + outcomes.Count(o => o == Outcome.LeaseLost),
                total.Expired + outcomes.Count(o => o == Outcome.Expired));
        }

        return total;
    }

    private enum Outcome
    {
        Sent,
        Retrying,
        Dead,
        LeaseLost,
        Expired,
    }

    /// <summary>What one claim took: the rows, its lease token, and what their sends need to know.</summary>
    private sealed record Batch(
        string Token,
        DateTimeOffset LockedUntil,
        IReadOnlyList<OutboxMessage> Rows,
        IReadOnlyDictionary<string, MessageReference?> Parents,
        IReadOnlyDictionary<(Guid Person, Core.Model.Platform Platform), UnreachablePerson> Unreachable);

    private async Task<Batch?> ClaimAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var until = now + _options.Lease;
        var token = $"{_instanceId}:{Guid.NewGuid():N}";
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);

        var candidates = await OutboxClaims.CandidatesAsync(db, now, _options.BatchSize, cancellationToken);
        if (candidates.Count == 0)
        {
            return null;
        }

        // Each candidate was the head of its conversation when read; the claim tests again under the row lock.
        await OutboxClaims.ClaimAsync(db, candidates, now, until, token, cancellationToken);

        var claimed = await OutboxClaims.ClaimedAsync(db, token, cancellationToken);
        if (claimed.Count == 0)
        {
            // Every candidate went to another instance; look again.
            return new Batch(token, until, [], new Dictionary<string, MessageReference?>(), new Dictionary<(Guid, Core.Model.Platform), UnreachablePerson>());
        }

        return new Batch(token, until, claimed, await ParentsAsync(db, claimed, cancellationToken), await UnreachableAsync(db, claimed, cancellationToken));
    }

    /// <summary>
    /// Where the thread parents of the claimed replies went. A parent is older and in the same
    /// channel, so it is Sent or Dead by now; a Dead one (null here) sends the reply to the channel.
    /// </summary>
    private static async Task<IReadOnlyDictionary<string, MessageReference?>> ParentsAsync(
        ScorecardDbContext db, IReadOnlyList<OutboxMessage> claimed, CancellationToken cancellationToken)
    {
        var keys = claimed.Where(r => r.ParentKey is not null).Select(r => r.ParentKey!).Distinct().ToList();
        if (keys.Count == 0)
        {
            return new Dictionary<string, MessageReference?>();
        }

        var organizations = claimed.Select(r => r.OrganizationId).Distinct().ToList();
        var parents = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => organizations.Contains(m.OrganizationId) && keys.Contains(m.Key))
            .Select(m => new { m.OrganizationId, m.Key, m.Status, m.SentConversationId, m.SentMessageId })
            .ToListAsync(cancellationToken);
        return parents.ToDictionary(
            p => $"{p.OrganizationId:N}/{p.Key}",
            p => p.Status == OutboxStatus.Sent && p.SentConversationId is { } c && p.SentMessageId is { } m ? new MessageReference(c, m) : null,
            StringComparer.Ordinal);
    }

    /// <summary>Recipients of claimed direct messages whom the bot already knows it cannot reach.</summary>
    private static async Task<IReadOnlyDictionary<(Guid, Core.Model.Platform), UnreachablePerson>> UnreachableAsync(
        ScorecardDbContext db, IReadOnlyList<OutboxMessage> claimed, CancellationToken cancellationToken)
    {
        var people = claimed.Where(r => r.PersonId is not null).Select(r => r.PersonId!.Value).Distinct().ToList();
        if (people.Count == 0)
        {
            return new Dictionary<(Guid, Core.Model.Platform), UnreachablePerson>();
        }

        var marks = await OutboxClaims.UnreachableAsync(db, people, cancellationToken);
        return marks.ToDictionary(u => (u.PersonId, u.Platform));
    }

    private async Task<Outcome> DeliverAsync(Batch batch, OutboxMessage row, LeaseKeeper lease, CancellationToken cancellationToken)
    {
        OutgoingMessage message;
        try
        {
            var destination = row.Destination;
            if (row.ParentKey is { } parent && batch.Parents.GetValueOrDefault($"{row.OrganizationId:N}/{parent}") is { } thread)
            {
                destination = Destination.Channel(row.ConversationId ?? thread.ConversationId, thread.MessageId);
            }

            message = new OutgoingMessage(row.OrganizationId, row.Platform, destination, MessageJson.Deserialize(row.PayloadJson), row.Key)
            {
                Updates = row.UpdatesConversationId is { } c && row.UpdatesMessageId is { } m ? new MessageReference(c, m) : null,
            };
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            return await RecordAsync(row, new DeliveryResult.Permanent(DeliveryFailureCodes.UnreadablePayload, ex.Message), cancellationToken);
        }

        // Past its deadline a message would be late and misleading (a digest after its meeting):
        // it is not sent; the review rhythm tells the scorecard manager what was not sent.
        if (row.ExpiresAt is { } deadline && _time.GetUtcNow() >= deadline)
        {
            return await RecordAsync(row, new DeliveryResult.Permanent(DeliveryFailureCodes.Expired, $"its deadline {deadline.UtcDateTime:yyyy-MM-dd HH:mm} UTC passed before it could be sent"), cancellationToken);
        }

        // Not tried again until they write to the bot or install it: the rhythm posts it in the
        // team channel instead (no retry storm against a platform that already said no).
        if (row.PersonId is { } person && batch.Unreachable.TryGetValue((person, row.Platform), out var mark))
        {
            return await RecordAsync(row, new DeliveryResult.Permanent(mark.Reason, $"unreachable since {mark.Since:yyyy-MM-dd}; not tried again"), cancellationToken);
        }

        var wait = _pace.Reserve(row.Platform, row.OrganizationId, row.ConversationKey);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, _time, cancellationToken);
        }

        // A lease that could not be renewed (the database is out of reach) may be taken over by
        // another node: leave the row to it rather than risk sending it twice.
        if (_time.GetUtcNow() + (_options.Lease / 10) >= lease.ValidUntil)
        {
            _logger.LogWarning("Outbox message {Key} outlived its lease; left for the next pass", row.Key);
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

                // Rows are written in id order, the order every claim and renewal locks them in, so
                // this transaction and another statement never wait on each other in a cycle.
                batch.Sort((a, b) => a.Row.Id.CompareTo(b.Row.Id));
                try
                {
                    for (var attempt = 1; ; attempt++)
                    {
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

                            break;
                        }
                        catch (Exception ex) when (DatabaseConflicts.IsRetryable(ex) && attempt < 5)
                        {
                            // Rolled back whole: write the same answers again.
                            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 50) * attempt), cancellationToken);
                        }
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
            case DeliveryResult.Permanent { Code: DeliveryFailureCodes.Expired } expired:
                outcome = Outcome.Expired;
                updated = await mine.ExecuteUpdateAsync(
                    s => s.SetProperty(m => m.Status, OutboxStatus.Expired)
                        .SetProperty(m => m.LastError, Truncate($"{expired.Code}: {expired.Detail}", OutboxMessageConfiguration.ErrorLength))
                        .SetProperty(m => m.LockedBy, (string?)null)
                        .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null),
                    cancellationToken);
                _logger.LogInformation("Outbox message {Key} of organization {OrganizationId} expired before it could be sent", row.Key, row.OrganizationId);
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
