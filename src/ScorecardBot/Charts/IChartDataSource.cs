namespace ScorecardBot.Charts;

/// <summary>The KPIs of one scorecard, in the order of the scorecard, to show as small multiples.</summary>
public sealed record ScorecardTrends(string ScorecardName, IReadOnlyList<KpiSeries> Kpis);

/// <summary>
/// What the chart endpoints read. Each method answers null when the thing does not exist in
/// <paramref name="organizationId"/>'s data (or at all when no organization is given); the
/// endpoint then answers 404. Implementations scope every query to the organization.
/// </summary>
public interface IChartDataSource
{
    Task<KpiSeries?> GetKpiSeriesAsync(Guid? organizationId, Guid kpiId, CancellationToken cancellationToken);

    Task<StrategyMapModel?> GetStrategyMapAsync(Guid? organizationId, Guid scorecardId, CancellationToken cancellationToken);

    /// <summary>Every KPI of a scorecard with its recent trend (12 months is what the grid is made for).</summary>
    Task<ScorecardTrends?> GetScorecardTrendsAsync(Guid? organizationId, Guid scorecardId, CancellationToken cancellationToken);
}
