using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Data.Auditing;

/// <summary>
/// The audit entry of a change a person made through a command (<see cref="ChangeContext"/>) that
/// the <see cref="AuditTrail"/> does not snapshot by itself (a review cycle, a chat edit, a meeting,
/// a person's membership): written by the store beside the change, in the same save.
/// </summary>
public static class ChangeAudit
{
    public static AuditEntry Of(ChangeContext context, Person actor, string subject, Guid subjectId, string change, string? before, string? after, Guid? kpiId = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(actor);
        return new AuditEntry
        {
            OrganizationId = context.OrganizationId,
            Subject = subject,
            SubjectId = subjectId,
            KpiId = kpiId,
            Change = change,
            OldValue = before,
            NewValue = after,
            ActorId = actor.Id,
            ActorName = actor.Name,
            Via = context.Via,
            At = context.At,
        };
    }
}
