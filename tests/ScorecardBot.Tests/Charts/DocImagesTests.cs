using ScorecardBot.Charts;

namespace ScorecardBot.Tests.Charts;

/// <summary>
/// Renders the pictures shown in the docs from the sample scorecard. They are written to
/// docs/images only when SCORECARD_WRITE_DOC_IMAGES=1, so an ordinary test run changes no file.
/// </summary>
public sealed class DocImagesTests
{
    [Fact]
    public void Sample_pictures_render_as_valid_pngs_and_are_written_on_request()
    {
        var images = new Dictionary<string, byte[]>
        {
            ["kpi-chart.png"] = KpiChart.Render(ChartSamples.OnTimeDelivery(), ChartSize.Standard),
            ["kpi-chart-thumbnail.png"] = KpiChart.Render(ChartSamples.OnTimeDelivery(), ChartSize.Thumbnail),
            ["kpi-chart-band.png"] = KpiChart.Render(ChartSamples.WarehouseUtilisation(), ChartSize.Standard),
            ["small-multiples.png"] = SmallMultiples.Render(ChartSamples.LogisticsKpis(), columns: 4, title: "Nordlicht Logistics: KPIs, last 12 months")[0],
            ["strategy-map.png"] = StrategyMapPicture.Render(ChartSamples.LogisticsStrategyMap()),
        };

        foreach (var png in images.Values)
        {
            Assert.True(PngFile.HasSignature(png));
        }

        if (Environment.GetEnvironmentVariable("SCORECARD_WRITE_DOC_IMAGES") != "1")
        {
            return;
        }

        var folder = Path.Combine(RepositoryRoot(), "docs", "images");
        Directory.CreateDirectory(folder);
        foreach (var (name, png) in images)
        {
            File.WriteAllBytes(Path.Combine(folder, name), png);
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ScorecardBot.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("ScorecardBot.sln not found above the test output folder.");
    }
}
