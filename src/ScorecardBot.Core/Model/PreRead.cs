namespace ScorecardBot.Core.Model;

/// <summary>What a presenter needs from the review meeting for one KPI.</summary>
public enum PreReadNeed
{
    Nothing = 0,
    Decision = 1,
    Resources = 2,
}

/// <summary>
/// A presenter's pre-read for one KPI of one review: the cause of its status, the countermeasure
/// (what, who, by when) and what they need from the meeting. Asked before the review of the owners
/// of red KPIs, of amber ones that worsened and of KPIs likely to miss their target; shown in the
/// agenda under that KPI. One per KPI and period; answering again replaces it (audited).
/// </summary>
public sealed class PreRead
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid OrganizationId { get; set; }
    public Guid KpiId { get; set; }

    /// <summary>The KPI's period the review looks at (a month, or a fiscal quarter for a quarterly KPI).</summary>
    public Period Period { get; set; }

    public required string Cause { get; set; }

    /// <summary>What will be done about it.</summary>
    public required string Countermeasure { get; set; }

    /// <summary>Who does it; a plain id, checked to be an active member when set.</summary>
    public Guid? CountermeasureOwnerId { get; set; }

    /// <summary>By when, in the organization's calendar.</summary>
    public DateOnly CountermeasureDue { get; set; }

    public PreReadNeed Need { get; set; }

    /// <summary>Who answered: the owner, or the delegate who presents for them.</summary>
    public Guid AnsweredById { get; set; }

    public DateTimeOffset AnsweredAt { get; set; }
}
