using System.Net;
using System.Text.Json.Nodes;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.IntegrationTests.Infrastructure;

namespace ScorecardBot.IntegrationTests;

/// <summary>The comment a red value needs and the live preview, over the real wire of Teams and Slack.</summary>
public abstract partial class EndToEndTests
{
    [Fact]
    public async Task Teams_red_value_without_a_comment_comes_back_on_the_same_card_with_the_message_and_stores_nothing()
    {
        await Bot.LinkAsync(Rachel, Platform.Teams, RachelAad);
        var retention = await Bot.KpiAsync(BotUnderTest.Logistics, "Customer retention");
        var before = await Bot.ActualsAsync(retention.Id, "2026-03");

        var response = await PostActivityAsync(SubmitInvoke(BotUnderTest.TenantA, RachelAad, retention.Id, "2026-03", "50%", null), Token());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", body["type"]!.GetValue<string>());
        var card = body["value"]!.ToString();
        Assert.Contains("\"50%\"", body["value"]!.ToJsonString(), StringComparison.Ordinal); // what was typed stays in the field
        Assert.Contains("Red against the target of", card, StringComparison.Ordinal);
        Assert.Contains("say in the comment what caused it and what you will do about it.", card, StringComparison.Ordinal);
        Assert.Equal(Values(before), Values(await Bot.ActualsAsync(retention.Id, "2026-03")));

        var explained = await PostActivityAsync(SubmitInvoke(BotUnderTest.TenantA, RachelAad, retention.Id, "2026-03", "50%", "Two accounts lost to a merger; win-back calls this week."), Token());
        Assert.Contains("Corrected Customer retention", await explained.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(50m, Assert.Single(await Bot.ActualsAsync(retention.Id, "2026-03")).Value);
    }

    [Fact]
    public async Task Teams_check_status_answers_with_the_card_showing_the_status_the_value_would_get_and_stores_nothing()
    {
        await Bot.LinkAsync(Rachel, Platform.Teams, RachelAad);
        var retention = await Bot.KpiAsync(BotUnderTest.Logistics, "Customer retention");
        var before = await Bot.ActualsAsync(retention.Id, "2026-02");
        var activity = SubmitInvoke(BotUnderTest.TenantA, RachelAad, retention.Id, "2026-02", "50%", null);
        activity["value"]!["action"]!["verb"] = CardActions.PreviewActual;

        var response = await PostActivityAsync(activity, Token());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", body["type"]!.GetValue<string>());
        Assert.Contains("Would be Red: 50", body["value"]!.ToString(), StringComparison.Ordinal);
        Assert.Equal(Values(before), Values(await Bot.ActualsAsync(retention.Id, "2026-02")));
    }

    [Fact]
    public async Task Slack_red_value_without_a_comment_is_refused_in_the_modal_on_the_comment_field()
    {
        await Bot.LinkAsync(Carlos, Platform.Slack, "U0CARLOS");
        var retention = await Bot.KpiAsync(BotUnderTest.Logistics, "Customer retention");
        var before = await Bot.ActualsAsync(retention.Id, "2026-01");

        var response = await PostSlackAsync("slack/interactions", SlackPayload(ModalPayload("view_submission", retention.Id, "2026-01", "50%", "")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("errors", json["response_action"]!.GetValue<string>());
        Assert.StartsWith("Red against the target of", json["errors"]![CardActions.Keys.Comment]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(Values(before), Values(await Bot.ActualsAsync(retention.Id, "2026-01")));
    }

    [Fact]
    public async Task Slack_modal_shows_the_status_as_the_value_is_typed_through_views_update()
    {
        await Bot.LinkAsync(Carlos, Platform.Slack, "U0CARLOS");
        var retention = await Bot.KpiAsync(BotUnderTest.Logistics, "Customer retention");
        var payload = ModalPayload("block_actions", retention.Id, "2025-12", "50%", "");
        payload["container"] = new JsonObject { ["type"] = "view", ["view_id"] = "V0PREVIEW" };
        payload["actions"] = new JsonArray(new JsonObject
        {
            ["type"] = "plain_text_input",
            ["action_id"] = CardActions.Keys.Value,
            ["block_id"] = CardActions.Keys.Value,
            ["value"] = "50%",
            ["action_ts"] = "1700000001.1",
        });
        var calls = Bot.Slack.Calls.Count(c => c.Method == "views.update");

        var response = await PostSlackAsync("slack/interactions", SlackPayload(payload));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var update = await Bot.Slack.WaitForCallAsync("views.update", calls + 1);
        var body = JsonNode.Parse(update.Body)!;
        Assert.Equal(("V0PREVIEW", "hash-1"), (body["view_id"]!.GetValue<string>(), body["hash"]!.GetValue<string>()));
        var blocks = body["view"]!["blocks"]!.ToJsonString();
        Assert.Contains("Would be Red: 50", blocks, StringComparison.Ordinal);
        Assert.Contains("\"dispatch_action\":true", blocks, StringComparison.Ordinal);
        Assert.Contains("\"initial_value\":\"50%\"", blocks, StringComparison.Ordinal); // what was typed stays
    }

    /// <summary>A modal of a prompt card as Slack sends it back: its private metadata, input blocks and the typed state.</summary>
    private static JsonObject ModalPayload(string type, Guid kpiId, string period, string value, string comment)
    {
        var metadata = new JsonObject
        {
            ["a"] = CardActions.SubmitActual,
            ["d"] = new JsonObject { [CardActions.Keys.Kpi] = kpiId.ToString("N"), [CardActions.Keys.Period] = period },
            ["c"] = "D0DIRECT",
            ["ts"] = "1700000000.000001",
            ["w"] = CardActions.PreviewActual,
        };
        JsonObject Input(string id) => new() { ["type"] = "input", ["block_id"] = id, ["element"] = new JsonObject { ["type"] = "plain_text_input", ["action_id"] = id } };
        JsonObject State(string id, string typed) => new() { [id] = new JsonObject { ["type"] = "plain_text_input", ["value"] = typed } };
        return new JsonObject
        {
            ["type"] = type,
            ["team"] = new JsonObject { ["id"] = BotUnderTest.SlackTeam },
            ["user"] = new JsonObject { ["id"] = "U0CARLOS", ["team_id"] = BotUnderTest.SlackTeam },
            ["trigger_id"] = "1.2.3",
            ["view"] = new JsonObject
            {
                ["id"] = "V0PREVIEW",
                ["hash"] = "hash-1",
                ["type"] = "modal",
                ["callback_id"] = "sc.form",
                ["private_metadata"] = metadata.ToJsonString(),
                ["blocks"] = new JsonArray(Input(CardActions.Keys.Value), Input(CardActions.Keys.Comment)),
                ["state"] = new JsonObject
                {
                    ["values"] = new JsonObject
                    {
                        [CardActions.Keys.Value] = State(CardActions.Keys.Value, value),
                        [CardActions.Keys.Comment] = State(CardActions.Keys.Comment, comment),
                    },
                },
            },
        };
    }

    private static string SlackPayload(JsonObject payload) => "payload=" + Uri.EscapeDataString(payload.ToJsonString());
}
