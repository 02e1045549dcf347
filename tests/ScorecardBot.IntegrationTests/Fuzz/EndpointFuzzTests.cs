using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ScorecardBot.Core.Conversation;
using ScorecardBot.IntegrationTests.Fakes;
using ScorecardBot.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace ScorecardBot.IntegrationTests.Fuzz;

/// <summary>
/// Every inbound door of the whole bot (engine, database, bindings) gets 10,000 generated
/// malformed or hostile requests that pass its authentication: Teams activities with a Bot
/// Framework token of the fake's signing key, Slack requests signed with the signing secret (a
/// fresh timestamp, every body different, so the replay cache lets them all in), API calls with
/// a valid key. The requests are the repository's recorded payloads (tests/*/Fixtures) and the
/// payloads the bot's own cards send back, changed by a seeded generator (<see cref="Hostile"/>).
/// None may be answered 5xx, throw out of the pipeline or write an error to the log.
/// </summary>
public sealed class EndpointFuzzTests(FuzzBot bot, ITestOutputHelper output) : IClassFixture<FuzzBot>
{
    private static readonly string[] Verbs = [.. typeof(CardActions).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!)];
    private static readonly string[] DataKeys = [.. typeof(CardActions.Keys).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!)];
    private static readonly string[] Answers = [.. typeof(CardActions.Answers).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!)];

    private static readonly string[] Sayings =
    [
        "help", "status", "my", "my kpis", "how is customer retention doing", "who owns OTD", "red", "what is amber or red", "strategy map",
        "report 91.4% for customer retention for 2026-08", "customer retention 2026-09 95", "assign customer retention to rachel.novak@prairieline.example",
        "target retention 92% for 2027", "target otd 101% for 2026-11", "remind", "remind all", "ooo until 2026-12-24", "ooo from 2026-12-01 to 2026-11-01 delegate kevin",
        "late on-time delivery eta 2026-13-45", "apikey create \"fuzz\" scope write", "apikey list", "apikey revoke zzzzzzzzzzzz", "digest", "agenda", "review",
        "forecast revenue", "will we hit the retention target", "trend of empty miles", "history of revenue from 1900-01 to 9999-12", "lint", "approve", "reject",
    ];

    private static readonly string[] Periods = ["2026-08", "2026-09", "2026-10", "2025-01", "FY2027-Q1", "2026-Q3", "1900-01", "9999-12", "2026-13", "", "FY2026", "2026-W01"];

    private static string Fixture(string folder, string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", folder, name));

    // ----- Teams: POST /api/messages -------------------------------------------------------------

    private static readonly JsonObject[] TeamsRecorded =
    [
        (JsonObject)JsonNode.Parse(Fixture("Teams", "playground-invoke-adaptiveCard-action.json"))!["body"]!,
        (JsonObject)JsonNode.Parse(Fixture("Teams", "playground-action-submit-message-with-value.json"))!["body"]!,
        JsonNode.Parse(Fixture("Teams", "botbuilder-js-channel-mention.json"))!.AsObject(),
    ];

    private static readonly string[] HostileServiceUrls =
        ["https://evil.example/connector/", "http://169.254.169.254/latest/meta-data/", "file:///etc/passwd", "not a url", "http://[::1]:1/", "https://smba.trafficmanager.net.evil.example/"];

    [Fact]
    public async Task Teams_activities_never_get_5xx_nor_an_error()
    {
        var fake = bot.BotFramework;
        var token = fake.IssueToken(fake.ServiceUrl);
        var tokens = HostileServiceUrls.ToDictionary(u => u, u => fake.IssueToken(u));
        var run = new FuzzRun(bot, output, "teams", 20261207);

        var statuses = await run.RunAsync((i, random) =>
        {
            var (activity, kind) = TeamsActivity(i, random);
            if (random.Next(20) == 0)
            {
                activity["serviceUrl"] = HostileServiceUrls[random.Next(HostileServiceUrls.Length)];
            }

            var mode = random.Next(10);
            if (mode < 7)
            {
                Hostile.MutateTree(random, activity, [.. DataKeys, "type", "name", "value", "text", "from", "conversation", "channelData", "tenant", "membersAdded", "action"]);
            }

            var text = Hostile.Write(activity);
            var body = mode is 6 or 8 ? Hostile.MutateBytes(random, text) : Encoding.UTF8.GetBytes(text);
            var serviceUrl = activity["serviceUrl"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
            var bearer = serviceUrl is not null && tokens.TryGetValue(serviceUrl, out var t) ? t : token;
            var type = random.Next(12) switch { 0 => "text/plain", 1 => null, 2 => "application/json; charset=utf-16", _ => "application/json" };
            return new FuzzCase(i, HttpMethod.Post, "api/messages", body, type, [("Authorization", "Bearer " + bearer)], kind + (mode < 7 ? "+tree" : "") + (mode is 6 or 8 ? "+bytes" : ""));
        });

        Assert.True(statuses.GetValueOrDefault(200) > FuzzRun.CasesPerEndpoint / 4, "Too few activities were taken; the generator no longer reaches the handler.");
    }

    private (JsonObject Activity, string Kind) TeamsActivity(int i, Random random)
    {
        var template = random.Next(10);
        JsonObject activity;
        string kind;
        if (template < 3)
        {
            activity = TeamsRecorded[template].DeepClone().AsObject();
            kind = "recorded-" + template;
        }
        else
        {
            activity = TeamsRecorded[1].DeepClone().AsObject();
            activity.Remove("value");
            activity["text"] = Sayings[random.Next(Sayings.Length)];
            kind = "message";
            switch (template)
            {
                case 4 or 5:
                    activity.Remove("text");
                    activity["type"] = "invoke";
                    activity["name"] = "adaptiveCard/action";
                    activity["replyToId"] = "1795390707610";
                    activity["value"] = new JsonObject
                    {
                        ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = Verbs[random.Next(Verbs.Length)], ["data"] = CardData(random) },
                        ["trigger"] = "manual",
                    };
                    kind = "invoke";
                    break;
                case 6:
                    activity.Remove("text");
                    activity["value"] = CardData(random);
                    kind = "submit";
                    break;
                case 7:
                    activity["type"] = "conversationUpdate";
                    activity["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "28:" + FakeBotFramework.AppId });
                    kind = "conversationUpdate";
                    break;
                case 8:
                    activity["type"] = random.Next(3) switch { 0 => "installationUpdate", 1 => "invoke", _ => Hostile.Text(random) };
                    activity["action"] = random.Next(2) == 0 ? "add" : "remove";
                    activity["name"] = random.Next(2) == 0 ? "task/fetch" : Hostile.Text(random);
                    kind = "other-type";
                    break;
            }
        }

        // Addressed to this bot, by someone of the logistics tenant (mostly linked people), so the
        // changes reach the engine rather than stopping at the door.
        var aad = random.Next(8) switch { < 5 => FuzzBot.TeamsPeople[random.Next(FuzzBot.TeamsPeople.Length)], 5 => FuzzBot.UnlinkedTeams, 6 => "stranger-" + random.Next(5), _ => Hostile.Text(random) };
        var tenant = random.Next(10) switch { < 8 => BotUnderTest.TenantA, 8 => BotUnderTest.TenantB, _ => Hostile.Text(random) };
        activity["id"] = "fuzz-" + i;
        activity["serviceUrl"] = bot.BotFramework.ServiceUrl;
        activity["channelId"] = "msteams";
        activity["from"] = new JsonObject { ["id"] = "29:user-" + aad, ["name"] = "Someone", ["aadObjectId"] = aad };
        activity["recipient"] = new JsonObject { ["id"] = "28:" + FakeBotFramework.AppId, ["name"] = "ScorecardBot" };
        var channel = random.Next(6) == 0;
        activity["conversation"] = new JsonObject
        {
            ["conversationType"] = channel ? "channel" : "personal",
            ["tenantId"] = tenant,
            ["id"] = channel ? "19:fuzz@thread.tacv2;messageid=" + i : "a:fuzz-" + (random.Next(10) == 0 ? i.ToString(CultureInfo.InvariantCulture) : aad),
        };
        activity["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = tenant } };
        return (activity, kind);
    }

    /// <summary>What a card's Submit sends: the card's hidden data and the inputs, with hostile values in them.</summary>
    private JsonObject CardData(Random random)
    {
        var kpis = random.Next(5) == 0 ? bot.OtherKpis : bot.Kpis;
        var kpi = random.Next(10) switch
        {
            < 7 => kpis[random.Next(kpis.Count)].Id.ToString("N"),
            7 => Guid.NewGuid().ToString(),
            _ => Hostile.Text(random),
        };
        var inner = new JsonObject
        {
            [CardActions.Keys.Kpi] = kpi,
            [CardActions.Keys.Period] = random.Next(3) == 0 ? Hostile.Text(random) : Periods[random.Next(Periods.Length)],
        };
        var data = new JsonObject
        {
            ["_data"] = inner,
            ["_action"] = Verbs[random.Next(Verbs.Length)],
            [CardActions.Keys.Value] = random.Next(2) == 0 ? Hostile.Text(random) : (random.Next(200) - 50).ToString(CultureInfo.InvariantCulture) + random.Next(4) switch { 0 => "%", 1 => "k", _ => "" },
            [CardActions.Keys.Comment] = Hostile.Text(random),
        };
        for (var n = random.Next(4); n > 0; n--)
        {
            var key = DataKeys[random.Next(DataKeys.Length)];
            var value = key == CardActions.Keys.Answer ? Answers[random.Next(Answers.Length)] : Hostile.Text(random);
            (random.Next(2) == 0 ? inner : data)[key] = value;
        }

        return data;
    }

    // ----- Slack: POST /slack/commands, /slack/events, /slack/interactions ----------------------

    [Fact]
    public async Task Slack_slash_commands_never_get_5xx_nor_an_error()
    {
        var recorded = Fixture("Slack", "botbuilder-SlashCommandBody.txt").Trim().Split('&')
            .Select(p => p.Split('=', 2)).Select(p => (Key: Uri.UnescapeDataString(p[0]), Value: Uri.UnescapeDataString(p.Length > 1 ? p[1] : ""))).ToList();
        var run = new FuzzRun(bot, output, "slack-commands", 20261208);

        var statuses = await run.RunAsync((i, random) =>
        {
            var fields = recorded.Select(f => f.Key switch
            {
                "team_id" => (f.Key, random.Next(10) == 0 ? Hostile.Text(random) : BotUnderTest.SlackTeam),
                "user_id" => (f.Key, SlackUser(random)),
                "command" => (f.Key, random.Next(10) == 0 ? Hostile.Text(random) : "/scorecard"),
                "text" => (f.Key, random.Next(3) == 0 ? Hostile.Text(random) : Sayings[random.Next(Sayings.Length)]),
                "response_url" => (f.Key, ResponseUrl(random, i)),
                "channel_id" => (f.Key, random.Next(2) == 0 ? "D0DIRECT" : random.Next(2) == 0 ? "C0CHANNEL" : Hostile.Text(random)),
                _ => random.Next(10) == 0 ? (f.Key, Hostile.Text(random)) : f,
            }).ToList();
            if (random.Next(5) == 0)
            {
                fields.RemoveAt(random.Next(fields.Count));
            }

            var body = Hostile.Form(random, fields, odd: random.Next(2) == 0);
            if (random.Next(10) == 0)
            {
                body = Hostile.MutateBytes(random, Encoding.UTF8.GetString(body));
            }

            return SignedSlack(i, random, "slack/commands", body, FormType(random), "command");
        });

        AssertAllSignedRequestsWereTaken(statuses);
    }

    [Fact]
    public async Task Slack_events_never_get_5xx_nor_an_error()
    {
        JsonObject Recorded(string name) => JsonNode.Parse(Fixture("Slack", name))!.AsObject();
        var message = Recorded("botbuilder-MessageBody.json");
        var templates = new[]
        {
            message,
            Recorded("botbuilder-URLVerificationBody.json"),
            Recorded("botbuilder-UnknownEvent.json"),
            Event(message, "app_mention", e => e["text"] = "<@U0BOT> how is customer retention doing"),
            Event(message, "app_home_opened", e => e["tab"] = "home"),
            Event(message, "message", e => e["channel_type"] = "channel"),
            Event(message, "message", e => { e["subtype"] = "message_changed"; e["message"] = new JsonObject { ["text"] = "x", ["user"] = "U0CARLOS" }; }),
            Event(message, "member_joined_channel", e => e["channel"] = "C0CHANNEL"),
            Event(message, "user_status_changed", e => e["user"] = new JsonObject { ["id"] = "U0RACHEL", ["profile"] = new JsonObject { ["status_emoji"] = ":palm_tree:", ["status_text"] = "Vacationing", ["status_expiration"] = 1893456000 } }),
            Event(message, "tokens_revoked", e => e["tokens"] = new JsonObject { ["bot"] = new JsonArray("U0BOT") }),
        };
        var run = new FuzzRun(bot, output, "slack-events", 20261209);

        var statuses = await run.RunAsync((i, random) =>
        {
            var pick = random.Next(templates.Length);
            var json = templates[pick].DeepClone().AsObject();
            json["team_id"] = random.Next(10) == 0 ? Hostile.Text(random) : BotUnderTest.SlackTeam;
            json["event_id"] = "Ev" + i.ToString(CultureInfo.InvariantCulture);
            if (json["event"] is JsonObject e)
            {
                e["team"] = BotUnderTest.SlackTeam;
                if (e["user"] is JsonValue)
                {
                    e["user"] = SlackUser(random);
                }

                if (e["text"] is JsonValue)
                {
                    e["text"] = random.Next(3) == 0 ? Hostile.Text(random) : Sayings[random.Next(Sayings.Length)];
                }

                e["channel"] = random.Next(3) == 0 ? "C0CHANNEL" : "D0DIRECT";
                e["ts"] = $"1796000000.{i:D6}";
                e["event_ts"] = $"1796000000.{i:D6}";
            }

            var mode = random.Next(10);
            if (mode < 7)
            {
                Hostile.MutateTree(random, json, ["type", "event", "user", "text", "channel", "subtype", "bot_id", "challenge", "team_id", "tab", "view", "thread_ts"]);
            }

            var text = Hostile.Write(json);
            var body = mode is 6 or 8 or 9 ? Hostile.MutateBytes(random, text) : Encoding.UTF8.GetBytes(text);
            var type = random.Next(12) switch { 0 => "application/x-www-form-urlencoded", 1 => null, 2 => "text/plain", _ => "application/json" };
            return SignedSlack(i, random, "slack/events", body, type, "event-" + pick + (mode < 7 ? "+tree" : "") + (mode >= 6 && mode != 7 ? "+bytes" : ""));
        });

        AssertAllSignedRequestsWereTaken(statuses);
    }

    private static JsonObject Event(JsonObject message, string type, Action<JsonObject> shape)
    {
        var json = message.DeepClone().AsObject();
        var e = json["event"]!.AsObject();
        e["type"] = type;
        shape(e);
        return json;
    }

    [Fact]
    public async Task Slack_interactions_never_get_5xx_nor_an_error()
    {
        static JsonObject Payload(string name) =>
            JsonNode.Parse(Uri.UnescapeDataString(Fixture("Slack", name).Trim().TrimStart('\uFEFF')["payload=".Length..].Replace('+', ' ')))!.AsObject();
        var templates = new[] { Payload("botbuilder-BlockActionsBody.txt"), Payload("botbuilder-InteractiveMessageBody.txt") };
        var run = new FuzzRun(bot, output, "slack-interactions", 20261210);

        var statuses = await run.RunAsync((i, random) =>
        {
            var (payload, kind) = Interaction(i, random, templates);
            var mode = random.Next(10);
            if (mode < 7)
            {
                Hostile.MutateTree(random, payload, ["type", "actions", "action_id", "value", "view", "private_metadata", "state", "values", "callback_id", "container", "response_url", "trigger_id"]);
            }

            var json = Hostile.Write(payload);
            byte[] body = (mode, random.Next(6)) switch
            {
                (8, _) => Hostile.MutateBytes(random, "payload=" + Uri.EscapeDataString(json)),
                (9, 0) => Encoding.UTF8.GetBytes(json),
                (9, 1) => Encoding.UTF8.GetBytes("payload=" + Uri.EscapeDataString(Uri.EscapeDataString(json))),
                (9, 2) => Encoding.UTF8.GetBytes("payload=" + json),
                (9, 3) => Encoding.UTF8.GetBytes("payload=" + Uri.EscapeDataString(json) + "&payload=" + Uri.EscapeDataString(json)),
                _ => Hostile.Form(random, [("payload", json)], odd: mode == 9),
            };
            return SignedSlack(i, random, "slack/interactions", body, FormType(random), kind + (mode < 7 ? "+tree" : "") + (mode >= 8 ? "+encoding" : ""));
        });

        AssertAllSignedRequestsWereTaken(statuses);
    }

    private (JsonObject Payload, string Kind) Interaction(int i, Random random, JsonObject[] recorded)
    {
        var user = new JsonObject { ["id"] = SlackUser(random), ["team_id"] = BotUnderTest.SlackTeam };
        var team = new JsonObject { ["id"] = random.Next(10) == 0 ? Hostile.Text(random) : BotUnderTest.SlackTeam };
        var data = CardData(random);
        var flat = new JsonObject();
        foreach (var (key, value) in data.Where(p => p.Value is JsonValue))
        {
            flat[key] = value?.DeepClone();
        }

        foreach (var (key, value) in data["_data"]!.AsObject())
        {
            flat[key] = value?.DeepClone();
        }

        var verb = Verbs[random.Next(Verbs.Length)];
        var inputs = new JsonArray(
            new JsonObject { ["k"] = "n", ["id"] = CardActions.Keys.Value, ["l"] = "Actual", ["r"] = true },
            new JsonObject { ["k"] = "t", ["id"] = CardActions.Keys.Comment, ["l"] = "Comment", ["m"] = true },
            new JsonObject { ["k"] = "c", ["id"] = CardActions.Keys.Answer, ["l"] = "Answer", ["c"] = new JsonArray(new JsonArray("Value", "value"), new JsonArray("No data", "nodata")) });
        var state = new JsonObject
        {
            ["values"] = new JsonObject
            {
                [CardActions.Keys.Value] = new JsonObject { [CardActions.Keys.Value] = new JsonObject { ["type"] = "plain_text_input", ["value"] = data[CardActions.Keys.Value]?.DeepClone() } },
                [CardActions.Keys.Comment] = new JsonObject { [CardActions.Keys.Comment] = new JsonObject { ["type"] = "plain_text_input", ["value"] = data[CardActions.Keys.Comment]?.DeepClone() } },
                [CardActions.Keys.Answer] = new JsonObject { [CardActions.Keys.Answer] = new JsonObject { ["type"] = "static_select", ["selected_option"] = new JsonObject { ["value"] = Answers[random.Next(Answers.Length)] } } },
            },
        };
        var responseUrl = ResponseUrl(random, i);
        JsonObject payload;
        string kind;
        switch (random.Next(8))
        {
            case 0 or 1:
                payload = recorded[random.Next(recorded.Length)].DeepClone().AsObject();
                kind = "recorded";
                break;
            case 2 or 3:
                payload = new JsonObject
                {
                    ["type"] = "block_actions",
                    ["trigger_id"] = "trigger-" + i,
                    ["container"] = new JsonObject { ["type"] = random.Next(4) == 0 ? "view" : "message", ["message_ts"] = "1796000000.000100", ["channel_id"] = "D0DIRECT", ["is_ephemeral"] = random.Next(2) == 0 },
                    ["channel"] = new JsonObject { ["id"] = "D0DIRECT" },
                    ["message"] = new JsonObject { ["ts"] = "1796000000.000100", ["text"] = "prompt" },
                    ["state"] = state,
                    ["actions"] = new JsonArray(new JsonObject { ["action_id"] = verb + ":" + random.Next(3), ["block_id"] = "b", ["type"] = "button", ["value"] = flat.ToJsonString() }),
                };
                kind = "block_actions";
                break;
            case 4:
                var spec = new JsonObject { ["a"] = verb, ["s"] = "Submit", ["h"] = "Customer retention", ["d"] = flat, ["i"] = inputs };
                if (random.Next(2) == 0)
                {
                    spec["w"] = CardActions.PreviewActual;
                }

                payload = new JsonObject
                {
                    ["type"] = "block_actions",
                    ["trigger_id"] = "trigger-" + i,
                    ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = "1796000000.000100", ["channel_id"] = "D0DIRECT" },
                    ["actions"] = new JsonArray(new JsonObject { ["action_id"] = "sc.form:" + random.Next(3), ["type"] = "button", ["value"] = spec.ToJsonString() }),
                };
                kind = "open-form";
                break;
            case 5 or 6:
                var metadata = new JsonObject { ["a"] = verb, ["d"] = flat, ["c"] = "D0DIRECT", ["ts"] = "1796000000.000100", ["e"] = random.Next(2) == 0, ["r"] = responseUrl };
                if (random.Next(2) == 0)
                {
                    metadata["w"] = CardActions.PreviewActual;
                }

                payload = new JsonObject
                {
                    ["type"] = "view_submission",
                    ["view"] = new JsonObject
                    {
                        ["id"] = "V" + i,
                        ["hash"] = "h" + i,
                        ["callback_id"] = "sc.form",
                        ["private_metadata"] = metadata.ToJsonString(),
                        ["state"] = state,
                        ["blocks"] = new JsonArray(new JsonObject { ["type"] = "input", ["block_id"] = CardActions.Keys.Value }),
                    },
                };
                kind = "view_submission";
                break;
            default:
                payload = new JsonObject
                {
                    ["type"] = random.Next(3) switch { 0 => "message_action", 1 => "view_closed", _ => "shortcut" },
                    ["callback_id"] = "ask",
                    ["trigger_id"] = "trigger-" + i,
                    ["channel"] = new JsonObject { ["id"] = "C0CHANNEL" },
                    ["message"] = new JsonObject { ["text"] = Sayings[random.Next(Sayings.Length)], ["ts"] = "1796000000.000200" },
                };
                kind = "shortcut";
                break;
        }

        payload["user"] = user;
        payload["team"] = team;
        payload["response_url"] = responseUrl;
        return (payload, kind);
    }

    // Mostly people Slack and the bot know; a user id Slack does not know costs a users.info call
    // that Slack's pace limits, so hostile ids are a few in a hundred.
    private static string SlackUser(Random random) => random.Next(100) switch
    {
        < 80 => FuzzBot.SlackPeople[random.Next(FuzzBot.SlackPeople.Length)],
        < 88 => FuzzBot.UnlinkedSlack,
        < 97 => "U0STRANGER" + random.Next(3),
        _ => Hostile.Text(random),
    };

    private string ResponseUrl(Random random, int i) => random.Next(10) switch
    {
        < 7 => bot.Slack.HookUrl("fuzz/" + i.ToString(CultureInfo.InvariantCulture)),
        7 => "https://hooks.slack.com.evil.example/commands/1/2/3",
        8 => "http://169.254.169.254/latest/meta-data/",
        _ => Hostile.Text(random),
    };

    private static string? FormType(Random random) => random.Next(12) switch
    {
        0 => "application/json",
        1 => null,
        2 => "application/x-www-form-urlencoded; charset=iso-8859-1",
        3 => "multipart/form-data; boundary=fuzz",
        4 => "APPLICATION/X-WWW-FORM-URLENCODED",
        _ => "application/x-www-form-urlencoded",
    };

    /// <summary>
    /// Signs the body as Slack does, with the current time. Each body is made different (JSON gets
    /// trailing white space spelling the case number; a form gets a leading field), so the replay
    /// cache takes every request for a new one.
    /// </summary>
    private static FuzzCase SignedSlack(int i, Random random, string path, byte[] body, string? contentType, string kind)
    {
        body = body.Length > 0 && (body[0] == (byte)'{' || body[0] == (byte)'[')
            ? [.. body, .. Encoding.ASCII.GetBytes(Whitespace(i))]
            : [.. Encoding.ASCII.GetBytes($"n={i}&"), .. body];
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(BotUnderTest.SlackSecret), (byte[])[.. Encoding.ASCII.GetBytes($"v0:{ts}:"), .. body]));
        List<(string, string)> headers = [("X-Slack-Request-Timestamp", ts), ("X-Slack-Signature", signature)];
        if (random.Next(20) == 0)
        {
            headers.Add(("X-Slack-Retry-Num", "1"));
            headers.Add(("X-Slack-Retry-Reason", "http_timeout"));
        }

        return new FuzzCase(i, HttpMethod.Post, path, body, contentType, headers, kind);
    }

    private static string Whitespace(int i)
    {
        var builder = new StringBuilder("\n");
        do
        {
            builder.Append((i % 4) switch { 0 => ' ', 1 => '\t', 2 => '\n', _ => '\r' });
            i /= 4;
        }
        while (i > 0);
        return builder.Append('\n').ToString();
    }

    private static void AssertAllSignedRequestsWereTaken(IReadOnlyDictionary<int, int> statuses)
    {
        // Every request was signed, fresh and unique: a 401 would mean the verification, not the handler, answered.
        Assert.Equal(0, statuses.GetValueOrDefault(401));
        Assert.True(statuses.GetValueOrDefault(200) > FuzzRun.CasesPerEndpoint / 4, "Too few requests were taken; the generator no longer reaches the handler.");
    }

    // ----- REST API: /api/v1 ---------------------------------------------------------------------

    [Fact]
    public async Task Api_calls_never_get_5xx_nor_an_error()
    {
        var run = new FuzzRun(bot, output, "api", 20261211);

        var statuses = await run.RunAsync((i, random) =>
        {
            var key = random.Next(50) switch { < 35 => bot.WriteKey, < 49 => bot.ReadKey, _ => "sbk_" + Hostile.Text(random) };
            var id = ApiId(random);
            // Reads and writes in about equal parts; the list and the export (a whole workbook) are the dearest, so fewer.
            var (method, path, body, kind) = random.Next(48) switch
            {
                < 2 => (HttpMethod.Get, "api/v1/scorecards" + Query(random), null, "list"),
                < 2 + 5 => (HttpMethod.Get, "api/v1/scorecards/" + Segment(random, random.Next(2) == 0 ? (random.Next(2) == 0 ? "company" : "fleet") : id) + Query(random), null, "scorecard"),
                < 7 + 10 => (HttpMethod.Get, $"api/v1/kpis/{Segment(random, id)}/series" + Query(random), null, "series"),
                < 17 + 2 => (HttpMethod.Get, "api/v1/export" + Query(random), null, "export"),
                < 19 + 3 => (HttpMethod.Get, "api/v1/webhooks", null, "webhooks"),
                < 22 + 10 => (HttpMethod.Put, $"api/v1/kpis/{Segment(random, id)}/actuals/{Segment(random, Periods[random.Next(Periods.Length)])}", ActualPut(random), "put"),
                < 32 + 9 => (HttpMethod.Post, "api/v1/actuals" + (random.Next(2) == 0 ? "?partial=" + (random.Next(2) == 0 ? "true" : Uri.EscapeDataString(Hostile.Text(random))) : ""), Batch(random), "batch"),
                < 41 + 4 => (HttpMethod.Post, "api/v1/webhooks", Webhook(random), "webhook"),
                _ => (random.Next(3) switch { 0 => HttpMethod.Delete, 1 => HttpMethod.Patch, _ => HttpMethod.Options }, "api/v1/webhooks/" + Segment(random, Guid.NewGuid().ToString()), null, "other-method"),
            };

            byte[] bytes = [];
            string? type = null;
            if (body is not null)
            {
                var mode = random.Next(10);
                if (mode < 7)
                {
                    Hostile.MutateTree(random, body, ["value", "text", "comment", "sourceSystem", "confirmed", "actuals", "kpiId", "kpiKey", "period", "url", "events"]);
                }

                var text = Hostile.Write(body);
                bytes = mode is 6 or 8 ? Hostile.MutateBytes(random, text) : Encoding.UTF8.GetBytes(text);
                type = random.Next(12) switch { 0 => "application/x-www-form-urlencoded", 1 => null, 2 => "application/json; charset=utf-16", 3 => "text/json", 4 => "application/merge-patch+json", _ => "application/json" };
                kind += (mode < 7 ? "+tree" : "") + (mode is 6 or 8 ? "+bytes" : "");
            }

            return new FuzzCase(i, method, path, bytes, type, [("Authorization", "Bearer " + key)], kind);
        });

        Assert.True(statuses.GetValueOrDefault(200) > FuzzRun.CasesPerEndpoint / 10, "Too few calls were answered; the generator no longer reaches the handlers.");
    }

    private string ApiId(Random random)
    {
        var kpis = random.Next(5) == 0 ? bot.OtherKpis : bot.Kpis;
        var kpi = kpis[random.Next(kpis.Count)];
        return random.Next(10) switch { < 4 => kpi.Key, < 7 => kpi.Id.ToString(), 7 => kpi.Id.ToString("N").ToUpperInvariant(), _ => Hostile.Text(random) };
    }

    /// <summary>
    /// A path segment: mostly as given, escaped; sometimes with encoded slashes, dots, a control
    /// character or a huge length. (Not %00: Kestrel answers 400 before the bot sees it, and the
    /// in-memory test server throws in the client instead.)
    /// </summary>
    private static string Segment(Random random, string value) => random.Next(10) switch
    {
        _ when value.Contains('\0', StringComparison.Ordinal) => Segment(random, value.Replace("\0", "", StringComparison.Ordinal)),
        0 => "..%2F..%2F" + Uri.EscapeDataString(value),
        1 => Uri.EscapeDataString(value) + "%01%7F",
        2 => new string('a', random.Next(300, 8000)),
        3 => "%Z" + Uri.EscapeDataString(value),
        _ => Uri.EscapeDataString(value.Length > 2000 ? value[..2000] : value),
    };

    private static string Query(Random random)
    {
        if (random.Next(4) == 0)
        {
            return "";
        }

        string[] names = ["from", "to", "format", "scorecard", "partial", "kpi", "period", "from"];
        string[] values = ["2025-01", "2026-10", "FY2027-Q1", "csv", "xlsx", "json", "pdf", "company", "fleet", "true", "1900-01", "9999-12", "2026-10", "2025-13"];
        var parts = Enumerable.Range(0, random.Next(1, 5)).Select(_ =>
            names[random.Next(names.Length)] + "=" + Uri.EscapeDataString(random.Next(3) == 0 ? Hostile.Text(random) : values[random.Next(values.Length)]));
        return "?" + string.Join('&', parts);
    }

    private JsonObject ActualPut(Random random) => new()
    {
        ["value"] = random.Next(3) == 0 ? null : JsonValue.Create(Math.Round((decimal)(random.NextDouble() * 200), 2)),
        ["text"] = random.Next(3) == 0 ? Hostile.Text(random) : null,
        ["comment"] = random.Next(2) == 0 ? Hostile.Text(random) : "fuzz",
        ["sourceSystem"] = random.Next(2) == 0 ? Hostile.Text(random) : "SAP",
        ["confirmed"] = random.Next(2) == 0,
    };

    private JsonObject Batch(Random random)
    {
        var rows = new JsonArray();
        for (var n = random.Next(1, 12); n > 0; n--)
        {
            var row = ActualPut(random);
            var kpi = bot.Kpis[random.Next(bot.Kpis.Count)];
            if (random.Next(2) == 0)
            {
                row["kpiKey"] = random.Next(8) == 0 ? ApiId(random) : kpi.Key;
            }
            else
            {
                row["kpiId"] = random.Next(8) == 0 ? ApiId(random) : kpi.Id.ToString();
            }

            row["period"] = random.Next(4) == 0 ? Hostile.Text(random) : Periods[random.Next(Periods.Length)];
            rows.Add(row);
        }

        return new JsonObject { ["sourceSystem"] = random.Next(2) == 0 ? "SAP" : Hostile.Text(random), ["actuals"] = rows };
    }

    private static JsonObject Webhook(Random random)
    {
        string[] urls =
        [
            "https://10.0.0.1/hook", "https://[::ffff:127.0.0.1]/", "https://[64:ff9b::a00:1]/", "https://0x7f.1/", "https://2130706433/", "https://user:pw@8.8.8.8/",
            "http://8.8.8.8/", "https://" + new string('a', 300) + ".example/", "https://a..b/", "https://xn--e1afmkfd.xn--p1ai/", "https://exämple.invalid/",
            "https://[::1]:0/", "https://256.256.256.256/", "https://[fe80::1%25eth0]/", "ftp://8.8.8.8/", "https://8.8.8.8:99999/", "//8.8.8.8/", "https:///x",
        ];
        var events = new JsonArray([.. Enumerable.Range(0, random.Next(0, 4)).Select(_ => (JsonNode?)(random.Next(3) == 0 ? Hostile.Text(random) : "actual.recorded"))]);
        return new JsonObject { ["url"] = random.Next(4) == 0 ? Hostile.Text(random) : urls[random.Next(urls.Length)], ["events"] = events };
    }
}
