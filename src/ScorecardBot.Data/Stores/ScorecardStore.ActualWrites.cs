using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;
using ScorecardBot.Data.Auditing;

namespace ScorecardBot.Data.Stores;

/// <summary>
/// The writes of submitted actuals, committed together. Every submit of this instance, once its
/// checks passed, queues its write here; one writer takes what is queued (up to
/// <see cref="MaxActualBatch"/>) and writes it in one transaction: each submit's row and audit
/// entry (and webhook deliveries) in turn, under its own actor, then one commit for all. While one
/// batch commits the next one gathers, so at a burst the commits (one fsync each on PostgreSQL,
/// the one write lock on SQLite) are shared instead of taken one by one, and two submits of one
/// actual never race on its version: within a batch the second sees the first's row.
/// If anything in a batch fails (a row another instance changed, a unique index, a bad value) the
/// whole transaction is rolled back and each submit of it is written alone, as before batching,
/// so a failing one gets its own error and the others are stored. A submit is never stored twice:
/// a repeat of what the batch or the database holds is answered "unchanged".
/// </summary>
internal sealed partial class ScorecardStore : IDisposable
{
    /// <summary>The most submits one transaction writes.</summary>
    internal const int MaxActualBatch = 128;

    private readonly Channel<QueuedActual> _actualWrites = Channel.CreateUnbounded<QueuedActual>(); // not SingleReader: that one cannot count what waits
    private Task? _actualWriter;

    /// <summary>Held by <see cref="PauseActualWritesAsync"/>; the writer takes it before each batch.</summary>
    private readonly SemaphoreSlim _actualWritesOpen = new(1, 1);

    /// <summary>How many transactions wrote more than one submit.</summary>
    internal long ActualBatchesWritten => Interlocked.Read(ref _actualBatchesWritten);

    private long _actualBatchesWritten;

    /// <summary>Submits waiting for the writer.</summary>
    internal int ActualWritesQueued => _actualWrites.Reader.Count;

    /// <summary>Holds the writer before its next batch until disposed (tests gather a batch of a known content with it).</summary>
    internal async Task<IDisposable> PauseActualWritesAsync()
    {
        await _actualWritesOpen.WaitAsync();
        return new SqliteWriteGate.Releaser(_actualWritesOpen);
    }

    public void Dispose() => _actualWrites.Writer.TryComplete();

    /// <summary>A submit whose checks passed, waiting for the writer.</summary>
    private sealed record QueuedActual(ChangeContext Context, ActualEntry Entry, bool Pending, Person Actor, Guid KpiId)
    {
        public TaskCompletionSource<ActualWrite> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private Task<ActualWrite> WriteActualAsync(QueuedActual write, CancellationToken cancellationToken)
    {
        if (_actualWriter is null)
        {
            lock (_actualWrites)
            {
                _actualWriter ??= Task.Run(WriteActualsAsync, CancellationToken.None);
            }
        }

        if (!_actualWrites.Writer.TryWrite(write))
        {
            throw new ObjectDisposedException(nameof(ScorecardStore), "The store is shutting down; the value was not stored.");
        }

        // The write goes on if the caller gives up: a request cancelled after its checks may still be stored, as before.
        return write.Done.Task.WaitAsync(cancellationToken);
    }

    private async Task WriteActualsAsync()
    {
        var reader = _actualWrites.Reader;
        var batch = new List<QueuedActual>(MaxActualBatch);
        while (await reader.WaitToReadAsync())
        {
            await _actualWritesOpen.WaitAsync();
            _actualWritesOpen.Release();
            while (batch.Count < MaxActualBatch && reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            try
            {
                await WriteBatchAsync(batch);
            }
            catch (Exception ex)
            {
                // Not expected (each write's own failure goes to its caller): no caller is left waiting.
                foreach (var write in batch)
                {
                    write.Done.TrySetException(ex);
                }
            }

            batch.Clear();
        }
    }

    private async Task WriteBatchAsync(List<QueuedActual> batch)
    {
        if (batch.Count > 1)
        {
            List<ActualWrite>? written = null;
            try
            {
                written = await WriteTogetherAsync(batch);
            }
            catch (Exception)
            {
                // Rolled back as a whole: each is written alone below and gets its own answer.
            }

            if (written is not null)
            {
                Interlocked.Increment(ref _actualBatchesWritten);
                for (var i = 0; i < batch.Count; i++)
                {
                    Complete(batch[i], written[i]);
                }

                return;
            }
        }

        foreach (var write in batch)
        {
            try
            {
                Complete(write, await WriteAloneAsync(write));
            }
            catch (Exception ex)
            {
                write.Done.TrySetException(ex);
            }
        }
    }

    /// <summary>The cached snapshot takes the stored row before its caller hears of it, so their next submit starts from it.</summary>
    private void Complete(QueuedActual write, ActualWrite written)
    {
        if (written.Stored is not null)
        {
            Apply(write.Context.OrganizationId, written.Stored, written.Change);
        }

        write.Done.TrySetResult(written);
    }

    /// <summary>Every write of the batch in one transaction, in the order they came; throws (and writes nothing) if any fails.</summary>
    private async Task<List<ActualWrite>> WriteTogetherAsync(List<QueuedActual> batch)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        var audit = scope.ServiceProvider.GetRequiredService<IAuditContext>();

        // On SQLite the batch is the one writer of the file for its transaction (a save inside it takes no gate of its own).
        using var writer = await SqliteWriteGate.EnterAsync(db, CancellationToken.None);
        await using var transaction = await db.Database.BeginTransactionAsync();

        // Nothing of a failed batch is kept, so no savepoint per save.
        db.Database.AutoSavepointsEnabled = false;

        // What this transaction holds for each actual it touched (the tracked row, or null for none).
        var rows = new Dictionary<(Guid KpiId, Period Period), Actual?>();
        var results = new List<ActualWrite>(batch.Count);
        foreach (var write in batch)
        {
            var (context, entry) = (write.Context, write.Entry);
            audit.Set(write.Actor.Id, write.Actor.Name, context.Via);
            if (db.ReadWebhooks?.OrganizationId != context.OrganizationId)
            {
                await Webhooks.WebhookEvents.ReadAheadAsync(db, context.OrganizationId, CancellationToken.None);
            }

            var key = (write.KpiId, entry.Period);
            if (!rows.TryGetValue(key, out var existing))
            {
                // As a submit alone: a correction from the snapshot's row (its version checked by the
                // UPDATE), a repeat only on the database's word.
                existing = KnownActual(context.OrganizationId, write.KpiId, entry.Period) switch
                {
                    { Found: true, Row: { } row } when !ActualStore.SameAs(row, entry) => Attached(db, row),
                    { Found: true, Row: null } => null,
                    _ => await db.Actuals.SingleOrDefaultAsync(a => a.KpiId == write.KpiId && a.Period == entry.Period && a.OrganizationId == context.OrganizationId),
                };
            }

            if (existing is not null && ActualStore.SameAs(existing, entry))
            {
                rows[key] = existing;
                results.Add(new ActualWrite(new ActualWriteResult(CommandResult.Unchanged) { PendingApproval = existing.PendingApproval, Version = existing.Version }));
                continue;
            }

            if (existing is null)
            {
                var created = ActualStore.Create(context, entry, write.Pending);
                db.Actuals.Add(created);
                await db.SaveChangesAsync();
                rows[key] = created;
                results.Add(new ActualWrite(new ActualWriteResult(CommandResult.Done) { PendingApproval = write.Pending, Version = created.Version }, Stored(db, created)));
                continue;
            }

            var previous = existing.Value;
            var previousReason = existing.NoDataReason;
            ActualStore.Apply(existing, context, entry, write.Pending);
            await db.SaveChangesAsync();
            rows[key] = existing;
            var change = previous != existing.Value || previousReason != existing.NoDataReason
                ? new RecordedChange(ChangedField.Actual, write.KpiId, entry.Period, previous, existing.Value, write.Actor.Name, context.At)
                : null;
            results.Add(new ActualWrite(
                new ActualWriteResult(CommandResult.Done, Corrected: true, PreviousValue: previous) { PendingApproval = write.Pending, Version = existing.Version },
                Stored(db, existing), change));
        }

        await transaction.CommitAsync();
        return results;
    }

    /// <summary>A copy of the row as this save stored it: a later submit of the batch may change the tracked one.</summary>
    private static Actual Stored(ScorecardDbContext db, Actual row) => (Actual)db.Entry(row).CurrentValues.ToObject();

    /// <summary>One submit in its own transaction, read again and retried when it lost a race (as every write was before batching).</summary>
    private async Task<ActualWrite> WriteAloneAsync(QueuedActual write)
    {
        var (context, entry) = (write.Context, write.Entry);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        scope.ServiceProvider.GetRequiredService<IAuditContext>().Set(write.Actor.Id, write.Actor.Name, context.Via);
        await Webhooks.WebhookEvents.ReadAheadAsync(db, context.OrganizationId, CancellationToken.None);
        var trustSnapshot = true;
        return await RetryAsync(db, async () =>
        {
            // First from the cached snapshot, which this instance keeps current with every actual it
            // writes: a correction is then one UPDATE checked by the row's version, and a first value
            // one INSERT checked by the unique index. A row another instance changed (the version
            // moved on, or it exists already) fails that check and the next attempt reads the
            // database. A repeat is never decided on the snapshot alone.
            var known = trustSnapshot ? KnownActual(context.OrganizationId, write.KpiId, entry.Period) : (Found: false, Row: null);
            trustSnapshot = false;
            var existing = known switch
            {
                { Found: true, Row: { } row } when !ActualStore.SameAs(row, entry) => Attached(db, row),
                { Found: true, Row: null } => null,
                _ => await db.Actuals.SingleOrDefaultAsync(a => a.KpiId == write.KpiId && a.Period == entry.Period && a.OrganizationId == context.OrganizationId),
            };
            if (existing is not null && ActualStore.SameAs(existing, entry))
            {
                return new ActualWrite(new ActualWriteResult(CommandResult.Unchanged) { PendingApproval = existing.PendingApproval, Version = existing.Version });
            }

            if (existing is null)
            {
                var created = ActualStore.Create(context, entry, write.Pending);
                db.Actuals.Add(created);
                await db.SaveChangesAsync();
                return new ActualWrite(new ActualWriteResult(CommandResult.Done) { PendingApproval = write.Pending, Version = created.Version }, created);
            }

            var previous = existing.Value;
            var previousReason = existing.NoDataReason;
            ActualStore.Apply(existing, context, entry, write.Pending);
            await db.SaveChangesAsync();
            var change = previous != existing.Value || previousReason != existing.NoDataReason
                ? new RecordedChange(ChangedField.Actual, write.KpiId, entry.Period, previous, existing.Value, write.Actor.Name, context.At)
                : null;
            return new ActualWrite(new ActualWriteResult(CommandResult.Done, Corrected: true, PreviousValue: previous) { PendingApproval = write.Pending, Version = existing.Version }, existing, change);
        });
    }
}
