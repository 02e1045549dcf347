using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;
using SpreadCheetah;
using SpreadCheetah.Styling;
using SpreadCheetah.Worksheets;

namespace ScorecardBot.Api;

/// <summary>
/// The scorecards with their history as one long table, one row per KPI and period, the shape BI
/// tools load best: CSV (invariant numbers, ISO dates) or an Excel workbook.
/// </summary>
internal static class ExportApi
{
    internal static readonly string[] Columns =
    [
        "scorecard", "perspective", "objective", "kpi_key", "kpi", "unit", "frequency", "aggregation", "period",
        "actual", "target", "status", "score", "no_data_reason", "comment", "source", "source_system", "submitted_by", "submitted_at",
    ];

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/export", ExportAsync).WithName("Export")
            .WithSummary("The scorecards' history as CSV or XLSX: one row per KPI and period.")
            .WithDescription("format=csv|xlsx; scorecard=id or key (all scorecards when left out); from and to are months (2025-01); by default the last 24 months. Quarterly KPIs give one row per fiscal quarter in the range.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .Produces(StatusCodes.Status200OK, contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    }

    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportAsync(
        string? format, string? scorecard, string? from, string? to, HttpContext http, IScorecardReadModel readModel, TimeProvider time,
        IOptions<ApiOptions> options, CancellationToken cancellationToken)
    {
        var kind = (format ?? "csv").Trim().ToLowerInvariant();
        if (kind is not ("csv" or "xlsx"))
        {
            return ApiProblems.BadRequest($"format=\"{format}\" is not one I write: use csv or xlsx.");
        }

        var snapshot = await ScorecardsApi.SnapshotAsync(http, readModel, cancellationToken);
        var scorecards = snapshot.Scorecards.ToList();
        if (scorecard is not null)
        {
            var one = Guid.TryParse(scorecard, out var id) ? snapshot.FindScorecard(id) : scorecards.FirstOrDefault(s => string.Equals(s.Key, scorecard, StringComparison.OrdinalIgnoreCase));
            if (one is null)
            {
                return ApiProblems.NotFound($"There is no scorecard \"{scorecard}\" in this organization. GET /api/v1/scorecards lists them.");
            }

            scorecards = [one];
        }

        var calendar = FiscalCalendar.For(snapshot.Organization);
        var last = calendar.LastCompletePeriod(Frequency.Monthly, time.GetUtcNow());
        var probe = new Kpi { Key = "export", Name = "export", Frequency = Frequency.Monthly };
        var (months, problem) = ScorecardsApi.ReadRange(from, to, probe, last, options.Value.MaxPeriods);
        if (problem is not null)
        {
            return ApiProblems.BadRequest(problem.Replace("of export, which is reported monthly", "(a month)", StringComparison.Ordinal));
        }

        if (from is null)
        {
            months = [.. Enumerable.Range(0, 24).Select(i => months[^1].AddPeriods(i - 23)).Where(m => m >= Period.First(PeriodKind.Month))];
        }

        var rows = Rows(snapshot, scorecards, months, calendar).ToList();
        var name = $"scorecard-{(scorecards.Count == 1 ? scorecards[0].Key : "all")}-{months[0]}-{months[^1]}";
        return kind == "csv"
            ? TypedResults.File(Csv(rows), "text/csv; charset=utf-8", name + ".csv")
            : TypedResults.File(await XlsxAsync(rows, cancellationToken), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx");
    }

    internal sealed record ExportRow(
        string Scorecard, string? Perspective, string? Objective, string KpiKey, string Kpi, string? Unit, string Frequency, string Aggregation, string Period,
        decimal? Actual, decimal? Target, string Status, decimal? Score, string? NoDataReason, string? Comment, string? Source, string? SourceSystem,
        string? SubmittedBy, DateTimeOffset? SubmittedAt);

    private static IEnumerable<ExportRow> Rows(OrganizationSnapshot snapshot, List<Scorecard> scorecards, List<Period> months, FiscalCalendar calendar)
    {
        var quarters = months.Select(calendar.QuarterOf).Distinct().ToList();
        foreach (var scorecard in scorecards.OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            foreach (var kpi in scorecard.Kpis.OrderBy(k => k.Order).ThenBy(k => k.Name, StringComparer.Ordinal))
            {
                var objective = snapshot.ObjectiveOf(kpi);
                var perspective = objective is null ? null : snapshot.PerspectiveOf(objective);
                foreach (var period in kpi.Frequency == Frequency.Quarterly ? quarters : months)
                {
                    var p = ScorecardsApi.Point(snapshot, kpi, period);
                    yield return new ExportRow(
                        scorecard.Key, perspective?.Name, objective?.Name, kpi.Key, kpi.Name, kpi.Format == KpiFormat.Percent ? "%" : kpi.Unit, kpi.Frequency.ToString(), Core.Scoring.Forecast.RuleOf(kpi).ToString(), p.Period,
                        p.Actual, p.Target, p.Status, p.Score, p.NoDataReason, p.Comment, p.Source, p.SourceSystem, p.SubmittedBy, p.SubmittedAt);
                }
            }
        }
    }

    /// <summary>
    /// RFC 4180: comma-separated, a field with a comma, quote or line break quoted, quotes doubled.
    /// A text field that a spreadsheet would take for a formula (it begins with =, +, -, @, a tab or
    /// a carriage return) gets a leading apostrophe and is quoted, as OWASP's "CSV Injection" page
    /// recommends: a comment "=HYPERLINK(…)" opens as that text, not as a live link. Numbers are
    /// written as numbers (a negative actual stays -5).
    /// </summary>
    private static byte[] Csv(List<ExportRow> rows)
    {
        var text = new System.Text.StringBuilder();
        text.AppendJoin(',', Columns).Append("\r\n");
        foreach (var row in rows)
        {
            text.AppendJoin(',', Fields(row).Select(value => value switch
            {
                decimal d => d.ToString(CultureInfo.InvariantCulture),
                DateTimeOffset t => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                _ => TextField(value as string ?? string.Empty),
            })).Append("\r\n");
        }

        return new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text.ToString());
    }

    internal static string TextField(string text)
    {
        var formula = text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
        var field = formula ? "'" + text : text;
        return formula || field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
    }

    /// <summary>
    /// One worksheet "Actuals": a bold, frozen header row with an auto-filter, numbers as numbers,
    /// times as dates. Every text is an inline string cell, never a formula: a comment
    /// "=HYPERLINK(…)" opens as that text, "2026-10" does not become a date, "0123" not a number.
    /// SpreadCheetah writes the rows forward into the stream (no System.Drawing, no workbook in memory).
    /// </summary>
    private static async Task<byte[]> XlsxAsync(List<ExportRow> rows, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        // Cell references on every cell: the attribute is optional, but some readers (OleDb, older BI connectors) need it.
        await using (var spreadsheet = await Spreadsheet.CreateNewAsync(buffer, new SpreadCheetahOptions { WriteCellReferenceAttributes = true }, cancellationToken))
        {
            var options = new WorksheetOptions { FrozenRows = 1, DefaultColumnWidth = 16 };
            if (rows.Count > 0)
            {
                options.AutoFilter = new AutoFilterOptions($"A1:{ColumnName(Columns.Length)}{rows.Count + 1}");
            }

            await spreadsheet.StartWorksheetAsync("Actuals", options, cancellationToken);
            var bold = spreadsheet.AddStyle(new Style { Font = { Bold = true } });
            var when = spreadsheet.AddStyle(new Style { Format = NumberFormat.Custom("yyyy-mm-dd hh:mm") });
            await spreadsheet.AddHeaderRowAsync(Columns, bold, cancellationToken);
            var cells = new Cell[Columns.Length];
            foreach (var row in rows)
            {
                var fields = Fields(row);
                for (var c = 0; c < fields.Length; c++)
                {
                    cells[c] = fields[c] switch
                    {
                        decimal d => new Cell(d),
                        DateTimeOffset t => new Cell(t.UtcDateTime, when),
                        string text => new Cell(text),
                        _ => new Cell((string?)null),
                    };
                }

                await spreadsheet.AddRowAsync(cells, cancellationToken);
            }

            await spreadsheet.FinishAsync(cancellationToken);
        }

        return buffer.ToArray();
    }

    /// <summary>A spreadsheet column's letters: 1 → A, 18 → R, 27 → AA.</summary>
    internal static string ColumnName(int column)
    {
        var name = string.Empty;
        for (; column > 0; column = (column - 1) / 26)
        {
            name = (char)('A' + ((column - 1) % 26)) + name;
        }

        return name;
    }

    private static object?[] Fields(ExportRow row) =>
    [
        row.Scorecard, row.Perspective, row.Objective, row.KpiKey, row.Kpi, row.Unit, row.Frequency, row.Aggregation, row.Period,
        row.Actual, row.Target, row.Status, row.Score, row.NoDataReason, row.Comment, row.Source, row.SourceSystem, row.SubmittedBy, row.SubmittedAt,
    ];
}
