using ScorecardBot.Core.Model;

namespace ScorecardBot.Data.Auditing;

/// <summary>
/// Who is changing the scorecard right now, and through which door. Scoped: whoever handles a
/// request, a card submit, an import or a job sets it before saving. Saving a change of an actual,
/// a target or an owner without it fails, so no such change goes unaudited.
/// </summary>
public interface IAuditContext
{
    /// <summary>The person making the change; null for an API key, an import or the system.</summary>
    Guid? ActorId { get; }

    /// <summary>Readable name of the actor (person's name, API key's name, "import"); null when not set.</summary>
    string? ActorName { get; }

    EntrySource Via { get; }

    bool IsSet => ActorName is not null;

    void Set(Guid? actorId, string actorName, EntrySource via);
}

/// <summary>The default, one per scope (request, job run, command).</summary>
public sealed class AuditContext : IAuditContext
{
    public AuditContext()
    {
    }

    public AuditContext(Guid? actorId, string actorName, EntrySource via) => Set(actorId, actorName, via);

    public Guid? ActorId { get; private set; }
    public string? ActorName { get; private set; }
    public EntrySource Via { get; private set; }

    public void Set(Guid? actorId, string actorName, EntrySource via)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actorName);
        ActorId = actorId;
        ActorName = actorName;
        Via = via;
    }
}
