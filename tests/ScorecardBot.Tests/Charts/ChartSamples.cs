using ScorecardBot.Charts;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Tests.Charts;

/// <summary>Realistic inputs: a logistics company's scorecard, used by the tests and the docs images.</summary>
internal static class ChartSamples
{
    public static readonly Period LastMonth = Period.Month(2026, 10);

    /// <summary>On-time delivery over 24 months, target 95 % then 96 %, a red patch in spring 2026 and one month unreported.</summary>
    public static KpiSeries OnTimeDelivery()
    {
        decimal?[] actuals =
        [
            93.1m, 94.0m, 94.8m, 95.6m, 96.2m, 95.9m, 95.1m, 94.6m, 95.4m, 96.0m, 96.8m, 96.5m,
            95.7m, 95.2m, 93.4m, 90.8m, 89.6m, 91.9m, null, 94.3m, 95.6m, 96.4m, 96.9m, 97.2m,
        ];
        var start = LastMonth.AddPeriods(-(actuals.Length - 1));
        var points = actuals.Select((a, i) =>
        {
            var period = start.AddPeriods(i);
            var target = period.Year >= 2026 ? 96m : 95m;
            return new KpiPoint(period, a, target, StatusOf(a, target, amberBelow: 0.985m, redBelow: 0.96m));
        }).ToList();
        return new KpiSeries("On-time delivery", "%", KpiFormat.Percent, Direction.HigherIsBetter, points) { Decimals = 1 };
    }

    /// <summary>A within-band KPI: warehouse utilisation, green between 80 and 90 %.</summary>
    public static KpiSeries WarehouseUtilisation(int months = 12)
    {
        var points = Enumerable.Range(0, months).Select(i =>
        {
            var period = LastMonth.AddPeriods(i - months + 1);
            decimal value = 84m + (decimal)(Math.Sin(i * 0.9) * 6.5);
            var status = value is >= 80m and <= 90m ? Status.Green : value is >= 77m and <= 93m ? Status.Amber : Status.Red;
            return new KpiPoint(period, Math.Round(value, 1), 85m, status) { BandLow = 80m, BandHigh = 90m };
        }).ToList();
        return new KpiSeries("Warehouse utilisation", "%", KpiFormat.Percent, Direction.WithinBand, points);
    }

    public static KpiSeries Series(string name, KpiFormat format, string? unit, Direction direction, double baseValue, double drift, int months = 12, int seed = 1)
    {
        var random = new Random(seed);
        var points = Enumerable.Range(0, months).Select(i =>
        {
            var period = LastMonth.AddPeriods(i - months + 1);
            var value = baseValue * (1 + (drift * i / months) + ((random.NextDouble() - 0.5) * 0.06));
            var target = baseValue * 1.02;
            var ratio = direction == Direction.LowerIsBetter ? target / value : value / target;
            var status = ratio >= 0.98 ? Status.Green : ratio >= 0.93 ? Status.Amber : Status.Red;
            return new KpiPoint(period, (decimal)Math.Round(value, 2), (decimal)Math.Round(target, 2), status);
        }).ToList();
        return new KpiSeries(name, unit, format, direction, points);
    }

    public static IReadOnlyList<KpiSeries> LogisticsKpis() =>
    [
        OnTimeDelivery() with { Points = OnTimeDelivery().Points.TakeLast(12).ToList() },
        Series("Revenue", KpiFormat.Currency, "EUR", Direction.HigherIsBetter, 4_200_000, 0.08, seed: 2),
        Series("Operating margin", KpiFormat.Percent, "%", Direction.HigherIsBetter, 7.8, -0.12, seed: 3),
        Series("Cost per shipment", KpiFormat.Currency, "EUR", Direction.LowerIsBetter, 41.5, 0.1, seed: 4),
        Series("Customer retention", KpiFormat.Percent, "%", Direction.HigherIsBetter, 91, 0.01, seed: 5),
        Series("Net promoter score", KpiFormat.Number, null, Direction.HigherIsBetter, 38, -0.15, seed: 6),
        Series("Damaged shipments", KpiFormat.Percent, "%", Direction.LowerIsBetter, 0.8, 0.2, seed: 7),
        WarehouseUtilisation(),
        Series("Average dock-to-stock time", KpiFormat.Duration, "hours", Direction.LowerIsBetter, 6.5, -0.1, seed: 9),
        Series("Driver turnover", KpiFormat.Percent, "%", Direction.LowerIsBetter, 14, 0.05, seed: 10),
        Series("Training hours per employee", KpiFormat.Number, "h", Direction.HigherIsBetter, 3.2, 0.2, seed: 11),
        Series("CO2 per tonne-km", KpiFormat.Number, "g", Direction.LowerIsBetter, 62, -0.06, seed: 12),
    ];

    public static StrategyMapModel LogisticsStrategyMap()
    {
        var growRevenue = new MapObjective(Guid.Parse("00000000-0000-0000-0000-000000000001"), "Grow revenue from contract logistics", Status.Green, 82);
        var improveMargin = new MapObjective(Guid.Parse("00000000-0000-0000-0000-000000000002"), "Improve operating margin", Status.Amber, 64);
        var retain = new MapObjective(Guid.Parse("00000000-0000-0000-0000-000000000003"), "Retain key accounts", Status.Green, 88);
        var reliable = new MapObjective(Guid.Parse("00000000-0000-0000-0000-000000000004"), "Be the most reliable carrier in the region", Status.Red, 41);
        var winSegments = new MapObjective(Guid.Parse("00000000-0000-0000-0000-000000000005"), "Win e-commerce fulfilment customers", Status.Amber, 58);
        var onTime = new MapObjective(Guid.Parse("00000000-0000-0000-0000-000000000006"), "Deliver on time, every time", Status.Red, 38);
        var routes = new MapObjective(Guid.Parse("00000000-0000-0000-0000-000000000007"), "Optimise routes and fleet utilisation", Status.Green, 79);
        var damage = new MapObjective(Guid.Parse("00000000-0000-0000-0000-000000000008"), "Reduce damaged and lost shipments", Status.Amber, 61);
        var drivers = new MapObjective(Guid.Parse("00000000-0000-0000-0000-000000000009"), "Keep and develop skilled drivers", Status.Amber, 55);
        var telematics = new MapObjective(Guid.Parse("00000000-0000-0000-0000-00000000000a"), "Roll out real-time telematics", Status.NoData);

        return new StrategyMapModel(
            "Nordlicht Logistics: strategy map",
            [
                new MapPerspective("Financial", PerspectiveKind.Financial, [growRevenue, improveMargin]),
                new MapPerspective("Customer", PerspectiveKind.Customer, [retain, reliable, winSegments]),
                new MapPerspective("Internal Process", PerspectiveKind.InternalProcess, [onTime, routes, damage]),
                new MapPerspective("Learning & Growth", PerspectiveKind.LearningAndGrowth, [drivers, telematics]),
            ],
            [
                new MapLink(retain.Id, growRevenue.Id),
                new MapLink(winSegments.Id, growRevenue.Id),
                new MapLink(reliable.Id, retain.Id),
                new MapLink(routes.Id, improveMargin.Id),
                new MapLink(onTime.Id, reliable.Id),
                new MapLink(damage.Id, reliable.Id),
                new MapLink(routes.Id, onTime.Id),
                new MapLink(drivers.Id, onTime.Id),
                new MapLink(drivers.Id, damage.Id),
                new MapLink(telematics.Id, routes.Id),
                new MapLink(telematics.Id, winSegments.Id),
            ])
        {
            Subtitle = "October 2026",
        };
    }

    private static Status StatusOf(decimal? actual, decimal target, decimal amberBelow, decimal redBelow) =>
        actual is not { } a ? Status.NoData
        : a >= target * amberBelow ? Status.Green
        : a >= target * redBelow ? Status.Amber
        : Status.Red;
}
