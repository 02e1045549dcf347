using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ScorecardBot.Data;

namespace ScorecardBot.Hosting;

/// <summary>The composition root: which parts make up the bot and where their endpoints live.</summary>
internal static class ScorecardBotHost
{
    public static WebApplicationBuilder AddScorecardBot(this WebApplicationBuilder builder, bool runsAsVerb)
    {
        var configuration = builder.Configuration;
        var services = builder.Services;

        services.AddOptions<BotOptions>().Bind(configuration).ValidateDataAnnotations().ValidateOnStart();

        var database = DatabaseOptions.FromConfiguration(configuration);
        if (runsAsVerb)
        {
            // A verb decides itself whether to migrate (the `migrate` verb does nothing else).
            database.MigrateOnStart = false;
        }

        services.AddScorecardData(database);
        services.AddHealthChecks().AddScorecardDatabaseCheck(tags: ["ready"]);
        services.AddScorecardTelemetry(configuration);
        services.AddProblemDetails();
        return builder;
    }

    public static WebApplication MapScorecardBot(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = WriteHealthAsync });
        return app;
    }

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

    private static readonly JsonSerializerOptions HealthJson = new(JsonSerializerDefaults.Web);
}
