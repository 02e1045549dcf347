using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ScorecardBot.Core.Model;
using ScorecardBot.Data;
using ScorecardBot.Data.Webhooks;

namespace ScorecardBot.Api.Webhooks;

/// <summary>An organization's outgoing webhooks: list, register (the signing secret is shown once), delete.</summary>
internal static class WebhooksApi
{
    public const int MaxPerOrganization = 5;

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/webhooks", ListAsync).WithName("ListWebhooks").WithSummary("The organization's outgoing webhooks (without their secrets).");
        group.MapPost("/webhooks", RegisterAsync).WithName("RegisterWebhook")
            .WithSummary("Registers an https URL for signed events: actual.recorded, kpi.status_changed, review.digest_posted.")
            .WithDescription("The answer holds the signing secret, shown this once. Each delivery carries X-Scorecard-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of \"t.body\">. URLs that are not https or resolve to a private, loopback or link-local address are refused.")
            .Accepts<WebhookRegistration>("application/json")
            .RequireAuthorization(ApiEndpoints.WritePolicy);
        group.MapDelete("/webhooks/{id:guid}", DeleteAsync).WithName("DeleteWebhook").WithSummary("Stops a webhook; deliveries not yet sent are dropped.")
            .RequireAuthorization(ApiEndpoints.WritePolicy);
    }

    internal static async Task<Ok<WebhookListResponse>> ListAsync(HttpContext http, ScorecardDbContext db, CancellationToken cancellationToken)
    {
        var organization = ApiCallers.Of(http).OrganizationId;
        var hooks = await db.WebhookSubscriptions.AsNoTracking().Where(w => w.OrganizationId == organization).ToListAsync(cancellationToken);
        return TypedResults.Ok(new WebhookListResponse([.. hooks.OrderBy(w => w.CreatedAt).Select(w => View(w))]));
    }

    internal static async Task<Results<Created<WebhookView>, ProblemHttpResult>> RegisterAsync(
        HttpRequest request, ScorecardDbContext db, WebhookAddresses addresses, IDataProtectionProvider protection, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, unreadable) = await ApiJson.ReadAsync<WebhookRegistration>(request, "{\"url\": \"https://example.com/hooks/scorecard\", \"events\": [\"actual.recorded\"]}", cancellationToken);
        if (body is null)
        {
            return unreadable!;
        }

        var caller = ApiCallers.Of(request.HttpContext);
        if (await addresses.ProblemAsync(body.Url, cancellationToken) is { } problem)
        {
            return ApiProblems.BadRequest(problem);
        }

        var events = body.Events is { Count: > 0 } asked ? asked.Distinct(StringComparer.Ordinal).ToList() : [.. WebhookEventTypes.All];
        var unknown = events.FirstOrDefault(e => !WebhookEventTypes.All.Contains(e));
        if (unknown is not null)
        {
            return ApiProblems.BadRequest($"\"{unknown}\" is not an event: choose from {string.Join(", ", WebhookEventTypes.All)}.");
        }

        if (await db.WebhookSubscriptions.CountAsync(w => w.OrganizationId == caller.OrganizationId, cancellationToken) >= MaxPerOrganization)
        {
            return ApiProblems.Problem(StatusCodes.Status409Conflict, "Too many webhooks", $"An organization can have at most {MaxPerOrganization} webhooks: delete one first.");
        }

        var secret = "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var webhook = new WebhookSubscription
        {
            OrganizationId = caller.OrganizationId,
            Url = body.Url!,
            Events = events,
            ProtectedSecret = protection.CreateProtector(WebhookSender.Purpose).Protect(secret),
            CreatedBy = caller.Name,
            CreatedAt = time.GetUtcNow(),
        };
        db.WebhookSubscriptions.Add(webhook);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"{ApiEndpoints.Prefix}/webhooks/{webhook.Id}", View(webhook, secret));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, HttpContext http, ScorecardDbContext db, CancellationToken cancellationToken)
    {
        var organization = ApiCallers.Of(http).OrganizationId;
        var webhook = await db.WebhookSubscriptions.SingleOrDefaultAsync(w => w.Id == id && w.OrganizationId == organization, cancellationToken);
        if (webhook is null)
        {
            return ApiProblems.NotFound($"There is no webhook {id} in this organization. GET /api/v1/webhooks lists them.");
        }

        db.WebhookSubscriptions.Remove(webhook);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static WebhookView View(WebhookSubscription w, string? secret = null) => new(w.Id, w.Url, w.Events, w.CreatedBy, w.CreatedAt, secret);
}
