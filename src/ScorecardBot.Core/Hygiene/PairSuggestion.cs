using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Hygiene;

/// <summary>What a KPI is about, as far as its counterweight goes.</summary>
internal enum PairAspect
{
    Volume = 0,
    Quality = 1,
    Speed = 2,
    Safety = 3,
    Cost = 4,
    Service = 5,
}

/// <summary>
/// A counterweight for a lagging KPI without a pair, by the general rule of Goodhart pairs: a KPI
/// pushed hard hurts the opposite kind of measure (volume hurts quality, service and margin, speed
/// hurts safety and quality, saving cost hurts service, quality, safety and volume). What a KPI is about is read from the
/// words of its name, key, aliases and unit (everyday English words for these kinds, not any one
/// scorecard's KPIs); among the KPIs of the opposite kind, one measuring the same objective comes
/// first, then one whose objective is linked to its objective on the strategy map, then one of
/// the same perspective, then the others in their order.
/// </summary>
public static class PairSuggestion
{
    private static readonly Dictionary<string, PairAspect[]> Words = Build(
        (PairAspect.Volume, ["revenue", "revenues", "sales", "volume", "volumes", "orders", "shipments", "loads", "output", "throughput",
            "units", "production", "bookings", "pipeline", "distributors", "prospects", "headcount", "utilization", "utilisation",
            "occupancy", "growth", "win", "wins", "share", "productivity", "tonnage", "visits", "calls"]),
        (PairAspect.Quality, ["defect", "defects", "claims", "claim", "scrap", "yield", "rework", "returns", "error", "errors",
            "complaint", "complaints", "quality", "readmission", "readmissions", "ppm", "accuracy", "damage", "damages"]),
        (PairAspect.Speed, ["time", "on-time", "lead", "cycle", "speed", "fast", "delivery", "response", "turnaround", "minutes",
            "hours", "stay", "door-to-provider", "waiting", "wait", "backlog", "hire", "adherence", "appointments", "appointment"]),
        (PairAspect.Safety, ["safety", "safe", "accident", "accidents", "incident", "incidents", "injury", "injuries", "falls",
            "breakdowns", "breakdown", "infections", "infection", "hygiene", "sepsis", "maintenance", "compliance"]),
        (PairAspect.Cost, ["cost", "costs", "spend", "spending", "expense", "expenses", "margin", "price", "budget", "idle", "fuel",
            "inventory", "overtime", "agency", "ratio", "cash", "efficiency", "economy"]),
        (PairAspect.Service, ["service", "customer", "customers", "satisfaction", "nps", "promoter", "experience", "on-time",
            "appointment", "appointments", "lwbs", "seen", "fill", "delivery", "retention"]));

    private static readonly Dictionary<PairAspect, PairAspect[]> Opposites = new()
    {
        [PairAspect.Volume] = [PairAspect.Quality, PairAspect.Service, PairAspect.Cost],
        [PairAspect.Quality] = [PairAspect.Volume, PairAspect.Speed, PairAspect.Cost],
        [PairAspect.Speed] = [PairAspect.Safety, PairAspect.Quality],
        [PairAspect.Safety] = [PairAspect.Speed, PairAspect.Cost],
        [PairAspect.Cost] = [PairAspect.Service, PairAspect.Quality, PairAspect.Safety, PairAspect.Volume],
        [PairAspect.Service] = [PairAspect.Cost, PairAspect.Volume],
    };

    /// <summary>The KPI of <paramref name="scorecard"/> that would best counterweigh <paramref name="kpi"/>, with the rule that makes it one ("speed against safety"); null when none is of an opposite kind.</summary>
    public static (Kpi Pair, string Why)? For(Kpi kpi, Scorecard scorecard)
    {
        var aspects = AspectsOf(kpi);
        if (aspects.Count == 0)
        {
            return null;
        }

        var objective = scorecard.Objectives.FirstOrDefault(o => o.Id == kpi.ObjectiveId);
        var linked = scorecard.Links
            .Where(l => l.CauseObjectiveId == kpi.ObjectiveId || l.EffectObjectiveId == kpi.ObjectiveId)
            .SelectMany(l => new[] { l.CauseObjectiveId, l.EffectObjectiveId })
            .ToHashSet();
        (Kpi Kpi, string Why, int Rank)? best = null;
        foreach (var other in scorecard.Kpis.Where(k => k.Id != kpi.Id).OrderBy(k => k.Order))
        {
            var theirs = AspectsOf(other);
            var match = aspects.OrderBy(a => a)
                .SelectMany(a => Opposites[a].Where(theirs.Contains).Select(o => ((PairAspect Mine, PairAspect Theirs)?)(a, o)))
                .FirstOrDefault();
            if (match is not { } m)
            {
                continue;
            }

            var otherObjective = scorecard.Objectives.FirstOrDefault(o => o.Id == other.ObjectiveId);
            var rank = other.ObjectiveId == kpi.ObjectiveId ? 0
                : linked.Contains(other.ObjectiveId) ? 1
                : objective is not null && otherObjective?.PerspectiveId == objective.PerspectiveId ? 2
                : 3;
            if (best is null || rank < best.Value.Rank)
            {
                best = (other, $"{Word(m.Mine)} against {Word(m.Theirs)}", rank);
            }
        }

        return best is { } b ? (b.Kpi, b.Why) : null;
    }

    internal static HashSet<PairAspect> AspectsOf(Kpi kpi)
    {
        var text = string.Join(' ', kpi.Aliases.Prepend(kpi.Name).Append(kpi.Key.Replace('-', ' ')).Append(kpi.Unit ?? string.Empty));
        var words = text.ToLowerInvariant().Split([' ', ',', '.', '/', '(', ')', '%', ':', ';', '\'', '"'], StringSplitOptions.RemoveEmptyEntries);
        var aspects = new HashSet<PairAspect>();
        foreach (var word in words)
        {
            if (Words.TryGetValue(word, out var found))
            {
                aspects.UnionWith(found);
            }
        }

        // "On-time" is written as one word or two.
        if (text.Contains("on time", StringComparison.OrdinalIgnoreCase))
        {
            aspects.UnionWith(Words["on-time"]);
        }

        return aspects;
    }

    private static string Word(PairAspect aspect) => aspect.ToString().ToLowerInvariant();

    private static Dictionary<string, PairAspect[]> Build(params (PairAspect Aspect, string[] Words)[] families)
    {
        var result = new Dictionary<string, List<PairAspect>>(StringComparer.Ordinal);
        foreach (var (aspect, words) in families)
        {
            foreach (var word in words)
            {
                if (!result.TryGetValue(word, out var list))
                {
                    result[word] = list = [];
                }

                list.Add(aspect);
            }
        }

        return result.ToDictionary(x => x.Key, x => x.Value.ToArray(), StringComparer.Ordinal);
    }
}
