using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ScorecardBot.Slack.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ScorecardBot.Slack.Tests;

/// <summary>
/// 10,000 randomized and malformed requests per endpoint (fixed seed, so a failure reproduces):
/// signed and unsigned, broken JSON and forms, wrong types, huge fields, wrong content types.
/// Nothing may answer 5xx and no exception may escape the pipeline.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    private const int RequestsPerEndpoint = 10_000;

    private static readonly string[] EventTemplates =
    [
        SlackTestHost.Fixture("botbuilder-MessageBody.json").Replace("teamId", "T1").Replace("userId", "U1"),
        SlackTestHost.Fixture("botbuilder-URLVerificationBody.json"),
        SlackTestHost.Fixture("botbuilder-UnknownEvent.json"),
        """{"type":"event_callback","team_id":"T1","event_id":"E1","event":{"type":"app_mention","user":"U1","text":"<@U0BOT> hi","channel":"C1","ts":"1.1"}}""",
        """{"type":"event_callback","team_id":"T1","event_id":"E2","event":{"type":"app_home_opened","user":"U1","tab":"home"}}""",
    ];

    private static readonly string[] CommandTemplates =
    [
        SlackTestHost.Fixture("botbuilder-SlashCommandBody.txt").Replace("teamId", "T1").Replace("testUserId", "U1"),
        SlackTestHost.Form(("team_id", "T1"), ("user_id", "U1"), ("command", "/scorecard"), ("text", "help"), ("response_url", "https://hooks.slack.com/commands/1/2/3")),
    ];

    private static readonly string[] InteractionTemplates =
    [
        SlackTestHost.Fixture("botbuilder-BlockActionsBody.txt").Replace("TCKT7TGQ6", "T1").Replace("UCJ0BJ4MP", "U1"),
        SlackTestHost.Fixture("botbuilder-InteractiveMessageBody.txt"),
        SlackTestHost.Form(("payload", """{"type":"block_actions","team":{"id":"T1"},"user":{"id":"U1"},"trigger_id":"t","actions":[{"action_id":"sc.form:0","value":"{\"a\":\"x\",\"s\":\"Go\",\"d\":{},\"i\":[{\"k\":\"n\",\"id\":\"actual\",\"l\":\"A\"}]}"}]}""")),
        SlackTestHost.Form(("payload", """{"type":"view_submission","team":{"id":"T1"},"user":{"id":"U1"},"view":{"callback_id":"sc.form","private_metadata":"{\"a\":\"x\",\"d\":{}}","state":{"values":{"actual":{"actual":{"value":"1"}}}}}}""")),
        SlackTestHost.Form(("payload", """{"type":"view_closed","team":{"id":"T1"},"user":{"id":"U1"}}""")),
    ];

    public static TheoryData<string> Endpoints => new() { "/slack/events", "/slack/commands", "/slack/interactions" };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task RandomAndMalformedRequests_NeverGet5xx_NorEscapeAsExceptions(string path)
    {
        await using var host = await SlackTestHost.StartAsync(settings: new() { ["Slack:DirectAnswerBudget"] = "00:00:00.200" });
        var templates = path switch
        {
            "/slack/events" => EventTemplates,
            "/slack/commands" => CommandTemplates,
            _ => InteractionTemplates,
        };
        var random = new Random(20261125 + path.Length);
        var requests = Enumerable.Range(0, RequestsPerEndpoint).Select(i => Build(random, path, templates, i, host.Now)).ToList();

        var statuses = new int[requests.Count];
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, requests.Count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            using var response = await host.Client.SendAsync(requests[i], ct);
            statuses[i] = (int)response.StatusCode;
        });

        output.WriteLine($"{path}: {watch.ElapsedMilliseconds} ms; " + string.Join(", ", statuses.GroupBy(s => s).Select(g => $"{g.Key}×{g.Count()}")));
        var serverErrors = statuses.Select((s, i) => (s, i)).Where(x => x.s >= 500).ToList();
        Assert.True(serverErrors.Count == 0, $"{serverErrors.Count} requests got 5xx ({string.Join(",", serverErrors.Select(e => e.s).Distinct())}), first #{serverErrors.FirstOrDefault().i}; "
            + string.Join('\n', host.Logs.Lines.Where(l => !l.Contains("background work", StringComparison.Ordinal) && (l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal))).Take(2)));
        Assert.DoesNotContain(host.Logs.Lines, l => l.Contains("unhandled exception", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(200, statuses); // some well-formed signed requests got through
        Assert.Contains(401, statuses);
    }

    private static HttpRequestMessage Build(Random random, string path, string[] templates, int i, long now)
    {
        var body = Mutate(random, templates[random.Next(templates.Length)], i);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        var type = random.Next(10) switch
        {
            < 4 => "application/x-www-form-urlencoded",
            < 7 => "application/json",
            7 => "text/plain; charset=utf-8",
            8 => "multipart/form-data; boundary=xyz",
            _ => null,
        };
        if (type is not null)
        {
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
        }

        var signing = random.Next(10);
        var ts = signing == 7 ? now + random.Next(-100_000, 100_000) : now;
        if (signing < 8)
        {
            request.Headers.TryAddWithoutValidation("X-Slack-Request-Timestamp", ts.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var signature = "v0=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
                Encoding.UTF8.GetBytes(SlackTestHost.Secret), (byte[])[.. Encoding.ASCII.GetBytes($"v0:{ts}:"), .. body]));
            request.Headers.TryAddWithoutValidation("X-Slack-Signature", signing == 6 ? signature[..^1] + "0" : signature);
        }
        else if (signing == 8)
        {
            request.Headers.TryAddWithoutValidation("X-Slack-Request-Timestamp", random.Next(3) switch { 0 => "-1", 1 => "99999999999999999999", _ => "1e9" });
            request.Headers.TryAddWithoutValidation("X-Slack-Signature", "v0=" + new string('z', 64));
        }

        if (random.Next(20) == 0)
        {
            request.Headers.TryAddWithoutValidation("X-Slack-Retry-Num", "1");
        }

        return request;
    }

    private static byte[] Mutate(Random random, string template, int i)
    {
        // A unique marker keeps signed bodies distinct so the replay cache does not hide the parsers.
        var text = template.Contains("payload=", StringComparison.Ordinal) || !template.StartsWith('{') ? template + "&n=" + i : template.Insert(1, $"\"n{i}\":{i},");
        switch (random.Next(12))
        {
            case 0:
                return Encoding.UTF8.GetBytes(text[..random.Next(text.Length)]);
            case 1:
                var bytes = Encoding.UTF8.GetBytes(text);
                for (var k = 0; k < 1 + random.Next(8); k++)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }

                return bytes;
            case 2:
                return Encoding.UTF8.GetBytes(text.Replace("\"T1\"", random.Next(2) == 0 ? "123" : "[1,{\"a\":null}]").Replace("\"U1\"", "{\"id\":true}"));
            case 3:
                return Encoding.UTF8.GetBytes(text.Replace("hi", new string('x', 20_000 + random.Next(30_000))).Replace("help", new string('y', 20_000)));
            case 4:
                return Encoding.UTF8.GetBytes(new string('[', 5000) + text);
            case 5:
                return Encoding.UTF8.GetBytes("payload=" + Uri.EscapeDataString(text));
            case 6:
                return Encoding.UTF8.GetBytes(text.Replace("%7B", "%ZZ").Replace("\":", "\"::"));
            case 7:
                var junk = new byte[random.Next(0, 2048)];
                random.NextBytes(junk);
                return junk;
            case 8:
                return Encoding.UTF8.GetBytes(text.Replace("block_actions", "view_submission").Replace("event_callback", "url_verification").Replace("\"challenge\"", "\"challenge2\""));
            case 9:
                return Encoding.UTF8.GetBytes(text.Replace("team_id=T1", "team_id=T1&team_id=T2").Replace("\"type\"", "\"type\":null,\"x\""));
            default:
                return Encoding.UTF8.GetBytes(text);
        }
    }
}
