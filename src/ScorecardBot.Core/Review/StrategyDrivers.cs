using System.Globalization;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Scoring;

namespace ScorecardBot.Core.Review;

/// <summary>
/// The strategy map read backwards for a red lagging KPI: the leading KPIs of the objectives that
/// cause its objective (the map's cause→effect links), each with how it moved, in the words every
/// trend is told in (<see cref="TrendText"/>) — "retention is red; on-time delivery, its driver, is
/// amber and getting worse: fell 3 months in a row (-8.0 pts since Jul 2026)".
/// </summary>
internal static class StrategyDrivers
{
    /// <summary>The drivers shown under one red KPI, the worst first; a digest is read in a minute.</summary>
    internal const int MaxDrivers = 3;

    public static IReadOnlyList<string> For(Scorecard scorecard, KpiSnapshot red, IReadOnlyList<KpiSnapshot> snapshots, TrendText trends, CultureInfo culture)
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
            var s = byId.TryGetValue(driver.Id, out var found) ? found : KpiSnapshot.Compute(driver, red.Period);
            lines.Add($"{red.Name} is red; {Lower(driver.Name)}, its driver, {State(s, trends, culture)}.");
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

    /// <summary>"is amber and getting worse: fell 3 months in a row (-8.0 pts since Jul 2026)", "has no value for Oct 2026".</summary>
    internal static string State(KpiSnapshot s, TrendText trends, CultureInfo culture)
    {
        if (s.Actual is null)
        {
            return $"has no value for {Label(s.Period, culture)}";
        }

        var clause = trends.Clause(s);
        var joint = s.Trend.Direction == TrendDirection.Unknown ? "; " : " and ";
        return s.Status == Status.NoData ? $"was {trends.Value(s.Actual.Value, s)}{joint}{clause}" : $"is {ReviewText.StatusWord(s.Status)}{joint}{clause}";
    }

    private static string Label(Period period, CultureInfo culture) => period.Kind == PeriodKind.Month
        ? Periods.MonthText.Of(period, culture)
        : period.ToString();

    /// <summary>KPI names read inside a sentence: "Customer retention" → "customer retention", but "NPS" and "OEE" stay.</summary>
    private static string Lower(string name) =>
        name.Length > 1 && char.IsUpper(name[0]) && !char.IsUpper(name[1]) ? char.ToLowerInvariant(name[0]) + name[1..] : name;
}
