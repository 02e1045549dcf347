using Microsoft.Data.SqlClient;
using Npgsql;

namespace ScorecardBot.Data;

/// <summary>
/// Failures that say "two transactions got in each other's way; do it again", not "the database is
/// broken": PostgreSQL's deadlock (40P01) and serialization failure (40001), SQL Server's deadlock
/// victim (1205). Looked for through the exceptions EF wraps them in.
/// </summary>
public static class DatabaseConflicts
{
    public static bool IsRetryable(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure }:
                case SqlException { Number: 1205 }:
                    return true;
            }
        }

        return false;
    }
}
