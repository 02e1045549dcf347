using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;

namespace ScorecardBot.IntegrationTests;

/// <summary>The OpenAPI document and the chat side of API keys.</summary>
public abstract partial class EndToEndTests
{
    [Fact]
    public async Task The_openapi_document_lists_every_api_endpoint_with_its_schemas()
    {
        var response = await Client.GetAsync("openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var paths = document["paths"]!.AsObject();

        // Every endpoint the host maps under /api/v1, with its method, is in the document.
        var mapped = Bot.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m =>
                (Path: System.Text.RegularExpressions.Regex.Replace(e.RoutePattern.RawText!, @"\{(\w+):[^}]+\}", "{$1}"), Method: m.ToLowerInvariant())))
            .ToList();
        Assert.True(mapped.Count >= 9, string.Join(", ", mapped));
        foreach (var (path, method) in mapped)
        {
            var operation = paths[path]?[method];
            Assert.True(operation is not null, $"{method} {path} is not in the OpenAPI document");
            Assert.Contains(operation!["responses"]!.AsObject(), r => r.Key.StartsWith('2'));
        }

        Assert.DoesNotContain(paths, p => !p.Key.StartsWith("/api/v1", StringComparison.Ordinal));
        var schemas = document["components"]!["schemas"]!.AsObject();
        foreach (var schema in new[] { "ActualBatch", "ActualBatchRow", "ActualPut", "ActualWriteResponse", "ScorecardDetail", "SeriesResponse", "ProblemDetails" })
        {
            Assert.True(schemas.ContainsKey(schema), $"schema {schema} is missing");
        }

        var batch = paths["/api/v1/actuals"]!["post"]!;
        Assert.EndsWith("ActualBatch", batch["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(batch["requestBody"]!["content"]!["application/json"]!["examples"]!["month-end"]);
        Assert.Contains("partial=true", batch["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.EndsWith("SeriesResponse", paths["/api/v1/kpis/{id}/series"]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("bearer", document["components"]!["securitySchemes"]!["ApiKey"]!["scheme"]!.GetValue<string>());
    }

    [Fact]
    public async Task Api_keys_are_made_only_by_admins_and_only_in_a_direct_chat()
    {
        var owner = await SayAsync(Rachel, "apikey create \"Mine\" scope write");
        Assert.Equal("refused", Kind(owner));
        Assert.Contains("Only an admin", Html(owner), StringComparison.Ordinal);
        Assert.DoesNotContain("sbk_", Html(owner), StringComparison.Ordinal);

        var dana = await Bot.PersonAsync(Dana);
        var inChannel = await Client.PostAsJsonAsync("local/messages", new { personId = dana.Id, conversation = "channel", text = "apikey create \"Channel key\" scope read" });
        var body = await inChannel.Content.ReadAsStringAsync();
        Assert.Contains("only in a direct chat", System.Net.WebUtility.HtmlDecode(body), StringComparison.Ordinal);
        Assert.DoesNotContain("sbk_", body, StringComparison.Ordinal);
        var channel = await Client.GetStringAsync("local/channel");
        Assert.DoesNotContain("sbk_", channel, StringComparison.Ordinal);

        var list = Html(await SayAsync(Dana, "apikey list"));
        Assert.DoesNotContain("Channel key", list, StringComparison.Ordinal);
        Assert.Contains("apikey", Html(await SayAsync(Dana, "help")), StringComparison.Ordinal);
        Assert.DoesNotContain("apikey", Html(await SayAsync(Rachel, "help")), StringComparison.Ordinal);
    }
}
