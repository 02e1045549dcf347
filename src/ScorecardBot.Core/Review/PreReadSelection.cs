using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;
using ScorecardBot.Core.Scoring;

namespace ScorecardBot.Core.Review;

/// <summary>Why a KPI's owner is asked for a pre-read.</summary>
public enum PreReadReason
{
    Red = 0,
    AmberWorsening = 1,
    LikelyToMiss = 2,
}

/// <summary>A KPI its owner presents in the review, why, and the forecast that misses when that is the reason.</summary>
public sealed record PreReadItem(Kpi Kpi, KpiSnapshot Snapshot, PreReadReason Reason, KpiForecast? Forecast = null);

/// <summary>
/// Which KPIs of a review need a presenter's pre-read: red ones, amber ones that got worse (the
/// trend's one judgement), and those whose forecast for the fiscal year or the running quarter is
/// likely short of its target (the digest's "Likely to miss"). The same rule picks the owners the
/// pre-read goes to and the KPIs the agenda lists as "no pre-read" when nobody answered.
/// </summary>
public static class PreReadSelection
{
    /// <summary>The KPIs of the review of <paramref name="period"/> that need a pre-read.</summary>
    public static IReadOnlyList<PreReadItem> For(Scorecard scorecard, Period period, FiscalCalendar calendar) =>
        For(scorecard, ReviewText.Snapshots(scorecard, period, calendar), calendar);

    public static IReadOnlyList<PreReadItem> For(Scorecard scorecard, IReadOnlyList<KpiSnapshot> snapshots, FiscalCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(scorecard);
        var kpis = scorecard.Kpis.ToDictionary(k => k.Id);
        var items = new List<PreReadItem>();
        foreach (var s in snapshots.Where(s => kpis.ContainsKey(s.KpiId)))
        {
            var kpi = kpis[s.KpiId];
            if (s.Status == Status.Red)
            {
                items.Add(new PreReadItem(kpi, s, PreReadReason.Red));
            }
            else if (s.Status == Status.Amber && s.Trend.Direction == TrendDirection.Worsening)
            {
                items.Add(new PreReadItem(kpi, s, PreReadReason.AmberWorsening));
            }
            else if (s.Reported && LikelyShort(kpi, s, calendar) is { } forecast)
            {
                items.Add(new PreReadItem(kpi, s, PreReadReason.LikelyToMiss, forecast));
            }
        }

        return items;
    }

    /// <summary>The forecast of the fiscal year, else of the running quarter, that is likely short of its target.</summary>
    internal static KpiForecast? LikelyShort(Kpi kpi, KpiSnapshot s, FiscalCalendar calendar)
    {
        var through = s.Trend.Window?.To ?? s.Period;
        return Forecast.PeriodsAhead(kpi, through, calendar)
            .Select(p => Forecast.For(kpi, p, through, calendar))
            .Where(f => f.Verdict == ForecastVerdict.LikelyShort)
            .OrderByDescending(f => f.Period.Kind)
            .FirstOrDefault();
    }
}
