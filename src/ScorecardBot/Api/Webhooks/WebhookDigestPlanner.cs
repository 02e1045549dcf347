using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ScorecardBot.Core.Model;
using ScorecardBot.Data;
using ScorecardBot.Data.Webhooks;
using ScorecardBot.Scheduling;

namespace ScorecardBot.Api.Webhooks;

/// <summary>
/// Adds a <c>review.digest_posted</c> delivery for each webhook that wants it to every digest the
/// review rhythm posts, in the same outbox transaction and under the digest's decision, so a rerun
/// writes it once like the digest itself.
/// </summary>
internal sealed class WebhookDigestPlanner(IRhythmPlanner inner) : IRhythmPlanner
{
    public async Task<IReadOnlyList<PlannedMessage>> PlanAsync(ScorecardDbContext db, Organization organization, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var planned = await inner.PlanAsync(db, organization, now, cancellationToken);
        var digests = planned.Where(p => p.Kind == "digest").GroupBy(p => p.DecisionKey).Select(g => g.First()).ToList();
        if (digests.Count == 0)
        {
            return planned;
        }

        var hooks = await db.WebhookSubscriptions.AsNoTracking().Where(w => w.OrganizationId == organization.Id).ToListAsync(cancellationToken);
        hooks = [.. hooks.Where(w => w.Events.Contains(WebhookEventTypes.DigestPosted))];
        if (hooks.Count == 0)
        {
            return planned;
        }

        var result = planned.ToList();
        foreach (var digest in digests)
        {
            // Decision keys read "digest:{scorecard}:{period}".
            var parts = digest.DecisionKey.Split(':');
            var data = new JsonObject
            {
                ["scorecardId"] = parts.Length > 1 ? parts[1] : null,
                ["period"] = parts.Length > 2 ? parts[2] : null,
                ["summary"] = digest.Message.Message.Summary,
            };
            foreach (var hook in hooks)
            {
                var message = WebhookOutbox.Message(organization.Id, hook.Id, WebhookEventTypes.DigestPosted, data, now, $"{digest.DecisionKey}#webhook:{hook.Id:N}");
                result.Add(new PlannedMessage(digest.DecisionKey, WebhookOutbox.Kind, digest.ScheduledAt, message));
            }
        }

        return result;
    }
}
