using System.Globalization;
using System.Text;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using ScorecardBot.Core.Model;
using ScorecardBot.Data.Auditing;
using ScorecardBot.Data.Configurations;

namespace ScorecardBot.Data.AsCode;

/// <summary>What an actuals import did.</summary>
public sealed record ActualsImportResult(int Rows, int Created, int Updated, int Unchanged);

/// <summary>The two stages of an actuals import: the file is read and checked whole, then the rows are saved.</summary>
public enum ActualsImportStage
{
    Reading = 0,
    Saving = 1,
}

/// <summary>
/// How far an import is: while reading, bytes of the file read of its length (0 when the stream
/// has none); while saving, rows saved of the rows to save.
/// </summary>
public readonly record struct ActualsImportProgress(ActualsImportStage Stage, long Done, long Total);

/// <summary>
/// Imports actuals from CSV with the header <c>kpi,period,value,comment</c> (comment optional,
/// columns in any order). A KPI is named by key or by its exact name, a period by its canonical
/// key (2026-10 for monthly KPIs, FY2027-Q1 for quarterly ones). A blank value means "no data"
/// and then the comment says why. Every row is checked first and every problem reported with
/// its line; with any problem nothing is written. Then all rows are saved in one transaction (in
/// slices of <see cref="Slice"/> bulk writes, so memory does not grow with the file):
/// a row whose value and comment are already stored changes nothing, so re-importing a file is
/// harmless. Imported values count at once, even on scorecards that require approval: an import
/// is a manager's act.
/// </summary>
public sealed class ActualsCsvImporter(ScorecardDbContext db, IAuditContext audit, TimeProvider time, IActualValueReader? values = null)
{
    private static readonly string[] Columns = ["kpi", "period", "value", "comment"];
    private readonly IActualValueReader _values = values ?? InvariantActualValueReader.Instance;

    /// <summary>Rows read between two progress reports while reading.</summary>
    private const int ReportEvery = 1_000;

    public async Task<ActualsImportResult> ImportAsync(
        string path, Guid organizationId, AsCodeActor? actor = null, IProgress<ActualsImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        // Read forward through a buffer: the file is never loaded whole.
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 64 * 1024, FileOptions.SequentialScan | FileOptions.Asynchronous);
        return await ImportAsync(stream, path, organizationId, actor, progress, cancellationToken);
    }

    public async Task<ActualsImportResult> ImportAsync(
        Stream csv, string sourceName, Guid organizationId, AsCodeActor? actor = null, IProgress<ActualsImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var problems = new ProblemList(sourceName);
        var organization = await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == organizationId, cancellationToken)
            ?? throw new InvalidOperationException($"Organization {organizationId} does not exist.");
        var kpis = await db.Kpis.Where(k => k.OrganizationId == organizationId).ToListAsync(cancellationToken);
        var rows = await ReadAsync(csv, problems, kpis, CurrentMonth(organization), progress, cancellationToken);
        problems.ThrowIfAny();

        actor ??= AsCodeActor.System;
        audit.Set(actor.PersonId, actor.Name, EntrySource.Import);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct => await SaveAsync(rows, organizationId, actor, progress, ct), cancellationToken);
    }

    /// <summary>Rows saved and then forgotten by the change tracker at a time: a long file is written in slices of this many.</summary>
    internal const int Slice = 5_000;

    private async Task<ActualsImportResult> SaveAsync(List<Row> rows, Guid organizationId, AsCodeActor actor, IProgress<ActualsImportProgress>? progress, CancellationToken cancellationToken)
    {
        progress?.Report(new ActualsImportProgress(ActualsImportStage.Saving, 0, rows.Count));
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var kpiIds = rows.Select(r => r.Kpi.Id).Distinct().ToList();
        // Read untracked and attached only when changed: a file of 72,000 rows would otherwise keep
        // every stored actual, every new one and its audit entry in the tracker until one big save.
        var stored = (await db.Actuals.AsNoTracking().Where(a => a.OrganizationId == organizationId && kpiIds.Contains(a.KpiId)).ToListAsync(cancellationToken))
            .ToDictionary(a => (a.KpiId, a.Period));
        int created = 0, updated = 0, unchanged = 0, pending = 0;
        var now = time.GetUtcNow();
        var done = 0;
        foreach (var row in rows)
        {
            if (++done % Slice == 0)
            {
                progress?.Report(new ActualsImportProgress(ActualsImportStage.Saving, done, rows.Count));
            }

            if (!stored.TryGetValue((row.Kpi.Id, row.Period), out var actual))
            {
                actual = new Actual { OrganizationId = organizationId, KpiId = row.Kpi.Id, Period = row.Period };
                db.Actuals.Add(actual);
                created++;
            }
            else if (actual.Value == row.Value && actual.Comment == row.Comment && actual.NoDataReason == row.NoDataReason)
            {
                unchanged++;
                continue;
            }
            else
            {
                db.Actuals.Attach(actual);
                updated++;
            }

            actual.Value = row.Value;
            actual.Comment = row.Comment;
            actual.NoDataReason = row.NoDataReason;
            actual.Source = EntrySource.Import;
            actual.SubmittedAt = now;
            actual.SubmittedById = actor.PersonId;
            actual.SubmittedByName = actor.PersonId is null ? actor.Name : null;
            actual.CommentById = row.Comment is null ? null : actor.PersonId;
            actual.CommentByName = row.Comment is null || actor.PersonId is not null ? null : actor.Name;
            actual.CarriedForward = false;
            actual.PendingApproval = false;
            if (++pending == Slice)
            {
                await SaveSliceAsync(cancellationToken);
                pending = 0;
            }
        }

        await SaveSliceAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        progress?.Report(new ActualsImportProgress(ActualsImportStage.Saving, rows.Count, rows.Count));
        return new ActualsImportResult(rows.Count, created, updated, unchanged);
    }

    /// <summary>Writes what the tracker holds (audited, inside the import's one transaction) and forgets it.</summary>
    private async Task SaveSliceAsync(CancellationToken cancellationToken)
    {
        await db.SaveChangesInBulkAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    private Period CurrentMonth(Organization organization)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(organization.TimeZoneId, out var z) ? z : TimeZoneInfo.Utc;
        var local = TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone);
        return Period.Month(local.Year, local.Month);
    }

    private async Task<List<Row>> ReadAsync(Stream csv, ProblemList problems, List<Kpi> kpis, Period currentMonth, IProgress<ActualsImportProgress>? progress, CancellationToken cancellationToken)
    {
        var length = csv.CanSeek ? csv.Length : 0;
        void Report() => progress?.Report(new ActualsImportProgress(ActualsImportStage.Reading, csv.CanSeek ? csv.Position : 0, length));
        Report();
        var byKey = kpis.ToDictionary(k => k.Key, StringComparer.Ordinal);
        var byName = kpis.GroupBy(k => k.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var options = new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = true,
            TrackLineNumbers = true,
            TrimWhitespace = true,
            FormatProvider = CultureInfo.InvariantCulture,
            MalformedData = CsvMalformedDataHandling.Skip,
            OnMalformedRecord = record => problems.Add(new SourcePosition((int)record.LineNumber, 0), Malformed(record.Reason)),
        };
        await using var reader = CsvReader.Create(csv, options, leaveOpen: true);
        await reader.ReadHeaderAsync(cancellationToken);
        var rows = new List<Row>();
        if (reader.Headers.Count == 0)
        {
            problems.Add(new SourcePosition(1, 0), "the file is empty; it needs the header kpi,period,value,comment");
            return rows;
        }

        var index = Header([.. reader.Headers], new SourcePosition(1, 0), problems);
        if (index is null)
        {
            return rows;
        }

        var seen = new Dictionary<(Guid, Period), Row>();
        var read = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            if (++read % ReportEvery == 0)
            {
                Report();
            }

            var line = new SourcePosition((int)reader.LineNumber, 0);
            var record = Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray();
            if (record.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            if (record.Length != reader.Headers.Count)
            {
                problems.Add(line, $"expected {reader.Headers.Count} columns like the header, found {record.Length}");
                continue;
            }

            if (ReadRow(record, index, line, problems, byKey, byName, currentMonth) is not { } row)
            {
                continue;
            }

            if (seen.TryGetValue((row.Kpi.Id, row.Period), out var earlier))
            {
                if (earlier.Value != row.Value || earlier.Comment != row.Comment || earlier.NoDataReason != row.NoDataReason)
                {
                    problems.Add(line, $"kpi '{row.Kpi.Key}' period {row.Period} is already given on line {earlier.Line} with a different value");
                }

                continue;
            }

            seen[(row.Kpi.Id, row.Period)] = row;
            rows.Add(row);
        }

        progress?.Report(new ActualsImportProgress(ActualsImportStage.Reading, length, length));
        return rows;
    }

    private static string Malformed(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.UnterminatedQuote => "a quoted field is never closed; the rest of the file cannot be read",
        _ => "a quote is misplaced; quote a whole field and double the quotes inside it, like \"Supplier \"\"A\"\" late\"",
    };

    /// <summary>The position of each known column, or null when the header is wrong.</summary>
    private int[]? Header(string[] record, SourcePosition line, ProblemList problems)
    {
        var index = new int[Columns.Length];
        Array.Fill(index, -1);
        for (var i = 0; i < record.Length; i++)
        {
            var name = record[i].Trim().TrimStart('\uFEFF').ToLowerInvariant();
            var at = Array.IndexOf(Columns, name);
            if (at < 0)
            {
                problems.Add(line, $"unknown column '{record[i]}'; the header is kpi,period,value,comment");
                return null;
            }

            if (index[at] >= 0)
            {
                problems.Add(line, $"column '{name}' is given twice");
                return null;
            }

            index[at] = i;
        }

        var missing = Columns.Take(3).Where((_, i) => index[i] < 0).ToList();
        if (missing.Count > 0)
        {
            problems.Add(line, $"the header lacks {string.Join(", ", missing)}; it is kpi,period,value,comment");
            return null;
        }

        return index;
    }

    private Row? ReadRow(string[] record, int[] index, SourcePosition line, ProblemList problems,
        Dictionary<string, Kpi> byKey, Dictionary<string, Kpi> byName, Period currentMonth)
    {
        var kpiText = record[index[0]];
        var periodText = record[index[1]];
        var valueText = record[index[2]];
        var comment = index[3] >= 0 && record[index[3]].Length > 0 ? record[index[3]] : null;
        var ok = true;

        if (!byKey.TryGetValue(kpiText, out var kpi) && !byName.TryGetValue(kpiText, out kpi))
        {
            problems.Add(line, kpiText.Length == 0 ? "the kpi column is empty" : $"kpi '{kpiText}' is not in the scorecard");
            return null;
        }

        if (!Period.TryParse(periodText, CultureInfo.InvariantCulture, out var period))
        {
            problems.Add(line, $"period '{periodText}' is not a period key; use a month like 2026-10 or a quarter like FY2027-Q1");
            ok = false;
        }
        else if (kpi.Frequency == Frequency.Monthly && period.Kind != PeriodKind.Month)
        {
            problems.Add(line, $"kpi '{kpi.Key}' is monthly, so period '{periodText}' should be a month like 2026-10");
            ok = false;
        }
        else if (kpi.Frequency == Frequency.Quarterly && period.Kind != PeriodKind.Quarter)
        {
            problems.Add(line, $"kpi '{kpi.Key}' is quarterly, so period '{periodText}' should be a quarter like FY2027-Q1");
            ok = false;
        }
        else if (period.Kind == PeriodKind.Month && period > currentMonth)
        {
            problems.Add(line, $"period {period} has not started yet");
            ok = false;
        }

        if (comment?.Length > (valueText.Length == 0 ? Lengths.ShortText : Lengths.Text))
        {
            problems.Add(line, $"the comment is {comment.Length} characters long; the scorecard keeps at most {(valueText.Length == 0 ? Lengths.ShortText : Lengths.Text)}");
            ok = false;
        }

        decimal? value = null;
        if (valueText.Length == 0)
        {
            if (comment is null)
            {
                problems.Add(line, $"kpi '{kpi.Key}' has no value for {periodText}; a blank value means no data and needs a comment saying why");
                ok = false;
            }
        }
        else if (_values.TryRead(valueText, kpi, out var parsed, out var problem))
        {
            value = parsed;
        }
        else
        {
            problems.Add(line, problem ?? $"value '{valueText}' is not a number");
            ok = false;
        }

        return ok
            ? new Row(line.Line, kpi, period, value, value is null ? null : comment, value is null ? comment : null)
            : null;
    }

    private sealed record Row(int Line, Kpi Kpi, Period Period, decimal? Value, string? Comment, string? NoDataReason);
}
