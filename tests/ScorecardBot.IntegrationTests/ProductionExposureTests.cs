using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace ScorecardBot.IntegrationTests;

/// <summary>
/// In Production the API's shape (/openapi/v1.json) and the health details (counts of undelivered
/// messages, unreachable people, the database check) are not public unless a setting says so; a
/// bare liveness answer stays public for load balancers and the container's health check.
/// </summary>
public sealed class ProductionExposureTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"scorecard-production-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }

    private WebApplicationFactory<Program> Production(Dictionary<string, string?>? extra = null) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            var settings = new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Sqlite",
                ["ConnectionStrings:Scorecard"] = new SqliteConnectionStringBuilder { DataSource = _path }.ToString(),
                ["Database:SeedSample"] = "none",
                ["PublicBaseUrl"] = "https://scorecard.example.test",
                ["Scheduler:Enabled"] = "false",
                ["Telemetry:OtlpEndpoint"] = "",
            };
            foreach (var (key, value) in extra ?? [])
            {
                settings[key] = value;
            }

            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureLogging(l => l.ClearProviders());
        });

    [Fact]
    public async Task In_production_the_openapi_document_and_health_details_are_not_public_but_liveness_is()
    {
        await using var host = Production();
        using var client = host.CreateClient();

        var health = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var body = JsonNode.Parse(await health.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal("Healthy", body["status"]!.GetValue<string>());
        Assert.Equal(["status"], body.Select(p => p.Key));

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/openapi/v1.json")).StatusCode);
    }

    [Fact]
    public async Task In_production_the_settings_publish_them()
    {
        await using var host = Production(new() { ["Health:Details"] = "true", ["Api:PublishDocument"] = "true" });
        using var client = host.CreateClient();

        var body = JsonNode.Parse(await client.GetStringAsync("/healthz"))!.AsObject();
        Assert.NotNull(body["checks"]?["outbox"]);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/openapi/v1.json")).StatusCode);
    }
}
