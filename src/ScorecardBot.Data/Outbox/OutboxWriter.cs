using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using ScorecardBot.Core.Delivery;

namespace ScorecardBot.Data.Outbox;

/// <summary>
/// Writes outbox rows idempotently. A row whose (organization, key) already exists is not written
/// again — also when two transactions or two bot instances write the same key at once — so the
/// review rhythm can run as often as it likes without prompting anyone twice.
/// </summary>
public sealed class OutboxWriter(TimeProvider time)
{
    /// <summary>
    /// Inserts the message now, on <paramref name="db"/>'s connection and inside its current
    /// transaction (if any), so the row commits or rolls back together with the decision that
    /// produced it. Other pending changes of <paramref name="db"/> are not saved.
    /// </summary>
    /// <param name="kind">"prompt", "reminder", "digest", ... (at most 40 characters).</param>
    /// <param name="scheduledAt">Not sent before this moment.</param>
    /// <param name="decisionKey">The decision that produced the message; by default its own key.</param>
    /// <returns>True when the row was written; false when a row with that key existed already.</returns>
    public async Task<bool> TryAddAsync(
        ScorecardDbContext db, OutgoingMessage message, string kind, DateTimeOffset scheduledAt, CancellationToken cancellationToken,
        string? decisionKey = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(message);
        var row = ToRow(message, kind, scheduledAt, time.GetUtcNow(), decisionKey ?? message.IdempotencyKey);
        var insert = InsertStatement.For(db);

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = insert.CreateCommand(db, row);
            return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        }
        catch (SqlException ex) when (ex.Number is 2627 or 2601)
        {
            // SQL Server has no ON CONFLICT; the NOT EXISTS guard covers almost every case, and a
            // duplicate-key error rolls back only this statement, not the caller's transaction.
            return false;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    internal static OutboxMessage ToRow(OutgoingMessage message, string kind, DateTimeOffset scheduledAt, DateTimeOffset now, string decisionKey)
    {
        Require(message.IdempotencyKey, "key", OutboxMessageConfiguration.KeyLength);
        Require(decisionKey, "decision key", OutboxMessageConfiguration.KeyLength);
        Require(kind, "kind", OutboxMessageConfiguration.KindLength);
        if (message.OrganizationId == Guid.Empty)
        {
            throw new ArgumentException("An outbox message needs its organization id.", nameof(message));
        }

        var conversationKey = message.Destination.ConversationKey(message.Platform);
        Require(conversationKey, "conversation", OutboxMessageConfiguration.ConversationKeyLength);
        return new OutboxMessage
        {
            OrganizationId = message.OrganizationId,
            Key = message.IdempotencyKey,
            DecisionKey = decisionKey,
            Kind = kind,
            Platform = message.Platform,
            PersonId = message.Destination.PersonId,
            ConversationId = message.Destination.ConversationId,
            ThreadId = message.Destination.ThreadId,
            ConversationKey = conversationKey,
            PayloadJson = MessageJson.Serialize(message.Message),
            UpdatesConversationId = message.Updates?.ConversationId,
            UpdatesMessageId = message.Updates?.MessageId,
            ScheduledAt = scheduledAt,
            CreatedAt = now,
            NextAttemptAt = scheduledAt,
            Status = OutboxStatus.Pending,
        };
    }

    private static void Require(string? value, string what, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"An outbox message needs a {what}.", what);
        }

        if (value.Length > maxLength)
        {
            throw new ArgumentException(
                $"The outbox {what} '{value[..Math.Min(40, value.Length)]}…' is {value.Length} characters; at most {maxLength} fit.", what);
        }
    }

    /// <summary>The provider's idempotent INSERT, built once per model from EF's own mapping.</summary>
    private sealed class InsertStatement
    {
        private static readonly Dictionary<IModel, InsertStatement> Cache = [];
        private static readonly Lock CacheLock = new();

        private readonly string _sql;
        private readonly IReadOnlyList<(IProperty Property, string Parameter)> _columns;

        private InsertStatement(string sql, IReadOnlyList<(IProperty, string)> columns)
        {
            _sql = sql;
            _columns = columns;
        }

        public static InsertStatement For(ScorecardDbContext db)
        {
            var model = db.Model;
            lock (CacheLock)
            {
                if (!Cache.TryGetValue(model, out var statement))
                {
                    statement = Build(db);
                    Cache[model] = statement;
                }

                return statement;
            }
        }

        public DbCommand CreateCommand(ScorecardDbContext db, OutboxMessage row)
        {
            var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = _sql;
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            if (db.Database.GetCommandTimeout() is { } timeout)
            {
                command.CommandTimeout = timeout;
            }

            foreach (var (property, parameter) in _columns)
            {
                var value = property.PropertyInfo!.GetValue(row);
                command.Parameters.Add(property.GetRelationalTypeMapping()
                    .CreateParameter(command, parameter, value, property.IsNullable));
            }

            return command;
        }

        private static InsertStatement Build(ScorecardDbContext db)
        {
            var entity = db.Model.FindEntityType(typeof(OutboxMessage))
                ?? throw new InvalidOperationException("The outbox is not part of the database model.");
            var sql = db.GetService<ISqlGenerationHelper>();
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var tableName = sql.DelimitIdentifier(table.Name, table.Schema);
            string Column(string property) => sql.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName(table)!);

            var columns = entity.GetProperties()
                .Where(p => p.Name != nameof(OutboxMessage.Id))
                .Select((p, i) => (Property: p, Parameter: sql.GenerateParameterName("p" + i.ToString(CultureInfo.InvariantCulture))))
                .ToList();
            var names = string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Property.GetColumnName(table)!)));
            var values = string.Join(", ", columns.Select(c => c.Parameter));
            var organization = columns.Single(c => c.Property.Name == nameof(OutboxMessage.OrganizationId)).Parameter;
            var key = columns.Single(c => c.Property.Name == nameof(OutboxMessage.Key)).Parameter;
            var conflict = $"{Column(nameof(OutboxMessage.OrganizationId))}, {Column(nameof(OutboxMessage.Key))}";

            var text = new StringBuilder();
            if (db.Database.IsSqlServer())
            {
                text.Append(CultureInfo.InvariantCulture, $"INSERT INTO {tableName} ({names}) SELECT {values} ")
                    .Append(CultureInfo.InvariantCulture, $"WHERE NOT EXISTS (SELECT 1 FROM {tableName} WITH (UPDLOCK, HOLDLOCK) ")
                    .Append(CultureInfo.InvariantCulture, $"WHERE {Column(nameof(OutboxMessage.OrganizationId))} = {organization} AND {Column(nameof(OutboxMessage.Key))} = {key})");
            }
            else
            {
                // PostgreSQL and SQLite: a conflicting insert does nothing and, on PostgreSQL,
                // leaves the caller's transaction usable (a caught error would abort it).
                text.Append(CultureInfo.InvariantCulture, $"INSERT INTO {tableName} ({names}) VALUES ({values}) ON CONFLICT ({conflict}) DO NOTHING");
            }

            return new InsertStatement(text.ToString(), columns);
        }
    }
}
