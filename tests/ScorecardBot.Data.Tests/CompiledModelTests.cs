using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using ScorecardBot.Data.Auditing;

namespace ScorecardBot.Data.Tests;

/// <summary>
/// Each provider starts from the compiled model generated beside its migrations. A model change
/// without regenerating it would run on yesterday's mapping, so the compiled model is compared
/// with the one the configurations build: every table, column, type, converter, key, index and
/// relationship.
/// </summary>
public sealed class CompiledModelTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres, DatabaseProvider.SqlServer];

    [Theory]
    [MemberData(nameof(Providers))]
    public void Each_provider_starts_from_the_compiled_model_beside_its_migrations(DatabaseProvider provider)
    {
        using var db = Context(provider, compiled: true);
        Assert.Equal(DatabaseOptions.MigrationsAssemblyOf(provider), db.Model.GetType().Assembly.GetName().Name);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void The_compiled_model_matches_what_the_configurations_build(DatabaseProvider provider)
    {
        using var compiled = Context(provider, compiled: true);
        using var built = Context(provider, compiled: false);
        Assert.NotEqual(compiled.Model.GetType(), built.Model.GetType());

        var expected = Describe(built.Model);
        var actual = Describe(compiled.Model);
        var firstDifference = expected.Zip(actual).FirstOrDefault(p => p.First != p.Second);
        Assert.True(expected.SequenceEqual(actual),
            $"The {provider} compiled model is out of date (first difference: configurations say '{firstDifference.First}', " +
            $"the compiled model '{firstDifference.Second}'). Regenerate it as src/ScorecardBot.Data/README.md says.");
    }

    [Fact]
    public void An_assembly_without_a_compiled_model_builds_the_model_as_usual()
    {
        Assert.Null(ScorecardDatabase.CompiledModelIn("ScorecardBot.Core"));
        Assert.Null(ScorecardDatabase.CompiledModelIn("No.Such.Assembly"));
    }

    private static ScorecardDbContext Context(DatabaseProvider provider, bool compiled)
    {
        var options = new DbContextOptionsBuilder<ScorecardDbContext>().UseScorecardDatabase(new DatabaseOptions
        {
            Provider = provider,
            ConnectionString = provider switch
            {
                DatabaseProvider.Sqlite => "Data Source=:memory:",
                DatabaseProvider.Postgres => "Host=unused;Database=scorecard",
                _ => "Server=unused;Database=ScorecardBot;TrustServerCertificate=true",
            },
            UseCompiledModel = compiled,
        }).Options;
        return new ScorecardDbContext(options, new AuditContext(), TimeProvider.System);
    }

    /// <summary>One line per fact of the mapping that a query or a save depends on, in a stable order.</summary>
    private static List<string> Describe(IModel model)
    {
        var lines = new List<string>();
        foreach (var entity in model.GetEntityTypes().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            lines.Add($"{entity.Name}: table {entity.GetSchema()}.{entity.GetTableName()}");
            foreach (var p in entity.GetProperties().OrderBy(p => p.Name, StringComparer.Ordinal))
            {
                var mapping = p.GetRelationalTypeMapping();
                lines.Add(new StringBuilder().Append(CultureInfo.InvariantCulture, $"{entity.ShortName()}.{p.Name}: {p.ClrType.Name} ")
                    .Append(CultureInfo.InvariantCulture, $"column {p.GetColumnName(table)} {mapping.StoreType} null={p.IsNullable} ")
                    .Append(CultureInfo.InvariantCulture, $"max={p.GetMaxLength()} precision={p.GetPrecision()},{p.GetScale()} unicode={p.IsUnicode()} ")
                    .Append(CultureInfo.InvariantCulture, $"generated={p.ValueGenerated} token={p.IsConcurrencyToken} ")
                    .Append(CultureInfo.InvariantCulture, $"converter={(p.GetValueConverter() ?? mapping.Converter)?.GetType().Name} ")
                    .Append(CultureInfo.InvariantCulture, $"provider={(p.GetValueConverter() ?? mapping.Converter)?.ProviderClrType.Name} ")
                    .Append(CultureInfo.InvariantCulture, $"comparer={p.GetValueComparer().GetType().Name}")
                    .ToString());
            }

            foreach (var key in entity.GetKeys().Select(k => Names(k.Properties)).Order(StringComparer.Ordinal))
            {
                lines.Add($"{entity.ShortName()} key ({key})");
            }

            foreach (var fk in entity.GetForeignKeys()
                .Select(f => $"({Names(f.Properties)}) -> {f.PrincipalEntityType.ShortName()} ({Names(f.PrincipalKey.Properties)}) " +
                    $"{f.DeleteBehavior} required={f.IsRequired} unique={f.IsUnique}")
                .Order(StringComparer.Ordinal))
            {
                lines.Add($"{entity.ShortName()} foreign key {fk}");
            }

            foreach (var index in entity.GetIndexes()
                .Select(i => $"({Names(i.Properties)}) unique={i.IsUnique} filter={i.GetFilter()} name={i.GetDatabaseName()}")
                .Order(StringComparer.Ordinal))
            {
                lines.Add($"{entity.ShortName()} index {index}");
            }

            foreach (var navigation in entity.GetNavigations().Select(n => $"{n.Name} -> {n.TargetEntityType.ShortName()}").Order(StringComparer.Ordinal))
            {
                lines.Add($"{entity.ShortName()} navigation {navigation}");
            }
        }

        return lines;
    }

    private static string Names(IReadOnlyList<IProperty> properties) => string.Join(", ", properties.Select(p => p.Name));
}
