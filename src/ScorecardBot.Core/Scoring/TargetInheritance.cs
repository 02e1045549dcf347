using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;

namespace ScorecardBot.Core.Scoring;

/// <summary>
/// Targets are often set once a fiscal year or quarter ("FY2027: 95 %") and overridden for single
/// months. A KPI's target for a period is the most specific one that covers it: the period's own,
/// else its fiscal quarter's, else its fiscal year's. The status rules look targets up by exact
/// period, so the read model fills in the inherited ones for the KPI's reporting periods.
/// </summary>
public static class TargetInheritance
{
    /// <summary>The target that applies to <paramref name="period"/>, or null when none covers it.</summary>
    public static Target? For(IReadOnlyCollection<Target> targets, Period period, FiscalCalendar calendar)
    {
        var exact = targets.FirstOrDefault(t => t.Period == period);
        if (exact is not null || period.Kind == PeriodKind.Year)
        {
            return exact;
        }

        if (period.Kind == PeriodKind.Month)
        {
            var quarter = calendar.QuarterOf(period);
            var byQuarter = targets.FirstOrDefault(t => t.Period == quarter);
            if (byQuarter is not null)
            {
                return byQuarter;
            }
        }

        var year = calendar.FiscalYearOf(period);
        return targets.FirstOrDefault(t => t.Period == year);
    }

    /// <summary>
    /// Adds to <see cref="Kpi.Targets"/> a copy of the inherited target for every reporting period
    /// of the KPI's frequency that a quarter or year target covers and no own target does. The
    /// copies carry the period they apply to; they are for reading and are never saved.
    /// </summary>
    public static void Expand(Kpi kpi, FiscalCalendar calendar)
    {
        var wide = kpi.Targets.Where(t => t.Period.Kind != KpiPeriodKind(kpi)).ToList();
        if (wide.Count == 0)
        {
            return;
        }

        var own = kpi.Targets.Where(t => t.Period.Kind == KpiPeriodKind(kpi)).Select(t => t.Period).ToHashSet();
        var covered = new SortedSet<Period>();
        foreach (var target in wide)
        {
            foreach (var month in calendar.MonthsIn(target.Period))
            {
                covered.Add(kpi.Frequency == Frequency.Quarterly ? calendar.QuarterOf(month) : month);
            }
        }

        foreach (var period in covered)
        {
            if (own.Contains(period) || For(kpi.Targets, period, calendar) is not { } inherited)
            {
                continue;
            }

            kpi.Targets.Add(new Target
            {
                Id = Guid.NewGuid(),
                OrganizationId = inherited.OrganizationId,
                KpiId = kpi.Id,
                Period = period,
                Value = inherited.Value,
                BandLow = inherited.BandLow,
                BandHigh = inherited.BandHigh,
                ThresholdStyle = inherited.ThresholdStyle,
                Amber = inherited.Amber,
                Red = inherited.Red,
                Version = inherited.Version,
            });
        }
    }

    private static PeriodKind KpiPeriodKind(Kpi kpi) => kpi.Frequency == Frequency.Quarterly ? PeriodKind.Quarter : PeriodKind.Month;
}
