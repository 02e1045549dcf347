using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using ScorecardBot.Data.Ingest;

namespace ScorecardBot.Api;

/// <summary>
/// Writing actuals: one with PUT, many with POST. Both go through <see cref="ActualIngest"/>: the
/// cards' parser and rules, idempotent (the same body twice is one change), audited under the key's name.
/// </summary>
internal static class ActualsApi
{
    public const string BatchDescription =
        "Stores many actuals in one transaction. Each row names its KPI by kpiId or kpiKey, a period of the KPI's frequency, " +
        "and value (a number) or text (read like a card: \"1.2k\", \"95%\", \"n/a\" with the reason as comment). " +
        "By default the batch is all or nothing: if any row is refused, nothing is stored and the answer is 400 with every refused row " +
        "(its index, KPI, period, code and reason). With ?partial=true the good rows are stored and the refused ones listed in the answer. " +
        "A row equal to what is stored changes nothing and leaves no audit entry, so a batch may be sent again safely.";

    public const string ReviewRules =
        "The scorecard's review rules hold as for a card: a change of a period that its scorecard locked after the business review " +
        "(lock_after_review) is refused (PUT: 409 with code \"locked\"; in a batch: a refused row with code \"locked\"), unless the key has scope manage; " +
        "then it is stored and audited as the key's name \"(manage scope)\". Sending the stored value again is no change and is never refused. " +
        "On a scorecard that requires approval (requires_approval) the value is stored with pendingApproval: true, does not count until " +
        "the scorecard's manager approves it, and the manager gets the approve/reject card.";

    internal const string BatchExample = "{\"sourceSystem\": \"SAP\", \"actuals\": [{\"kpiKey\": \"revenue\", \"period\": \"2026-10\", \"value\": 5234000}]}";

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPut("/kpis/{id}/actuals/{period}", PutAsync).WithName("PutActual")
            .WithSummary("Stores one actual of a KPI (by id or key) for a period (2026-10, FY2027-Q1).")
            .WithDescription("Idempotent: the same body twice stores one actual and one audit entry. A value ten times off the KPI's usual level needs \"confirmed\": true. " + ReviewRules)
            .Accepts<ActualPut>("application/json")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(ApiEndpoints.WritePolicy);
        group.MapPost("/actuals", PostAsync).WithName("PostActuals")
            .WithSummary("Stores many actuals at once (up to Api:MaxBatchRows).")
            .WithDescription(BatchDescription + " " + ReviewRules)
            .Accepts<ActualBatch>("application/json")
            .RequireAuthorization(ApiEndpoints.WritePolicy);
    }

    internal static async Task<Results<Ok<ActualWriteResponse>, ProblemHttpResult>> PutAsync(
        string id, string period, HttpRequest request, ActualIngest ingest, CancellationToken cancellationToken)
    {
        var (body, unreadable) = await ApiJson.ReadAsync<ActualPut>(request, "{\"value\": 94.5, \"comment\": \"two late trucks\"}", cancellationToken);
        if (body is null)
        {
            return unreadable!;
        }

        var http = request.HttpContext;

        var isId = Guid.TryParse(id, out var kpiId);
        var row = new IncomingActual(0, isId ? kpiId : null, isId ? null : id, period, body.Value, body.Text, body.Comment, body.SourceSystem, body.Confirmed);
        var result = await ingest.IngestAsync(ApiCallers.Of(http), [row], partial: false, sourceSystem: null, cancellationToken);
        if (result.Refused is [var refused, ..])
        {
            return refused.Code switch
            {
                RefusalCode.NotFound => ApiProblems.NotFound(refused.Reason),
                RefusalCode.Locked => ApiProblems.Problem(StatusCodes.Status409Conflict, "The period is locked", refused.Reason,
                    new Dictionary<string, object?> { ["code"] = Code(refused.Code), ["period"] = refused.Period }),
                _ => ApiProblems.Problem(StatusCodes.Status400BadRequest, "The actual was not stored", refused.Reason,
                    new Dictionary<string, object?> { ["code"] = Code(refused.Code) }),
            };
        }

        return TypedResults.Ok(Response(result));
    }

    internal static async Task<Results<Ok<ActualWriteResponse>, ProblemHttpResult>> PostAsync(
        bool? partial, HttpRequest request, ActualIngest ingest, IOptions<ApiOptions> options, CancellationToken cancellationToken)
    {
        var (body, unreadable) = await ApiJson.ReadAsync<ActualBatch>(request, BatchExample, cancellationToken);
        if (body is null)
        {
            return unreadable!;
        }

        var http = request.HttpContext;
        if (body.Actuals is not { Count: > 0 } rows)
        {
            return ApiProblems.BadRequest($"Send at least one row in \"actuals\": {BatchExample}.");
        }

        var max = options.Value.MaxBatchRows;
        if (rows.Count > max)
        {
            return ApiProblems.Problem(StatusCodes.Status413PayloadTooLarge, "Too many rows",
                $"A request can carry at most {max} actuals; this one has {rows.Count}. Split it into several requests.");
        }

        var incoming = rows.Select((r, i) => r is null
            ? new IncomingActual(i, null, null, null, null, null, null, null, false)
            : new IncomingActual(i, r.KpiId, r.KpiKey, r.Period, r.Value, r.Text, r.Comment, r.SourceSystem, r.Confirmed)).ToList();
        var result = await ingest.IngestAsync(ApiCallers.Of(http), incoming, partial ?? false, body.SourceSystem, cancellationToken);
        if (!result.Stored)
        {
            var refused = result.Refused.Select(Refused).ToList();
            var detail = partial == true
                ? $"None of the {rows.Count} rows could be stored; the reason for each is in \"refused\"."
                : $"{refused.Count} of {rows.Count} rows were refused, so nothing was stored. Fix them and send the batch again, or add ?partial=true to store the good rows.";
            return ApiProblems.Problem(StatusCodes.Status400BadRequest, "Nothing was stored", detail, new Dictionary<string, object?> { ["refused"] = refused });
        }

        return TypedResults.Ok(Response(result));
    }

    private static ActualWriteResponse Response(IngestResult result) => new(
        result.Created, result.Updated, result.Unchanged,
        [.. result.Rows.Select(r => new ActualResult(r.Index, r.KpiId, r.KpiKey, r.Period.ToString(), r.Change.ToString().ToLowerInvariant(), ScorecardsApi.Plain(r.Value), r.NoDataReason, r.Comment, r.PendingApproval))],
        [.. result.Refused.Select(Refused)]);

    private static RefusedRow Refused(RefusedActual r) => new(r.Index, r.Kpi, r.Period, Code(r.Code), r.Reason);

    private static string Code(RefusalCode code) => code switch
    {
        RefusalCode.NotFound => "not_found",
        RefusalCode.NeedsConfirmation => "needs_confirmation",
        RefusalCode.Duplicate => "duplicate",
        RefusalCode.Locked => "locked",
        _ => "invalid",
    };
}
