using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ScorecardBot.Core.Delivery;

namespace ScorecardBot.Slack.Verification;

/// <summary>The verified raw body of a Slack request, read once by the filter.</summary>
internal sealed class SlackRequestBody(byte[] signed, int bodyStart, bool isRetry)
{
    public ReadOnlyMemory<byte> Bytes { get; } = signed.AsMemory(bodyStart);
    public bool IsRetry { get; } = isRetry;
    public string Text() => Encoding.UTF8.GetString(Bytes.Span);
}

/// <summary>Endpoint metadata: this endpoint deduplicates by event_id, so Slack's retries may repeat a signature.</summary>
internal sealed class AcceptsSlackRetries;

/// <summary>
/// The single gate in front of every signed Slack endpoint: body size limit, v0 signature with
/// every accepted secret (constant time), timestamp window both ways, replay cache. Rejections
/// are a bare 401 (413 for oversize) so a caller learns nothing about why.
/// </summary>
internal sealed partial class SlackRequestVerificationFilter : IEndpointFilter
{
    private readonly byte[][] _secrets;
    private readonly int _maxBody;
    private readonly long _tolerance;
    private readonly TimeProvider _time;
    private readonly ReplayCache _replays;
    private readonly ILogger _log;

    public SlackRequestVerificationFilter(IOptions<SlackOptions> options, [FromKeyedServices(PlatformClock.Key)] TimeProvider time, ReplayCache replays, ILogger<SlackRequestVerificationFilter> log)
    {
        var o = options.Value;
        _secrets = [.. o.AcceptedSigningSecrets().Select(Encoding.UTF8.GetBytes)];
        _maxBody = o.MaxRequestBodyBytes;
        _tolerance = o.TimestampToleranceSeconds;
        _time = time;
        _replays = replays;
        _log = log;
    }

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var request = http.Request;
        if (_secrets.Length == 0)
        {
            return Reject(http, "no signing secret");
        }

        if (request.ContentLength > _maxBody)
        {
            LogRejected(_log, "body too large");
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var timestampHeader = request.Headers["X-Slack-Request-Timestamp"];
        var signatureHeader = request.Headers["X-Slack-Signature"];
        if (timestampHeader.Count != 1 || signatureHeader.Count != 1)
        {
            return Reject(http, "missing or repeated signature headers");
        }

        if (!SlackSignature.TryParseTimestamp(timestampHeader[0], out var seconds))
        {
            return Reject(http, "malformed timestamp");
        }

        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        if (Math.Abs(now - seconds) > _tolerance)
        {
            return Reject(http, now > seconds ? "timestamp too old" : "timestamp in the future");
        }

        var mac = new byte[32];
        if (!SlackSignature.TryParse(signatureHeader[0], mac))
        {
            return Reject(http, "malformed signature");
        }

        // The body is read straight after "v0:{ts}:" so the base string is hashed in one call, without copies.
        var prefix = "v0:" + timestampHeader[0] + ":";
        var signed = await ReadBodyAsync(request, prefix, _maxBody, http.RequestAborted);
        if (signed is null)
        {
            LogRejected(_log, "body too large");
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        if (!SlackSignature.Matches(_secrets, signed, mac))
        {
            return Reject(http, "signature mismatch");
        }

        var isRetry = false;
        if (!_replays.TryRecord(seconds, mac, now))
        {
            // Slack's own retries of an event are let through: the events endpoint processes an event_id once.
            isRetry = request.Headers.ContainsKey("X-Slack-Retry-Num")
                && http.GetEndpoint()?.Metadata.GetMetadata<AcceptsSlackRetries>() is not null;
            if (!isRetry)
            {
                return Reject(http, "replayed signature");
            }
        }

        http.Features.Set(new SlackRequestBody(signed, prefix.Length, isRetry || request.Headers.ContainsKey("X-Slack-Retry-Num")));
        return await next(context);
    }

    private object Reject(HttpContext http, string reason)
    {
        LogRejected(_log, reason);
        http.Response.Headers.CacheControl = "no-store";
        return Results.StatusCode(StatusCodes.Status401Unauthorized);
    }

    /// <summary>
    /// Reads the whole body after <paramref name="prefix"/> into one array, or returns null as soon as the
    /// body exceeds the limit (chunked bodies have no length, so the limit is checked while reading).
    /// </summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, string prefix, int max, CancellationToken ct)
    {
        var start = prefix.Length;
        if (request.ContentLength is { } length)
        {
            var exact = new byte[start + length];
            Encoding.ASCII.GetBytes(prefix, exact);
            var read = 0;
            while (read < length)
            {
                var n = await request.Body.ReadAsync(exact.AsMemory(start + read), ct);
                if (n == 0)
                {
                    return exact[..(start + read)];
                }

                read += n;
            }

            return exact;
        }

        var buffer = new byte[start + 4096];
        Encoding.ASCII.GetBytes(prefix, buffer);
        var total = start;
        while (true)
        {
            if (total == buffer.Length)
            {
                Array.Resize(ref buffer, Math.Min(buffer.Length * 2, start + max + 1));
            }

            var n = await request.Body.ReadAsync(buffer.AsMemory(total), ct);
            if (n == 0)
            {
                return buffer[..total];
            }

            total += n;
            if (total - start > max)
            {
                return null;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack request rejected: {Reason}")]
    private static partial void LogRejected(ILogger logger, string reason);
}
