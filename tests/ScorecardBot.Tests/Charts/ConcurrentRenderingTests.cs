using ScorecardBot.Charts;

namespace ScorecardBot.Tests.Charts;

public sealed class ConcurrentRenderingTests
{
    [Fact]
    public async Task ChartsRenderedInParallel_AreTheSameAsOneByOne()
    {
        var kpis = ChartSamples.LogisticsKpis();
        var serial = kpis.Select(k => KpiChart.Render(k, ChartSize.Standard)).ToList();
        var map = StrategyMapPicture.Render(ChartSamples.LogisticsStrategyMap());

        var parallel = await Task.WhenAll(Enumerable.Range(0, kpis.Count * 2).Select(i => Task.Run(() =>
            i % 2 == 0 ? KpiChart.Render(kpis[i / 2], ChartSize.Standard) : StrategyMapPicture.Render(ChartSamples.LogisticsStrategyMap()))));

        for (var i = 0; i < parallel.Length; i++)
        {
            Assert.Equal(i % 2 == 0 ? serial[i / 2] : map, parallel[i]);
        }
    }
}
