using System.Globalization;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Scoring;
using ScorecardBot.Core.Values;

namespace ScorecardBot.Core.Review;

/// <summary>
/// The strategy map read backwards for a red lagging KPI: the leading KPIs of the objectives that
/// cause its objective (the map's cause→effect links), each with how it moved — "retention is red;
/// on-time delivery, its driver, fell 3 months in a row (96.0 % → 88.0 %)".
/// </summary>
internal static class StrategyDrivers
{
    /// <summary>How far back a run of moves is followed.</summary>
    private const int MaxRun = 12;

    /// <summary>The drivers shown under one red KPI, the worst first; a digest is read in a minute.</summary>
    internal const int MaxDrivers = 3;

    public static IReadOnlyList<string> For(Scorecard scorecard, KpiSnapshot red, IReadOnlyList<KpiSnapshot> snapshots, ValueFormatter formatter, CultureInfo culture)
    {
        if (red.Indicator != IndicatorType.Lagging)
        {
            return [];
        }

        var causes = scorecard.Links.Where(l => l.EffectObjectiveId == red.ObjectiveId).Select(l => l.CauseObjectiveId).ToHashSet();
        var drivers = scorecard.Kpis
            .Where(k => k.Indicator == IndicatorType.Leading && k.Id != red.KpiId && causes.Contains(k.ObjectiveId))
            .OrderBy(k => k.Order).ThenBy(k => k.Name, StringComparer.Ordinal)
            .ToList();
        var byId = snapshots.ToDictionary(s => s.KpiId);
        var worstFirst = drivers
            .OrderBy(k => byId.TryGetValue(k.Id, out var d) ? Severity(d.Status) : Severity(Status.NoData))
            .ThenBy(k => k.Order).ThenBy(k => k.Name, StringComparer.Ordinal)
            .ToList();
        var lines = new List<string>();
        foreach (var driver in worstFirst.Take(MaxDrivers))
        {
            var period = byId.TryGetValue(driver.Id, out var s) ? s.Period : red.Period;
            var status = s is null ? null : ReviewText.StatusWord(s.Status);
            var movement = Movement(driver, period, formatter, culture);
            var state = status is null or "no data" ? movement : $"is {status} and {movement}";
            lines.Add($"{red.Name} is red; {Lower(driver.Name)}, its driver, {state}.");
        }

        if (worstFirst.Count > MaxDrivers)
        {
            lines.Add($"… and {worstFirst.Count - MaxDrivers} more leading KPIs drive it.");
        }

        return lines;
    }

    /// <summary>Red drivers first, then amber, then those without a value, then green.</summary>
    private static int Severity(Status status) => status switch
    {
        Status.Red => 0,
        Status.Amber => 1,
        Status.NoData => 2,
        _ => 3,
    };

    /// <summary>"fell 3 months in a row (96.0 % → 88.0 %)", "rose since Sep (…)", "held at 93.0 %", "has no value for Oct 2026".</summary>
    internal static string Movement(Kpi kpi, Period period, ValueFormatter formatter, CultureInfo culture)
    {
        var series = Trend.SeriesOf(kpi.Actuals);
        if (!series.TryGetValue(period, out var last))
        {
            return $"has no value for {Label(period, culture)}";
        }

        var points = new List<(Period Period, decimal Value)> { (period, last) };
        for (var p = period.Previous; points.Count <= MaxRun && series.TryGetValue(p, out var v); p = p.Previous)
        {
            points.Add((p, v));
        }

        if (points.Count == 1)
        {
            return $"was {formatter.Format(last, kpi)}, with nothing earlier to compare";
        }

        var sign = Math.Sign(points[0].Value - points[1].Value);
        if (sign == 0)
        {
            return $"held at {formatter.Format(last, kpi)}";
        }

        var run = 1;
        while (run + 1 < points.Count && Math.Sign(points[run].Value - points[run + 1].Value) == sign)
        {
            run++;
        }

        var verb = sign < 0 ? "fell" : "rose";
        var unit = period.Kind == PeriodKind.Quarter ? "quarters" : "months";
        var span = run == 1 ? $"since {Label(points[1].Period, culture)}" : $"{run} {unit} in a row";
        return $"{verb} {span} ({formatter.Format(points[run].Value, kpi)} → {formatter.Format(last, kpi)})";
    }

    private static string Label(Period period, CultureInfo culture) => period.Kind == PeriodKind.Month
        ? new DateTime(period.Year, period.Number, 1).ToString("MMM", culture)
        : period.ToString();

    /// <summary>KPI names read inside a sentence: "Customer retention" → "customer retention", but "NPS" and "OEE" stay.</summary>
    private static string Lower(string name) =>
        name.Length > 1 && char.IsUpper(name[0]) && !char.IsUpper(name[1]) ? char.ToLowerInvariant(name[0]) + name[1..] : name;
}
