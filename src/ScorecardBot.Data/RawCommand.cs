using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace ScorecardBot.Data;

/// <summary>
/// A command for SQL the data layer writes itself (the outbox claim, its idempotent insert, bulk
/// inserts): on the context's connection, inside its current transaction, with the context's
/// command timeout, so it behaves like the commands EF sends beside it.
/// </summary>
internal static class RawCommand
{
    public static DbCommand Create(DbContext db, string text, DbTransaction? transaction = null)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = text;
        command.Transaction = transaction ?? db.Database.CurrentTransaction?.GetDbTransaction();
        if (db.Database.GetCommandTimeout() is { } timeout)
        {
            command.CommandTimeout = timeout;
        }

        return command;
    }
}
