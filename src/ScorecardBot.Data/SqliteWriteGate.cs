using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace ScorecardBot.Data;

/// <summary>
/// One writer at a time per SQLite file in this process, queued without a thread. SQLite lets one
/// transaction write at a time; a second writer gets SQLITE_BUSY, and Microsoft.Data.Sqlite then
/// retries by sleeping the thread until the command timeout. With 32 submits at once that sleep
/// was most of a submit's time, and the sleeping threads starved everyone else's turns. Waiting
/// here instead costs nothing while the write ahead finishes. Only saves that start their own
/// transaction take it: a save inside a caller's transaction is already that writer.
/// Other databases take no gate (their rows lock one by one).
/// </summary>
internal static class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    public static async ValueTask<Releaser> EnterAsync(DbContext db, CancellationToken cancellationToken)
    {
        if (Gate(db) is not { } gate)
        {
            return default;
        }

        await gate.WaitAsync(cancellationToken);
        return new Releaser(gate);
    }

    public static Releaser Enter(DbContext db)
    {
        if (Gate(db) is not { } gate)
        {
            return default;
        }

        gate.Wait();
        return new Releaser(gate);
    }

    private static SemaphoreSlim? Gate(DbContext db)
    {
        if (db.Database.ProviderName != ScorecardDbContext.SqliteProviderName || db.Database.CurrentTransaction is not null
            || db.Database.GetDbConnection() is not Microsoft.Data.Sqlite.SqliteConnection { DataSource: { Length: > 0 } file } || file == ":memory:")
        {
            return null;
        }

        return Gates.GetOrAdd(file, static _ => new SemaphoreSlim(1, 1));
    }

    public readonly struct Releaser(SemaphoreSlim? gate) : IDisposable
    {
        public void Dispose() => gate?.Release();
    }
}
