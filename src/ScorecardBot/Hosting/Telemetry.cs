using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ScorecardBot.Hosting;

/// <summary>
/// OpenTelemetry traces and metrics for the host, configured the standard way:
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (with the other <c>OTEL_EXPORTER_OTLP_*</c> variables) says
/// where to export, <c>OTEL_SERVICE_NAME</c> names the service (ScorecardBot when unset).
/// <c>Telemetry:OtlpEndpoint</c> is still read when the standard variable is not set. Nothing is
/// exported without an endpoint, so the embedded default sends nothing anywhere.
/// Traced: incoming requests (not /healthz), outgoing HTTP (Teams, Slack, webhooks), database
/// commands inside a traced operation, the review rhythm's runs and each outbox send.
/// </summary>
internal static class Telemetry
{
    public const string ServiceName = "ScorecardBot";

    /// <summary>The bot's own spans: the review rhythm's runs and the outbox's sends.</summary>
    public static readonly ActivitySource Source = new(ServiceName);

    public static IServiceCollection AddScorecardTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var standardEndpoint = configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        var legacyEndpoint = configuration["Telemetry:OtlpEndpoint"];
        var export = !string.IsNullOrWhiteSpace(standardEndpoint) || !string.IsNullOrWhiteSpace(legacyEndpoint);
        var serviceName = configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : ServiceName;

        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName))
            .WithTracing(t =>
            {
                t.AddAspNetCoreInstrumentation(o => o.Filter = ctx => !ctx.Request.Path.StartsWithSegments("/healthz"));
                t.AddHttpClientInstrumentation();
                // A command is traced inside a request, a rhythm run or a send; the outbox's idle
                // polling (a query a second on every instance) would bury everything else.
                t.AddEntityFrameworkCoreInstrumentation(o => o.Filter = (_, _) => Activity.Current is not null);
                t.AddSource(ServiceName);
                if (export)
                {
                    t.AddOtlpExporter(o => UseLegacyEndpoint(o, standardEndpoint, legacyEndpoint));
                }
            })
            .WithMetrics(m =>
            {
                m.AddAspNetCoreInstrumentation();
                m.AddHttpClientInstrumentation();
                m.AddMeter(ServiceName);
                if (export)
                {
                    m.AddOtlpExporter(o => UseLegacyEndpoint(o, standardEndpoint, legacyEndpoint));
                }
            });
        return services;
    }

    /// <summary>The standard variables configure the exporter by themselves; the old setting only when they are absent.</summary>
    private static void UseLegacyEndpoint(OpenTelemetry.Exporter.OtlpExporterOptions options, string? standardEndpoint, string? legacyEndpoint)
    {
        if (string.IsNullOrWhiteSpace(standardEndpoint) && !string.IsNullOrWhiteSpace(legacyEndpoint))
        {
            options.Endpoint = new Uri(legacyEndpoint);
        }
    }
}
