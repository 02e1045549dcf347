namespace ScorecardBot.Core.Model;

/// <summary>
/// One change of an actual, a target or an owner: who, when, old and new value, and through
/// which door (card, command, import, API). Written in the same transaction as the change.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public Guid OrganizationId { get; set; }

    /// <summary>"Actual", "Target", "KpiOwner", "KpiDelegate", "ObjectiveOwner", ….</summary>
    public required string Subject { get; set; }

    public Guid SubjectId { get; set; }
    public Guid? KpiId { get; set; }
    public Period? Period { get; set; }

    /// <summary>"created", "updated", "deleted".</summary>
    public required string Change { get; set; }

    public string? OldValue { get; set; }
    public string? NewValue { get; set; }

    public Guid? ActorId { get; set; }
    public required string ActorName { get; set; }
    public EntrySource Via { get; set; }
    public DateTimeOffset At { get; set; }
}
