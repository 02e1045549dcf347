using ScorecardBot.Charts;
using ScorecardBot.Core.Model;
using SkiaSharp;

namespace ScorecardBot.Tests.Charts;

public sealed class KpiChartTests
{
    [Theory]
    [InlineData(800, 400)]
    [InlineData(400, 200)]
    [InlineData(1200, 600)]
    public void Render_AnySize_IsPngOfThatSize(int width, int height)
    {
        var png = KpiChart.Render(ChartSamples.OnTimeDelivery(), new ChartSize(width, height));

        Assert.Equal((width, height), PngFile.HeaderSize(png));
        using var bitmap = PngFile.Decode(png);
        Assert.Equal(width, bitmap.Width);
    }

    [Theory]
    [InlineData(800, 400)]
    [InlineData(400, 200)]
    public void Markers_TakeTheColourOfTheirStatus(int width, int height)
    {
        var chart = KpiChart.Draw(ChartSamples.OnTimeDelivery(), new ChartSize(width, height));
        using var bitmap = PngFile.Decode(chart.Png);

        var filled = chart.Markers.Where(m => m.Status != Status.NoData).ToList();
        Assert.Contains(filled, m => m.Status == Status.Red);
        Assert.Contains(filled, m => m.Status == Status.Amber);
        foreach (var marker in filled)
        {
            var pixel = bitmap.GetPixel((int)Math.Round(marker.Center.X), (int)Math.Round(marker.Center.Y));
            Assert.True(
                PngFile.Near(pixel, ChartPalette.For(marker.Status)),
                $"{marker.Period} ({marker.Status}) is drawn {pixel} at {marker.Center}");
        }
    }

    [Fact]
    public void NoDataPeriod_IsAHollowGreyMarker()
    {
        var chart = KpiChart.Draw(ChartSamples.OnTimeDelivery(), ChartSize.Standard);
        using var bitmap = PngFile.Decode(chart.Png);

        var empty = Assert.Single(chart.Markers, m => m.Status == Status.NoData);
        var (cx, cy) = ((int)Math.Round(empty.Center.X), (int)Math.Round(empty.Center.Y));
        Assert.True(PngFile.Near(bitmap.GetPixel(cx, cy), SKColors.White, 10), "the centre of a no-data marker is empty");
        var ring = Enumerable.Range(3, 4).SelectMany(r => new[] { bitmap.GetPixel(cx + r, cy), bitmap.GetPixel(cx - r, cy) });
        Assert.Contains(ring, p => PngFile.Near(p, ChartPalette.NoData, 30));
    }

    [Fact]
    public void ConsecutiveActuals_AreJoined_AndANoDataPeriodBreaksTheLine()
    {
        var chart = KpiChart.Draw(ChartSamples.OnTimeDelivery(), ChartSize.Standard);
        using var bitmap = PngFile.Decode(chart.Png);
        SKColor Between(string from, string to)
        {
            var a = chart.Markers.Single(m => m.Period == Period.Parse(from)).Center;
            var b = chart.Markers.Single(m => m.Period == Period.Parse(to)).Center;
            return bitmap.GetPixel((int)((a.X + b.X) / 2), (int)((a.Y + b.Y) / 2));
        }

        Assert.True(PngFile.Near(Between("2026-03", "2026-04"), ChartPalette.ActualLine, 12));
        Assert.True(PngFile.Near(Between("2026-04", "2026-05"), SKColors.White, 6), "no line runs into the unreported month");
        Assert.True(PngFile.Near(Between("2026-05", "2026-06"), SKColors.White, 6), "nor out of it");
    }

    [Fact]
    public void WithinBandKpi_ShadesTheGreenBand()
    {
        var series = ChartSamples.WarehouseUtilisation();
        var chart = KpiChart.Draw(series, ChartSize.Standard);
        using var bitmap = PngFile.Decode(chart.Png);

        // Inside the band (80–90) but away from the line and the target at 85.
        var inBand = chart.ToPixel(0.5, 88.5);
        var outside = chart.ToPixel(0.5, 93.5);
        var shaded = bitmap.GetPixel((int)inBand.X, (int)inBand.Y);
        Assert.True(shaded.Green > shaded.Red && shaded.Green > shaded.Blue && shaded.Red < 245, $"band pixel is {shaded}");
        Assert.True(PngFile.Near(bitmap.GetPixel((int)outside.X, (int)outside.Y), SKColors.White, 6));
    }

    [Fact]
    public void Render_SameInput_SameBytes()
    {
        var first = KpiChart.Render(ChartSamples.OnTimeDelivery(), ChartSize.Standard);
        var second = KpiChart.Render(ChartSamples.OnTimeDelivery(), ChartSize.Standard);

        Assert.Equal(first, second);
    }

    public static TheoryData<string, KpiSeries> EdgeCases()
    {
        var month = Period.Month(2026, 10);
        return new TheoryData<string, KpiSeries>
        {
            { "no periods", new KpiSeries("Empty", "%", KpiFormat.Percent, Direction.HigherIsBetter, []) },
            { "only no data", new KpiSeries("Unreported", null, KpiFormat.Number, Direction.HigherIsBetter, [new(month, null, 10m, Status.NoData), new(month.Next, null, null, Status.NoData)]) },
            { "one point", new KpiSeries("Single", "EUR", KpiFormat.Currency, Direction.HigherIsBetter, [new(month, 1_250_000m, 1_200_000m, Status.Green)]) },
            { "one point without target", new KpiSeries("Single", "days", KpiFormat.Duration, Direction.LowerIsBetter, [new(month, 0m, null, Status.Green)]) },
            {
                "negative values", new KpiSeries("Net cash flow", "EUR", KpiFormat.Currency, Direction.HigherIsBetter,
                    [new(month, -120_000m, 50_000m, Status.Red), new(month.Next, -30_000m, 50_000m, Status.Red), new(month.Next.Next, 80_000m, 50_000m, Status.Green)])
            },
            {
                "quarters with a gap", new KpiSeries("Engagement", null, KpiFormat.Number, Direction.HigherIsBetter,
                    [new(Period.Quarter(2027, 1), 71m, 75m, Status.Amber), new(Period.Quarter(2027, 3), 77m, 75m, Status.Green)])
            },
            { "long name", new KpiSeries(new string('W', 200), "%", KpiFormat.Percent, Direction.WithinBand, [new(month, 50m, 50m, Status.Green) { BandLow = 45m, BandHigh = 55m }]) { Thresholds = new KpiThresholds(40m, 30m) } },
        };
    }

    [Theory]
    [MemberData(nameof(EdgeCases))]
    public void Render_EdgeCase_StillDrawsAChart(string because, KpiSeries series)
    {
        foreach (var size in new[] { ChartSize.Standard, ChartSize.Thumbnail })
        {
            var png = KpiChart.Render(series, size);
            Assert.True(PngFile.HeaderSize(png) == (size.Width, size.Height), because);
        }
    }

    [Fact]
    public void Render_MixedPeriodKinds_SaysWhy()
    {
        var series = new KpiSeries("Mixed", null, KpiFormat.Number, Direction.HigherIsBetter,
            [new(Period.Month(2026, 1), 1m, null, Status.Green), new(Period.Quarter(2026, 1), 2m, null, Status.Green)]);

        var error = Assert.Throws<ArgumentException>(() => KpiChart.Render(series, ChartSize.Standard));
        Assert.Contains("one kind", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SamePeriodTwice_NamesThePeriod()
    {
        var month = Period.Month(2026, 3);
        var series = new KpiSeries("Twice", null, KpiFormat.Number, Direction.HigherIsBetter,
            [new(month, 1m, null, Status.Green), new(month, 2m, null, Status.Green)]);

        var error = Assert.Throws<ArgumentException>(() => KpiChart.Render(series, ChartSize.Standard));
        Assert.Contains("2026-03", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(50, 400)]
    [InlineData(800, 5000)]
    public void ChartSize_OutOfRange_IsRefused(int width, int height) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ChartSize(width, height));

    [Theory]
    [InlineData(95.0, KpiFormat.Percent, "%", "95%")]
    [InlineData(1_250_000.0, KpiFormat.Currency, "EUR", "€1.25M")]
    [InlineData(-30_000.0, KpiFormat.Currency, "USD", "-$30k")]
    [InlineData(2_500.0, KpiFormat.Number, "t", "2,500")]
    [InlineData(0.85, KpiFormat.Number, null, "0.85")]
    public void TickLabels_CarryTheUnit(double value, KpiFormat format, string? unit, string expected) =>
        Assert.Equal(expected, KpiValueFormat.Tick(value, format, unit));

    [Theory]
    [InlineData(30.4, 41.0, new[] { 32.5, 35.0, 37.5, 40.0 })]
    [InlineData(-120_000.0, 80_000.0, new[] { -100_000.0, -50_000.0, 0.0, 50_000.0 })]
    [InlineData(0.78, 0.92, new[] { 0.8, 0.85, 0.9 })]
    public void SmallChartAxis_GetsRoundValues(double min, double max, double[] expected) =>
        Assert.Equal(expected, KpiPlotBuilder.RoundValues(min, max, 3));

    [Fact]
    public void MonthLabels_AreShortMonthAndYear() =>
        Assert.Equal("Oct 26", KpiValueFormat.PeriodLabel(Period.Month(2026, 10)));
}
