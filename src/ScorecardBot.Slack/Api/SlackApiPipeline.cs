using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ScorecardBot.Slack.Api;

/// <summary>
/// The one way every Web API call goes out: bearer token, tier/channel pacing, <c>ok:false</c> →
/// <see cref="SlackApiException"/>, 429 → wait Retry-After (+ jitter) and retry a bounded number of times.
/// </summary>
internal sealed partial class SlackApiPipeline(HttpClient http, IOptions<SlackOptions> options, SlackRateLimiter limiter, TimeProvider time, ILogger<SlackApiPipeline> log)
{
    private readonly Uri _base = new(options.Value.ApiBaseUrl);

    public async Task<T> CallAsync<T>(
        string method, string? token, string teamId, SlackTier tier, string? channel,
        Func<HttpContent> content, JsonTypeInfo<T> type, CancellationToken ct, TimeSpan? maxQueueWait = null)
    {
        var o = options.Value;
        for (var attempt = 0; ; attempt++)
        {
            if (!await limiter.WaitAsync(teamId, method, tier, channel, ct, maxQueueWait))
            {
                throw new SlackApiException(method, "ratelimited", "local limit: too many calls queued");
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_base, method)) { Content = content() };
            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            using var response = await http.SendAsync(request, ct);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var retryAfter = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
                if (attempt >= o.MaxRateLimitRetries || retryAfter > o.MaxRetryAfter)
                {
                    throw new SlackApiException(method, "ratelimited", $"Retry-After {retryAfter.TotalSeconds:0} s") { RetryAfter = retryAfter };
                }

                // Jitter so callers that were throttled together do not come back together.
                var jitter = TimeSpan.FromMilliseconds(Random.Shared.Next(50, 250));
                LogRateLimited(log, method, retryAfter.TotalSeconds, attempt + 1);
                await Task.Delay(retryAfter + jitter, time, ct);
                continue;
            }

            var bytes = await response.Content.ReadAsByteArrayAsync(ct);
            OkResponse? ok;
            try
            {
                ok = JsonSerializer.Deserialize(bytes, SlackJson.Default.OkResponse);
            }
            catch (JsonException)
            {
                ok = null;
            }

            if (ok is null)
            {
                throw new SlackApiException(method, "invalid_response", $"HTTP {(int)response.StatusCode}");
            }

            if (!ok.Ok)
            {
                var detail = ok.Needed is null ? null : $"needed {ok.Needed}";
                throw new SlackApiException(method, ok.Error ?? "unknown_error", detail);
            }

            return JsonSerializer.Deserialize(bytes, type) ?? throw new SlackApiException(method, "invalid_response");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack {Method} rate limited; retrying after {Seconds} s (attempt {Attempt})")]
    private static partial void LogRateLimited(ILogger logger, string method, double seconds, int attempt);
}
