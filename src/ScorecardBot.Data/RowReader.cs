using System.Data.Common;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ScorecardBot.Data;

/// <summary>
/// Reads whole rows of one entity type, untracked, through EF's own mapping: the column names,
/// the provider's reader method for each column and the model's value converters. For the few
/// statements that must not wait for EF to compile a query (the outbox claim of a process that
/// has just started); everything else queries through EF. Refuses entity types with shadow
/// properties (they have no CLR property to set).
/// </summary>
internal sealed class RowReader<T>
    where T : class
{
    private static readonly Dictionary<IModel, RowReader<T>> Cache = [];
    private static readonly Lock CacheLock = new();

    private readonly Column[] _columns;

    private RowReader(string table, Column[] columns, string selectList)
    {
        Table = table;
        _columns = columns;
        SelectList = selectList;
    }

    /// <summary>The delimited table name.</summary>
    public string Table { get; }

    /// <summary>Every mapped column, delimited and in the order <see cref="ReadAsync"/> expects.</summary>
    public string SelectList { get; }

    public static RowReader<T> For(ScorecardDbContext db)
    {
        lock (CacheLock)
        {
            if (!Cache.TryGetValue(db.Model, out var reader))
            {
                Cache[db.Model] = reader = Build(db);
            }

            return reader;
        }
    }

    /// <summary>Column <paramref name="property"/>'s delimited name.</summary>
    public string ColumnOf(ScorecardDbContext db, string property) =>
        db.GetService<ISqlGenerationHelper>().DelimitIdentifier(_columns.Single(c => c.Property.Name == property).Name);

    /// <summary>Every row of <paramref name="reader"/>, whose columns are <see cref="SelectList"/>.</summary>
    public async Task<List<T>> ReadAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        var arguments = new object[1];
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = Activator.CreateInstance<T>();
            for (var i = 0; i < _columns.Length; i++)
            {
                var column = _columns[i];
                object? value = null;
                if (!reader.IsDBNull(i))
                {
                    arguments[0] = i;
                    value = column.Read.Invoke(reader, arguments);
                    if (column.Converter is { } converter)
                    {
                        value = converter.ConvertFromProvider(value);
                    }
                }

                column.Property.SetValue(row, value);
            }

            rows.Add(row);
        }

        return rows;
    }

    private static RowReader<T> Build(ScorecardDbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(T))
            ?? throw new InvalidOperationException($"{typeof(T).Name} is not part of the database model.");
        var sql = db.GetService<ISqlGenerationHelper>();
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties().Select(p =>
        {
            if (p.PropertyInfo is not { } property)
            {
                throw new InvalidOperationException($"{entity.ShortName()}.{p.Name} has no CLR property to read into.");
            }

            var mapping = p.GetRelationalTypeMapping();
            return new Column(property, p.GetColumnName(table)!, mapping.GetDataReaderMethod(), mapping.Converter ?? p.GetValueConverter());
        }).ToArray();
        return new RowReader<T>(
            sql.DelimitIdentifier(table.Name, table.Schema),
            columns,
            string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name))));
    }

    private sealed record Column(PropertyInfo Property, string Name, MethodInfo Read, ValueConverter? Converter);
}
