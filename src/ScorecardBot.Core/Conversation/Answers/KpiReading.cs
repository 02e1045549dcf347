using ScorecardBot.Core.Conversation.Seams;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Conversation.Answers;

/// <summary>
/// One KPI for one period, with what a reader wants next to the number: target, status, the
/// period before and the same period a year ago, owner and the owner's latest comment.
/// </summary>
internal sealed record KpiReading(
    Kpi Kpi,
    Period Period,
    Actual? Actual,
    Target? Target,
    Status Status,
    Actual? Previous,
    TrendDirection VsPrevious,
    Actual? LastYear,
    TrendDirection VsLastYear,
    Person? Owner,
    Actual? LatestComment)
{
    public decimal? Value => Actual?.Value;

    /// <summary>
    /// Reads a KPI for a period. With no period: its latest reported one. A quarter for a monthly
    /// KPI means the quarter's latest reported month.
    /// </summary>
    public static KpiReading For(OrganizationSnapshot snapshot, Kpi kpi, Period? period, IKpiStatusEvaluator status, Period? notAfter = null)
    {
        var reported = kpi.Actuals.Where(a => a.Period.Kind == (kpi.Frequency == Frequency.Quarterly ? PeriodKind.Quarter : PeriodKind.Month))
            .OrderByDescending(a => a.Period).ToList();
        var chosen = Choose(snapshot, kpi, period, reported, notAfter);
        var actual = reported.FirstOrDefault(a => a.Period == chosen);
        var target = kpi.Targets.Where(t => t.Period == chosen).FirstOrDefault();
        var previous = reported.FirstOrDefault(a => a.Period == chosen.Previous);
        var lastYear = reported.FirstOrDefault(a => a.Period == chosen.SameLastYear);
        var comment = reported.FirstOrDefault(a => a.Period <= chosen && !string.IsNullOrWhiteSpace(a.Comment));
        return new KpiReading(
            kpi,
            chosen,
            actual,
            target,
            status.StatusOf(kpi, target, actual?.Value),
            previous,
            status.TrendOf(kpi, actual?.Value, previous?.Value),
            lastYear,
            status.TrendOf(kpi, actual?.Value, lastYear?.Value),
            snapshot.FindPerson(kpi.OwnerId),
            comment);
    }

    private static Period Choose(OrganizationSnapshot snapshot, Kpi kpi, Period? period, List<Actual> reported, Period? notAfter)
    {
        var monthly = kpi.Frequency == Frequency.Monthly;
        if (period is { } p)
        {
            if (monthly && p.Kind == PeriodKind.Quarter)
            {
                var months = PeriodPhrases.MonthsOf(p, snapshot.Organization.FiscalYearStartMonth).ToList();
                return reported.FirstOrDefault(a => months.Contains(a.Period) && a.HasValue)?.Period
                    ?? months.LastOrDefault(m => notAfter is null || m <= notAfter.Value, months[0]);
            }

            if (monthly && p.Kind == PeriodKind.Year)
            {
                return reported.FirstOrDefault(a => a.HasValue && PeriodPhrases.FiscalQuarter(a.Period.Year, a.Period.Number, snapshot.Organization.FiscalYearStartMonth).Year == p.Year)?.Period
                    ?? reported.FirstOrDefault()?.Period ?? p;
            }

            // A month that cannot be reported yet ("this month") means the month being reported now.
            return notAfter is { } limit && p.Kind == limit.Kind && p > limit ? limit : p;
        }

        return reported.FirstOrDefault(a => a.HasValue)?.Period ?? reported.FirstOrDefault()?.Period ?? Period.Month(2000, 1);
    }
}
