using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Delivery;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;
using ScorecardBot.Core.Scoring;
using ScorecardBot.Data.Auditing;
using ScorecardBot.Data.Outbox;

namespace ScorecardBot.Data.Webhooks;

/// <summary>The events an organization's webhooks can receive.</summary>
public static class WebhookEventTypes
{
    public const string ActualRecorded = "actual.recorded";
    public const string StatusChanged = "kpi.status_changed";
    public const string DigestPosted = "review.digest_posted";

    public static IReadOnlyList<string> All { get; } = [ActualRecorded, StatusChanged, DigestPosted];
}

/// <summary>
/// A webhook delivery travels through the outbox like a chat message, so it gets the outbox's
/// exactly-once write (in the transaction of the change), leases, retries with backoff, and
/// in-order delivery per webhook, without a second queue. The outbox carries neutral messages:
/// a delivery is one whose summary is the event's JSON and whose destination is the webhook's id.
/// </summary>
public static class WebhookOutbox
{
    public const string Kind = "webhook";

    public static OutgoingMessage Message(Guid organizationId, Guid subscriptionId, string type, JsonObject data, DateTimeOffset at, string key)
    {
        var id = Guid.NewGuid();
        var body = new JsonObject
        {
            ["id"] = id.ToString("D"),
            ["type"] = type,
            ["occurredAt"] = at.ToUniversalTime(),
            ["organizationId"] = organizationId.ToString("D"),
            ["data"] = data,
        };
        return new OutgoingMessage(organizationId, Platform.Webhook, Destination.Channel(subscriptionId.ToString("N")),
            new Message([], body.ToJsonString()) { Kind = type }, key);
    }

    /// <summary>The event's JSON and type, as the outbox hands the delivery back.</summary>
    public static (string Body, string Type) Read(OutgoingMessage message) => (message.Message.Summary, message.Message.Kind ?? "event");
}

/// <summary>
/// Turns the actuals changed by one SaveChanges into <c>actual.recorded</c> and, when the KPI's
/// status for the period moved, <c>kpi.status_changed</c> deliveries for the organization's
/// webhooks, added to the same SaveChanges. Imports (history loaded from files) send none.
/// </summary>
internal static class WebhookEvents
{
    /// <summary>
    /// Reads an organization's webhooks ahead of a save that will need them, so a caller that
    /// serializes its saves (a submit of one actual) does not hold its turn over this read.
    /// </summary>
    public static async Task ReadAheadAsync(ScorecardDbContext db, Guid organizationId, CancellationToken cancellationToken) =>
        db.ReadWebhooks = (organizationId, await db.WebhookSubscriptions.AsNoTracking().Where(w => w.OrganizationId == organizationId).ToListAsync(cancellationToken));

    /// <summary>Adds the deliveries for <paramref name="audited"/>, the audit rows of this save, to the context.</summary>
    public static async Task RecordAsync(ScorecardDbContext db, IReadOnlyList<AuditEntry> audited, DateTimeOffset now, bool async, CancellationToken cancellationToken)
    {
        var changes = audited
            .Where(e => e.Subject == AuditSnapshots.ActualSubject && e.Via != EntrySource.Import && e.KpiId is not null)
            .ToList();
        if (changes.Count == 0)
        {
            return;
        }

        var organizations = changes.Select(c => c.OrganizationId).Distinct().ToList();
        List<WebhookSubscription> subscriptions;
        if (db.ReadWebhooks is { } read && organizations is [var only] && read.OrganizationId == only)
        {
            subscriptions = read.Subscriptions;
        }
        else
        {
            var query = db.WebhookSubscriptions.AsNoTracking().Where(w => organizations.Contains(w.OrganizationId));
            subscriptions = async ? await query.ToListAsync(cancellationToken) : [.. query];
        }

        if (subscriptions.Count == 0)
        {
            return;
        }

        var kpiIds = changes.Select(c => c.KpiId!.Value).Distinct().ToList();
        var kpiQuery = db.Kpis.AsNoTracking().Where(k => kpiIds.Contains(k.Id));
        var kpis = (async ? await kpiQuery.ToListAsync(cancellationToken) : [.. kpiQuery]).ToDictionary(k => k.Id);
        var wantStatus = subscriptions.Any(s => s.Events.Contains(WebhookEventTypes.StatusChanged));
        var targets = new Dictionary<Guid, List<Target>>();
        var calendars = new Dictionary<Guid, FiscalCalendar>();
        if (wantStatus)
        {
            var targetQuery = db.Targets.AsNoTracking().Where(t => kpiIds.Contains(t.KpiId));
            targets = (async ? await targetQuery.ToListAsync(cancellationToken) : [.. targetQuery]).GroupBy(t => t.KpiId).ToDictionary(g => g.Key, g => g.ToList());
            var orgQuery = db.Organizations.AsNoTracking().Where(o => organizations.Contains(o.Id));
            calendars = (async ? await orgQuery.ToListAsync(cancellationToken) : [.. orgQuery]).ToDictionary(o => o.Id, FiscalCalendar.For);
        }

        var outbox = db.Set<OutboxMessage>();
        foreach (var change in changes)
        {
            if (!kpis.TryGetValue(change.KpiId!.Value, out var kpi) || change.Period is not { } period)
            {
                continue;
            }

            var before = Snapshot(change.OldValue);
            var after = Snapshot(change.NewValue);
            var recorded = new JsonObject
            {
                ["kpiId"] = kpi.Id.ToString("D"),
                ["kpiKey"] = kpi.Key,
                ["kpiName"] = kpi.Name,
                ["scorecardId"] = kpi.ScorecardId.ToString("D"),
                ["period"] = period.ToString(),
                ["change"] = change.Change,
                ["value"] = after.Value,
                ["previousValue"] = before.Value,
                ["noDataReason"] = after.NoDataReason,
                ["comment"] = after.Comment,
                ["via"] = change.Via.ToString(),
                ["actor"] = change.ActorName,
            };
            Add(WebhookEventTypes.ActualRecorded, recorded);

            if (wantStatus && calendars.TryGetValue(change.OrganizationId, out var calendar))
            {
                var target = TargetInheritance.For(targets.GetValueOrDefault(kpi.Id) ?? [], period, calendar);
                var from = StatusRules.Assess(before.Value, target, kpi.Direction).Status;
                var to = StatusRules.Assess(after.Value, target, kpi.Direction).Status;
                if (from != to)
                {
                    Add(WebhookEventTypes.StatusChanged, new JsonObject
                    {
                        ["kpiId"] = kpi.Id.ToString("D"),
                        ["kpiKey"] = kpi.Key,
                        ["kpiName"] = kpi.Name,
                        ["period"] = period.ToString(),
                        ["from"] = from.ToString(),
                        ["to"] = to.ToString(),
                        ["value"] = after.Value,
                        ["target"] = target?.Value,
                    });
                }
            }

            void Add(string type, JsonObject data)
            {
                foreach (var subscription in subscriptions.Where(s => s.OrganizationId == change.OrganizationId && s.Events.Contains(type)))
                {
                    var message = WebhookOutbox.Message(change.OrganizationId, subscription.Id, type, (JsonObject)data.DeepClone(), now,
                        $"webhook:{subscription.Id:N}:{Guid.NewGuid():N}");
                    outbox.Add(OutboxWriter.ToRow(message, WebhookOutbox.Kind, now, now, message.IdempotencyKey));
                }
            }
        }
    }

    private static (decimal? Value, string? NoDataReason, string? Comment) Snapshot(string? json)
    {
        if (json is null)
        {
            return (null, null, null);
        }

        var node = JsonNode.Parse(json)!;
        return (node["value"]?.GetValue<decimal>(), node["noDataReason"]?.GetValue<string>(), node["comment"]?.GetValue<string>());
    }
}
