namespace ScorecardBot.Core.Conversation;

/// <summary>
/// Where the pictures of charts are. The host serves them and may sign the links; the
/// conversation only puts the links into its messages.
/// </summary>
public interface IChartLinks
{
    /// <summary>Absolute URL of a KPI's trend chart (served at /charts/kpi/{id}.png).</summary>
    string KpiChart(Guid organizationId, Guid kpiId);

    /// <summary>Absolute URL of a scorecard's strategy map picture, or null when there is none.</summary>
    string? StrategyMap(Guid organizationId, Guid scorecardId);
}

/// <summary>Unsigned links under <see cref="ConversationOptions.PublicBaseUrl"/>.</summary>
internal sealed class PlainChartLinks(ConversationOptions options) : IChartLinks
{
    public string KpiChart(Guid organizationId, Guid kpiId) => options.ChartUrl(kpiId);

    public string? StrategyMap(Guid organizationId, Guid scorecardId) =>
        $"{options.PublicBaseUrl.AbsoluteUri.TrimEnd('/')}/charts/map/{scorecardId}.png";
}
