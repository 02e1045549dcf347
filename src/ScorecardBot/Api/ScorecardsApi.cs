using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;
using ScorecardBot.Core.Scoring;

namespace ScorecardBot.Api;

/// <summary>
/// Reading the scorecards: the list, one scorecard with its perspectives, objectives, links and
/// KPIs with their current status, and a KPI's series. Answered from the organization's cached
/// snapshot, the same one the chat answers from, so the API and the chat never disagree.
/// </summary>
internal static class ScorecardsApi
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/scorecards", ListAsync).WithName("ListScorecards")
            .WithSummary("The organization's scorecards with their status for the last complete month.");
        group.MapGet("/scorecards/{id}", GetAsync).WithName("GetScorecard")
            .WithSummary("One scorecard (by id or key): perspectives, objectives, links and KPIs with their current status.");
        group.MapGet("/kpis/{id}/series", SeriesAsync).WithName("GetKpiSeries")
            .WithSummary("A KPI's (by id or key) actuals, targets and status per period; from and to are period keys like 2026-01.");
    }

    internal static async Task<Ok<ScorecardListResponse>> ListAsync(HttpContext http, IScorecardReadModel readModel, TimeProvider time, CancellationToken cancellationToken)
    {
        var snapshot = await SnapshotAsync(http, readModel, cancellationToken);
        var now = time.GetUtcNow();
        var calendar = FiscalCalendar.For(snapshot.Organization);
        var summaries = snapshot.Scorecards.OrderBy(s => s.ParentScorecardId.HasValue).ThenBy(s => s.Name, StringComparer.Ordinal).Select(s =>
        {
            var rollUp = RollUpOf(snapshot, s, calendar, now);
            return new ScorecardSummary(s.Id, s.Key, s.Name, s.Description, s.ParentScorecardId, rollUp.Status.ToString(), Round(rollUp.Score), s.Kpis.Count);
        }).ToList();
        return TypedResults.Ok(new ScorecardListResponse(snapshot.Organization.Name, calendar.LastCompletePeriod(Frequency.Monthly, now).ToString(), summaries));
    }

    internal static async Task<Results<Ok<ScorecardDetail>, ProblemHttpResult>> GetAsync(
        string id, HttpContext http, IScorecardReadModel readModel, TimeProvider time, CancellationToken cancellationToken)
    {
        var snapshot = await SnapshotAsync(http, readModel, cancellationToken);
        var scorecard = Guid.TryParse(id, out var guid)
            ? snapshot.FindScorecard(guid)
            : snapshot.Scorecards.FirstOrDefault(s => string.Equals(s.Key, id, StringComparison.OrdinalIgnoreCase));
        if (scorecard is null)
        {
            return ApiProblems.NotFound($"There is no scorecard \"{id}\" in this organization. GET /api/v1/scorecards lists them.");
        }

        var now = time.GetUtcNow();
        var calendar = FiscalCalendar.For(snapshot.Organization);
        var kpis = scorecard.Kpis.ToDictionary(k => k.Id, k => KpiSnapshot.Compute(k, calendar.LastCompletePeriod(k.Frequency, now)));
        var rollUp = RollUp.Compute(scorecard, kpis.Values, snapshot.Scorecards);
        var nodes = rollUp.Descendants().GroupBy(n => n.Id).ToDictionary(g => g.Key, g => g.First());
        var perspectives = scorecard.Perspectives.OrderBy(p => p.Order).Select(p => new PerspectiveView(
            p.Id, p.Name, p.Kind.ToString(), StatusOf(nodes, p.Id), ScoreOf(nodes, p.Id),
            [.. scorecard.Objectives.Where(o => o.PerspectiveId == p.Id).OrderBy(o => o.Order).Select(o => new ObjectiveView(
                o.Id, o.Key, o.Name, snapshot.FindPerson(o.OwnerId)?.Name, StatusOf(nodes, o.Id), ScoreOf(nodes, o.Id),
                [.. scorecard.Kpis.Where(k => k.ObjectiveId == o.Id).OrderBy(k => k.Order).Select(k => KpiView(snapshot, k, kpis[k.Id]))]))])).ToList();
        var links = scorecard.Links.Select(l => new LinkView(l.CauseObjectiveId, l.EffectObjectiveId, l.Rationale)).ToList();
        return TypedResults.Ok(new ScorecardDetail(
            scorecard.Id, scorecard.Key, scorecard.Name, scorecard.Description, scorecard.ParentScorecardId,
            calendar.LastCompletePeriod(Frequency.Monthly, now).ToString(), rollUp.Status.ToString(), Round(rollUp.Score), perspectives, links));
    }

    internal static async Task<Results<Ok<SeriesResponse>, ProblemHttpResult>> SeriesAsync(
        string id, string? from, string? to, HttpContext http, IScorecardReadModel readModel, TimeProvider time, IOptions<ApiOptions> options, CancellationToken cancellationToken)
    {
        var snapshot = await SnapshotAsync(http, readModel, cancellationToken);
        var kpi = FindKpi(snapshot, id);
        if (kpi is null)
        {
            return ApiProblems.NotFound($"There is no KPI \"{id}\" in this organization. GET /api/v1/scorecards/{{id}} lists a scorecard's KPIs.");
        }

        var last = FiscalCalendar.For(snapshot.Organization).LastCompletePeriod(kpi.Frequency, time.GetUtcNow());
        var (range, problem) = ReadRange(from, to, kpi, last, options.Value.MaxPeriods);
        if (problem is not null)
        {
            return ApiProblems.BadRequest(problem);
        }

        var points = range.Select(p => Point(snapshot, kpi, p)).ToList();
        return TypedResults.Ok(new SeriesResponse(Definition(kpi), range[0].ToString(), range[^1].ToString(), points));
    }

    /// <summary>The periods from..to of the KPI's frequency; by default the twelve up to the last complete one.</summary>
    internal static (List<Period> Range, string? Problem) ReadRange(string? from, string? to, Kpi kpi, Period last, int maxPeriods)
    {
        var kind = kpi.Frequency == Frequency.Quarterly ? PeriodKind.Quarter : PeriodKind.Month;
        var example = kind == PeriodKind.Quarter ? "FY2027-Q1" : "2026-01";
        Period end = last, start = last.AddPeriods(-11);
        if (to is not null && (!Period.TryParse(to, out end) || end.Kind != kind))
        {
            return ([], $"to=\"{to}\" is not a period of {kpi.Key}, which is reported {(kind == PeriodKind.Quarter ? "per fiscal quarter" : "monthly")}: use a key like {example}.");
        }

        if (from is not null && (!Period.TryParse(from, out start) || start.Kind != kind))
        {
            return ([], $"from=\"{from}\" is not a period of {kpi.Key}, which is reported {(kind == PeriodKind.Quarter ? "per fiscal quarter" : "monthly")}: use a key like {example}.");
        }

        if (from is null && to is not null)
        {
            // Twelve periods, or fewer when they would begin before the first one that can be named.
            start = end.AddPeriods(-11);
            start = start < Period.First(kind) ? Period.First(kind) : start;
        }

        if (start > end)
        {
            return ([], $"from ({start}) is after to ({end}).");
        }

        var count = end.Ordinal - start.Ordinal + 1;
        if (count > maxPeriods)
        {
            return ([], $"{start} to {end} spans {count} periods; ask for at most {maxPeriods} at a time.");
        }

        return ([.. Enumerable.Range(0, count).Select(start.AddPeriods)], null);
    }

    internal static SeriesPoint Point(OrganizationSnapshot snapshot, Kpi kpi, Period period)
    {
        var computed = KpiSnapshot.Compute(kpi, period);
        var actual = kpi.Actuals.Where(a => a.Period == period).OrderByDescending(a => a.SubmittedAt).FirstOrDefault();
        var by = actual?.SubmittedByName ?? snapshot.FindPerson(actual?.SubmittedById)?.Name;
        return new SeriesPoint(
            period.ToString(), Plain(actual?.Value), actual?.NoDataReason, actual?.Comment, Plain(computed.TargetValue),
            computed.Status.ToString(), Round(computed.Score), actual?.Source.ToString(), actual?.SourceSystem, by, actual?.SubmittedAt);
    }

    internal static KpiView KpiView(OrganizationSnapshot snapshot, Kpi kpi, KpiSnapshot now) => new(
        kpi.Id, kpi.Key, kpi.Name, kpi.Unit, kpi.Format.ToString(), kpi.Direction.ToString(), kpi.Frequency.ToString(), kpi.FedByApi,
        snapshot.FindPerson(kpi.OwnerId)?.Name, now.Period.ToString(), Plain(now.Actual), Plain(now.TargetValue), now.Status.ToString(), Round(now.Score), now.Trend.Direction.ToString());

    internal static KpiDefinition Definition(Kpi kpi) =>
        new(kpi.Id, kpi.Key, kpi.Name, kpi.ScorecardId, kpi.Unit, kpi.Format.ToString(), kpi.Direction.ToString(), kpi.Frequency.ToString(), kpi.FedByApi);

    internal static Kpi? FindKpi(OrganizationSnapshot snapshot, string id) =>
        Guid.TryParse(id, out var guid) ? snapshot.FindKpi(guid) : snapshot.Kpis.FirstOrDefault(k => string.Equals(k.Key, id, StringComparison.OrdinalIgnoreCase));

    /// <summary>The snapshot of the calling key's organization: the only one an API call can see.</summary>
    internal static async Task<OrganizationSnapshot> SnapshotAsync(HttpContext http, IScorecardReadModel readModel, CancellationToken cancellationToken)
    {
        var caller = ApiCallers.Of(http);
        return await readModel.GetAsync(caller.OrganizationId, cancellationToken)
            ?? throw new InvalidOperationException($"The organization of API key {caller.Id} no longer exists.");
    }

    private static RollUpNode RollUpOf(OrganizationSnapshot snapshot, Scorecard scorecard, FiscalCalendar calendar, DateTimeOffset now) =>
        RollUp.Compute(scorecard, scorecard.Kpis.Select(k => KpiSnapshot.Compute(k, calendar.LastCompletePeriod(k.Frequency, now))), snapshot.Scorecards);

    private static string StatusOf(Dictionary<Guid, RollUpNode> nodes, Guid id) => (nodes.GetValueOrDefault(id)?.Status ?? Status.NoData).ToString();

    private static decimal? ScoreOf(Dictionary<Guid, RollUpNode> nodes, Guid id) => Round(nodes.GetValueOrDefault(id)?.Score);

    private static decimal? Round(decimal? score) => score is { } s ? decimal.Round(s, 2) : null;

    /// <summary>97.25 stays 97.25 whatever scale the database returned (97.250000 from numeric(20,6)), so every provider answers alike.</summary>
    internal static decimal? Plain(decimal? value) => value is { } v ? v / 1.000000000000000000000000000000000m : null;
}
