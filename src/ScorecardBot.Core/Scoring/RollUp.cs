using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Scoring;

public enum RollUpLevel
{
    Scorecard = 0,
    Perspective = 1,
    Objective = 2,
    /// <summary>A cascaded team scorecard, rolled into the parent objective it supports.</summary>
    TeamScorecard = 3,
    Kpi = 4,
}

/// <summary>One node of a rolled-up scorecard: its score, status, and how many of its KPIs reported.</summary>
public sealed record RollUpNode
{
    public required Guid Id { get; init; }
    public required string Name { get; init; }
    public required RollUpLevel Level { get; init; }
    public decimal Weight { get; init; } = 1m;

    /// <summary>Weighted mean of the children that have a score; null when none has.</summary>
    public decimal? Score { get; init; }

    /// <summary>From <see cref="Score"/>: ≥ 7 green, ≥ 4 amber, else red; NoData without a score.</summary>
    public Status Status { get; init; }

    /// <summary>KPIs below this node, cascaded team scorecards included.</summary>
    public int KpiCount { get; init; }

    /// <summary>KPIs below this node that have a score.</summary>
    public int ScoredKpiCount { get; init; }

    /// <summary>Share (0–1) of the KPIs below this node that have a score; 0 when there are none.</summary>
    public decimal Coverage => KpiCount == 0 ? 0m : decimal.Round((decimal)ScoredKpiCount / KpiCount, 4);

    /// <summary>KPIs below this node without a score: no actual, "no data", no target, or awaiting approval.</summary>
    public IReadOnlyList<Guid> MissingKpiIds { get; init; } = [];

    public IReadOnlyList<RollUpNode> Children { get; init; } = [];

    /// <summary>This node and every node below it, depth first.</summary>
    public IEnumerable<RollUpNode> Descendants()
    {
        yield return this;
        foreach (var node in Children.SelectMany(c => c.Descendants()))
        {
            yield return node;
        }
    }
}

/// <summary>
/// Rolls KPI scores up to objectives, perspectives and the scorecard, as weighted means of the
/// children that have a score. KPIs without a score never count as green: they are left out of
/// the mean and listed as missing, with the coverage reported at every level; a node with no
/// scored child is NoData. A cascaded team scorecard (<see cref="Scorecard.SupportsObjectiveId"/>)
/// counts as one more child of the parent objective it supports, with <see cref="Scorecard.Weight"/>.
/// Status of a rolled-up node comes from its score by <see cref="StatusRules.StatusOfScore"/>.
/// </summary>
public static class RollUp
{
    /// <summary>Rolls up a scorecard from KPI scores by KPI id (absent or null: missing).</summary>
    /// <param name="teamScorecards">Scorecards that may cascade into this one (any depth); others are ignored.</param>
    public static RollUpNode Compute(Scorecard scorecard, IReadOnlyDictionary<Guid, decimal?> kpiScores, IEnumerable<Scorecard>? teamScorecards = null)
    {
        var teams = (teamScorecards ?? []).Where(t => t.SupportsObjectiveId is not null).ToList();
        return ScorecardNode(scorecard, kpiScores, teams, [scorecard.Id], RollUpLevel.Scorecard);
    }

    /// <summary>Rolls up a scorecard from KPI snapshots of one period (the last one wins if a KPI appears twice).</summary>
    public static RollUpNode Compute(Scorecard scorecard, IEnumerable<KpiSnapshot> snapshots, IEnumerable<Scorecard>? teamScorecards = null)
    {
        var scores = new Dictionary<Guid, decimal?>();
        foreach (var snapshot in snapshots)
        {
            scores[snapshot.KpiId] = snapshot.Score;
        }

        return Compute(scorecard, scores, teamScorecards);
    }

    private static RollUpNode ScorecardNode(Scorecard scorecard, IReadOnlyDictionary<Guid, decimal?> scores, List<Scorecard> teams, HashSet<Guid> path, RollUpLevel level)
    {
        var perspectiveIds = scorecard.Perspectives.Select(p => p.Id).ToHashSet();
        var perspectives = scorecard.Perspectives
            .OrderBy(p => p.Order)
            .Select(p => Combine(p.Id, p.Name, RollUpLevel.Perspective, p.Weight,
                ObjectivesOf(scorecard, o => o.PerspectiveId == p.Id, scores, teams, path)))
            .ToList();

        // Objectives whose perspective is missing still count, under a stand-in perspective.
        var orphans = ObjectivesOf(scorecard, o => !perspectiveIds.Contains(o.PerspectiveId), scores, teams, path);
        if (orphans.Count > 0)
        {
            perspectives.Add(Combine(Guid.Empty, "Other", RollUpLevel.Perspective, 1m, orphans));
        }

        return Combine(scorecard.Id, scorecard.Name, level, level == RollUpLevel.TeamScorecard ? scorecard.Weight : 1m, perspectives);
    }

    private static List<RollUpNode> ObjectivesOf(Scorecard scorecard, Func<Objective, bool> filter, IReadOnlyDictionary<Guid, decimal?> scores, List<Scorecard> teams, HashSet<Guid> path) =>
        [.. scorecard.Objectives
            .Where(filter)
            .OrderBy(o => o.Order)
            .Select(o => ObjectiveNode(scorecard, o, scores, teams, path))];

    private static RollUpNode ObjectiveNode(Scorecard scorecard, Objective objective, IReadOnlyDictionary<Guid, decimal?> scores, List<Scorecard> teams, HashSet<Guid> path)
    {
        var children = scorecard.Kpis
            .Where(k => k.ObjectiveId == objective.Id)
            .OrderBy(k => k.Order)
            .Select(k => KpiNode(k, scores))
            .ToList();

        foreach (var team in teams.Where(t => t.SupportsObjectiveId == objective.Id))
        {
            // A cascade that loops back would roll a scorecard into itself; stop there.
            if (path.Add(team.Id))
            {
                children.Add(ScorecardNode(team, scores, teams, path, RollUpLevel.TeamScorecard));
                path.Remove(team.Id);
            }
        }

        return Combine(objective.Id, objective.Name, RollUpLevel.Objective, objective.Weight, children);
    }

    private static RollUpNode KpiNode(Kpi kpi, IReadOnlyDictionary<Guid, decimal?> scores)
    {
        var score = scores.TryGetValue(kpi.Id, out var s) ? s : null;
        return new RollUpNode
        {
            Id = kpi.Id,
            Name = kpi.Name,
            Level = RollUpLevel.Kpi,
            Weight = kpi.Weight,
            Score = score,
            Status = StatusRules.StatusOfScore(score),
            KpiCount = 1,
            ScoredKpiCount = score.HasValue ? 1 : 0,
            MissingKpiIds = score.HasValue ? [] : [kpi.Id],
        };
    }

    private static RollUpNode Combine(Guid id, string name, RollUpLevel level, decimal weight, IReadOnlyList<RollUpNode> children)
    {
        var score = WeightedMean(children);
        return new RollUpNode
        {
            Id = id,
            Name = name,
            Level = level,
            Weight = weight,
            Score = score,
            Status = StatusRules.StatusOfScore(score),
            KpiCount = children.Sum(c => c.KpiCount),
            ScoredKpiCount = children.Sum(c => c.ScoredKpiCount),
            MissingKpiIds = [.. children.SelectMany(c => c.MissingKpiIds)],
            Children = children,
        };
    }

    /// <summary>
    /// Σ wᵢ·sᵢ / Σ wᵢ over children with a score and a positive weight. When all scored children
    /// weigh 0 (KPIs kept for information), their plain mean is used so the node is not NoData.
    /// </summary>
    private static decimal? WeightedMean(IReadOnlyList<RollUpNode> children)
    {
        var scored = children.Where(c => c.Score.HasValue).ToList();
        if (scored.Count == 0)
        {
            return null;
        }

        var weighted = scored.Where(c => c.Weight > 0).ToList();
        if (weighted.Count == 0)
        {
            return decimal.Round(scored.Average(c => c.Score!.Value), 2);
        }

        return decimal.Round(weighted.Sum(c => c.Weight * c.Score!.Value) / weighted.Sum(c => c.Weight), 2);
    }
}
