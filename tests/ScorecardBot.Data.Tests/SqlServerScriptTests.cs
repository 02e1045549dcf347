using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using ScorecardBot.Core.Model;
using ScorecardBot.Data.Auditing;
using ScorecardBot.Data.Outbox;

namespace ScorecardBot.Data.Tests;

/// <summary>
/// No SQL Server runs on the build machines, so its migrations, and the SQL the outbox writes
/// itself, are checked by generating the real text and reading it with Microsoft's own T-SQL parser.
/// </summary>
public sealed class SqlServerScriptTests
{
    private static readonly string[] Tables =
    [
        "Organizations", "People", "ChannelAccounts", "Scorecards", "TeamChannels", "Perspectives", "Objectives", "ObjectiveLinks",
        "Kpis", "Targets", "Actuals", "Initiatives", "Milestones", "ReviewActions", "ReviewCycles", "Holidays", "AuditEntries",
    ];

    [Theory]
    [InlineData(MigrationsSqlGenerationOptions.Default)]
    [InlineData(MigrationsSqlGenerationOptions.Idempotent)]
    public void The_migration_script_is_valid_TSql_and_creates_every_table(MigrationsSqlGenerationOptions options)
    {
        var script = Parse(GenerateScript(options));

        var created = CreateTables(script).Select(t => t.SchemaObjectName.BaseIdentifier.Value).ToHashSet();
        Assert.Superset(Tables.ToHashSet(), created);
    }

    [Fact]
    public void No_table_is_reached_by_two_cascade_paths_which_SQL_Server_would_refuse()
    {
        var collector = new TableCollector();
        Parse(GenerateScript(MigrationsSqlGenerationOptions.Default)).Accept(collector);
        var cascades = collector.ForeignKeys
            .Where(fk => fk.Key.DeleteAction == DeleteUpdateAction.Cascade)
            .ToLookup(fk => fk.Key.ReferenceTableName.BaseIdentifier.Value, fk => fk.Table);
        Assert.Contains("Kpis", cascades["Scorecards"]);

        foreach (var start in Tables)
        {
            var paths = new Dictionary<string, int>();
            CountPaths(start, cascades, paths, depth: 0);
            var twice = paths.Where(p => p.Value > 1).Select(p => p.Key).ToList();
            Assert.True(twice.Count == 0, $"Deleting from {start} cascades to {string.Join(", ", twice)} along more than one path.");
        }
    }

    public static TheoryData<string> OutboxCommands => [.. OutboxCommandsOf(SqlServerContext()).Keys];

    /// <summary>
    /// The outbox's claim, lease renewal, claimed rows, unreachable marks, idempotent insert and
    /// key check are SQL built from EF's mapping, not by EF. On SQL Server each must parse, name
    /// only columns of the tables the migrations create, and name exactly the parameters the
    /// command carries (SQL Server refuses an undeclared variable; an unused one hides a bug).
    /// </summary>
    [Theory]
    [MemberData(nameof(OutboxCommands))]
    public void The_outbox_SQL_is_valid_TSql_over_the_migrated_tables_with_exactly_its_parameters(string name)
    {
        using var db = SqlServerContext();
        using var command = OutboxCommandsOf(db)[name];
        var columns = MigratedColumns(Parse(GenerateScript(MigrationsSqlGenerationOptions.Default)));

        var statement = Assert.Single(Assert.Single(Parse(command.CommandText).Batches).Statements);
        var names = new NameCollector();
        statement.Accept(names);

        Assert.Equal(
            command.Parameters.Cast<DbParameter>().Select(p => p.ParameterName.TrimStart('@')).Order(StringComparer.OrdinalIgnoreCase),
            names.Variables.Select(v => v.TrimStart('@')).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase));
        Assert.NotEmpty(names.Tables);
        foreach (var table in names.Tables)
        {
            Assert.True(columns.ContainsKey(table), $"{name}: no migration creates the table {table}.");
        }

        var known = names.Tables.SelectMany(t => columns[t]).Concat(names.Aliases).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var unknown = names.Columns.Where(c => !known.Contains(c)).ToList();
        Assert.True(unknown.Count == 0, $"{name}: {string.Join(", ", unknown)} is not a column of {string.Join(", ", names.Tables)}.");
        if (statement is InsertStatement insert)
        {
            var select = Assert.IsType<QuerySpecification>(Assert.IsType<SelectInsertSource>(insert.InsertSpecification.InsertSource).Select);
            Assert.Equal(insert.InsertSpecification.Columns.Count, select.SelectElements.Count);
        }
    }

    private static Dictionary<string, DbCommand> OutboxCommandsOf(ScorecardDbContext db)
    {
        var at = new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);
        var organization = Guid.NewGuid();
        var message = Outbox.OutboxWriterTests.Prompt(organization, Guid.NewGuid(), "prompt:cycle:2026-10:person", Platform.Teams);
        return new()
        {
            ["candidates"] = OutboxClaims.CandidatesCommand(db, at, 50),
            ["claim of 3 rows"] = OutboxClaims.ClaimCommand(db, [1, 2, 3], at, at.AddSeconds(30), "instance-a"),
            ["lease renewal"] = OutboxClaims.RenewCommand(db, "instance-a", at.AddSeconds(30)),
            ["claimed rows"] = OutboxClaims.ClaimedCommand(db, "instance-a"),
            ["unreachable marks of 2 people"] = OutboxClaims.UnreachableCommand(db, [Guid.NewGuid(), Guid.NewGuid()]),
            ["insert"] = OutboxWriter.InsertCommand(db, [OutboxWriter.ToRow(message, "prompt", at, at, message.IdempotencyKey)]),
            ["written keys of 2"] = OutboxWriter.ExistingKeysCommand(db, organization, ["prompt:a", "prompt:b"]),
        };
    }

    private static ScorecardDbContext SqlServerContext() => new(
        new DbContextOptionsBuilder<ScorecardDbContext>().UseScorecardDatabase(new DatabaseOptions
        {
            Provider = DatabaseProvider.SqlServer,
            ConnectionString = "Server=unused;Database=ScorecardBot;TrustServerCertificate=true",
        }).Options,
        new AuditContext(),
        TimeProvider.System);

    private static void CountPaths(string table, ILookup<string, string> cascades, Dictionary<string, int> paths, int depth)
    {
        Assert.True(depth < Tables.Length, $"Cascade cycle through {table}.");
        foreach (var child in cascades[table])
        {
            paths[child] = paths.GetValueOrDefault(child) + 1;
            CountPaths(child, cascades, paths, depth + 1);
        }
    }

    private static string GenerateScript(MigrationsSqlGenerationOptions options)
    {
        var builder = new DbContextOptionsBuilder<ScorecardDbContext>().UseScorecardDatabase(new DatabaseOptions
        {
            Provider = DatabaseProvider.SqlServer,
            ConnectionString = "Server=unused;Database=ScorecardBot;TrustServerCertificate=true",
        });
        using var db = new ScorecardDbContext(builder.Options, new AuditContext(), TimeProvider.System);
        Assert.False(db.Database.HasPendingModelChanges(), "The model differs from the SQL Server migrations snapshot.");
        return db.GetService<IMigrator>().GenerateScript(options: options);
    }

    private static TSqlScript Parse(string sql)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        var fragment = parser.Parse(reader, out var errors);
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => $"line {e.Line}: {e.Message}")));
        return Assert.IsType<TSqlScript>(fragment);
    }

    private static IEnumerable<CreateTableStatement> CreateTables(TSqlScript script)
    {
        var collector = new TableCollector();
        script.Accept(collector);
        return collector.Tables;
    }

    /// <summary>Each table the script leaves behind with its columns: created, then added and dropped by ALTER TABLE.</summary>
    private static Dictionary<string, HashSet<string>> MigratedColumns(TSqlScript script)
    {
        var collector = new TableCollector();
        script.Accept(collector);
        var columns = collector.Tables.ToDictionary(
            t => t.SchemaObjectName.BaseIdentifier.Value,
            t => t.Definition.ColumnDefinitions.Select(c => c.ColumnIdentifier.Value).ToHashSet(StringComparer.OrdinalIgnoreCase));
        foreach (var (table, column, added) in collector.ColumnChanges)
        {
            if (added)
            {
                columns[table].Add(column);
            }
            else
            {
                columns[table].Remove(column);
            }
        }

        return columns;
    }

    /// <summary>The variables, tables, columns and column aliases one statement names.</summary>
    private sealed class NameCollector : TSqlFragmentVisitor
    {
        public List<string> Variables { get; } = [];
        public HashSet<string> Tables { get; } = new(StringComparer.OrdinalIgnoreCase);
        public List<string> Columns { get; } = [];
        public List<string> Aliases { get; } = [];

        public override void Visit(VariableReference node) => Variables.Add(node.Name);

        public override void Visit(NamedTableReference node) => Tables.Add(node.SchemaObject.BaseIdentifier.Value);

        public override void Visit(ColumnReferenceExpression node)
        {
            if (node.ColumnType == ColumnType.Regular && node.MultiPartIdentifier is { } name)
            {
                Columns.Add(name.Identifiers[^1].Value);
            }
        }

        public override void Visit(SelectScalarExpression node)
        {
            if (node.ColumnName?.Value is { } alias)
            {
                Aliases.Add(alias);
            }
        }
    }

    /// <summary>Tables and their foreign keys, declared inline or added later by ALTER TABLE.</summary>
    private sealed class TableCollector : TSqlFragmentVisitor
    {
        public List<CreateTableStatement> Tables { get; } = [];
        public List<(string Table, ForeignKeyConstraintDefinition Key)> ForeignKeys { get; } = [];
        public List<(string Table, string Column, bool Added)> ColumnChanges { get; } = [];

        public override void Visit(CreateTableStatement node)
        {
            Tables.Add(node);
            ForeignKeys.AddRange(node.Definition.TableConstraints.OfType<ForeignKeyConstraintDefinition>()
                .Select(fk => (node.SchemaObjectName.BaseIdentifier.Value, fk)));
        }

        public override void Visit(AlterTableAddTableElementStatement node)
        {
            var table = node.SchemaObjectName.BaseIdentifier.Value;
            ForeignKeys.AddRange(node.Definition.TableConstraints.OfType<ForeignKeyConstraintDefinition>().Select(fk => (table, fk)));
            ColumnChanges.AddRange(node.Definition.ColumnDefinitions.Select(c => (table, c.ColumnIdentifier.Value, true)));
        }

        public override void Visit(AlterTableDropTableElementStatement node) =>
            ColumnChanges.AddRange(node.AlterTableDropTableElements
                .Where(e => e.TableElementType == TableElementType.Column)
                .Select(e => (node.SchemaObjectName.BaseIdentifier.Value, e.Name.Value, false)));
    }
}
