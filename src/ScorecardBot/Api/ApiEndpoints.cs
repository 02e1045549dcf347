using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;
using ScorecardBot.Scheduling;

namespace ScorecardBot.Api;

/// <summary>
/// The REST API for ERP and BI systems: /api/v1, authenticated by the organization's API keys,
/// rate-limited per key and size-limited, with every rejection a ProblemDetails; its OpenAPI
/// document at /openapi/v1.json (in Production only with Api:PublishDocument) and, in development,
/// a reference page at /scalar/v1.
/// </summary>
public static class ApiEndpoints
{
    public const string Prefix = "/api/v1";
    public const string ReadPolicy = "api-read";
    public const string WritePolicy = "api-write";
    public const string RatePolicy = "api-key";

    public static IServiceCollection AddScorecardApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiOptions>().Bind(configuration.GetSection(ApiOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<FailedApiLogins>();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ReadPolicy, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser())
            .AddPolicy(WritePolicy, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser()
                .RequireClaim(ApiKeyAuthenticationHandler.ScopeClaim, "write", "manage"));
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(RatePolicy, http =>
            {
                var perMinute = http.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.RequestsPerMinute;
                var key = http.User.Identity?.IsAuthenticated == true ? "key:" + http.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value
                    : "ip:" + http.Connection.RemoteIpAddress;
                return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = perMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
            limiter.OnRejected = (context, cancellationToken) =>
            {
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                var perMinute = context.HttpContext.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.RequestsPerMinute;
                return new ValueTask(ApiProblems.Write(context.HttpContext, StatusCodes.Status429TooManyRequests, "Too many calls",
                    $"This key may make {perMinute} calls a minute. Try again in {seconds} s."));
            };
        });
        services.AddOpenApi("v1", ApiDocument.Configure);

        // Outgoing webhooks: delivered through the outbox, a digest's event planned with the digest.
        Webhooks.WebhookSender.AddClient(services);
        services.AddSingleton<IRhythmPlanner>(sp => new Webhooks.WebhookDigestPlanner(ActivatorUtilities.CreateInstance<ReviewRhythmPlanner>(sp, ActivatorUtilities.GetServiceOrCreateInstance<StatusAbsences>(sp))));
        return services;
    }

    /// <summary>Maps /api/v1 and the OpenAPI document when <see cref="ApiOptions.Enabled"/>.</summary>
    public static void MapScorecardApi(this WebApplication app)
    {
        if (app.Environment.IsProduction() && app.Services.GetService<Webhooks.LoopbackWebhooksForTests>() is not null)
        {
            throw new InvalidOperationException("Webhooks to loopback are for tests only and never run in Production.");
        }

        if (!app.Services.GetRequiredService<IOptions<ApiOptions>>().Value.Enabled)
        {
            return;
        }

        var group = app.MapGroup(Prefix)
            .WithTags("Scorecard API")
            .RequireAuthorization(ReadPolicy)
            .RequireRateLimiting(RatePolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        ((IEndpointConventionBuilder)group).Finally(RequestSizeGuard.Protect);
        ScorecardsApi.Map(group);
        MinutesApi.Map(group);
        ActualsApi.Map(group);
        ExportApi.Map(group);
        Webhooks.WebhooksApi.Map(group);
        if (app.Services.GetRequiredService<IOptions<ApiOptions>>().Value.PublishDocument ?? !app.Environment.IsProduction())
        {
            app.MapOpenApi("/openapi/{documentName}.json");
        }

        if (app.Environment.IsDevelopment())
        {
            app.MapScalarApiReference();
        }
    }
}

/// <summary>
/// Refuses a body larger than <see cref="ApiOptions.MaxRequestBytes"/> with 413 before it is read
/// (Content-Length), or while it is read (chunked). It wraps each endpoint's request delegate, so
/// it runs before anything of the body is read.
/// </summary>
internal static class RequestSizeGuard
{
    public static void Protect(EndpointBuilder endpoint)
    {
        var inner = endpoint.RequestDelegate;
        if (inner is null)
        {
            return;
        }

        endpoint.RequestDelegate = async context =>
        {
            var limit = context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.MaxRequestBytes;
            if (context.Request.ContentLength > limit)
            {
                await TooLarge(context, limit);
                return;
            }

            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                size.MaxRequestBodySize = limit;
            }

            try
            {
                await inner(context);
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                await TooLarge(context, limit);
            }
        };
    }

    private static Task TooLarge(HttpContext context, long limit) =>
        ApiProblems.Write(context, StatusCodes.Status413PayloadTooLarge, "The request is too large",
            $"A request body can be at most {limit.ToString("N0", CultureInfo.InvariantCulture)} bytes. Split the actuals into several requests.");
}
