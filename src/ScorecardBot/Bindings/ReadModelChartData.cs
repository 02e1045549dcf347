using ScorecardBot.Charts;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;
using ScorecardBot.Core.Scoring;

namespace ScorecardBot.Bindings;

/// <summary>Feeds the chart endpoints from the conversation's cached organization snapshot.</summary>
internal sealed class ReadModelChartData(IScorecardReadModel readModel, TimeProvider time) : IChartDataSource
{
    private const int Months = 24;

    public async Task<KpiSeries?> GetKpiSeriesAsync(Guid? organizationId, Guid kpiId, CancellationToken cancellationToken)
    {
        if (organizationId is not { } org || await readModel.GetAsync(org, cancellationToken) is not { } snapshot)
        {
            return null;
        }

        return snapshot.FindKpi(kpiId) is { } kpi ? SeriesOf(FiscalCalendar.For(snapshot.Organization), kpi, Months) : null;
    }

    public async Task<StrategyMapModel?> GetStrategyMapAsync(Guid? organizationId, Guid scorecardId, CancellationToken cancellationToken)
    {
        if (organizationId is not { } org || await readModel.GetAsync(org, cancellationToken) is not { } snapshot ||
            snapshot.FindScorecard(scorecardId) is not { } scorecard)
        {
            return null;
        }

        var calendar = FiscalCalendar.For(snapshot.Organization);
        var month = calendar.LastCompletePeriod(Frequency.Monthly, time);
        var snapshots = scorecard.Kpis.Select(k => KpiSnapshot.Compute(k, calendar.ForFrequency(month, k.Frequency))).ToList();
        var teams = snapshot.Scorecards.Where(s => s.ParentScorecardId is not null).ToList();
        var rollUp = RollUp.Compute(scorecard, snapshots, teams);
        var objectives = rollUp.Descendants().Where(n => n.Level == RollUpLevel.Objective).ToDictionary(n => n.Id);

        var perspectives = scorecard.Perspectives.OrderBy(p => p.Order).Select(p => new MapPerspective(
            p.Name,
            p.Kind,
            [.. scorecard.Objectives.Where(o => o.PerspectiveId == p.Id).OrderBy(o => o.Order).Select(o =>
                objectives.TryGetValue(o.Id, out var node)
                    ? new MapObjective(o.Id, o.Name, node.Status, node.Score is { } s ? Math.Round(s * 10m) : null)
                    : new MapObjective(o.Id, o.Name, Status.NoData))])).ToList();
        var links = scorecard.Links.Select(l => new MapLink(l.CauseObjectiveId, l.EffectObjectiveId)).ToList();
        return new StrategyMapModel($"{scorecard.Name}: strategy map", perspectives, links) { Subtitle = calendar.Label(month) };
    }

    public async Task<ScorecardTrends?> GetScorecardTrendsAsync(Guid? organizationId, Guid scorecardId, CancellationToken cancellationToken)
    {
        if (organizationId is not { } org || await readModel.GetAsync(org, cancellationToken) is not { } snapshot ||
            snapshot.FindScorecard(scorecardId) is not { } scorecard)
        {
            return null;
        }

        var calendar = FiscalCalendar.For(snapshot.Organization);
        return new ScorecardTrends(scorecard.Name, [.. scorecard.Kpis.OrderBy(k => k.Order).Select(k => SeriesOf(calendar, k, 12))]);
    }

    private KpiSeries SeriesOf(FiscalCalendar calendar, Kpi kpi, int months)
    {
        var last = calendar.ForFrequency(calendar.LastCompletePeriod(Frequency.Monthly, time), kpi.Frequency);
        var count = kpi.Frequency == Frequency.Quarterly ? months / 3 : months;
        var points = Enumerable.Range(0, count).Select(i => last.AddPeriods(i - count + 1)).Select(period =>
        {
            var s = KpiSnapshot.Compute(kpi, period);
            return new KpiPoint(period, s.Actual, s.TargetValue, s.Status) { BandLow = s.Target?.BandLow, BandHigh = s.Target?.BandHigh };
        }).ToList();
        return new KpiSeries(kpi.Name, kpi.Unit, kpi.Format, kpi.Direction, points) { Decimals = kpi.Decimals };
    }
}
