using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Data;
using ScorecardBot.Data.ApiKeys;
using ScorecardBot.IntegrationTests.Deployment;
using ScorecardBot.IntegrationTests.Infrastructure;

namespace ScorecardBot.IntegrationTests;

/// <summary>
/// The REST API's contract as the README and the OpenAPI document state it, checked against the
/// running host: every refusal a ProblemDetails, the document clean for Redocly's linter, the
/// README's curl commands working as printed.
/// </summary>
public sealed partial class ApiContractTests(SqliteBot bot) : IClassFixture<SqliteBot>
{
    private async Task<string> KeyAsync(string name, ApiKeyScope scope)
    {
        await using var scope2 = bot.Scope();
        var db = scope2.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        var logistics = await db.Organizations.AsNoTracking().SingleAsync(o => o.Name == BotUnderTest.Logistics);
        var admin = await db.People.AsNoTracking().SingleAsync(p => p.OrganizationId == logistics.Id && p.Role == Role.Admin);
        var context = new ChangeContext(logistics.Id, admin.Id, EntrySource.Command, DateTimeOffset.UtcNow);
        var made = await scope2.ServiceProvider.GetRequiredService<ApiKeyStore>().CreateAsync(context, $"{name} {Guid.NewGuid():N}", scope, default);
        return made.Key!.Secret;
    }

    [Fact]
    public async Task Every_refusal_of_the_api_is_a_problem_details_that_says_what_to_change()
    {
        var write = await KeyAsync("Contract writer", ApiKeyScope.Write);
        var read = await KeyAsync("Contract reader", ApiKeyScope.Read);
        static HttpContent Json(string json) => new StringContent(json, Encoding.UTF8, "application/json");
        var cases = new (HttpMethod Method, string Path, string? Key, HttpContent? Body, HttpStatusCode Status, string Says)[]
        {
            (HttpMethod.Get, "api/v1/no-such-route", write, null, HttpStatusCode.NotFound, "/openapi/v1.json"),
            (HttpMethod.Get, "api/v1/no-such-route", null, null, HttpStatusCode.NotFound, "/openapi/v1.json"),
            (HttpMethod.Get, "api/v1/scorecards/no-such-scorecard", write, null, HttpStatusCode.NotFound, "no scorecard"),
            (HttpMethod.Get, "api/v1/kpis/revenue/actuals/2026-10", write, null, HttpStatusCode.MethodNotAllowed, "PUT"),
            (HttpMethod.Delete, "api/v1/actuals", write, null, HttpStatusCode.MethodNotAllowed, "POST"),
            (HttpMethod.Put, "api/v1/kpis/revenue/actuals/2026-10", write, new FormUrlEncodedContent([new("value", "5234000")]), HttpStatusCode.UnsupportedMediaType, "Content-Type: application/json"),
            (HttpMethod.Post, "api/v1/actuals?partial=maybe", write, Json("""{"actuals": [{"kpiKey": "revenue", "period": "2026-10", "value": 1}]}"""), HttpStatusCode.BadRequest, "partial=true or false"),
            (HttpMethod.Post, "api/v1/actuals", write, Json("{\"actuals\": ["), HttpStatusCode.BadRequest, "not the JSON expected"),
            (HttpMethod.Get, "api/v1/scorecards", null, null, HttpStatusCode.Unauthorized, "needs an API key"),
            (HttpMethod.Put, "api/v1/kpis/revenue/actuals/2026-10", read, Json("""{"value": 1}"""), HttpStatusCode.Forbidden, "scope write"),
        };

        foreach (var (method, path, key, body, status, says) in cases)
        {
            using var request = new HttpRequestMessage(method, path) { Content = body };
            if (key is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            }

            using var response = await bot.Client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var what = $"{method} {path}: {(int)response.StatusCode} {text}";
            Assert.True(status == response.StatusCode, what);
            Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", what);
            var problem = JsonNode.Parse(text)!;
            Assert.Equal((int)status, problem["status"]!.GetValue<int>());
            Assert.False(string.IsNullOrWhiteSpace(problem["title"]?.GetValue<string>()), what);
            Assert.Contains(says, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Source_system_is_optional_in_the_schema_and_for_the_api()
    {
        var document = JsonNode.Parse(await bot.Client.GetStringAsync("openapi/v1.json"))!;
        var schemas = document["components"]!["schemas"]!;
        foreach (var name in new[] { "ActualBatch", "ActualBatchRow", "ActualPut" })
        {
            var required = schemas[name]!["required"]?.AsArray().Select(r => r!.GetValue<string>()).ToList() ?? [];
            Assert.DoesNotContain("sourceSystem", required);
        }

        var key = await KeyAsync("No source system", ApiKeyScope.Write);
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/actuals")
        {
            Content = new StringContent("""{"actuals": [{"kpiKey": "idle-time", "period": "2025-05", "value": 11.25}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var response = await bot.Client.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Redocly's CLI (pinned in tools/validators) lints the document the host serves: no error.</summary>
    [Fact]
    public async Task The_openapi_document_has_no_error_for_redocly_lint()
    {
        var file = Path.Combine(Path.GetTempPath(), $"scorecard-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, await bot.Client.GetStringAsync("openapi/v1.json"));
        try
        {
            var (exit, output) = await RunAsync("node", [Path.Combine(DeploymentFiles.Root, "tools", "validators", "lint-openapi.js"), file], null, TimeSpan.FromMinutes(5));
            Assert.True(exit == 0, output);
            Assert.DoesNotContain(" error ", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>
    /// The README's curl commands for the API (its "Feed your ERP numbers in" block), run as printed
    /// by bash and curl against this host, with its address for https://YOUR-HOST and a write key.
    /// </summary>
    [Fact]
    public async Task The_readme_curl_examples_work_as_printed()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(DeploymentFiles.Root, "README.md"));
        var section = readme[readme.IndexOf("## Feed your ERP numbers in", StringComparison.Ordinal)..];
        var block = BashBlock().Match(section).Groups[1].Value;
        var commands = Commands(block).Where(c => c.StartsWith("curl ", StringComparison.Ordinal)).ToList();
        Assert.True(commands.Count >= 4, block);
        var key = await KeyAsync("README feed", ApiKeyScope.Write);
        var host = bot.Client.BaseAddress!.ToString().TrimEnd('/');
        var folder = Directory.CreateTempSubdirectory("scorecard-readme-").FullName;
        try
        {
            var answers = new List<(string Command, int Status, string Body)>();
            foreach (var command in commands)
            {
                // The status is written after the body; the command itself is run as printed.
                var run = command.Replace("https://YOUR-HOST", host, StringComparison.Ordinal) + " -sS -w '\\n%{http_code}'";
                var (exit, output) = await RunAsync("bash", ["-c", run], new() { ["SCORECARD_KEY"] = key }, TimeSpan.FromMinutes(1), folder);
                Assert.True(exit == 0, $"{command}\n{output}");
                var lines = output.TrimEnd().Split('\n');
                answers.Add((command, int.Parse(lines[^1], System.Globalization.CultureInfo.InvariantCulture), string.Join('\n', lines[..^1])));
            }

            Assert.All(answers, a => Assert.True(a.Status is >= 200 and < 300, $"{a.Command}\n{a.Status} {a.Body}"));
            var batch = JsonNode.Parse(answers.Single(a => a.Command.StartsWith("curl -X POST", StringComparison.Ordinal)).Body)!;
            Assert.Equal(3, batch["actuals"]!.AsArray().Count);
            var put = JsonNode.Parse(answers.Single(a => a.Command.StartsWith("curl -X PUT", StringComparison.Ordinal)).Body)!;
            Assert.Equal(5234000m, put["actuals"]![0]!["value"]!.GetValue<decimal>());
            var series = JsonNode.Parse(answers.Single(a => a.Command.Contains("/series", StringComparison.Ordinal)).Body)!;
            Assert.Equal(5234000m, series["points"]!.AsArray().Single(p => p!["period"]!.GetValue<string>() == "2026-10")!["actual"]!.GetValue<decimal>());
            var workbook = await File.ReadAllBytesAsync(Path.Combine(folder, "history.xlsx"));
            Assert.True(workbook is [(byte)'P', (byte)'K', ..], "history.xlsx is not a workbook");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The commands of a shell block: lines joined at a trailing backslash and inside single quotes; comments dropped.</summary>
    private static IEnumerable<string> Commands(string block)
    {
        var command = new StringBuilder();
        foreach (var line in block.Split('\n'))
        {
            if (command.Length == 0 && line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            var continued = line.EndsWith('\\');
            command.Append(continued ? line[..^1] : line).Append(continued ? " " : "\n");
            if (!continued && command.ToString().Count(c => c == '\'') % 2 == 0)
            {
                // A comment after the command ("# or date,name CSV") is the shell's to drop.
                yield return command.ToString().Trim();
                command.Clear();
            }
        }
    }

    [GeneratedRegex("```bash\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex BashBlock();

    private static async Task<(int ExitCode, string Output)> RunAsync(
        string program, IEnumerable<string> arguments, Dictionary<string, string>? environment, TimeSpan timeout, string? folder = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder ?? DeploymentFiles.Root };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? [])
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} did not finish within {timeout}.");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
