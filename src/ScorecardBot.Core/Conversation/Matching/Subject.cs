namespace ScorecardBot.Core.Conversation.Matching;

/// <summary>The kinds of thing a question can be about.</summary>
public enum SubjectKind
{
    Kpi = 0,
    Objective = 1,
    Perspective = 2,
    Scorecard = 3,
}

/// <summary>
/// A KPI, objective, perspective or scorecard as the matcher knows it; for a KPI, the objective it
/// measures; for an objective, its perspective's name (to tell apart two objectives of one name).
/// </summary>
public sealed record Subject(SubjectKind Kind, Guid Id, string Name, Guid ScorecardId, string ScorecardName, Guid? ObjectiveId = null, string? PerspectiveName = null);

/// <summary>A subject with how well the words matched it (0–1).</summary>
public sealed record SubjectCandidate(Subject Subject, double Score);

public enum MatchVerdict
{
    /// <summary>One subject fits clearly.</summary>
    Found = 0,
    /// <summary>Two or more fit about equally well: ask which one.</summary>
    Ambiguous = 1,
    /// <summary>Nothing fits well enough.</summary>
    None = 2,
}

/// <summary>
/// The outcome of matching some words against an organization's subjects: the verdict and the
/// best candidates, best first (the one found, the ones to choose from, or the nearest three).
/// </summary>
public sealed record SubjectMatch(MatchVerdict Verdict, IReadOnlyList<SubjectCandidate> Candidates)
{
    public Subject? Best => Verdict == MatchVerdict.Found ? Candidates[0].Subject : null;

    public static SubjectMatch Nothing { get; } = new(MatchVerdict.None, []);
}
