using ScorecardBot.Charts;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Tests.Charts;

public sealed class SmallMultiplesTests
{
    private static List<KpiSeries> Many(int count) =>
        Enumerable.Range(0, count)
            .Select(i => ChartSamples.Series($"KPI {i + 1}", KpiFormat.Number, "units", Direction.HigherIsBetter, 100 + i, (i % 5 - 2) * 0.1, seed: i))
            .ToList();

    [Fact]
    public void Render_FortySeries_SplitsIntoPagesOfAtMostTheMaximum()
    {
        var pages = SmallMultiples.Render(Many(40), columns: 4, title: "All KPIs");

        Assert.Equal(3, pages.Count);
        var width = (2 * SmallMultiples.Margin) + (4 * SmallMultiples.CellWidth) + (3 * SmallMultiples.Gap);
        Assert.Equal(width, PngFile.HeaderSize(pages[0]).Width);
        Assert.True(PngFile.HeaderSize(pages[2]).Height < PngFile.HeaderSize(pages[0]).Height, "the last page holds only 8 cells");
    }

    [Fact]
    public void EachCell_IsMarkedWithItsLatestStatus()
    {
        var series = ChartSamples.LogisticsKpis().Take(8).ToList();
        var png = Assert.Single(SmallMultiples.Render(series, columns: 4));
        using var bitmap = PngFile.Decode(png);

        for (var i = 0; i < series.Count; i++)
        {
            var cell = SmallMultiples.CellRect(i, 4, hasHeader: false);
            var stripe = bitmap.GetPixel((int)cell.Left + 2, (int)cell.MidY);
            Assert.True(PngFile.Near(stripe, ChartPalette.For(series[i].LatestStatus), 8), $"{series[i].Name}: stripe is {stripe}");
        }

        Assert.Contains(series, s => s.LatestStatus == Status.Red);
        Assert.Contains(series, s => s.LatestStatus == Status.Green);
    }

    [Fact]
    public void Render_OneSeries_IsOneCellWide()
    {
        var png = Assert.Single(SmallMultiples.Render([ChartSamples.OnTimeDelivery()], columns: 4));

        Assert.Equal((2 * SmallMultiples.Margin) + SmallMultiples.CellWidth, PngFile.HeaderSize(png).Width);
    }

    [Fact]
    public void Render_NoSeries_GivesOnePictureSayingSo()
    {
        var png = Assert.Single(SmallMultiples.Render([], columns: 3, title: "Red KPIs"));

        Assert.True(PngFile.HasSignature(png));
    }

    [Fact]
    public void Render_SameInput_SameBytes() =>
        Assert.Equal(SmallMultiples.Render(Many(6), 3)[0], SmallMultiples.Render(Many(6), 3)[0]);

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    public void Render_ColumnsOutOfRange_IsRefused(int columns) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SmallMultiples.Render(Many(2), columns));

    [Theory]
    [InlineData(1, 16)]
    [InlineData(3, 15)]
    [InlineData(4, 16)]
    [InlineData(6, 12)]
    public void PageSize_IsWholeRowsWithinTheMaximum(int columns, int perPage) =>
        Assert.Equal(perPage, SmallMultiples.PerPage(columns));
}
