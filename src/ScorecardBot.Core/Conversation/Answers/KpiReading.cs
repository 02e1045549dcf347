using ScorecardBot.Core.Model;
using ScorecardBot.Core.Scoring;

namespace ScorecardBot.Core.Conversation.Answers;

/// <summary>
/// One KPI for one period as a reader wants it: the scoring snapshot (value, target, status,
/// score, trend against the period before and a year ago), the actual as stored, the owner and
/// the owner's latest comment.
/// </summary>
internal sealed record KpiReading(Kpi Kpi, KpiSnapshot Scored, Actual? Actual, Person? Owner, Actual? LatestComment)
{
    public Period Period => Scored.Period;
    public decimal? Value => Scored.Actual;
    public Target? Target => Scored.Target;
    public Status Status => Scored.Status;
    public TrendComparison? VsPrevious => Scored.Trend.VsPrevious;
    public TrendComparison? VsLastYear => Scored.Trend.VsLastYear;

    /// <summary>
    /// Reads a KPI for a period. With no period: its latest reported one. A quarter or year for a
    /// monthly KPI means its latest reported month in it; a month that cannot be reported yet
    /// (after <paramref name="notAfter"/>) means <paramref name="notAfter"/>.
    /// </summary>
    public static KpiReading For(OrganizationSnapshot snapshot, Kpi kpi, Period? period, Period? notAfter = null)
    {
        var chosen = Choose(snapshot, kpi, period, notAfter);
        var scored = snapshot.Scored(kpi, chosen);
        return new KpiReading(kpi, scored.Scored, scored.Actual, snapshot.FindPerson(kpi.OwnerId), scored.LatestComment);
    }

    /// <summary>The KPI's actuals of its own kind, the latest first (only when the period asked for needs them).</summary>
    private static List<Actual> Reported(Kpi kpi)
    {
        var kind = kpi.Frequency == Frequency.Quarterly ? PeriodKind.Quarter : PeriodKind.Month;
        return kpi.Actuals.Where(a => a.Period.Kind == kind).OrderByDescending(a => a.Period).ToList();
    }

    private static Period Choose(OrganizationSnapshot snapshot, Kpi kpi, Period? period, Period? notAfter)
    {
        var calendar = snapshot.Locale.Calendar;
        if (period is { } p)
        {
            if (kpi.Frequency == Frequency.Monthly && p.Kind != PeriodKind.Month)
            {
                var months = calendar.MonthsIn(p);
                return Reported(kpi).FirstOrDefault(a => a.HasValue && months.Contains(a.Period))?.Period
                    ?? months.LastOrDefault(m => notAfter is null || m <= notAfter.Value, months[0]);
            }

            if (kpi.Frequency == Frequency.Quarterly && p.Kind == PeriodKind.Month)
            {
                return calendar.QuarterOf(p);
            }

            return notAfter is { } limit && p.Kind == limit.Kind && p > limit ? limit : p;
        }

        var reported = Reported(kpi);
        return reported.FirstOrDefault(a => a.HasValue)?.Period ?? reported.FirstOrDefault()?.Period ?? notAfter ?? Period.Month(2000, 1);
    }
}
