namespace ScorecardBot.Core.Model;

/// <summary>
/// A Balanced Scorecard: the enterprise one, or a team scorecard cascaded from it. A team
/// scorecard names the parent objective it supports; its score rolls into that objective.
/// </summary>
public sealed class Scorecard
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid OrganizationId { get; set; }

    /// <summary>Short stable key used in files and commands ("enterprise", "sales").</summary>
    public required string Key { get; set; }

    public required string Name { get; set; }
    public string? Description { get; set; }

    public Guid? ParentScorecardId { get; set; }

    /// <summary>The objective of the parent scorecard that this team scorecard supports.</summary>
    public Guid? SupportsObjectiveId { get; set; }

    /// <summary>Weight of this scorecard when it rolls into <see cref="SupportsObjectiveId"/>.</summary>
    public decimal Weight { get; set; } = 1m;

    /// <summary>The scorecard manager: assigns owners, sets targets, runs the review.</summary>
    public Guid? ManagerId { get; set; }

    /// <summary>When set, submitted values count only after the manager approves them.</summary>
    public bool RequiresApproval { get; set; }

    /// <summary>When set, a period is locked after its business review; later edits need a manager.</summary>
    public bool LockAfterReview { get; set; }

    public List<Perspective> Perspectives { get; set; } = [];
    public List<Objective> Objectives { get; set; } = [];
    public List<ObjectiveLink> Links { get; set; } = [];
    public List<Kpi> Kpis { get; set; } = [];
    public List<Initiative> Initiatives { get; set; } = [];
    public List<ReviewCycle> ReviewCycles { get; set; } = [];
    public List<TeamChannel> Channels { get; set; } = [];
}

/// <summary>A team channel on one platform where digests and agendas of a scorecard are posted.</summary>
public sealed class TeamChannel
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ScorecardId { get; set; }
    public Platform Platform { get; set; }

    /// <summary>Teams conversation id (19:…@thread.tacv2) or Slack channel id (C…); "channel" locally.</summary>
    public required string ConversationId { get; set; }

    /// <summary>Teams service URL for proactive messages; null elsewhere.</summary>
    public string? ServiceUrl { get; set; }

    public string? Name { get; set; }
}

/// <summary>One of the scorecard's perspectives; the four classic ones by default, renameable and reorderable.</summary>
public sealed class Perspective
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ScorecardId { get; set; }
    public required string Name { get; set; }
    public PerspectiveKind Kind { get; set; }
    public int Order { get; set; }
    public decimal Weight { get; set; } = 1m;

    public static IReadOnlyList<(PerspectiveKind Kind, string Name)> Defaults { get; } =
    [
        (PerspectiveKind.Financial, "Financial"),
        (PerspectiveKind.Customer, "Customer"),
        (PerspectiveKind.InternalProcess, "Internal Process"),
        (PerspectiveKind.LearningAndGrowth, "Learning & Growth"),
    ];
}

/// <summary>A strategic objective ("Grow revenue in Europe"); it should start with a verb.</summary>
public sealed class Objective
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ScorecardId { get; set; }
    public Guid PerspectiveId { get; set; }

    /// <summary>Short stable key used in files ("grow-eu-revenue").</summary>
    public required string Key { get; set; }

    public required string Name { get; set; }
    public string? Description { get; set; }
    public Guid? OwnerId { get; set; }

    /// <summary>For a team scorecard's objective: the enterprise objective it cascades from.</summary>
    public Guid? ParentObjectiveId { get; set; }

    public decimal Weight { get; set; } = 1m;
    public int Order { get; set; }
}

/// <summary>A cause→effect arrow of the strategy map: improving the cause should move the effect.</summary>
public sealed class ObjectiveLink
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ScorecardId { get; set; }
    public Guid CauseObjectiveId { get; set; }
    public Guid EffectObjectiveId { get; set; }
    public string? Rationale { get; set; }
}
