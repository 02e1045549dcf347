using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;

namespace ScorecardBot.Core.Scoring;

/// <summary>
/// "Carry last year's targets forward": each target a KPI has inside the previous fiscal year (the
/// year's own, its quarters', its months') is copied, thresholds and band included, to the same
/// period one year later, unless that period has a target already. Both stores use it, so the
/// copy is the same in the database and in memory.
/// </summary>
public static class TargetCarry
{
    /// <summary>The new targets for <paramref name="fiscalYear"/> from the explicit targets in <paramref name="targets"/> (never inherited copies).</summary>
    public static IReadOnlyList<Target> Plan(Kpi kpi, IReadOnlyCollection<Target> targets, Period fiscalYear, FiscalCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(kpi);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(calendar);
        if (fiscalYear.Kind != PeriodKind.Year)
        {
            throw new ArgumentException($"Targets are carried forward to a fiscal year, not to {fiscalYear}.", nameof(fiscalYear));
        }

        var lastYear = fiscalYear.Previous;
        var taken = targets.Select(t => t.Period).ToHashSet();
        var result = new List<Target>();
        foreach (var target in targets.Where(t => t.Period == lastYear || (t.Period.Kind != PeriodKind.Year && calendar.Contains(lastYear, t.Period))).OrderBy(t => t.Period))
        {
            var period = target.Period.Kind switch
            {
                PeriodKind.Month => target.Period.AddPeriods(12),
                PeriodKind.Quarter => Period.Quarter(target.Period.Year + 1, target.Period.Number),
                _ => fiscalYear,
            };
            if (!taken.Add(period))
            {
                continue;
            }

            result.Add(new Target
            {
                OrganizationId = kpi.OrganizationId,
                KpiId = kpi.Id,
                Period = period,
                Value = target.Value,
                BandLow = target.BandLow,
                BandHigh = target.BandHigh,
                ThresholdStyle = target.ThresholdStyle,
                Amber = target.Amber,
                Red = target.Red,
            });
        }

        return result;
    }
}
