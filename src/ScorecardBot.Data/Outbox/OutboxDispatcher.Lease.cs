using Microsoft.Extensions.Logging;

namespace ScorecardBot.Data.Outbox;

public sealed partial class OutboxDispatcher
{
    /// <summary>
    /// Keeps one batch's lease alive while its sends are in flight: every quarter of
    /// <see cref="OutboxOptions.Lease"/> the rows still held are given a full lease again. A dispatcher
    /// that dies stops renewing, so its rows are free for another node (or itself, restarted) one
    /// lease later — seconds, not the length of the longest send. <see cref="ValidUntil"/> is the end
    /// of the last lease the database confirmed; a send never starts after it (less a margin), so a
    /// node cut off from the database stops sending before anyone can take its rows over.
    /// </summary>
    private sealed class LeaseKeeper : IAsyncDisposable
    {
        private readonly OutboxDispatcher _owner;
        private readonly string _token;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _renewing;
        private long _validUntilTicks;

        public LeaseKeeper(OutboxDispatcher owner, string token, DateTimeOffset lockedUntil)
        {
            _owner = owner;
            _token = token;
            _validUntilTicks = lockedUntil.UtcTicks;
            _renewing = RenewAsync(_stop.Token);
        }

        public DateTimeOffset ValidUntil => new(Interlocked.Read(ref _validUntilTicks), TimeSpan.Zero);

        private async Task RenewAsync(CancellationToken stop)
        {
            var every = _owner._options.Lease / 4;
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(every, _owner._time, stop);
                    var until = _owner._time.GetUtcNow() + _owner._options.Lease;
                    await using var db = await _owner._contexts.CreateDbContextAsync(stop);
                    await OutboxClaims.RenewAsync(db, _token, until, stop);
                    Interlocked.Exchange(ref _validUntilTicks, until.UtcTicks);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    // The lease runs on from the last renewal that succeeded; sends stop before it ends.
                    _owner._logger.LogWarning(ex, "Could not renew the outbox lease {Token}; its sends stop when it runs out", _token);
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _renewing;
            _stop.Dispose();
        }
    }
}
