using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ScorecardBot.Core.Conversation.Review;
using ScorecardBot.Core.Delivery;
using ScorecardBot.Data;
using ScorecardBot.Data.Outbox;
using ScorecardBot.Scheduling;

namespace ScorecardBot.Bindings;

/// <summary>
/// Sends the conversation's messages to one person 1:1 — an approval card to a manager, a rejected
/// value back to its reporter, a reminder a manager asked for — through the outbox, so they are
/// delivered (and retried) like the rhythm's prompts, on the platform the person uses.
/// </summary>
internal sealed class OutboxMessenger(IServiceScopeFactory scopes, OutboxWriter writer, TimeProvider time) : IProactiveMessenger
{
    public async Task SendToPersonAsync(Guid organizationId, Guid personId, Core.Conversation.Message message, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        var organization = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == organizationId, cancellationToken);
        var person = await db.People.AsNoTracking().Include(p => p.Accounts)
            .SingleOrDefaultAsync(p => p.Id == personId && p.OrganizationId == organizationId, cancellationToken);
        if (person is null)
        {
            return;
        }

        var now = time.GetUtcNow();
        var kind = message.Kind ?? "message";

        // Unique per moment and content: a double click sends one card, the same reminder tomorrow another.
        var content = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(MessageJson.Serialize(message))))[..12];
        var key = $"{kind}:{personId:N}:{now:yyyyMMddHHmm}:{content}";
        var (platform, destination) = RhythmDestinations.ForPerson(personId, person, organization);
        var outgoing = new OutgoingMessage(organizationId, platform, destination, message, key);
        await writer.TryAddAsync(db, outgoing, kind.Length <= 40 ? kind : kind[..40], now, cancellationToken);
    }
}
