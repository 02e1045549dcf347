using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ScorecardBot.Data;

/// <summary>
/// The embedded SQLite database runs in write-ahead-log mode: readers (every chat question, the
/// outbox's claims) no longer wait while a submit commits, and a commit appends to the log instead
/// of rewriting a rollback journal. With the log, <c>synchronous = NORMAL</c> keeps the database
/// consistent through a crash of the process or the machine; the last commits before a power loss
/// may be lost, which is what WAL's documentation recommends for this mode. The log mode is a
/// property of the file (set once per file and process); <c>synchronous</c> is per connection.
/// </summary>
internal sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    public static readonly SqliteConnectionSettings Instance = new();

    private static readonly ConcurrentDictionary<string, bool> LoggedFiles = new(StringComparer.Ordinal);

    /// <summary>The native connections already set up (weakly held: a closed one drops out).</summary>
    private static readonly ConditionalWeakTable<object, object> Configured = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        if (connection is not SqliteConnection sqlite || sqlite.DataSource is not { Length: > 0 } file || file == ":memory:")
        {
            return;
        }

        // EF opens the connection for every query outside a transaction; the pool hands back the
        // same native connection, which keeps its settings: set them once per native connection.
        if (sqlite.Handle is not { } handle || Configured.TryGetValue(handle, out _))
        {
            return;
        }

        using var command = sqlite.CreateCommand();
        command.CommandText = LoggedFiles.ContainsKey(file) ? "PRAGMA synchronous = NORMAL" : "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL";
        command.ExecuteNonQuery();
        LoggedFiles.TryAdd(file, true);
        Configured.AddOrUpdate(handle, LoggedFiles);
    }
}
