using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace ScorecardBot.Data.Outbox;

/// <summary>
/// The dispatcher's question "which rows may I claim now": due (or held by a lease that ran out)
/// and the oldest open row of their conversation, oldest due first; and the claim itself. Both
/// are SQL built once per model from EF's mapping: a restarted instance sends its first message
/// without waiting for EF to compile a query.
/// </summary>
/// <remarks>
/// Asked with a window function over the open rows rather than a correlated NOT EXISTS: the plan
/// of the latter depends on table statistics, and right after a wave of prompts is written (a new
/// table, or thousands of rows since the last ANALYZE) PostgreSQL chose a nested loop that compared
/// every open row with every other — 1.8 s per claim for 2,000 prompts. This form reads the open
/// rows once and sorts them, whatever the statistics say.
/// </remarks>
internal sealed class OutboxClaims
{
    private static readonly Dictionary<IModel, OutboxClaims> Cache = [];
    private static readonly Lock CacheLock = new();

    /// <summary>Ids one claim statement names: under SQL Server's 2,100 parameters.</summary>
    private const int IdsPerClaim = 500;

    private readonly string _sql;
    private readonly Func<int, string> _claim;
    private readonly string _renew;
    private readonly string _claimed;
    private readonly IEntityType _entity;
    private readonly IProperty _time;
    private readonly string _now;
    private readonly string _take;
    private readonly string _token;
    private readonly string _until;
    private readonly string _id;

    private OutboxClaims(string sql, Func<int, string> claim, string renew, string claimed, IEntityType entity, string now, string take, string token, string until, string id)
    {
        _sql = sql;
        _claim = claim;
        _renew = renew;
        _claimed = claimed;
        _entity = entity;
        _time = entity.FindProperty(nameof(OutboxMessage.NextAttemptAt))!;
        _now = now;
        _take = take;
        _token = token;
        _until = until;
        _id = id;
    }

    /// <summary>Ids of at most <paramref name="take"/> rows claimable at <paramref name="now"/>.</summary>
    public static async Task<List<long>> CandidatesAsync(ScorecardDbContext db, DateTimeOffset now, int take, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = CandidatesCommand(db, now, take);
            var ids = new List<long>(take);
            await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetInt64(0));
            }

            return ids;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Leases the candidates that are still claimable at <paramref name="now"/> to <paramref name="token"/>
    /// until <paramref name="until"/>, counting an attempt. The claimable test is evaluated again
    /// under the row lock: of two instances racing for a row, exactly one UPDATE matches it.
    /// </summary>
    public static async Task<int> ClaimAsync(
        ScorecardDbContext db, IReadOnlyList<long> candidates, DateTimeOffset now, DateTimeOffset until, string token, CancellationToken cancellationToken)
    {
        var claimed = 0;
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            foreach (var ids in candidates.Chunk(IdsPerClaim))
            {
                await using var command = ClaimCommand(db, ids, now, until, token);
                claimed += await command.ExecuteNonQueryAsync(cancellationToken);
            }

            return claimed;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Gives the rows still leased to <paramref name="token"/> a lease until <paramref name="until"/>.</summary>
    public static async Task<int> RenewAsync(ScorecardDbContext db, string token, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = RenewCommand(db, token, until);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The rows leased to <paramref name="token"/>, oldest first.</summary>
    public static async Task<List<OutboxMessage>> ClaimedAsync(ScorecardDbContext db, string token, CancellationToken cancellationToken)
    {
        var rows = RowReader<OutboxMessage>.For(db);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = ClaimedCommand(db, token);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await rows.ReadAsync(reader, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The marks of those of <paramref name="people"/> whom the bot knows it cannot reach.</summary>
    public static async Task<List<UnreachablePerson>> UnreachableAsync(ScorecardDbContext db, IReadOnlyList<Guid> people, CancellationToken cancellationToken)
    {
        var marks = RowReader<UnreachablePerson>.For(db);
        var found = new List<UnreachablePerson>();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            foreach (var chunk in people.Chunk(IdsPerClaim))
            {
                await using var command = UnreachableCommand(db, chunk);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                found.AddRange(await marks.ReadAsync(reader, cancellationToken));
            }

            return found;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    // The commands, built without touching the connection: SqlServerScriptTests parse each with
    // Microsoft's T-SQL parser and compare the parameters it names with those the command carries.

    internal static DbCommand CandidatesCommand(ScorecardDbContext db, DateTimeOffset now, int take)
    {
        var query = For(db);
        var command = RawCommand.Create(db, query._sql);
        command.Parameters.Add(query._time.GetRelationalTypeMapping().CreateParameter(command, query._now, now, nullable: false));
        var limit = command.CreateParameter();
        limit.ParameterName = query._take;
        limit.Value = take;
        command.Parameters.Add(limit);
        return command;
    }

    internal static DbCommand ClaimCommand(ScorecardDbContext db, IReadOnlyList<long> ids, DateTimeOffset now, DateTimeOffset until, string token)
    {
        var query = For(db);
        var id = query.Mapping(nameof(OutboxMessage.Id));
        var command = RawCommand.Create(db, query._claim(ids.Count));
        command.Parameters.Add(query._time.GetRelationalTypeMapping().CreateParameter(command, query._now, now, nullable: false));
        command.Parameters.Add(query.Mapping(nameof(OutboxMessage.LockedBy)).CreateParameter(command, query._token, token, nullable: false));
        command.Parameters.Add(query.Mapping(nameof(OutboxMessage.LockedUntil)).CreateParameter(command, query._until, until, nullable: false));
        for (var i = 0; i < ids.Count; i++)
        {
            command.Parameters.Add(id.CreateParameter(command, query._id + i.ToString(CultureInfo.InvariantCulture), ids[i], nullable: false));
        }

        return command;
    }

    internal static DbCommand RenewCommand(ScorecardDbContext db, string token, DateTimeOffset until)
    {
        var query = For(db);
        var command = RawCommand.Create(db, query._renew);
        command.Parameters.Add(query.Mapping(nameof(OutboxMessage.LockedBy)).CreateParameter(command, query._token, token, nullable: false));
        command.Parameters.Add(query.Mapping(nameof(OutboxMessage.LockedUntil)).CreateParameter(command, query._until, until, nullable: false));
        return command;
    }

    internal static DbCommand ClaimedCommand(ScorecardDbContext db, string token)
    {
        var query = For(db);
        var command = RawCommand.Create(db, query._claimed);
        command.Parameters.Add(query.Mapping(nameof(OutboxMessage.LockedBy)).CreateParameter(command, query._token, token, nullable: false));
        return command;
    }

    internal static DbCommand UnreachableCommand(ScorecardDbContext db, IReadOnlyList<Guid> people)
    {
        var marks = RowReader<UnreachablePerson>.For(db);
        var person = db.Model.FindEntityType(typeof(UnreachablePerson))!.FindProperty(nameof(UnreachablePerson.PersonId))!.GetRelationalTypeMapping();
        var parameter = db.GetService<ISqlGenerationHelper>().GenerateParameterName("person");
        var command = RawCommand.Create(db,
            $"SELECT {marks.SelectList} FROM {marks.Table} WHERE {marks.ColumnOf(db, nameof(UnreachablePerson.PersonId))} IN (" +
            string.Join(", ", people.Select((_, i) => parameter + i.ToString(CultureInfo.InvariantCulture))) + ")");
        for (var i = 0; i < people.Count; i++)
        {
            command.Parameters.Add(person.CreateParameter(command, parameter + i.ToString(CultureInfo.InvariantCulture), people[i], nullable: false));
        }

        return command;
    }

    private RelationalTypeMapping Mapping(string property) => _entity.FindProperty(property)!.GetRelationalTypeMapping();

    private static OutboxClaims For(ScorecardDbContext db)
    {
        lock (CacheLock)
        {
            if (!Cache.TryGetValue(db.Model, out var claims))
            {
                Cache[db.Model] = claims = Build(db);
            }

            return claims;
        }
    }

    private static OutboxClaims Build(ScorecardDbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(OutboxMessage))
            ?? throw new InvalidOperationException("The outbox is not part of the database model.");
        var sql = db.GetService<ISqlGenerationHelper>();
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        string Column(string property) => sql.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName(table)!);
        string Status(params OutboxStatus[] statuses) =>
            string.Join(", ", statuses.Select(s => ((int)s).ToString(CultureInfo.InvariantCulture)));

        var id = Column(nameof(OutboxMessage.Id));
        var status = Column(nameof(OutboxMessage.Status));
        var next = Column(nameof(OutboxMessage.NextAttemptAt));
        var until = Column(nameof(OutboxMessage.LockedUntil));
        var head = sql.DelimitIdentifier("Head");
        var now = sql.GenerateParameterName("now");
        var take = sql.GenerateParameterName("take");
        var open = Status(OutboxStatus.Pending, OutboxStatus.Sending, OutboxStatus.Failed);

        var text =
            $"SELECT h.{id} FROM (" +
            $"SELECT m.{id}, m.{status}, m.{next}, m.{until}, ROW_NUMBER() OVER (PARTITION BY m.{Column(nameof(OutboxMessage.OrganizationId))}, m.{Column(nameof(OutboxMessage.ConversationKey))} ORDER BY m.{id}) AS {head} " +
            $"FROM {sql.DelimitIdentifier(table.Name, table.Schema)} m WHERE m.{status} IN ({open})) h " +
            $"WHERE h.{head} = 1 AND ((h.{status} IN ({Status(OutboxStatus.Pending, OutboxStatus.Failed)}) AND h.{next} <= {now}) " +
            $"OR (h.{status} = {Status(OutboxStatus.Sending)} AND h.{until} < {now})) " +
            $"ORDER BY h.{next}, h.{id} " +
            (db.Database.IsSqlServer() ? $"OFFSET 0 ROWS FETCH NEXT {take} ROWS ONLY" : $"LIMIT {take}");
        var token = sql.GenerateParameterName("token");
        var lockedUntil = sql.GenerateParameterName("until");
        var idParameter = sql.GenerateParameterName("id");
        var attempts = Column(nameof(OutboxMessage.Attempts));
        var tableName = sql.DelimitIdentifier(table.Name, table.Schema);
        var claimable = $"(({status} IN ({Status(OutboxStatus.Pending, OutboxStatus.Failed)}) AND {next} <= {now}) " +
            $"OR ({status} = {Status(OutboxStatus.Sending)} AND {until} < {now}))";
        var postgres = db.Database.IsNpgsql();
        var sqlServer = db.Database.IsSqlServer();

        // Two instances claiming overlapping candidates must never wait on each other in opposite
        // orders (PostgreSQL reported 40P01 under load): the rows are locked in id order and a row
        // another claim holds is skipped, not waited for (the usual queue pattern: FOR UPDATE SKIP
        // LOCKED on PostgreSQL, READPAST on SQL Server). SQLite has one writer at a time.
        string Claim(int ids)
        {
            var list = string.Join(", ", Enumerable.Range(0, ids).Select(i => idParameter + i.ToString(CultureInfo.InvariantCulture)));
            var set = $"SET {status} = {Status(OutboxStatus.Sending)}, {Column(nameof(OutboxMessage.LockedBy))} = {token}, {until} = {lockedUntil}, {attempts} = {attempts} + 1 ";
            if (postgres)
            {
                return $"UPDATE {tableName} {set}" +
                    $"WHERE {id} IN (SELECT {id} FROM {tableName} WHERE {id} IN ({list}) AND {claimable} ORDER BY {id} FOR UPDATE SKIP LOCKED) AND {claimable}";
            }

            return $"UPDATE {tableName}{(sqlServer ? " WITH (ROWLOCK, READPAST)" : "")} {set}WHERE {id} IN ({list}) AND {claimable}";
        }

        var lockedBy = Column(nameof(OutboxMessage.LockedBy));
        var mine = $"{lockedBy} = {token} AND {status} = {Status(OutboxStatus.Sending)}";
        // The renewal takes its rows' locks in id order too, as the recording of answers does.
        var renew = postgres
            ? $"UPDATE {tableName} SET {until} = {lockedUntil} WHERE {id} IN (SELECT {id} FROM {tableName} WHERE {mine} ORDER BY {id} FOR UPDATE) AND {mine}"
            : $"UPDATE {tableName} SET {until} = {lockedUntil} WHERE {mine}";
        var claimed = $"SELECT {RowReader<OutboxMessage>.For(db).SelectList} FROM {sql.DelimitIdentifier(table.Name, table.Schema)} " +
            $"WHERE {lockedBy} = {token} AND {status} = {Status(OutboxStatus.Sending)} ORDER BY {id}";
        return new OutboxClaims(text, Claim, renew, claimed, entity, now, take, token, lockedUntil, idParameter);
    }
}
