using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace ScorecardBot.Slack.Api;

/// <summary>
/// The one way every Web API call goes out: bearer token, tier/channel pacing (<see cref="SlackRateLimiter"/>),
/// <c>ok:false</c> → <see cref="SlackApiException"/>. A 429 is retried by the HttpClient's resilience handler
/// (<see cref="AddRetries"/>) after Slack's Retry-After; one still throttled after the last retry, or told to
/// wait longer than <see cref="SlackOptions.MaxRetryAfter"/>, fails as <c>ratelimited</c> with that Retry-After.
/// </summary>
internal sealed partial class SlackApiPipeline(HttpClient http, IOptions<SlackOptions> options, SlackRateLimiter limiter)
{
    private readonly Uri _base = new(options.Value.ApiBaseUrl);

    public async Task<T> CallAsync<T>(
        string method, string? token, string teamId, SlackTier tier, string? channel,
        Func<HttpContent> content, JsonTypeInfo<T> type, CancellationToken ct, TimeSpan? maxQueueWait = null)
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

        HttpResponseMessage sent;
        try
        {
            sent = await http.SendAsync(request, ct);
        }
        catch (Polly.Timeout.TimeoutRejectedException e)
        {
            // One attempt's time ran out: a timeout like HttpClient's own, for the callers that handle those.
            throw new TaskCanceledException($"Slack {method} did not answer within {AttemptTimeout.TotalSeconds:0} s.", e);
        }

        using var response = sent;
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            var retryAfter = RetryAfterOf(response);
            throw new SlackApiException(method, "ratelimited", $"Retry-After {retryAfter.TotalSeconds:0} s") { RetryAfter = retryAfter };
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

    /// <summary>How long one attempt may take; the HttpClient's own timeout covers the attempts and their waits.</summary>
    internal static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Slack's Retry-After (seconds); a 429 without one waits a second.</summary>
    internal static TimeSpan RetryAfterOf(HttpResponseMessage response) =>
        response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);

    /// <summary>
    /// The Web API client's resilience handler: a 429 is sent again after its Retry-After plus a little
    /// jitter (so callers throttled together do not come back together), at most
    /// <see cref="SlackOptions.MaxRateLimitRetries"/> times, and not at all when Slack asks for a wait
    /// longer than <see cref="SlackOptions.MaxRetryAfter"/>. Other failures are Slack's answers (ok:false)
    /// and are not retried here: the outbox decides what to send again.
    /// </summary>
    internal static void AddRetries(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context)
    {
        var options = context.ServiceProvider.GetRequiredService<IOptions<SlackOptions>>().Value;
        if (options.MaxRateLimitRetries == 0)
        {
            builder.AddTimeout(AttemptTimeout);
            return;
        }

        var log = context.ServiceProvider.GetRequiredService<ILogger<SlackApiPipeline>>();
        var maxRetryAfter = options.MaxRetryAfter;
        builder.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = options.MaxRateLimitRetries,
            ShouldHandle = args => ValueTask.FromResult(
                args.Outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests } throttled && RetryAfterOf(throttled) <= maxRetryAfter),
            DelayGenerator = static args => ValueTask.FromResult<TimeSpan?>(
                RetryAfterOf(args.Outcome.Result!) + TimeSpan.FromMilliseconds(Random.Shared.Next(50, 250))),
            OnRetry = args =>
            {
                LogRateLimited(log, args.Outcome.Result?.RequestMessage?.RequestUri?.AbsolutePath ?? "?", args.RetryDelay.TotalSeconds, args.AttemptNumber + 1);
                return default;
            },
        });
        builder.AddTimeout(AttemptTimeout);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack {Method} rate limited; retrying after {Seconds:0.0} s (attempt {Attempt})")]
    private static partial void LogRateLimited(ILogger logger, string method, double seconds, int attempt);
}
