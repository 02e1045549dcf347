namespace ScorecardBot.Core.Model;

/// <summary>A project that should move one or more objectives or KPIs.</summary>
public sealed class Initiative
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ScorecardId { get; set; }
    public required string Key { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public Guid? OwnerId { get; set; }
    public InitiativeStatus Status { get; set; } = InitiativeStatus.NotStarted;
    public DateOnly? Start { get; set; }
    public DateOnly? End { get; set; }
    public decimal? Budget { get; set; }
    public decimal? Spent { get; set; }

    /// <summary>Set when the initiative needs a decision at the next review.</summary>
    public string? DecisionNeeded { get; set; }

    public List<Guid> ObjectiveIds { get; set; } = [];
    public List<Guid> KpiIds { get; set; } = [];
    public List<Milestone> Milestones { get; set; } = [];
}

public sealed class Milestone
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid InitiativeId { get; set; }
    public required string Name { get; set; }
    public DateOnly Due { get; set; }
    public DateOnly? CompletedOn { get; set; }
}

/// <summary>A key action agreed in a review (KPA): who does what by when.</summary>
public sealed class ReviewAction
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid OrganizationId { get; set; }
    public Guid ScorecardId { get; set; }

    /// <summary>Short number people type ("action done 12"); unique inside the organization.</summary>
    public int Number { get; set; }

    public required string Text { get; set; }
    public Guid? OwnerId { get; set; }
    public DateOnly? Due { get; set; }
    public ReviewActionStatus Status { get; set; } = ReviewActionStatus.Open;

    /// <summary>The period whose review raised it.</summary>
    public Period? RaisedInPeriod { get; set; }

    public Guid? KpiId { get; set; }

    /// <summary>The review meeting that agreed it (<see cref="ReviewMeeting"/>); null for one added by command.</summary>
    public Guid? MeetingId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
}
