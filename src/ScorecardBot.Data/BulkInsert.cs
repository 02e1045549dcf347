using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace ScorecardBot.Data;

/// <summary>
/// Writes thousands of added rows of one table with the provider's cheapest insert, built from EF's
/// own mapping (column names, value conversions, store types), so a row reads back exactly as if
/// EF had written it. EF's update pipeline costs about half a millisecond of CPU a row (command
/// text, batch sorting, and Microsoft.Data.Sqlite's linear search of a batch's parameters); this
/// costs a few tens of microseconds.
/// </summary>
/// <remarks>
/// SQLite runs one prepared single-row statement again and again with new parameter values, which
/// it does fastest; PostgreSQL takes the rows by binary COPY. A store-generated key (the audit
/// trail's and the outbox's sequence) is left to the database and not read back.
/// </remarks>
internal sealed class BulkInsert
{
    private static readonly ConcurrentDictionary<(IModel, IEntityType), BulkInsert> Cache = new();

    private readonly BulkColumn[] _columns;
    private readonly string _insert;
    private readonly string _copyFrom;
    private readonly bool _postgres;

    private BulkInsert(IEntityType entity, ISqlGenerationHelper sql, bool postgres)
    {
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        _columns = [.. entity.GetProperties()
            .Where(p => !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd))
            .Select(p => new BulkColumn(p, table))];
        var target = $"{sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", _columns.Select(c => sql.DelimitIdentifier(c.Name)))})";
        _insert = $"INSERT INTO {target} VALUES ({string.Join(", ", _columns.Select((_, column) => BulkColumn.ParameterName(column)))})";
        _copyFrom = $"COPY {target} FROM STDIN (FORMAT BINARY)";
        _postgres = postgres;
    }

    /// <summary>SQL Server keeps EF's batches: its parameter limit (2,100) leaves little to gain, and it cannot be measured here.</summary>
    public static bool Supports(DbContext db) => db.Database.IsSqlite() || db.Database.IsNpgsql();

    public static BulkInsert For(DbContext db, IEntityType entity) =>
        Cache.GetOrAdd((db.Model, entity), key => new BulkInsert(key.Item2, db.GetService<ISqlGenerationHelper>(), db.Database.IsNpgsql()));

    /// <summary>Inserts <paramref name="entries"/> (entities of this type, tracked or not) in the context's current transaction.</summary>
    public async Task InsertAsync(DbContext db, IReadOnlyList<object> entries, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("A bulk insert runs inside the transaction of the save it belongs to.");
        if (_postgres)
        {
            await CopyAsync((NpgsqlConnection)db.Database.GetDbConnection(), entries, cancellationToken);
            return;
        }

        // SQLite: one command with one row's text, so Microsoft.Data.Sqlite keeps the statement
        // prepared and each row only binds its values.
        await using var insert = RawCommand.Create(db, _insert, transaction);
        foreach (var entity in entries)
        {
            for (var column = 0; column < _columns.Length; column++)
            {
                _columns[column].Bind(insert, column, _columns[column].ModelValueOf(entity));
            }

            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>PostgreSQL: binary COPY, which the server takes without parsing or planning a statement per row.</summary>
    private async Task CopyAsync(NpgsqlConnection connection, IReadOnlyList<object> entries, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync(_copyFrom, cancellationToken);
        foreach (var entry in entries)
        {
            await importer.StartRowAsync(cancellationToken);
            foreach (var column in _columns)
            {
                await column.WriteAsync(importer, column.ValueOf(entry), cancellationToken);
            }
        }

        await importer.CompleteAsync(cancellationToken);
    }
}
