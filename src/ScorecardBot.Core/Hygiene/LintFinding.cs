namespace ScorecardBot.Core.Hygiene;

public enum LintSeverity
{
    /// <summary>Good practice; the scorecard works without it.</summary>
    Info = 0,
    /// <summary>Weakens the review: fix before the next one.</summary>
    Warning = 1,
    /// <summary>Breaks the review rhythm (nobody will be asked for an actual).</summary>
    Error = 2,
}

/// <summary>The rules <see cref="ScorecardLint"/> checks.</summary>
public enum LintRule
{
    TooManyKpis = 0,
    TooManyObjectivesInPerspective = 1,
    ObjectiveNotStartingWithVerb = 2,
    KpiWithoutOwner = 3,
    KpiWithoutTarget = 4,
    ObjectiveWithoutKpi = 5,
    NoLeadingIndicator = 6,
    ObjectiveWithoutLink = 7,
    /// <summary>A review cycle whose moments cannot keep their order in some month.</summary>
    ReviewDoesNotFit = 8,
    /// <summary>A review cycle that fits a month only just (window opened late, a reminder left out).</summary>
    TightMonth = 9,
    /// <summary>A lagging KPI with no counterweight (`pair:`) to show what pushing it might cost.</summary>
    LaggingWithoutPair = 10,
}

/// <summary>One thing to improve in a scorecard: what, how bad, about which item, and what to do.</summary>
/// <param name="Rule">The rule that found it.</param>
/// <param name="Severity">How much it matters.</param>
/// <param name="Message">What is wrong, naming the item ("KPI 'Churn' has no owner.").</param>
/// <param name="Suggestion">What to do about it.</param>
/// <param name="SubjectId">The KPI, objective, perspective or scorecard concerned.</param>
public sealed record LintFinding(LintRule Rule, LintSeverity Severity, string Message, string Suggestion, Guid? SubjectId);
