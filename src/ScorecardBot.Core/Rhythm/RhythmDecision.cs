using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Rhythm;

public enum RhythmDecisionKind
{
    OpenWindow = 0,
    Prompt = 1,
    Remind = 2,
    Escalate = 3,
    Digest = 4,
    Agenda = 5,
    QuarterlyCheck = 6,
    /// <summary>Numbers a system should have sent through the API have not arrived: told to an admin.</summary>
    FeedLate = 7,

    /// <summary>The follow-up on the day an owner said late data would be ready (their ETA).</summary>
    FollowUp = 8,

    /// <summary>A month before a fiscal year starts: the KPIs without a target for it, to the scorecard manager.</summary>
    TargetsMissing = 9,

    /// <summary>Before the review: the presenter's pre-read, to the owner (or delegate) of each KPI it will discuss.</summary>
    PreRead = 10,
}

/// <summary>Who a decision goes to: one person 1:1, or the team channels of a scorecard.</summary>
public sealed record RhythmRecipient
{
    private RhythmRecipient(Guid? personId, Guid? scorecardId)
    {
        PersonId = personId;
        ScorecardId = scorecardId;
    }

    public Guid? PersonId { get; }

    /// <summary>Set when the decision is posted to the team channels of this scorecard.</summary>
    public Guid? ScorecardId { get; }

    public static RhythmRecipient Person(Guid personId) => new(personId, null);

    public static RhythmRecipient Channel(Guid scorecardId) => new(null, scorecardId);

    public override string ToString() => PersonId is { } p ? $"person:{p}" : $"channel:{ScorecardId}";
}

/// <summary>A KPI and the period of its own frequency that is asked for (a month, or a fiscal quarter).</summary>
public readonly record struct KpiPeriod(Guid KpiId, Period Period);

/// <summary>
/// One thing the review rhythm has decided to do. <see cref="Key"/> is unique per thing and
/// period, so the outbox can refuse a second row with the same key and a rerun never repeats it.
/// </summary>
/// <param name="Period">The period reviewed (a month, or a fiscal quarter for a quarterly cycle or check).</param>
/// <param name="Kpis">The KPIs involved: asked for (prompt), still missing (reminder, escalation, digest); empty for the rest.</param>
/// <param name="ScheduledAt">When it was due by the calendar; it is sent at or after this moment.</param>
/// <param name="People">The people concerned besides the recipient: owners of the missing KPIs in an escalation; the person away whom a delegate covers for in their prompt.</param>
/// <param name="Number">The reminder's number (1, 2, …); 0 for other kinds.</param>
public sealed record RhythmDecision(
    string Key,
    RhythmDecisionKind Kind,
    Guid ScorecardId,
    Period Period,
    RhythmRecipient Recipient,
    IReadOnlyList<KpiPeriod> Kpis,
    DateTimeOffset ScheduledAt,
    IReadOnlyList<Guid> People,
    int Number = 0)
{
    /// <summary>
    /// The moment after which the message would be late and misleading, so it is not sent at all
    /// (the outbox marks it expired and the scorecard manager is told): a digest's or escalation's
    /// meeting start, an agenda's or check's meeting end, a prompt's due date (the reminder takes
    /// over from there). Set by <see cref="ReviewRhythm.Decide"/>; null means no deadline.
    /// </summary>
    public DateTimeOffset? Deadline { get; init; }
}

/// <summary>
/// What the review rhythm of one organization looks at: its scorecards (with KPIs, review cycles
/// and channels), people, holidays, absences and late notices, the actuals reported so far and
/// the keys of the decisions already made (the outbox).
/// </summary>
public sealed record RhythmInput
{
    public required Organization Organization { get; init; }

    /// <summary>The organization's scorecards with <see cref="Scorecard.Kpis"/> and <see cref="Scorecard.ReviewCycles"/> loaded.</summary>
    public required IReadOnlyList<Scorecard> Scorecards { get; init; }

    public IReadOnlyList<Person> People { get; init; } = [];

    public IReadOnlyList<Holiday> Holidays { get; init; } = [];

    /// <summary>Who is away when (out of office), with their delegates.</summary>
    public IReadOnlyList<Absence> Absences { get; init; } = [];

    /// <summary>KPIs whose owners said the data comes late, with the ETA.</summary>
    public IReadOnlyList<LateNotice> LateNotices { get; init; } = [];

    /// <summary>Actuals reported so far; when null, the KPIs' own <see cref="Kpi.Actuals"/>.</summary>
    public IReadOnlyCollection<Actual>? Actuals { get; init; }

    /// <summary>Keys of decisions already made.</summary>
    public IReadOnlySet<string> DoneKeys { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// When decisions were made, by key (the outbox's creation time), when known. A prompt sent
    /// late (after downtime) then covers the reminders that were due before it, so nobody gets
    /// a prompt and a reminder in the same minute.
    /// </summary>
    public IReadOnlyDictionary<string, DateTimeOffset>? MadeAt { get; init; }
}
