using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ScorecardBot.Slack.Verification;

/// <summary>The verified raw body of a Slack request, read once by the filter.</summary>
internal sealed class SlackRequestBody(byte[] body, bool isRetry)
{
    public ReadOnlyMemory<byte> Bytes { get; } = body;
    public bool IsRetry { get; } = isRetry;
    public string Text() => Encoding.UTF8.GetString(body);
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

    public SlackRequestVerificationFilter(IOptions<SlackOptions> options, TimeProvider time, ReplayCache replays, ILogger<SlackRequestVerificationFilter> log)
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

        Span<byte> ts = stackalloc byte[12];
        if (!SlackSignature.TryParseTimestamp(timestampHeader[0], ts, out var seconds, out var tsLength))
        {
            return Reject(http, "malformed timestamp");
        }

        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        if (Math.Abs(now - seconds) > _tolerance)
        {
            return Reject(http, now > seconds ? "timestamp too old" : "timestamp in the future");
        }

        Span<byte> mac = stackalloc byte[32];
        if (!SlackSignature.TryParse(signatureHeader[0], mac))
        {
            return Reject(http, "malformed signature");
        }

        var body = await ReadBodyAsync(request, _maxBody, http.RequestAborted);
        if (body is null)
        {
            LogRejected(_log, "body too large");
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        // Spans cannot cross the await above, so the header bytes are parsed again here.
        Span<byte> ts2 = stackalloc byte[12];
        Span<byte> mac2 = stackalloc byte[32];
        SlackSignature.TryParseTimestamp(timestampHeader[0], ts2, out _, out _);
        SlackSignature.TryParse(signatureHeader[0], mac2);
        if (!SlackSignature.Matches(_secrets, ts2[..tsLength], body, mac2))
        {
            return Reject(http, "signature mismatch");
        }

        var isRetry = false;
        if (!_replays.TryRecord(seconds, mac2, now))
        {
            // Slack's own retries of an event are let through: the events endpoint processes an event_id once.
            isRetry = request.Headers.ContainsKey("X-Slack-Retry-Num")
                && http.GetEndpoint()?.Metadata.GetMetadata<AcceptsSlackRetries>() is not null;
            if (!isRetry)
            {
                return Reject(http, "replayed signature");
            }
        }

        http.Features.Set(new SlackRequestBody(body, isRetry || request.Headers.ContainsKey("X-Slack-Retry-Num")));
        return await next(context);
    }

    private object Reject(HttpContext http, string reason)
    {
        LogRejected(_log, reason);
        http.Response.Headers.CacheControl = "no-store";
        return Results.StatusCode(StatusCodes.Status401Unauthorized);
    }

    /// <summary>Reads the whole body, or returns null as soon as it exceeds the limit (chunked bodies have no length).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int max, CancellationToken ct)
    {
        if (request.ContentLength is { } length)
        {
            var exact = new byte[length];
            var read = 0;
            while (read < length)
            {
                var n = await request.Body.ReadAsync(exact.AsMemory(read), ct);
                if (n == 0)
                {
                    return exact[..read];
                }

                read += n;
            }

            return exact;
        }

        var rented = ArrayPool<byte>.Shared.Rent(8192);
        try
        {
            var total = 0;
            while (true)
            {
                if (total == rented.Length)
                {
                    if (total >= max + 1)
                    {
                        return null;
                    }

                    var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(rented.Length * 2, max + 1));
                    rented.AsSpan(0, total).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(rented);
                    rented = bigger;
                }

                var n = await request.Body.ReadAsync(rented.AsMemory(total, Math.Min(rented.Length, max + 1) - total), ct);
                if (n == 0)
                {
                    return rented.AsSpan(0, total).ToArray();
                }

                total += n;
                if (total > max)
                {
                    return null;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack request rejected: {Reason}")]
    private static partial void LogRejected(ILogger logger, string reason);
}
