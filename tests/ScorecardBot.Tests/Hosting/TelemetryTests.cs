using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using ScorecardBot.Hosting;

namespace ScorecardBot.Tests.Hosting;

/// <summary>
/// The host's OpenTelemetry is configured by the standard variables: traces reach the collector
/// named by OTEL_EXPORTER_OTLP_ENDPOINT under the name OTEL_SERVICE_NAME gives, with the bot's own
/// spans and the outgoing HTTP calls made inside them.
/// </summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task Traces_go_to_the_standard_otlp_endpoint_under_the_standard_service_name()
    {
        // A collector: an OTLP/HTTP receiver on loopback that keeps what it is sent.
        var received = new ConcurrentQueue<(string Signal, byte[] Body)>();
        var collectorBuilder = WebApplication.CreateSlimBuilder();
        collectorBuilder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        await using var collector = collectorBuilder.Build();
        collector.MapPost("/v1/{signal}", async (HttpContext http, string signal) =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body);
            received.Enqueue((signal, body.ToArray()));
            return Results.Ok();
        });
        collector.MapGet("/teams-connector-stand-in", () => "ok");
        await collector.StartAsync();
        var address = collector.Urls.First();

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = address,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = "scorecard-otel-test",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddScorecardTelemetry(configuration);
        await using var provider = services.BuildServiceProvider();
        var tracing = provider.GetRequiredService<TracerProvider>();

        using (Telemetry.Source.StartActivity("review rhythm run"))
        {
            using var client = new HttpClient();
            Assert.Equal("ok", await client.GetStringAsync(new Uri(address + "/teams-connector-stand-in")));
        }

        Assert.True(tracing.ForceFlush(30_000), "the exporter did not flush");
        var traces = received.Where(r => r.Signal == "traces").Select(r => Encoding.UTF8.GetString(r.Body)).ToList();
        Assert.NotEmpty(traces);
        // OTLP protobuf keeps strings as UTF-8: the service name, our span and the HTTP call's URL.
        var all = string.Concat(traces);
        Assert.Contains("scorecard-otel-test", all, StringComparison.Ordinal);
        Assert.Contains("review rhythm run", all, StringComparison.Ordinal);
        Assert.Contains("/teams-connector-stand-in", all, StringComparison.Ordinal);
    }
}
