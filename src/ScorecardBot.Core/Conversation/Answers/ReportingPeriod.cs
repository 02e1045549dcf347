using ScorecardBot.Core.Conversation.Seams;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Conversation.Answers;

/// <summary>The period owners report now: last month for monthly KPIs, last fiscal quarter for quarterly ones.</summary>
internal static class ReportingPeriod
{
    public static Period For(Kpi kpi, Organization organization, DateTimeOffset now)
    {
        var today = PeriodPhrases.Today(organization, now);
        var month = Period.Month(today.Year, today.Month);
        return kpi.Frequency == Frequency.Quarterly
            ? PeriodPhrases.FiscalQuarter(today.Year, today.Month, organization.FiscalYearStartMonth).Previous
            : month.Previous;
    }

    /// <summary>The month being reported across an organization (for digests and "what's red this month").</summary>
    public static Period Month(Organization organization, DateTimeOffset now)
    {
        var today = PeriodPhrases.Today(organization, now);
        return Period.Month(today.Year, today.Month).Previous;
    }

    public static bool IsMissing(Kpi kpi, Period period) => !kpi.Actuals.Exists(a => a.Period == period);
}
