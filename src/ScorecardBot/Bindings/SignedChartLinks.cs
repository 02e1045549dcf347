using Microsoft.Extensions.Options;
using ScorecardBot.Charts;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Hosting;

namespace ScorecardBot.Bindings;

/// <summary>Chart links in messages: absolute, signed and expiring, so only people who got the message can open them.</summary>
internal sealed class SignedChartLinks(ChartUrlSigner signer, IOptions<BotOptions> options) : IChartLinks
{
    private string Base => options.Value.PublicBaseUrl.TrimEnd('/');

    public string KpiChart(Guid organizationId, Guid kpiId) => Base + signer.KpiChartUrl(organizationId, kpiId);

    public string? StrategyMap(Guid organizationId, Guid scorecardId) => Base + signer.StrategyMapUrl(organizationId, scorecardId);
}

/// <summary>The digest's chart: the scorecard's KPIs as small multiples, at a signed, expiring link.</summary>
internal sealed class SignedDigestCharts(ChartUrlSigner signer, IOptions<BotOptions> options) : Scheduling.IDigestCharts
{
    public string ScorecardTrends(Guid organizationId, Guid scorecardId) =>
        options.Value.PublicBaseUrl.TrimEnd('/') + signer.SmallMultiplesUrl(organizationId, scorecardId);
}
