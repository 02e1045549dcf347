using System.Data.Common;
using System.Globalization;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace ScorecardBot.Data;

/// <summary>
/// One column of a bulk write, from EF's own mapping: its name, its value read from an entity
/// object and converted as EF converts it, a parameter made by EF's type mapping, and for
/// PostgreSQL's binary COPY a writer typed for the column.
/// </summary>
internal sealed class BulkColumn
{
    private readonly RelationalTypeMapping _mapping;
    private readonly IClrPropertyGetter _getter;
    private readonly Func<NpgsqlBinaryImporter, object, string, CancellationToken, Task> _writer;

    public BulkColumn(IProperty property, StoreObjectIdentifier table)
    {
        if (property.IsShadowProperty())
        {
            throw new NotSupportedException($"{property.DeclaringType.DisplayName()}.{property.Name} is a shadow property: a bulk write reads the values from the entity objects.");
        }

        Property = property;
        Name = property.GetColumnName(table)!;
        _mapping = property.GetRelationalTypeMapping();
        _getter = property.GetGetter();
        _writer = Writer(_mapping);
        StoreType = _mapping.StoreTypeNameBase;
    }

    public IProperty Property { get; }

    public string Name { get; }

    /// <summary>The store type without facets (<c>numeric</c>, not <c>numeric(18,4)</c>), as COPY names it.</summary>
    public string StoreType { get; }

    /// <summary>The property's value in the model's type, read from <paramref name="entity"/>.</summary>
    public object? ModelValueOf(object entity) => _getter.GetClrValue(entity);

    /// <summary>The column's value for the database: read from <paramref name="entity"/> and converted as EF converts it.</summary>
    public object? ValueOf(object entity) => ProviderValue(_getter.GetClrValue(entity));

    /// <summary>A value in the model's type (an original value, say), converted for the database.</summary>
    public object? ProviderValue(object? value) =>
        value is not null && _mapping.Converter is { } converter ? converter.ConvertToProvider(value) : value;

    /// <summary>
    /// Gives parameter number <paramref name="index"/> of a statement run once per row the model's
    /// value <paramref name="value"/>: the first row adds the parameter, made by EF's mapping, and
    /// later rows only set its value, so the statement stays prepared.
    /// </summary>
    public void Bind(DbCommand command, int index, object? value)
    {
        if (index == command.Parameters.Count)
        {
            command.Parameters.Add(_mapping.CreateParameter(command, ParameterName(index), value, Property.IsNullable));
        }
        else
        {
            command.Parameters[index].Value = ProviderValue(value) ?? DBNull.Value;
        }
    }

    /// <summary>The name of parameter number <paramref name="index"/> in a bulk statement.</summary>
    public static string ParameterName(int index) => string.Create(CultureInfo.InvariantCulture, $"@c{index}");

    /// <summary>Writes a provider value (from <see cref="ValueOf"/> or <see cref="ProviderValue"/>) to a binary COPY.</summary>
    public Task WriteAsync(NpgsqlBinaryImporter importer, object? value, CancellationToken cancellationToken) =>
        value is null ? importer.WriteNullAsync(cancellationToken) : _writer(importer, value, StoreType, cancellationToken);

    /// <summary>
    /// A writer typed for the column's provider type: Npgsql then resolves the column's type once
    /// per import instead of once per value, as it must for values passed as <c>object</c>.
    /// </summary>
    private static Func<NpgsqlBinaryImporter, object, string, CancellationToken, Task> Writer(RelationalTypeMapping mapping)
    {
        var type = mapping.Converter?.ProviderClrType ?? mapping.ClrType;
        type = Nullable.GetUnderlyingType(type) ?? type;
        return typeof(BulkColumn).GetMethod(nameof(WriteTyped), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(type).CreateDelegate<Func<NpgsqlBinaryImporter, object, string, CancellationToken, Task>>();
    }

    private static Task WriteTyped<T>(NpgsqlBinaryImporter importer, object value, string dataType, CancellationToken cancellationToken) =>
        importer.WriteAsync((T)value, dataType, cancellationToken);
}
