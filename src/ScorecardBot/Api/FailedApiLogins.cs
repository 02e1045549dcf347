using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace ScorecardBot.Api;

/// <summary>
/// Limits failed API-key logins per client address, before authentication: an address that sent
/// <see cref="ApiOptions.FailedLoginsPerMinute"/> refused keys in a minute gets 429 (with
/// Retry-After, as a ProblemDetails) for every /api/v1 call until the minute is over, without its
/// key being looked up. The per-key limit applies only after a key authenticated, so without this a
/// burst of guessed keys would cost a database lookup each and never be slowed down. Only failures
/// count: a busy feed with a good key is never held back by its own calls, and another address is
/// not affected. The address is the connection's (<see cref="ConnectionInfo.RemoteIpAddress"/>);
/// behind a proxy it is the client's only where the host is set to read forwarded headers
/// (ASPNETCORE_FORWARDEDHEADERS_ENABLED), never from a header the bot trusts on its own.
/// </summary>
internal sealed class FailedApiLogins : IDisposable
{
    private readonly PartitionedRateLimiter<IPAddress> _failures;

    public FailedApiLogins(IOptions<ApiOptions> options)
    {
        var perMinute = options.Value.FailedLoginsPerMinute;
        PerMinute = perMinute;
        _failures = PartitionedRateLimiter.Create<IPAddress, IPAddress>(address => RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = perMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));
    }

    public int PerMinute { get; }

    /// <summary>How long the caller's address must wait; null when it may try a key.</summary>
    public TimeSpan? Blocked(HttpContext context)
    {
        // Zero permits asks whether the address has any left, and takes none.
        using var lease = _failures.AttemptAcquire(AddressOf(context), 0);
        return lease.IsAcquired ? null : lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
    }

    /// <summary>Counts a refused key against the caller's address.</summary>
    public void Failed(HttpContext context)
    {
        using var lease = _failures.AttemptAcquire(AddressOf(context));
    }

    public void Dispose() => _failures.Dispose();

    private static IPAddress AddressOf(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress ?? IPAddress.None;
        return address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
    }

    /// <summary>
    /// Runs before authentication: an /api/v1 call from an address over its failed logins is
    /// answered 429 before its key is read.
    /// </summary>
    public static IApplicationBuilder UseFailedApiLoginLimit(IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.Path.StartsWithSegments(ApiEndpoints.Prefix, StringComparison.OrdinalIgnoreCase) &&
            context.RequestServices.GetRequiredService<FailedApiLogins>() is var logins && logins.Blocked(context) is { } wait)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await ApiProblems.Write(context, StatusCodes.Status429TooManyRequests, "Too many failed logins",
                $"This address sent {logins.PerMinute} API keys in a minute that were refused, so its calls are refused for now, whatever key they carry. " +
                $"Try again in {seconds} s with a valid key (an admin lists them with: apikey list).");
            return;
        }

        await next(context);
    });
}
