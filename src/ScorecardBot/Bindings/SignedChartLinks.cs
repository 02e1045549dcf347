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
