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

    /// <summary>
    /// The entries whose (organization, key) the outbox does not hold yet, read without a
    /// transaction. A job that reruns a wave (the review rhythm, after a restart) asks this before
    /// it opens its transaction: when every message is written already it takes no write lock at
    /// all, which on SQLite would hold up the dispatcher's claims.
    /// </summary>
    public static async Task<IReadOnlyList<OutboxEntry>> WithoutWrittenAsync(ScorecardDbContext db, IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return entries;
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var existing = await InsertStatement.For(db).ExistingKeysAsync(
                db, [.. entries.Select(e => (e.Message.OrganizationId, e.Message.IdempotencyKey))], cancellationToken);
            return [.. entries.Where(e => !existing.Contains((e.Message.OrganizationId, e.Message.IdempotencyKey)))];
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Inserts many messages with as few round trips as the provider allows (hundreds of rows per
    /// statement), on <paramref name="db"/>'s connection and inside its current transaction. Keys that
    /// exist already — also twice in the same call — are skipped, exactly as with <see cref="TryAddAsync"/>.
    /// A rerun of a wave of thousands of prompts (a restart) then costs milliseconds, not seconds.
    /// </summary>
    /// <returns>How many rows were written.</returns>
    public async Task<int> AddManyAsync(ScorecardDbContext db, IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return 0;
        }

        var now = time.GetUtcNow();
        var rows = entries.Select(e => ToRow(e.Message, e.Kind, e.ScheduledAt, now, e.DecisionKey ?? e.Message.IdempotencyKey, e.Failure, e.ExpiresAt)).ToList();
        var insert = InsertStatement.For(db);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            // Keys already written (a rerun, a restart) are read first: a rerun of the whole wave
            // only reads, and holds no write lock. The INSERT still skips a key another writer
            // adds in between.
            var existing = await insert.ExistingKeysAsync(db, [.. rows.Select(r => (r.OrganizationId, r.Key))], cancellationToken);
            var written = 0;
            foreach (var chunk in rows.Where(r => !existing.Contains((r.OrganizationId, r.Key))).Chunk(insert.RowsPerStatement))
            {
                try
                {
                    await using var command = insert.CreateCommand(db, chunk);
                    written += await command.ExecuteNonQueryAsync(cancellationToken);
                }
                catch (SqlException ex) when (ex.Number is 2627 or 2601)
                {
                    // SQL Server inserts one row per statement (see InsertStatement); a race lost to
                    // another writer rolls back only that statement.
                }
            }

            return written;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The INSERT that <see cref="AddManyAsync"/> sends for <paramref name="rows"/> (for checks of the SQL).</summary>
    internal static DbCommand InsertCommand(ScorecardDbContext db, IReadOnlyList<OutboxMessage> rows) =>
        InsertStatement.For(db).CreateCommand(db, rows);

    /// <summary>The query that asks which of <paramref name="keys"/> are written (for checks of the SQL).</summary>
    internal static DbCommand ExistingKeysCommand(ScorecardDbContext db, Guid organization, IReadOnlyList<string> keys) =>
        InsertStatement.For(db).ExistingKeysCommand(db, organization, keys);

    /// <param name="failure">Set for a message that could not be made: the row is written undelivered (Dead) with this reason, never sent.</param>
    /// <param name="expiresAt">The message's deadline (<see cref="OutboxMessage.ExpiresAt"/>); null for none.</param>
    internal static OutboxMessage ToRow(
        OutgoingMessage message, string kind, DateTimeOffset scheduledAt, DateTimeOffset now, string decisionKey, string? failure = null, DateTimeOffset? expiresAt = null)
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
        if (message.InThreadOf is { } parent)
        {
            Require(parent, "thread parent key", OutboxMessageConfiguration.KeyLength);
            if (message.Destination.IsDirect || message.Destination.ThreadId is not null)
            {
                throw new ArgumentException("Only a channel post can reply in another message's thread, and the outbox finds the thread itself.", nameof(message));
            }
        }
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
            ParentKey = message.InThreadOf,
            ScheduledAt = scheduledAt,
            ExpiresAt = expiresAt,
            CreatedAt = now,
            NextAttemptAt = scheduledAt,
            Status = failure is null ? OutboxStatus.Pending : OutboxStatus.Dead,
            LastError = failure is null || failure.Length <= OutboxMessageConfiguration.ErrorLength ? failure : failure[..OutboxMessageConfiguration.ErrorLength],
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

        private readonly Func<int, string> _sql;
        private readonly IReadOnlyList<(IProperty Property, string Parameter)> _columns;
        private readonly Dictionary<int, string> _texts = [];

        /// <summary>Keys one existence query carries: under SQL Server's 2,100 parameters.</summary>
        private const int KeysPerQuery = 500;

        private readonly Func<int, string> _existing;
        private readonly (IProperty Property, string Parameter) _organization;
        private readonly (IProperty Property, string Parameter) _key;

        private InsertStatement(Func<int, string> sql, Func<int, string> existing, IReadOnlyList<(IProperty Property, string Parameter)> columns, int rowsPerStatement)
        {
            _sql = sql;
            _existing = existing;
            _columns = columns;
            _organization = columns.Single(c => c.Property.Name == nameof(OutboxMessage.OrganizationId));
            _key = columns.Single(c => c.Property.Name == nameof(OutboxMessage.Key));
            RowsPerStatement = rowsPerStatement;
        }

        /// <summary>Rows one statement carries: well under SQLite's and PostgreSQL's parameter limits; one on SQL Server.</summary>
        public int RowsPerStatement { get; }

        private string Text(int rows)
        {
            lock (_texts)
            {
                if (!_texts.TryGetValue(rows, out var text))
                {
                    _texts[rows] = text = _sql(rows);
                }

                return text;
            }
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

        public DbCommand CreateCommand(ScorecardDbContext db, params IReadOnlyList<OutboxMessage> rows)
        {
            var command = RawCommand.Create(db, Text(rows.Count));

            for (var r = 0; r < rows.Count; r++)
            {
                foreach (var (property, parameter) in _columns)
                {
                    var value = property.PropertyInfo!.GetValue(rows[r]);
                    command.Parameters.Add(property.GetRelationalTypeMapping()
                        .CreateParameter(command, Numbered(parameter, r), value, property.IsNullable));
                }
            }

            return command;
        }

        public DbCommand ExistingKeysCommand(ScorecardDbContext db, Guid organization, IReadOnlyList<string> keys)
        {
            var command = RawCommand.Create(db, _existing(keys.Count));
            command.Parameters.Add(_organization.Property.GetRelationalTypeMapping()
                .CreateParameter(command, _organization.Parameter, organization, nullable: false));
            for (var k = 0; k < keys.Count; k++)
            {
                command.Parameters.Add(_key.Property.GetRelationalTypeMapping()
                    .CreateParameter(command, Numbered(_key.Parameter, k), keys[k], nullable: false));
            }

            return command;
        }

        /// <summary>Those of the (organization, key) pairs that the outbox holds already.</summary>
        public async Task<HashSet<(Guid, string)>> ExistingKeysAsync(ScorecardDbContext db, IReadOnlyList<(Guid Organization, string Key)> wanted, CancellationToken cancellationToken)
        {
            var existing = new HashSet<(Guid, string)>();
            foreach (var organization in wanted.GroupBy(w => w.Organization))
            {
                foreach (var keys in organization.Select(w => w.Key).Distinct(StringComparer.Ordinal).Chunk(KeysPerQuery))
                {
                    await using var command = ExistingKeysCommand(db, organization.Key, keys);
                    await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        existing.Add((organization.Key, reader.GetString(0)));
                    }
                }
            }

            return existing;
        }

        /// <summary>Row 0 keeps the parameter's own name; later rows add "_r{n}".</summary>
        private static string Numbered(string parameter, int row) =>
            row == 0 ? parameter : parameter + "_r" + row.ToString(CultureInfo.InvariantCulture);

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
            string Values(int row) => "(" + string.Join(", ", columns.Select(c => Numbered(c.Parameter, row))) + ")";
            var organization = columns.Single(c => c.Property.Name == nameof(OutboxMessage.OrganizationId)).Parameter;
            var key = columns.Single(c => c.Property.Name == nameof(OutboxMessage.Key)).Parameter;
            var conflict = $"{Column(nameof(OutboxMessage.OrganizationId))}, {Column(nameof(OutboxMessage.Key))}";
            string Existing(int keys) =>
                $"SELECT {Column(nameof(OutboxMessage.Key))} FROM {tableName} WHERE {Column(nameof(OutboxMessage.OrganizationId))} = {organization} " +
                $"AND {Column(nameof(OutboxMessage.Key))} IN ({string.Join(", ", Enumerable.Range(0, keys).Select(k => Numbered(key, k)))})";

            if (db.Database.IsSqlServer())
            {
                // One row per statement: the NOT EXISTS guard under UPDLOCK/HOLDLOCK is what keeps
                // two writers from inserting the same key, and it reads one row's parameters.
                var single = new StringBuilder()
                    .Append(CultureInfo.InvariantCulture, $"INSERT INTO {tableName} ({names}) SELECT {Values(0)[1..^1]} ")
                    .Append(CultureInfo.InvariantCulture, $"WHERE NOT EXISTS (SELECT 1 FROM {tableName} WITH (UPDLOCK, HOLDLOCK) ")
                    .Append(CultureInfo.InvariantCulture, $"WHERE {Column(nameof(OutboxMessage.OrganizationId))} = {organization} AND {Column(nameof(OutboxMessage.Key))} = {key})")
                    .ToString();
                return new InsertStatement(_ => single, Existing, columns, rowsPerStatement: 1);
            }

            // PostgreSQL and SQLite: a conflicting row is skipped and, on PostgreSQL, the caller's
            // transaction stays usable (a caught error would abort it). Microsoft.Data.Sqlite finds
            // each parameter by a linear search of the command's parameters, so a statement there
            // carries 20 rows (500 parameters); Npgsql takes 200 (5,000 of its 65,535).
            return new InsertStatement(
                rows => $"INSERT INTO {tableName} ({names}) VALUES {string.Join(", ", Enumerable.Range(0, rows).Select(Values))} ON CONFLICT ({conflict}) DO NOTHING",
                Existing,
                columns,
                rowsPerStatement: db.Database.IsNpgsql() ? 200 : 20);
        }
    }
}

/// <summary>One message for <see cref="OutboxWriter.AddManyAsync"/>: what, of which kind, from when, for which decision, until when.</summary>
/// <param name="Failure">Set when the message could not be made: it is kept as undelivered with this reason and never sent.</param>
/// <param name="ExpiresAt">The deadline after which it is not sent but marked expired (<see cref="OutboxMessage.ExpiresAt"/>).</param>
public sealed record OutboxEntry(
    OutgoingMessage Message, string Kind, DateTimeOffset ScheduledAt, string? DecisionKey = null, string? Failure = null, DateTimeOffset? ExpiresAt = null);
