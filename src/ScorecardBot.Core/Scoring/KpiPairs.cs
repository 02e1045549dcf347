using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Scoring;

/// <summary>Two KPIs of a pair that moved apart: <see cref="Better"/> improved while <see cref="Worse"/> worsened.</summary>
public sealed record PairDivergence(KpiSnapshot Better, KpiSnapshot Worse);

/// <summary>
/// Goodhart pairs: a KPI names its counterweight (<see cref="Kpi.PairKpiId"/>), the measure that
/// would suffer if the KPI were pushed too hard (volume against quality, speed against safety,
/// cost against service). The pair works both ways: a KPI's counterweights are the one it names
/// and those that name it.
/// </summary>
public static class KpiPairs
{
    /// <summary>The KPIs paired with <paramref name="kpi"/> among <paramref name="kpis"/> (its scorecard's), the one it names first.</summary>
    public static IEnumerable<Kpi> CounterweightsOf(Kpi kpi, IEnumerable<Kpi> kpis)
    {
        var list = kpis as IReadOnlyCollection<Kpi> ?? [.. kpis];
        if (kpi.PairKpiId is { } named && list.FirstOrDefault(k => k.Id == named) is { } own)
        {
            yield return own;
        }

        foreach (var other in list.Where(k => k.PairKpiId == kpi.Id && k.Id != kpi.Id && k.Id != kpi.PairKpiId))
        {
            yield return other;
        }
    }

    /// <summary>Each pair of the scorecard once, in the order the KPIs are listed.</summary>
    public static IEnumerable<(Kpi Kpi, Kpi Pair)> PairsIn(IEnumerable<Kpi> kpis)
    {
        var list = kpis.ToList();
        var seen = new HashSet<(Guid, Guid)>();
        foreach (var kpi in list.OrderBy(k => k.Order))
        {
            if (kpi.PairKpiId is not { } id || id == kpi.Id || list.FirstOrDefault(k => k.Id == id) is not { } pair)
            {
                continue;
            }

            var key = kpi.Id.CompareTo(id) < 0 ? (kpi.Id, id) : (id, kpi.Id);
            if (seen.Add(key))
            {
                yield return (kpi, pair);
            }
        }
    }

    /// <summary>The scorecard's pairs that moved apart in the period of <paramref name="snapshots"/>, each once.</summary>
    public static IReadOnlyList<PairDivergence> DivergingIn(IEnumerable<Kpi> kpis, IReadOnlyList<KpiSnapshot> snapshots)
    {
        var byKpi = snapshots.GroupBy(s => s.KpiId).ToDictionary(g => g.Key, g => g.First());
        return [.. PairsIn(kpis)
            .Where(p => byKpi.ContainsKey(p.Kpi.Id) && byKpi.ContainsKey(p.Pair.Id))
            .Select(p => Diverging(byKpi[p.Kpi.Id], byKpi[p.Pair.Id]))
            .OfType<PairDivergence>()];
    }

    /// <summary>
    /// Whether one of the two improved on its previous value while the other worsened, each beyond
    /// its own noise (the <see cref="Trend"/> comparison with the previous value, which is flat
    /// within the KPI's usual move); null when they did not, or when either has too little history
    /// to know its noise.
    /// </summary>
    public static PairDivergence? Diverging(KpiSnapshot a, KpiSnapshot b)
    {
        if (a.Period != b.Period
            || a.Trend is not { Noise: not null, VsPrevious: { } ca }
            || b.Trend is not { Noise: not null, VsPrevious: { } cb })
        {
            return null;
        }

        return (ca.Direction, cb.Direction) switch
        {
            (TrendDirection.Improving, TrendDirection.Worsening) => new PairDivergence(a, b),
            (TrendDirection.Worsening, TrendDirection.Improving) => new PairDivergence(b, a),
            _ => null,
        };
    }
}
