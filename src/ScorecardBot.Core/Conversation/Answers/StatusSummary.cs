using System.Globalization;
using ScorecardBot.Core.Conversation.Seams;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Conversation.Answers;

/// <summary>
/// The status of a group of KPIs (an objective, a perspective, a scorecard): how many are green,
/// amber, red or without data, and one colour for the group by their weighted average (green 3,
/// amber 2, red 1). KPIs without data do not count towards the colour; all without data is NoData.
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
                default: none++; continue;
            }

            weighted += reading.Kpi.Weight * (int)reading.Status;
            weights += reading.Kpi.Weight;
        }

        var overall = weights == 0 ? Status.NoData : (weighted / weights) switch
        {
            >= 2.5m => Status.Green,
            >= 1.5m => Status.Amber,
            _ => Status.Red,
        };
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
    public static List<KpiReading> Of(OrganizationSnapshot snapshot, IEnumerable<Kpi> kpis, Period period, IKpiStatusEvaluator status) =>
        [.. kpis.Select(k => KpiReading.For(snapshot, k, period, status))];

    public static IEnumerable<Kpi> OfObjective(Scorecard scorecard, Objective objective) =>
        scorecard.Kpis.Where(k => k.ObjectiveId == objective.Id).OrderBy(k => k.Order);

    public static IEnumerable<Kpi> OfPerspective(Scorecard scorecard, Perspective perspective)
    {
        var objectives = scorecard.Objectives.Where(o => o.PerspectiveId == perspective.Id).Select(o => o.Id).ToHashSet();
        return scorecard.Kpis.Where(k => objectives.Contains(k.ObjectiveId)).OrderBy(k => k.Order);
    }

    public static KpiRow Row(KpiReading reading, CultureInfo culture) => new(
        reading.Kpi.Id,
        reading.Kpi.Name,
        ValueText.Format(reading.Value, reading.Kpi, culture),
        reading.Target is null ? null : ValueText.Format(reading.Target.Value, reading.Kpi, culture),
        reading.Status,
        reading.VsPrevious,
        reading.Owner?.Name,
        reading.Actual?.NoDataReason is { } reason ? $"no data: {reason}" : null);
}
