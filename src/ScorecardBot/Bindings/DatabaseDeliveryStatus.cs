using Microsoft.EntityFrameworkCore;
using ScorecardBot.Core.Delivery;
using ScorecardBot.Data;
using ScorecardBot.Data.Outbox;

namespace ScorecardBot.Bindings;

/// <summary>The admins' status over the outbox: what was given up or keeps failing, and who cannot be reached.</summary>
internal sealed class DatabaseDeliveryStatus(IServiceScopeFactory scopes) : IDeliveryStatus
{
    /// <summary>A message still being retried is listed once it has failed this often.</summary>
    internal const int FailingRepeatedly = 3;

    public async Task<DeliveryAttention> GetAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        var undelivered = await db.GetUndeliveredAsync(organizationId, limit: 200, cancellationToken);
        var unreachable = await db.GetUnreachableAsync(organizationId, cancellationToken);
        var names = await db.People.AsNoTracking().Where(p => p.OrganizationId == organizationId)
            .ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);

        var messages = undelivered
            .Where(m => m.Status == OutboxStatus.Dead || m.Attempts >= FailingRepeatedly)
            .Select(m => new UndeliveredItem(
                m.Kind,
                m.Destination.PersonId is { } person ? names.GetValueOrDefault(person, "someone no longer here") : $"channel {m.Destination.ConversationId}",
                m.Platform,
                Reason(m.LastError, m.Platform),
                m.Attempts,
                m.Status == OutboxStatus.Dead,
                m.ScheduledAt))
            .ToList();
        var people = unreachable
            .Where(u => names.ContainsKey(u.PersonId))
            .Select(u => new UnreachableItem(u.PersonId, names[u.PersonId], u.Platform, DeliveryFailureCodes.Explain(u.Reason, u.Platform), u.Since))
            .ToList();
        return new DeliveryAttention(messages, people);
    }

    private static string Reason(string? lastError, Core.Model.Platform platform)
    {
        if (lastError is null)
        {
            return "no reason recorded";
        }

        var code = lastError.Split(':', 2)[0].Trim();
        return code == DeliveryFailureCodes.NotComposed ? "the bot could not compose it (see the log)"
            : DeliveryFailureCodes.MeansUnreachable(code) ? DeliveryFailureCodes.Explain(code, platform)
            : lastError;
    }
}
