using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using ScorecardBot.Core.Delivery;
using ScorecardBot.Data;
using ScorecardBot.Data.Webhooks;

namespace ScorecardBot.Api.Webhooks;

/// <summary>
/// Delivers one webhook event from the outbox: POSTs its JSON to the webhook's URL, signed with
/// the webhook's secret. The outbox retries transient failures (timeouts, 408, 429, 5xx) with
/// backoff; a 4xx or a webhook deleted meanwhile is permanent.
/// </summary>
/// <remarks>
/// <c>X-Scorecard-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "t.body" with the secret&gt;</c>.
/// A receiver recomputes it over the raw body, compares in constant time, and refuses a t more
/// than five minutes off its clock (a replay). <c>X-Scorecard-Delivery</c> is the event's id, the
/// same on every retry, for deduplication.
/// </remarks>
internal sealed class WebhookSender(IServiceScopeFactory scopes, IHttpClientFactory clients, IDataProtectionProvider protection, TimeProvider time)
{
    public const string ClientName = "ScorecardBot.Webhooks";
    public const string SignatureHeader = "X-Scorecard-Signature";
    internal const string Purpose = "ScorecardBot.Webhooks.Secret";

    public async Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        if (!Guid.TryParseExact(message.Destination.ConversationId, "N", out var id))
        {
            return new DeliveryResult.Permanent(DeliveryFailureCodes.ChannelNotFound, "not a webhook id");
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        var webhook = await db.WebhookSubscriptions.AsNoTracking().SingleOrDefaultAsync(w => w.Id == id && w.OrganizationId == message.OrganizationId, cancellationToken);
        if (webhook is null)
        {
            return new DeliveryResult.Permanent(DeliveryFailureCodes.ChannelNotFound, "the webhook was deleted");
        }

        var (body, type) = WebhookOutbox.Read(message);
        var secret = protection.CreateProtector(Purpose).Unprotect(webhook.ProtectedSecret);
        var stamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(SignatureHeader, $"t={stamp},v1={Sign(secret, stamp, body)}");
        request.Headers.Add("X-Scorecard-Event", type);
        request.Headers.Add("X-Scorecard-Delivery", message.IdempotencyKey);
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, cancellationToken);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return new DeliveryResult.Sent(new MessageReference(message.Destination.ConversationId!, message.IdempotencyKey));
            }

            return status is 408 or 429 || status >= 500
                ? new DeliveryResult.Transient($"the webhook answered {status}", response.Headers.RetryAfter?.Delta)
                : new DeliveryResult.Permanent("webhook_rejected", $"the webhook answered {status}");
        }
        catch (HttpRequestException e) when (e.InnerException is WebhookAddressRefusedException refused)
        {
            return new DeliveryResult.Permanent("webhook_address_not_allowed", refused.Message);
        }
    }

    public static string Sign(string secret, string stamp, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{stamp}.{body}")));

    /// <summary>The HTTP client: connections only to addresses the guard allows, a short timeout, no redirects (a redirect could lead inside).</summary>
    public static void AddClient(IServiceCollection services)
    {
        services.AddSingleton<WebhookAddresses>();
        services.AddSingleton<WebhookSender>();
        services.AddHttpClient(ClientName, c => c.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                ConnectCallback = sp.GetRequiredService<WebhookAddresses>().ConnectAsync,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            });
    }
}
