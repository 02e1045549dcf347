using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;

namespace ScorecardBot.Core.Hygiene;

/// <summary>
/// Checks a scorecard against Balanced Scorecard good practice: few KPIs, few objectives per
/// perspective, objectives phrased as actions, every KPI owned and targeted, every objective
/// measured and linked into the strategy map, and leading KPIs that drive the lagging ones.
/// </summary>
public static class ScorecardLint
{
    /// <summary>More KPIs than this make a review that nobody can hold in their head.</summary>
    public const int MaxKpis = 20;

    public const int MaxObjectivesPerPerspective = 3;

    /// <summary>How far ahead the review cycles are checked against their months.</summary>
    public const int MonthsAhead = 12;

    /// <summary>
    /// Lagging KPIs that neither name a pair nor are named as one: pushed hard, they could be met at
    /// the cost of something nobody watches. The suggestion names a counterweight by the general
    /// rule (<see cref="PairSuggestion"/>) when the scorecard has one.
    /// </summary>
    private static IEnumerable<LintFinding> Pairs(Scorecard scorecard)
    {
        foreach (var kpi in scorecard.Kpis.Where(k => k.Indicator == IndicatorType.Lagging).OrderBy(k => k.Order))
        {
            if (Scoring.KpiPairs.CounterweightsOf(kpi, scorecard.Kpis).Any())
            {
                continue;
            }

            var suggestion = PairSuggestion.For(kpi, scorecard) is { } s
                ? $"Pair it with '{s.Pair.Name}' ({s.Why}): add 'pair: {s.Pair.Key}' to '{kpi.Key}' in the scorecard file, and the review will say when one improves while the other worsens."
                : "Name the KPI of this scorecard that would suffer if this one were pushed too hard (volume against quality, speed against safety, cost against service) as its 'pair' in the scorecard file.";
            yield return new LintFinding(LintRule.LaggingWithoutPair, LintSeverity.Info,
                $"Lagging KPI '{kpi.Name}' has no pair, so it could be met at the cost of something nobody watches.",
                suggestion, kpi.Id);
        }
    }

    /// <summary>Reviews in the next year whose moments do not keep their order (an error) or only just fit (a warning).</summary>
    private static void Months(Scorecard scorecard, FiscalCalendar calendar, BusinessCalendar business, Period currentMonth, System.Globalization.CultureInfo culture, List<LintFinding> findings)
    {
        foreach (var cycle in scorecard.ReviewCycles.OrderBy(c => c.Kind))
        {
            var review = new Rhythm.ReviewCalendar(cycle, calendar, business);
            var count = cycle.Kind == ReviewKind.Quarterly ? MonthsAhead / 3 : MonthsAhead;
            var name = cycle.Kind == ReviewKind.Quarterly ? "quarterly review" : "review";
            if (Rhythm.ReviewCycleFit.Check(review, currentMonth, count) is [var misfit, ..])
            {
                findings.Add(new LintFinding(LintRule.ReviewDoesNotFit, LintSeverity.Error,
                    $"The {name} of '{scorecard.Name}' does not fit its month. {misfit.Message}",
                    "Hold the meeting later in the month, or open the window, set the due date and the digest closer to it.",
                    scorecard.Id));
                continue;
            }

            var tight = Rhythm.ReviewCycleFit.Tight(review, currentMonth, count);
            if (tight.Count > 0)
            {
                var months = string.Join(", ", tight.Select(p => calendar.Label(p, culture)));
                findings.Add(new LintFinding(LintRule.TightMonth, LintSeverity.Warning,
                    $"The {name} of '{scorecard.Name}' is tight for {months}: weekends and holidays leave too few business days, so the window opens late or a reminder is left out.",
                    "Hold the meeting a week later, or ask for actuals fewer days before it.",
                    scorecard.Id));
            }
        }
    }

    /// <summary>
    /// All findings for a scorecard (its perspectives, objectives, links and KPIs with targets).
    /// </summary>
    /// <param name="scorecard">The scorecard with its collections loaded.</param>
    /// <param name="calendar">The organization's calendar, to find each KPI's current period.</param>
    /// <param name="currentMonth">The month whose targets must exist (a quarterly KPI needs one for its quarter).</param>
    /// <param name="teamScorecards">Cascaded scorecards; an objective they support counts as measured.</param>
    /// <param name="business">The organization's business days; when given, the review cycles are checked against the next year's months.</param>
    /// <param name="culture">The organization's culture, for the months the findings name (English when null).</param>
    public static IReadOnlyList<LintFinding> Check(Scorecard scorecard, FiscalCalendar calendar, Period currentMonth, IEnumerable<Scorecard>? teamScorecards = null, BusinessCalendar? business = null, System.Globalization.CultureInfo? culture = null)
    {
        culture ??= System.Globalization.CultureInfo.InvariantCulture;
        var findings = new List<LintFinding>();
        var supported = (teamScorecards ?? []).Select(t => t.SupportsObjectiveId).OfType<Guid>().ToHashSet();

        if (scorecard.Kpis.Count > MaxKpis)
        {
            findings.Add(new LintFinding(LintRule.TooManyKpis, LintSeverity.Warning,
                $"Scorecard '{scorecard.Name}' has {scorecard.Kpis.Count} KPIs; more than {MaxKpis} is hard to review in one meeting.",
                "Keep the KPIs that steer decisions; move the rest to a team scorecard or an operational report.",
                scorecard.Id));
        }

        foreach (var perspective in scorecard.Perspectives.OrderBy(p => p.Order))
        {
            var count = scorecard.Objectives.Count(o => o.PerspectiveId == perspective.Id);
            if (count > MaxObjectivesPerPerspective)
            {
                findings.Add(new LintFinding(LintRule.TooManyObjectivesInPerspective, LintSeverity.Warning,
                    $"Perspective '{perspective.Name}' has {count} objectives; {MaxObjectivesPerPerspective} or fewer keep the strategy focused.",
                    "Merge related objectives or cascade the detailed ones to a team scorecard.",
                    perspective.Id));
            }
        }

        foreach (var objective in scorecard.Objectives.OrderBy(o => o.Order))
        {
            if (!ObjectiveVerbs.StartsWithVerb(objective.Name))
            {
                findings.Add(new LintFinding(LintRule.ObjectiveNotStartingWithVerb, LintSeverity.Info,
                    $"Objective '{objective.Name}' does not start with a verb, so it names a topic rather than what to achieve.",
                    $"Phrase it as an action, e.g. '{ObjectiveVerbs.Suggest(objective.Name)}'.",
                    objective.Id));
            }

            if (!scorecard.Kpis.Any(k => k.ObjectiveId == objective.Id) && !supported.Contains(objective.Id))
            {
                findings.Add(new LintFinding(LintRule.ObjectiveWithoutKpi, LintSeverity.Warning,
                    $"Objective '{objective.Name}' has no KPI, so nobody can tell whether it is being achieved.",
                    "Add at least one KPI that measures it, or cascade it to a team scorecard.",
                    objective.Id));
            }

            if (scorecard.Objectives.Count > 1 &&
                !scorecard.Links.Any(l => l.CauseObjectiveId == objective.Id || l.EffectObjectiveId == objective.Id))
            {
                findings.Add(new LintFinding(LintRule.ObjectiveWithoutLink, LintSeverity.Info,
                    $"Objective '{objective.Name}' has no cause→effect link in the strategy map.",
                    "Link it to the objective it drives or to the one that drives it; an objective that drives nothing may not belong on the scorecard.",
                    objective.Id));
            }
        }

        foreach (var kpi in scorecard.Kpis.OrderBy(k => k.Order))
        {
            if (kpi.OwnerId is null)
            {
                findings.Add(new LintFinding(LintRule.KpiWithoutOwner, LintSeverity.Error,
                    $"KPI '{kpi.Name}' has no owner, so nobody will be asked for its actual.",
                    "Assign an owner who can report the value and explain it in the review.",
                    kpi.Id));
            }

            var period = calendar.ForFrequency(currentMonth, kpi.Frequency);
            if (!kpi.Targets.Any(t => t.Period == period))
            {
                findings.Add(new LintFinding(LintRule.KpiWithoutTarget, LintSeverity.Warning,
                    $"KPI '{kpi.Name}' has no target for {calendar.Label(period, culture)}, so its status cannot be judged.",
                    $"Set a target for {calendar.Label(period, culture)} (and the periods after it).",
                    kpi.Id));
            }
        }

        findings.AddRange(LeadingIndicators(scorecard));
        findings.AddRange(Pairs(scorecard));
        if (business is not null)
        {
            Months(scorecard, calendar, business, currentMonth, culture, findings);
        }

        return findings;
    }

    /// <summary>
    /// Results (lagging KPIs) should be driven by something that moves first. Either the
    /// scorecard has no leading KPI at all, or an objective measured only by lagging KPIs has no
    /// leading KPI anywhere upstream along the cause→effect links.
    /// </summary>
    private static IEnumerable<LintFinding> LeadingIndicators(Scorecard scorecard)
    {
        if (scorecard.Kpis.Count == 0)
        {
            yield break;
        }

        if (!scorecard.Kpis.Any(k => k.Indicator == IndicatorType.Leading))
        {
            yield return new LintFinding(LintRule.NoLeadingIndicator, LintSeverity.Warning,
                $"Scorecard '{scorecard.Name}' has no leading KPI: every KPI reports results after the fact.",
                "Mark the KPIs that predict results as leading, or add some (pipeline, training hours, defect rate) to the objectives at the start of the cause→effect chain.",
                scorecard.Id);
            yield break;
        }

        var leading = scorecard.Kpis.Where(k => k.Indicator == IndicatorType.Leading).Select(k => k.ObjectiveId).ToHashSet();
        foreach (var objective in scorecard.Objectives.OrderBy(o => o.Order))
        {
            var kpis = scorecard.Kpis.Where(k => k.ObjectiveId == objective.Id).ToList();
            if (kpis.Count == 0 || leading.Contains(objective.Id))
            {
                continue;
            }

            if (!Causes(scorecard, objective.Id).Any(leading.Contains))
            {
                yield return new LintFinding(LintRule.NoLeadingIndicator, LintSeverity.Warning,
                    $"Objective '{objective.Name}' is measured only by lagging KPIs, and no objective that drives it has a leading KPI.",
                    "Add a leading KPI to it, or to an objective that drives it and link that objective to it (cause → effect).",
                    objective.Id);
            }
        }
    }

    /// <summary>Every objective upstream of <paramref name="objectiveId"/> along cause→effect links.</summary>
    private static HashSet<Guid> Causes(Scorecard scorecard, Guid objectiveId)
    {
        var seen = new HashSet<Guid>();
        var queue = new Queue<Guid>([objectiveId]);
        while (queue.Count > 0)
        {
            var effect = queue.Dequeue();
            foreach (var link in scorecard.Links.Where(l => l.EffectObjectiveId == effect))
            {
                if (seen.Add(link.CauseObjectiveId))
                {
                    queue.Enqueue(link.CauseObjectiveId);
                }
            }
        }

        seen.Remove(objectiveId);
        return seen;
    }
}
