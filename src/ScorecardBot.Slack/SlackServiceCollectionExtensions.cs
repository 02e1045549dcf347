using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ScorecardBot.Core.Delivery;
using ScorecardBot.Slack.Api;
using ScorecardBot.Slack.Hosting;
using ScorecardBot.Slack.Inbound;
using ScorecardBot.Slack.OAuth;
using ScorecardBot.Slack.Verification;

namespace ScorecardBot.Slack;

public static partial class SlackServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Slack adapter: options (<c>Slack:</c>, validated on start), request verification,
    /// the Web API client, the background queue and the proactive messenger. The host registers
    /// <see cref="ISlackTurnHandler"/>, <see cref="ISlackIdentityResolver"/>, <see cref="IAppHomeProvider"/>
    /// and (for OAuth installs that survive a restart) an <see cref="ISlackInstallationStore"/>.
    /// </summary>
    public static IServiceCollection AddSlack(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SlackOptions>().Bind(configuration.GetSection(SlackOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SlackOptions>, SlackOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        // Signatures, replay windows, rate limits and token expiry run on real time even when the
        // host runs the rhythm on the development clock (the host registers this key first then).
        services.TryAddKeyedSingleton<TimeProvider>(PlatformClock.Key, (sp, _) => sp.GetRequiredService<TimeProvider>());
        services.AddDataProtection();

        services.TryAddSingleton(sp => new OAuth.UsedOAuthStates(sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.TryAddSingleton(sp => new ReplayCache(sp.GetRequiredService<IOptions<SlackOptions>>().Value.TimestampToleranceSeconds));
        services.TryAddSingleton<EventDeduplicator>();
        services.TryAddSingleton<SlackRequestVerificationFilter>();

        services.TryAddSingleton<SlackRateLimiter>();
        // Each attempt has 15 s (the resilience handler's timeout); this one covers all of them and their Retry-After waits.
        services.AddHttpClient<SlackApiPipeline>(static (sp, c) =>
            {
                var o = sp.GetRequiredService<IOptions<SlackOptions>>().Value;
                c.Timeout = SlackApiPipeline.AttemptTimeout * (o.MaxRateLimitRetries + 1) + (o.MaxRetryAfter + TimeSpan.FromSeconds(1)) * o.MaxRateLimitRetries;
            })
            .AddResilienceHandler("slack-web-api", SlackApiPipeline.AddRetries);
        services.AddHttpClient<ResponseUrlClient>(c => c.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        // The upload URL comes from Slack's answer and is checked against Slack:AllowedUploadUrlHosts;
        // a redirect from there is not followed, so the bytes go nowhere else.
        services.AddHttpClient(SlackApiClientFactory.UploadClientName, c => c.Timeout = TimeSpan.FromSeconds(60))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.TryAddSingleton<ISlackInstallationStore, InMemorySlackInstallationStore>();
        services.TryAddSingleton<SlackInstallations>();
        services.TryAddSingleton<ISlackApiClientFactory, SlackApiClientFactory>();
        services.TryAddSingleton<ISlackMessenger, SlackMessenger>();
        services.TryAddSingleton<Core.Rhythm.IPlatformAwayStatus, SlackAwayStatus>();

        services.TryAddSingleton<SlackWorkQueue>();
        services.AddHostedService<SlackWorker>();
        services.TryAddScoped<SlackTurnRunner>();
        services.TryAddScoped<SlackReplyDelivery>();
        return services;
    }

    /// <summary>
    /// Maps <c>/slack/events</c>, <c>/slack/commands</c>, <c>/slack/interactions</c> behind signature
    /// verification, and the OAuth install endpoints when a client id and secret are set. Without a
    /// signing secret nothing is mapped (and the log says why): unsigned Slack traffic is never accepted.
    /// </summary>
    public static bool MapSlackEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var sp = endpoints.ServiceProvider;
        var options = sp.GetRequiredService<IOptions<SlackOptions>>().Value;
        var log = sp.GetRequiredService<ILoggerFactory>().CreateLogger("ScorecardBot.Slack");
        if (options.AcceptedSigningSecrets().Count == 0)
        {
            LogNotMapped(log);
            return false;
        }

        var missing = new[] { typeof(ISlackTurnHandler), typeof(ISlackIdentityResolver), typeof(IAppHomeProvider) }
            .Where(t => sp.GetService<IServiceProviderIsService>()?.IsService(t) == false)
            .Select(t => t.Name)
            .ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"Slack is configured but the host registered no {string.Join(", ", missing)}; register them before MapSlackEndpoints.");
        }

        var slack = endpoints.MapGroup("/slack");
        var signed = slack.MapGroup("").AddEndpointFilter(sp.GetRequiredService<SlackRequestVerificationFilter>()).DisableAntiforgery();
        signed.MapPost("/events", SlackEventsEndpoint.Handle).WithMetadata(new AcceptsSlackRetries()).WithName("SlackEvents");
        signed.MapPost("/commands", (Func<HttpContext, Task<IResult>>)SlashCommandEndpoint.HandleAsync).WithName("SlackCommands");
        signed.MapPost("/interactions", (Func<HttpContext, Task<IResult>>)InteractionsEndpoint.HandleAsync).WithName("SlackInteractions");

        if (options.OAuthEnabled)
        {
            slack.MapGet("/install", SlackOAuthEndpoints.Install).WithName("SlackInstall");
            slack.MapGet("/oauth/callback", SlackOAuthEndpoints.CallbackAsync).WithName("SlackOAuthCallback");
        }

        LogMapped(log, options.AcceptedSigningSecrets().Count, options.OAuthEnabled);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack endpoints not mapped: no Slack:SigningSecret (or Slack:SigningSecrets) is configured, and unsigned requests are never accepted")]
    private static partial void LogNotMapped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack endpoints mapped under /slack ({SecretCount} signing secret(s) accepted; OAuth install {OAuth})")]
    private static partial void LogMapped(ILogger logger, int secretCount, bool oAuth);
}
