namespace ScorecardBot.Core.Model;

/// <summary>
/// One change a person made to a scorecard's definition in chat (<c>kpi add</c>, <c>link</c>,
/// <c>threshold</c>, …), kept so that <c>undo</c> can revert that person's last change for a
/// while. <see cref="Undo"/> is the inverse change in the store's own form; the change itself is
/// in the audit trail.
/// </summary>
public sealed class ScorecardEditRecord
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid OrganizationId { get; set; }
    public Guid PersonId { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>The command that made it ("kpi add", "link").</summary>
    public required string Command { get; set; }

    /// <summary>What changed, as the person was told ("KPI 'Fuel per mile' added to objective 'Run efficient routes'").</summary>
    public required string Description { get; set; }

    /// <summary>The inverse change, serialized by the store.</summary>
    public required string Undo { get; set; }

    /// <summary>Set when the change was undone; it is not undone twice.</summary>
    public DateTimeOffset? UndoneAt { get; set; }
}
