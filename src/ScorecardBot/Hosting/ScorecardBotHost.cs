using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using ScorecardBot.Api;
using ScorecardBot.Bindings;
using ScorecardBot.Charts;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Delivery;
using ScorecardBot.Data;
using ScorecardBot.Data.AsCode;
using ScorecardBot.Data.Stores;
using ScorecardBot.LocalChat;
using ScorecardBot.Scheduling;
using ScorecardBot.Slack;
using ScorecardBot.Teams;

namespace ScorecardBot.Hosting;

/// <summary>The composition root: which parts make up the bot and where their endpoints live.</summary>
internal static class ScorecardBotHost
{
    public static WebApplicationBuilder AddScorecardBot(this WebApplicationBuilder builder, bool runsAsVerb)
    {
        var configuration = builder.Configuration;
        var services = builder.Services;

        services.AddOptions<BotOptions>().Bind(configuration).ValidateDataAnnotations().ValidateOnStart();

        // In development the local chat's clock can jump ahead to the next window, due date or
        // review; then the rhythm, the engine and the outbox run on that simulated time, also with
        // Teams or Slack configured: their request signatures, token keys, rate limits and token
        // expiry keep the real clock (PlatformClock), so a simulated month plays through them too.
        var clockControl = !runsAsVerb &&
            (configuration.GetValue<bool?>("LocalChat:ClockControl") ?? builder.Environment.IsDevelopment());
        if (clockControl)
        {
            services.AddSingleton<SimulatedClock>();
            services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<SimulatedClock>());
            services.AddKeyedSingleton(PlatformClock.Key, TimeProvider.System);
            services.AddSingleton<ILocalClockControl, LocalRhythmClock>();
        }
        else
        {
            services.TryAddSingleton(TimeProvider.System);
        }

        var database = DatabaseOptions.FromConfiguration(configuration);
        if (runsAsVerb)
        {
            // A verb decides itself whether to migrate (the `migrate` verb does nothing else).
            database.MigrateOnStart = false;
        }

        // Data: the database, the conversation's read model and commands, scorecard files.
        services.AddScorecardData(database);
        services.AddScorecardStores();
        services.AddScorecardAsCode();
        if (!runsAsVerb)
        {
            var developmentSample = builder.Environment.IsDevelopment();
            services.AddOptions<SampleSeedOptions>()
                .Configure(o => o.SeedSample = developmentSample ? SampleSeedOptions.DevelopmentDefault : "none")
                .Bind(configuration.GetSection(SampleSeedOptions.SectionName));
            services.AddHostedService<SampleSeeder>();
        }

        services.AddHealthChecks().AddScorecardDatabaseCheck(tags: ["ready"]).AddCheck<OutboxHealthCheck>("outbox");
        services.AddScorecardTelemetry(configuration);
        services.AddProblemDetails();
        services.AddExceptionHandler<ClientHangUpHandler>();

        // The REST API for ERP and BI systems, authenticated by the organizations' API keys.
        services.AddScorecardApi(configuration);

        // The conversation engine, shared by every channel.
        services.AddSingleton(sp => new ConversationOptions { PublicBaseUrl = new Uri(sp.GetRequiredService<IOptions<BotOptions>>().Value.PublicBaseUrl) });
        services.AddSingleton<IChartLinks, SignedChartLinks>();
        services.AddSingleton<IDigestCharts, SignedDigestCharts>();
        services.AddSingleton<IDeliveryStatus, DatabaseDeliveryStatus>();
        services.AddSingleton<IConversationEngine, ConversationEngine>();

        // People who are not set up yet: setting up an organization from chat, people and files from chat.
        services.AddOptions<Onboarding.OnboardingOptions>().Bind(configuration.GetSection(Onboarding.OnboardingOptions.SectionName));
        // Setting up writes the admins' cards into the outbox; the writer needs only the clock, so the
        // command-line verbs (which run no scheduler) can build the same services.
        services.TryAddSingleton<Data.Outbox.OutboxWriter>();
        services.AddSingleton<Core.Onboarding.IOnboarding, Onboarding.OrganizationSetup>();
        services.AddSingleton<IPeople, Onboarding.DatabasePeople>();
        services.AddSingleton<IScorecardFiles, Onboarding.ChatScorecardFiles>();
        services.AddSingleton<ReachabilityMarks>();
        services.AddSingleton<EngineTurnHandler>();
        services.AddSingleton<ITeamsTurnHandler>(sp => sp.GetRequiredService<EngineTurnHandler>());
        services.AddSingleton<ISlackTurnHandler>(sp => sp.GetRequiredService<EngineTurnHandler>());
        services.AddSingleton<ILocalTurnHandler>(sp => sp.GetRequiredService<EngineTurnHandler>());

        // Who is who on each channel, and where to reach them later.
        services.AddSingleton<DatabaseIdentities>();
        services.AddSingleton<ITeamsIdentityResolver>(sp => sp.GetRequiredService<DatabaseIdentities>());
        services.AddSingleton<ISlackPeopleDirectory>(sp => sp.GetRequiredService<DatabaseIdentities>());
        services.AddSingleton<ILocalDirectory>(sp => sp.GetRequiredService<DatabaseIdentities>());
        services.AddSingleton<ISlackIdentityResolver, EmailLinkedIdentityResolver>();
        services.AddSingleton<IConversationReferenceStore, DatabaseConversationReferences>();
        services.AddSingleton<ISlackInstallationStore, DatabaseSlackInstallations>();
        services.AddSingleton<IAppHomeProvider, MyKpisAppHome>();

        // Slack bot tokens are kept encrypted with ASP.NET Data Protection, and chart links are signed
        // with it when Charts:SigningKey is not set. Every instance must read what another wrote, so
        // they share an application name and, when set, a key folder.
        var protection = services.AddDataProtection().SetApplicationName("ScorecardBot");
        if (configuration["DataProtection:KeysFolder"] is { Length: > 0 } keysFolder)
        {
            protection.PersistKeysToFileSystem(new DirectoryInfo(keysFolder));
        }

        // Channels: Teams, Slack and the local chat; charts they link to.
        services.AddTeams(configuration);
        services.AddSlack(configuration);
        services.AddLocalChat(configuration);
        services.AddScorecardCharts();
        services.AddSingleton<IChartDataSource, ReadModelChartData>();
        services.AddSingleton<ChartPictures>();

        // The review rhythm: Quartz decides what is due, the outbox delivers it exactly once.
        services.AddSingleton<IChannelSender, PlatformChannelSender>();
        if (!runsAsVerb)
        {
            services.AddScorecardScheduling(configuration, database);

            // Approval cards, rejections and reminders on demand go out through the same outbox.
            services.AddSingleton<Core.Conversation.Review.IProactiveMessenger, OutboxMessenger>();
        }
        return builder;
    }

    public static WebApplication MapScorecardBot(this WebApplication app)
    {
        app.UseExceptionHandler();

        // Every answer of the REST API is a ProblemDetails when it is a refusal, the framework's own 404, 405 and 400 too.
        app.UseApiStatusProblems();

        // Failed API logins are limited per client address before authentication looks at a key.
        FailedApiLogins.UseFailedApiLoginLimit(app);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        // The checks' details (undelivered messages, unreachable people, the database) are public
        // outside Production, and in Production only with Health:Details; liveness always is.
        var healthDetails = app.Configuration.GetValue<bool?>("Health:Details") ?? !app.Environment.IsProduction();
        app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = healthDetails ? WriteHealthAsync : WriteStatusAsync });
        app.MapTeamsEndpoints();
        app.MapSlackEndpoints();
        app.MapChartEndpoints();
        app.MapScorecardApi();
        app.MapLocalChat(ChatPlatformsConfigured(app.Configuration));
        return app;
    }

    /// <summary>Teams or Slack credentials are set: the bot talks to real chat platforms.</summary>
    internal static bool ChatPlatformsConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["Teams:AppId"]) ||
        !string.IsNullOrWhiteSpace(configuration["Slack:SigningSecret"]) ||
        configuration.GetSection("Slack:SigningSecrets").GetChildren().Any();

    private static Task WriteHealthAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, HealthJson));
    }

    /// <summary>Only the overall status, {"status":"Healthy"}: enough for a load balancer or a container's health check.</summary>
    private static Task WriteStatusAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new { status = report.Status.ToString() }, HealthJson));
    }

    private static readonly JsonSerializerOptions HealthJson = new(JsonSerializerDefaults.Web);
}
