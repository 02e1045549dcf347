using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Slack.Tests.Infrastructure;

namespace ScorecardBot.Slack.Tests;

/// <summary>The monthly prompt end to end against a fake Slack on loopback: DM, modal, validation, update.</summary>
public sealed class InteractionsTests : IAsyncLifetime
{
    private static readonly Guid KpiId = Guid.Parse("33333333-3333-3333-3333-333333333333");
    private FakeSlackApi _slack = null!;
    private SlackTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync();
        _host = await SlackTestHost.StartAsync(_slack);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _slack.DisposeAsync();
    }

    private static Message Prompt(string? error = null) => new(
        [
            new Heading("Revenue — October"),
            Paragraph.Of("Please enter the actual for October."),
            new NumberInput("actual", "Actual") { IsRequired = true, Error = error, Placeholder = "e.g. 1.2k" },
            new TextInput("comment", "Comment") { Multiline = true },
            new ActionBar(
            [
                new MessageAction("submit-actual", "Enter actual") { SubmitsInputs = true, Style = ActionStyle.Primary, Data = new Dictionary<string, string> { ["kpi"] = KpiId.ToString() } },
                new MessageAction("no-data", "No data this month") { Data = new Dictionary<string, string> { ["kpi"] = KpiId.ToString() } },
                new MessageAction("delegate", "Delegate") { Data = new Dictionary<string, string> { ["kpi"] = KpiId.ToString() } },
            ]),
        ],
        "Revenue actual for October")
    { Kind = "prompt" };

    private static string Payload(JsonObject payload) => SlackTestHost.Form(("payload", payload.ToJsonString()));

    private static JsonObject BlockAction(JsonObject button, string channel, string ts, string triggerId = "111.222.abc") => new()
    {
        ["type"] = "block_actions",
        ["user"] = new JsonObject { ["id"] = "U1", ["username"] = "ana", ["team_id"] = "T1" },
        ["team"] = new JsonObject { ["id"] = "T1", ["domain"] = "acme" },
        ["api_app_id"] = "A1",
        ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = ts, ["channel_id"] = channel, ["is_ephemeral"] = false },
        ["trigger_id"] = triggerId,
        ["channel"] = new JsonObject { ["id"] = channel, ["name"] = "directmessage" },
        ["response_url"] = "https://hooks.slack.com/actions/T1/1/x",
        ["actions"] = new JsonArray(new JsonObject
        {
            ["type"] = "button",
            ["action_id"] = button["action_id"]!.ToString(),
            ["block_id"] = "b1",
            ["value"] = button["value"]?.ToString(),
            ["action_ts"] = "1700000001.000001",
        }),
    };

    private static JsonObject ViewSubmission(JsonObject openedView, string actual, string comment) => new()
    {
        ["type"] = "view_submission",
        ["team"] = new JsonObject { ["id"] = "T1", ["domain"] = "acme" },
        ["user"] = new JsonObject { ["id"] = "U1", ["team_id"] = "T1" },
        ["view"] = new JsonObject
        {
            ["id"] = "V0001",
            ["type"] = "modal",
            ["callback_id"] = openedView["callback_id"]!.ToString(),
            ["private_metadata"] = openedView["private_metadata"]!.ToString(),
            ["blocks"] = openedView["blocks"]!.DeepClone(),
            ["state"] = new JsonObject
            {
                ["values"] = new JsonObject
                {
                    ["actual"] = new JsonObject { ["actual"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = actual } },
                    ["comment"] = new JsonObject { ["comment"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = comment } },
                },
            },
        },
    };

    private async Task<(string Channel, string Ts, JsonArray Buttons)> SendPromptAsync()
    {
        var posted = await _host.Services.GetRequiredService<ISlackMessenger>().SendDirectAsync("T1", "U1", Prompt(), CancellationToken.None);
        var open = Assert.Single(_slack.CallsTo("conversations.open")).Json();
        Assert.Equal("U1", open["users"]!.ToString());
        var post = Assert.Single(_slack.CallsTo("chat.postMessage")).Json();
        Assert.Equal(posted.Channel, post["channel"]!.ToString());
        var buttons = post["blocks"]!.AsArray().Single(b => b!["type"]!.ToString() == "actions")!["elements"]!.AsArray();
        return (posted.Channel, posted.Ts, buttons);
    }

    [Fact]
    public async Task Prompt_IsSentByDm_WithTheInputsBehindAnEnterActualButton()
    {
        var (channel, _, buttons) = await SendPromptAsync();

        Assert.Equal("DU1", channel);
        Assert.Equal(["Enter actual", "No data this month", "Delegate"], buttons.Select(b => b!["text"]!["text"]!.ToString()));
        Assert.DoesNotContain(_slack.CallsTo("chat.postMessage")[0].Json()["blocks"]!.AsArray(), b => b!["type"]!.ToString() == "input");
    }

    [Fact]
    public async Task EnterActual_OpensTheModal_WithTheTriggerId_BeforeTheCoreIsAsked()
    {
        var (channel, ts, buttons) = await SendPromptAsync();

        var response = await _host.PostFormAsync("/slack/interactions", Payload(BlockAction(buttons[0]!.AsObject(), channel, ts, "trig-42")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var open = Assert.Single(_slack.CallsTo("views.open")).Json();
        Assert.Equal("trig-42", open["trigger_id"]!.ToString());
        var view = open["view"]!.AsObject();
        Assert.Equal("modal", view["type"]!.ToString());
        Assert.Equal("Revenue — October", view["title"]!["text"]!.ToString());
        Assert.Equal("Enter actual", view["submit"]!["text"]!.ToString());
        Assert.Equal(["actual", "comment"], view["blocks"]!.AsArray().Where(b => b!["type"]!.ToString() == "input").Select(b => b!["block_id"]!.ToString()));
        Assert.Empty(_host.Handler.Turns);
    }

    [Fact]
    public async Task BadValue_InTheModal_ShowsTheCoresErrorOnTheValueBlock()
    {
        var (channel, ts, buttons) = await SendPromptAsync();
        await _host.PostFormAsync("/slack/interactions", Payload(BlockAction(buttons[0]!.AsObject(), channel, ts)));
        var view = Assert.Single(_slack.CallsTo("views.open")).Json()["view"]!.AsObject();
        _host.Handler.Answer = t => Task.FromResult(TurnResult.Of(Prompt($"'{t.Action!.Get("actual")}' is not a number")));

        var response = await _host.PostFormAsync("/slack/interactions", Payload(ViewSubmission(view, "lots", "")));

        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("errors", json["response_action"]!.ToString());
        Assert.Equal("'lots' is not a number", json["errors"]!["actual"]!.ToString());
        await Task.Delay(150);
        Assert.Empty(_slack.CallsTo("chat.update"));
    }

    [Fact]
    public async Task GoodValue_ReachesTheCoreAsACardAction_AndTheDmMessageIsUpdated()
    {
        var (channel, ts, buttons) = await SendPromptAsync();
        await _host.PostFormAsync("/slack/interactions", Payload(BlockAction(buttons[0]!.AsObject(), channel, ts)));
        var view = Assert.Single(_slack.CallsTo("views.open")).Json()["view"]!.AsObject();
        _host.Handler.Answer = _ => Task.FromResult(TurnResult.Of(new Message([Paragraph.Of("Recorded 1.2k for October.", TextTone.Good)], "Recorded") { ReplacesSource = true, Kind = "recorded" }));

        var response = await _host.PostFormAsync("/slack/interactions", Payload(ViewSubmission(view, "1.2k", "good month")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync()); // closes the modal
        var turn = Assert.Single(_host.Handler.Turns);
        Assert.Equal("submit-actual", turn.Action!.ActionId);
        Assert.Equal(KpiId.ToString(), turn.Action.Data["kpi"]);
        Assert.Equal("1.2k", turn.Action.Inputs["actual"]);
        Assert.Equal("good month", turn.Action.Inputs["comment"]);
        Assert.Equal(ts, turn.SourceMessageId);
        var update = (await _slack.WaitForAsync("chat.update")).Single().Json();
        Assert.Equal(channel, update["channel"]!.ToString());
        Assert.Equal(ts, update["ts"]!.ToString());
        Assert.Contains("Recorded 1.2k for October.", update["blocks"]!.ToJsonString());
    }

    [Theory]
    [InlineData(1, "no-data")]
    [InlineData(2, "delegate")]
    public async Task OtherButtons_GoToTheCore_AndTheReplyReplacesTheMessage(int index, string actionId)
    {
        var (channel, ts, buttons) = await SendPromptAsync();
        _host.Handler.Answer = t => Task.FromResult(TurnResult.Of(new Message([Paragraph.Of($"done: {t.Action!.ActionId}")], "done") { ReplacesSource = true }));

        await _host.PostFormAsync("/slack/interactions", Payload(BlockAction(buttons[index]!.AsObject(), channel, ts)));

        var update = (await _slack.WaitForAsync("chat.update")).Single().Json();
        Assert.Equal(ts, update["ts"]!.ToString());
        Assert.Contains($"done: {actionId}", update["blocks"]!.ToJsonString());
        var turn = Assert.Single(_host.Handler.Turns);
        Assert.Equal(actionId, turn.Action!.ActionId);
        Assert.Equal(KpiId.ToString(), turn.Action.Data["kpi"]);
        Assert.Empty(_slack.CallsTo("views.open"));
    }

    [Fact]
    public async Task RealBlockActionsPayload_BecomesACardAction_WithTheSelectedOption()
    {
        var body = SlackTestHost.Fixture("botbuilder-BlockActionsBody.txt").Replace("TCKT7TGQ6", "T1").Replace("UCJ0BJ4MP", "U1");

        var response = await _host.PostFormAsync("/slack/interactions", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var turn = await _host.Handler.WaitForTurnAsync();
        Assert.Equal("select-fruit", turn.Action!.ActionId);
        Assert.Equal("select-fruit|apple", turn.Action.Data["value"]);
        Assert.Equal("select-fruit|apple", turn.Action.Inputs["EAEE"]);
        Assert.Equal("1605816061.002000", turn.SourceMessageId);
    }

    [Fact]
    public async Task ButtonOnAnEphemeralMessage_IsReplacedThroughTheResponseUrl()
    {
        _host.Handler.Answer = _ => Task.FromResult(TurnResult.Of(new Message([Paragraph.Of("replaced")], "replaced") { ReplacesSource = true }));
        var button = new JsonObject { ["action_id"] = "refresh:0", ["value"] = """{"kpi":"k1"}""" };
        var payload = BlockAction(button, "C1", "1700.1");
        payload["container"]!["is_ephemeral"] = true;
        payload["response_url"] = _slack.HookUrl("actions/T1/1/eph");

        await _host.PostFormAsync("/slack/interactions", Payload(payload));

        var hook = (await _slack.WaitForAsync("hook:actions/T1/1/eph")).Single().Json();
        Assert.True(hook["replace_original"]!.GetValue<bool>());
        Assert.Contains("replaced", hook["blocks"]!.ToJsonString());
        Assert.Empty(_slack.CallsTo("chat.update"));
        Assert.Equal("k1", _host.Handler.Turns.Single().Action!.Data["kpi"]);
    }

    // Found by the fuzz tests: when the response_url refused the replacement of a message whose
    // channel the payload does not name, the same blocks were sent again through it and the
    // background work failed ("The node already has a parent") with an error in the log.
    [Fact]
    public async Task ButtonOnAnEphemeralMessage_WhoseResponseUrlRefuses_FailsQuietly_WithoutAnError()
    {
        _host.Handler.Answer = _ => Task.FromResult(TurnResult.Of(new Message([Paragraph.Of("replaced")], "replaced") { ReplacesSource = true }));
        var button = new JsonObject { ["action_id"] = "refresh:0", ["value"] = """{"kpi":"k1"}""" };
        var payload = BlockAction(button, "C1", "1700.1");
        payload["container"]!["is_ephemeral"] = true;
        payload["container"]!.AsObject().Remove("channel_id");
        payload.Remove("channel");
        payload["response_url"] = "https://hooks.slack.com.evil.example/actions/T1/1/eph";

        var response = await _host.PostFormAsync("/slack/interactions", Payload(payload));
        await _host.Handler.WaitForTurnAsync();
        await Task.Delay(500);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(_host.Logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal));
    }

    // Found by the fuzz tests: a string that is not text in a modal's state was answered 500.
    [Fact]
    public async Task AViewSubmissionWhoseStateHoldsAStringThatIsNotText_IsAnsweredWithout5xx()
    {
        var payload = """{"type":"view_submission","team":{"id":"T1"},"user":{"id":"U1"},"view":{"id":"V1","callback_id":"sc.form","private_metadata":"{\"a\":\"submit-actual\",\"d\":{}}","state":{"values":{"\ud800":{"a":{"value":"\udfff"}},"actual":{"actual":{"value":"\ud800"}}}},"blocks":[{"type":"input","block_id":"\udfff"}]}}""";

        var response = await _host.PostFormAsync("/slack/interactions", SlackTestHost.Form(("payload", payload)));

        Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode}");
        Assert.DoesNotContain(_host.Logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MessageShortcut_SendsTheMessageTextAsATurn_AnsweredOnlyToThePerson()
    {
        var payload = new JsonObject
        {
            ["type"] = "message_action",
            ["callback_id"] = "sc.message",
            ["trigger_id"] = "t",
            ["team"] = new JsonObject { ["id"] = "T1" },
            ["user"] = new JsonObject { ["id"] = "U1" },
            ["channel"] = new JsonObject { ["id"] = "C9" },
            ["message"] = new JsonObject { ["type"] = "message", ["text"] = "how is churn doing?", ["ts"] = "1.5" },
        };

        await _host.PostFormAsync("/slack/interactions", Payload(payload));

        Assert.Equal("how is churn doing?", (await _host.Handler.WaitForTurnAsync()).Text);
        var ephemeral = (await _slack.WaitForAsync("chat.postEphemeral")).Single().Json();
        Assert.Equal("C9", ephemeral["channel"]!.ToString());
        Assert.Equal("U1", ephemeral["user"]!.ToString());
    }

    [Fact]
    public async Task ViewClosed_IsAcknowledged()
    {
        var payload = new JsonObject { ["type"] = "view_closed", ["team"] = new JsonObject { ["id"] = "T1" }, ["user"] = new JsonObject { ["id"] = "U1" }, ["view"] = new JsonObject { ["id"] = "V1" } };

        var response = await _host.PostFormAsync("/slack/interactions", Payload(payload));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(_host.Handler.Turns);
    }

    [Fact]
    public async Task ExpiredTrigger_IsLogged_AndStillAcknowledged()
    {
        var (channel, ts, buttons) = await SendPromptAsync();
        _slack.FailNext("views.open", "expired_trigger_id");

        var response = await _host.PostFormAsync("/slack/interactions", Payload(BlockAction(buttons[0]!.AsObject(), channel, ts)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(_host.Logs.Lines, l => l.Contains("expired_trigger_id", StringComparison.Ordinal));
    }
}
