using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using ScorecardBot.Core.Delivery;
using ScorecardBot.Teams.Auth;
using ScorecardBot.Teams.Connector;
using ScorecardBot.Teams.Hosting;

namespace ScorecardBot.Teams;

public static class TeamsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Teams channel. The host must also register <see cref="ITeamsTurnHandler"/>,
    /// <see cref="ITeamsIdentityResolver"/> and <see cref="IConversationReferenceStore"/> (singleton or
    /// scoped); <see cref="ITeamsMessenger"/> is scoped.
    /// </summary>
    public static IServiceCollection AddTeams(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TeamsOptions>().Bind(configuration.GetSection(TeamsOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TeamsOptions>, TeamsOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        // Signatures, replay windows, rate limits and token expiry run on real time even when the
        // host runs the rhythm on the development clock (the host registers this key first then).
        services.TryAddKeyedSingleton<TimeProvider>(PlatformClock.Key, (sp, _) => sp.GetRequiredService<TimeProvider>());

        services.AddHttpClient(BotTokenValidator.OpenIdHttpClient, c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddHttpClient(MsalBotTokenProvider.MsalHttpClient, c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddHttpClient(ConnectorClient.HttpClientName, c => c.Timeout = TimeSpan.FromMinutes(3))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // Service URLs come from requests: never follow a redirect to a host the allow-list did not check.
                AllowAutoRedirect = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            })
            .AddResilienceHandler("teams-connector", static (builder, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<TeamsOptions>>().Value;
                if (options.MaxRetries == 0)
                {
                    return;
                }

                builder.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = options.MaxRetries,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = options.RetryBaseDelay,
                    MaxDelay = TimeSpan.FromSeconds(60),
                    ShouldRetryAfterHeader = true,
                    ShouldHandle = static args => ValueTask.FromResult(args.Outcome switch
                    {
                        { Exception: HttpRequestException } => true,
                        { Result: { } r } => r.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.PreconditionFailed
                            || (int)r.StatusCode >= 500,
                        _ => false,
                    }),
                });
            });

        services.TryAddSingleton<ServiceUrlPolicy>();
        services.AddHttpClient(FileDownloads.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.TryAddSingleton<FileDownloads>();
        services.TryAddSingleton<BotTokenValidator>();
        services.TryAddSingleton<IBotTokenProvider>(static sp =>
            sp.GetRequiredService<IOptions<TeamsOptions>>().Value.IsLocal
                ? new NoBotTokenProvider()
                : ActivatorUtilities.CreateInstance<MsalBotTokenProvider>(sp));
        services.TryAddSingleton<ConnectorRateLimiter>();
        services.TryAddSingleton<ConnectorClient>();
        services.TryAddSingleton<ReplyQueue>();
        services.AddHostedService(static sp => sp.GetRequiredService<ReplyQueue>());
        services.AddHostedService<TeamsStartupReport>();
        // Scoped: they use the host's ports, which are typically scoped (a DbContext per request or job).
        services.TryAddScoped<ITeamsMessenger, TeamsMessenger>();
        services.TryAddSingleton<ActivityRequestReader>();
        services.TryAddScoped<TeamsActivityHandler>();
        return services;
    }
}

/// <summary>Says loudly at start when the bot runs without authentication.</summary>
internal sealed partial class TeamsStartupReport(IOptions<TeamsOptions> options, IHostEnvironment environment, ILogger<TeamsStartupReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.IsLocal)
        {
            if (options.Value.AllowLocalMode || environment.IsDevelopment())
            {
                LogLocalMode(logger);
            }
            else
            {
                LogLocalModeOff(logger, environment.EnvironmentName);
            }
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams:AppId is not set: the Teams endpoint runs in local development mode, accepting unauthenticated activities from loopback callers only and replying without a token.")]
    private static partial void LogLocalMode(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams:AppId is not set and the environment is {Environment}, not Development: the Teams endpoint refuses every activity (set Teams:AppId, or Teams:AllowLocalMode=true for a local tool).")]
    private static partial void LogLocalModeOff(ILogger logger, string environment);
}
