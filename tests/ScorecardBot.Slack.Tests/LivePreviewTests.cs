using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Conversation.Submission;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Values;
using ScorecardBot.Slack.Rendering;
using ScorecardBot.Slack.Tests.Infrastructure;

namespace ScorecardBot.Slack.Tests;

/// <summary>The prompt's live preview in Slack: the modal's value inputs dispatch their changes, and the bot updates the modal in place.</summary>
public sealed class LivePreviewTests : IAsyncLifetime
{
    private static readonly Kpi Retention = new() { Key = "retention", Name = "Customer retention", Unit = "%", Format = KpiFormat.Percent };
    private static readonly Period October = Period.Month(2026, 10);
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

    /// <summary>A one-KPI prompt as the core builds it: quick answers, value, ETA, comment; Submit, Check status, I'm away.</summary>
    private static Message Prompt(string? preview = null)
    {
        var data = new Dictionary<string, string> { [CardActions.Keys.Kpi] = Retention.Id.ToString("N"), [CardActions.Keys.Period] = October.ToString() };
        var typed = preview is null ? null : new PromptItem(Retention, October) { TypedValue = "80", Preview = preview, PreviewTone = TextTone.Attention };
        return new Message(
            [
                new Heading("Customer retention — Oct 2026"),
                .. PromptFields.For(Retention, October, single: true, new ValueFormatter(CultureInfo.GetCultureInfo("en-US"), "USD"), CultureInfo.GetCultureInfo("en-US"), typed),
                PromptFields.Actions(data),
            ],
            "Please report Customer retention")
        { Kind = PromptCards.Kind, ReplacesSource = preview is not null };
    }

    private static JsonObject Buttons(JsonArray blocks, out JsonArray elements)
    {
        var actions = blocks.Single(b => b!["type"]!.ToString() == "actions")!.AsObject();
        elements = actions["elements"]!.AsArray();
        return actions;
    }

    [Fact]
    public void The_message_opens_the_form_with_Submit_and_has_no_preview_button_of_its_own()
    {
        var blocks = BlockKitRenderer.Render(Prompt());

        Buttons(blocks, out var elements);
        Assert.Equal(["Submit", "I'm away"], elements.Select(e => e!["text"]!["text"]!.ToString()));
        Assert.StartsWith("sc.form:", elements[0]!["action_id"]!.ToString(), StringComparison.Ordinal);
        var spec = ModalSpec.TryParse(elements[0]!["value"]!.ToString())!;
        Assert.Equal(CardActions.PreviewActual, spec.PreviewActionId);
        Assert.True(elements[0]!["value"]!.ToString().Length <= 2000);
    }

    [Fact]
    public void In_the_modal_the_answer_and_value_dispatch_their_changes_and_the_eta_and_comment_do_not()
    {
        var blocks = BlockKitRenderer.Render(Prompt());
        Buttons(blocks, out var elements);
        var spec = ModalSpec.TryParse(elements[0]!["value"]!.ToString())!;

        var modal = BlockKitRenderer.RenderModal(spec.ToMessage(), "sc.form", null);

        var inputs = modal["blocks"]!.AsArray().Where(b => b!["type"]!.ToString() == "input").ToDictionary(b => b!["block_id"]!.ToString());
        Assert.Equal(["answer", "value", "eta", "comment"], inputs.Keys);
        Assert.True(inputs["answer"]!["dispatch_action"]!.GetValue<bool>());
        Assert.True(inputs["value"]!["dispatch_action"]!.GetValue<bool>());
        Assert.Equal("on_character_entered", inputs["value"]!["element"]!["dispatch_action_config"]!["trigger_actions_on"]![0]!.ToString());
        Assert.Null(inputs["eta"]!["dispatch_action"]);
        Assert.Null(inputs["comment"]!["dispatch_action"]);
        Assert.Equal("Report a value", inputs["answer"]!["element"]!["initial_option"]!["text"]!["text"]!.ToString());
    }

    [Fact]
    public async Task A_change_in_the_modal_asks_the_core_for_the_preview_and_updates_the_view_with_its_hash()
    {
        var posted = await _host.Services.GetRequiredService<ISlackMessenger>().SendDirectAsync("T1", "U1", Prompt(), CancellationToken.None);
        var opener = _slack.CallsTo("chat.postMessage").Single().Json()["blocks"]!.AsArray()
            .Single(b => b!["type"]!.ToString() == "actions")!["elements"]![0]!.AsObject();
        await _host.PostFormAsync("/slack/interactions", Payload(new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = "U1", ["team_id"] = "T1" },
            ["team"] = new JsonObject { ["id"] = "T1" },
            ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = posted.Ts, ["channel_id"] = posted.Channel },
            ["channel"] = new JsonObject { ["id"] = posted.Channel },
            ["trigger_id"] = "trig-1",
            ["actions"] = new JsonArray(new JsonObject { ["type"] = "button", ["action_id"] = opener["action_id"]!.ToString(), ["value"] = opener["value"]!.ToString() }),
        }));
        var opened = Assert.Single(_slack.CallsTo("views.open")).Json()["view"]!.AsObject();
        Assert.Contains("\"w\":\"scorecard.actual.preview\"", opened["private_metadata"]!.ToString(), StringComparison.Ordinal);
        _host.Handler.Answer = t => Task.FromResult(TurnResult.Of(Prompt($"Would be Red: {t.Action!.Get(CardActions.Keys.Value)} % vs target 92 %.")));

        var response = await _host.PostFormAsync("/slack/interactions", Payload(new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = "U1", ["team_id"] = "T1" },
            ["team"] = new JsonObject { ["id"] = "T1" },
            ["container"] = new JsonObject { ["type"] = "view", ["view_id"] = "V42" },
            ["view"] = new JsonObject
            {
                ["id"] = "V42",
                ["hash"] = "156772938.1827394",
                ["callback_id"] = opened["callback_id"]!.ToString(),
                ["private_metadata"] = opened["private_metadata"]!.ToString(),
                ["state"] = new JsonObject { ["values"] = new JsonObject { ["value"] = new JsonObject { ["value"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = "80" } } } },
            },
            ["actions"] = new JsonArray(new JsonObject { ["type"] = "plain_text_input", ["action_id"] = "value", ["block_id"] = "value", ["value"] = "80" }),
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var update = (await _slack.WaitForAsync("views.update")).Single().Json();
        Assert.Equal(("V42", "156772938.1827394"), (update["view_id"]!.ToString(), update["hash"]!.ToString()));
        var view = update["view"]!;
        Assert.Contains("Would be Red: 80 % vs target 92 %.", view["blocks"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("Submit", view["submit"]!["text"]!.ToString());
        Assert.DoesNotContain(view["blocks"]!.AsArray(), b => b!["type"]!.ToString() == "actions"); // no buttons that would act outside the modal
        var turn = _host.Handler.Turns.Single();
        Assert.Equal((CardActions.PreviewActual, "80"), (turn.Action!.ActionId, turn.Action.Inputs["value"]));
        Assert.Equal(Retention.Id.ToString("N"), turn.Action.Data[CardActions.Keys.Kpi]);
    }

    [Fact]
    public async Task A_preview_that_lost_the_race_to_a_newer_keystroke_is_dropped_quietly()
    {
        _slack.FailNext("views.update", "hash_conflict");
        _host.Handler.Answer = _ => Task.FromResult(TurnResult.Of(Prompt("Would be Green.")));
        var metadata = """{"a":"scorecard.actual.submit","d":{"kpi":"k"},"e":false,"w":"scorecard.actual.preview"}""";

        var response = await _host.PostFormAsync("/slack/interactions", Payload(new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = "U1", ["team_id"] = "T1" },
            ["team"] = new JsonObject { ["id"] = "T1" },
            ["container"] = new JsonObject { ["type"] = "view", ["view_id"] = "V43" },
            ["view"] = new JsonObject { ["id"] = "V43", ["hash"] = "old", ["callback_id"] = "sc.form", ["private_metadata"] = metadata, ["state"] = new JsonObject { ["values"] = new JsonObject() } },
            ["actions"] = new JsonArray(new JsonObject { ["type"] = "plain_text_input", ["action_id"] = "value", ["value"] = "9" }),
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await _slack.WaitForAsync("views.update");
        await Task.Delay(100);
        Assert.DoesNotContain(_host.Logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) || l.Contains("hash_conflict", StringComparison.Ordinal) && l.StartsWith("Warning", StringComparison.Ordinal));
    }

    private static string Payload(JsonObject payload) => SlackTestHost.Form(("payload", payload.ToJsonString()));
}
