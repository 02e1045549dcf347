using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ScorecardBot.Hosting;

/// <summary>
/// OpenTelemetry traces and metrics for the host. Nothing is exported unless
/// <c>Telemetry:OtlpEndpoint</c> is set, so the embedded default sends nothing anywhere.
/// </summary>
internal static class Telemetry
{
    public const string ServiceName = "ScorecardBot";

    public static IServiceCollection AddScorecardTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var endpoint = configuration["Telemetry:OtlpEndpoint"];
        var builder = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName))
            .WithTracing(t =>
            {
                t.AddAspNetCoreInstrumentation(o => o.Filter = ctx => !ctx.Request.Path.StartsWithSegments("/healthz"));
                t.AddSource(ServiceName);
                if (!string.IsNullOrWhiteSpace(endpoint))
                {
                    t.AddOtlpExporter(o => o.Endpoint = new Uri(endpoint));
                }
            })
            .WithMetrics(m =>
            {
                m.AddAspNetCoreInstrumentation();
                m.AddMeter(ServiceName);
                if (!string.IsNullOrWhiteSpace(endpoint))
                {
                    m.AddOtlpExporter(o => o.Endpoint = new Uri(endpoint));
                }
            });
        _ = builder;
        return services;
    }
}
