using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Delivery;

/// <summary>A message that needs an admin's attention: given up (Dead), not composed, or failing again and again.</summary>
/// <param name="Recipient">The person's name, or the channel.</param>
/// <param name="Reason">The platform's reason, in words (see <see cref="DeliveryFailureCodes.Explain"/>).</param>
/// <param name="GivenUp">True when the bot stopped trying; false while it still retries.</param>
public sealed record UndeliveredItem(string Kind, string Recipient, Platform Platform, string Reason, int Attempts, bool GivenUp, DateTimeOffset ScheduledAt);

/// <summary>A person the bot cannot write to directly on one platform, since when and why.</summary>
public sealed record UnreachableItem(Guid PersonId, string Name, Platform Platform, string Reason, DateTimeOffset Since);

/// <summary>What an admin's <c>status</c> adds: undelivered messages and people the bot cannot reach.</summary>
public sealed record DeliveryAttention(IReadOnlyList<UndeliveredItem> Messages, IReadOnlyList<UnreachableItem> People)
{
    public bool IsEmpty => Messages.Count == 0 && People.Count == 0;
}

/// <summary>Reads the outbox for the admins' status (the host implements it over the database).</summary>
public interface IDeliveryStatus
{
    Task<DeliveryAttention> GetAsync(Guid organizationId, CancellationToken cancellationToken);
}
