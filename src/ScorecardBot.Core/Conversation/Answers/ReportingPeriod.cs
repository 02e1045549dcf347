using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Conversation.Answers;

/// <summary>The period owners report now: the last complete month, or fiscal quarter for quarterly KPIs.</summary>
internal static class ReportingPeriod
{
    public static Period For(Kpi kpi, OrganizationSnapshot snapshot, DateTimeOffset now) =>
        snapshot.Locale.Calendar.LastCompletePeriod(kpi.Frequency, now);

    /// <summary>The month being reported across an organization (for digests and "what's red this month").</summary>
    public static Period Month(OrganizationSnapshot snapshot, DateTimeOffset now) =>
        snapshot.Locale.Calendar.LastCompletePeriod(Frequency.Monthly, now);

    public static bool IsMissing(Kpi kpi, Period period) => !kpi.Actuals.Exists(a => a.Period == period);

    /// <summary>
    /// Whether <paramref name="month"/> is still being collected: a scorecard of the organization
    /// with a monthly review has not held the review of it yet. Without a monthly review nothing
    /// says a month is open, and it counts as reviewed once it has ended.
    /// </summary>
    public static bool IsOpen(OrganizationSnapshot snapshot, Period month, DateTimeOffset now) =>
        snapshot.ReviewsOfMonthEnd(month) is { } end && end > now;
}
