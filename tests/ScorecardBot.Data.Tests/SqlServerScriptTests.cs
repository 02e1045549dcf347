using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using ScorecardBot.Data.Auditing;

namespace ScorecardBot.Data.Tests;

/// <summary>
/// No SQL Server runs on the build machines, so its migrations are checked by generating the real
/// script and reading it with Microsoft's own T-SQL parser.
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

    /// <summary>Tables and their foreign keys, declared inline or added later by ALTER TABLE.</summary>
    private sealed class TableCollector : TSqlFragmentVisitor
    {
        public List<CreateTableStatement> Tables { get; } = [];
        public List<(string Table, ForeignKeyConstraintDefinition Key)> ForeignKeys { get; } = [];

        public override void Visit(CreateTableStatement node)
        {
            Tables.Add(node);
            ForeignKeys.AddRange(node.Definition.TableConstraints.OfType<ForeignKeyConstraintDefinition>()
                .Select(fk => (node.SchemaObjectName.BaseIdentifier.Value, fk)));
        }

        public override void Visit(AlterTableAddTableElementStatement node) =>
            ForeignKeys.AddRange(node.Definition.TableConstraints.OfType<ForeignKeyConstraintDefinition>()
                .Select(fk => (node.SchemaObjectName.BaseIdentifier.Value, fk)));
    }
}
