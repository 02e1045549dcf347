using ScorecardBot.Core.Model;
using ScorecardBot.Core.Scoring;

namespace ScorecardBot.Core.Conversation.Answers;

/// <summary>
/// The status of a group of KPIs: how many are green, amber, red or without data, and one colour
/// from the weighted mean of their scores, the way <see cref="RollUp"/> colours a node (KPIs
/// without a score are left out; none scored is NoData).
/// </summary>
internal sealed record StatusSummary(int Green, int Amber, int Red, int NoData, Status Overall)
{
    public static StatusSummary Of(IEnumerable<KpiReading> readings)
    {
        int green = 0, amber = 0, red = 0, none = 0;
        decimal weighted = 0, weights = 0;
        foreach (var reading in readings)
        {
            switch (reading.Status)
            {
                case Status.Green: green++; break;
                case Status.Amber: amber++; break;
                case Status.Red: red++; break;
                default: none++; break;
            }

            if (reading.Scored.Score is { } score && reading.Kpi.Weight > 0)
            {
                weighted += reading.Kpi.Weight * score;
                weights += reading.Kpi.Weight;
            }
        }

        var overall = weights == 0 ? Status.NoData : StatusRules.StatusOfScore(weighted / weights);
        return new StatusSummary(green, amber, red, none, overall);
    }

    public override string ToString()
    {
        var parts = new List<string>();
        if (Green > 0) parts.Add($"{Green} green");
        if (Amber > 0) parts.Add($"{Amber} amber");
        if (Red > 0) parts.Add($"{Red} red");
        if (NoData > 0) parts.Add($"{NoData} without data");
        return parts.Count == 0 ? "no KPIs" : string.Join(", ", parts);
    }
}

/// <summary>Readings of many KPIs for one period, shared by the digest, agenda, map and status answers.</summary>
internal static class Readings
{
    public static List<KpiReading> Of(OrganizationSnapshot snapshot, IEnumerable<Kpi> kpis, Period period) =>
        [.. kpis.Select(k => KpiReading.For(snapshot, k, period))];

    public static IEnumerable<Kpi> OfObjective(Scorecard scorecard, Objective objective) =>
        scorecard.Kpis.Where(k => k.ObjectiveId == objective.Id).OrderBy(k => k.Order);

    public static IEnumerable<Kpi> OfPerspective(Scorecard scorecard, Perspective perspective)
    {
        var objectives = scorecard.Objectives.Where(o => o.PerspectiveId == perspective.Id).Select(o => o.Id).ToHashSet();
        return scorecard.Kpis.Where(k => objectives.Contains(k.ObjectiveId)).OrderBy(k => k.Order);
    }

    public static string Format(OrganizationSnapshot snapshot, decimal? value, Kpi kpi) => snapshot.Locale.Formatter.Format(value, kpi);

    public static KpiRow Row(OrganizationSnapshot snapshot, KpiReading reading) => new(
        reading.Kpi.Id,
        reading.Kpi.Name,
        Format(snapshot, reading.Value, reading.Kpi),
        reading.Target is null ? null : Format(snapshot, reading.Target.Value, reading.Kpi),
        reading.Status,
        reading.Scored.Trend.Direction,
        reading.Owner?.Name,
        reading.Actual?.NoDataReason is { } reason ? $"no data: {reason}" : null);
}
