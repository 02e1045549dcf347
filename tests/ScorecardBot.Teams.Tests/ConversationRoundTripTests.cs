using System.Net;
using System.Text.Json.Nodes;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Teams.Tests.Fakes;

namespace ScorecardBot.Teams.Tests;

/// <summary>Whole turns through POST /api/messages, with the replies landing on the fake connector.</summary>
public sealed class ConversationRoundTripTests : IAsyncLifetime
{
    private FakeBotFramework _fake = null!;
    private TeamsTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeBotFramework.StartAsync();
        _host = await TeamsTestHost.StartAsync(_fake);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _fake.DisposeAsync();
    }

    private string Token => _fake.IssueToken(serviceUrl: _fake.ServiceUrl);

    private static Message HelpCard() => new(
        [new Heading("What I can do"), new FactList([new Fact("status", "how the scorecard is doing"), new Fact("my kpis", "your KPIs")])],
        "Help")
    { Kind = "help" };

    [Fact]
    public async Task Help_in_a_channel_reaches_the_engine_without_the_bot_mention_and_the_reply_is_posted_to_the_thread()
    {
        _host.Turns.Respond = _ => TurnResult.Of(HelpCard());
        var activity = TestActivities.Message(_fake.ServiceUrl, "<at>ScorecardBot</at> help", conversationType: "channel");
        activity["entities"] = new JsonArray(new JsonObject
        {
            ["type"] = "mention",
            ["text"] = "<at>ScorecardBot</at>",
            ["mentioned"] = new JsonObject { ["id"] = TeamsTestHost.BotId, ["name"] = "ScorecardBot" },
        });

        var response = await _host.PostAsync(activity, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var turn = Assert.Single(_host.Turns.Turns);
        Assert.Equal("help", turn.Text);
        Assert.Equal(ConversationKind.Channel, turn.Conversation.Kind);
        Assert.Equal(TeamsTestHost.Ana, turn.Actor);
        Assert.Equal(TeamsTestHost.OrganizationId, turn.OrganizationId);

        var call = Assert.Single(await _fake.WaitForCallsAsync(1));
        Assert.Equal("POST", call.Method);
        Assert.Equal("/connector/v3/conversations/19%3A6993d8cb4fc244c388b08a7b33172fe9%40thread.skype%3Bmessageid%3D1571689431275/activities/1571689431275", call.RawTarget);
        Assert.Equal($"Bearer bot-token-for-botframework.com", call.Authorization);
        var body = call.Json!;
        Assert.Equal("message", (string?)body["type"]);
        Assert.Equal("1571689431275", (string?)body["replyToId"]);
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)body["attachments"]![0]!["contentType"]);
        Assert.Equal("What I can do", (string?)body["attachments"]![0]!["content"]!["body"]![0]!["text"]);
    }

    [Fact]
    public async Task Mentions_of_other_people_become_at_names_with_their_account()
    {
        var activity = TestActivities.Message(_fake.ServiceUrl, "<at>ScorecardBot</at> assign NPS to <at>Bruno Costa</at>", conversationType: "channel");
        activity["entities"] = new JsonArray(
            new JsonObject { ["type"] = "mention", ["text"] = "<at>ScorecardBot</at>", ["mentioned"] = new JsonObject { ["id"] = TeamsTestHost.BotId, ["name"] = "ScorecardBot" } },
            new JsonObject { ["type"] = "mention", ["text"] = "<at>Bruno Costa</at>", ["mentioned"] = new JsonObject { ["id"] = "29:bruno", ["name"] = "Bruno Costa" } });

        await _host.PostAsync(activity, Token);

        var turn = Assert.Single(_host.Turns.Turns);
        Assert.Equal("assign NPS to @Bruno Costa", turn.Text);
        Assert.Equal(new MentionedUser("@Bruno Costa", "29:bruno", "Bruno Costa"), Assert.Single(turn.Mentions));
    }

    [Fact]
    public async Task Plain_sentence_reply_is_sent_as_text_and_one_token_serves_many_replies()
    {
        await _host.PostAsync(TestActivities.Message(_fake.ServiceUrl, "hello"), Token);
        await _host.PostAsync(TestActivities.Message(_fake.ServiceUrl, "again"), Token);

        var calls = await _fake.WaitForCallsAsync(2);
        Assert.Equal(["You said: hello", "You said: again"], calls.Select(c => (string?)c.Json!["text"]));
        Assert.Equal(1, _fake.TokenRequests);
    }

    [Fact]
    public async Task Unknown_tenant_gets_a_not_set_up_reply_and_nothing_is_handled_or_stored()
    {
        var activity = TestActivities.Message(_fake.ServiceUrl, "status", tenantId: "99999999-9999-9999-9999-999999999999");

        var response = await _host.PostAsync(activity, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var call = Assert.Single(await _fake.WaitForCallsAsync(1));
        Assert.Contains("isn't set up for your organization", (string?)call.Json!["text"], StringComparison.Ordinal);
        Assert.Empty(_host.Turns.Turns);
        Assert.Equal(0, _host.References.Count);
    }

    [Fact]
    public async Task Known_tenant_but_unknown_person_is_told_to_ask_an_admin()
    {
        var activity = TestActivities.Message(_fake.ServiceUrl, "status");
        activity["from"]!["aadObjectId"] = "00000000-1111-2222-3333-444444444444";

        await _host.PostAsync(activity, Token);

        // Teams' member record is asked for the e-mail first; nobody in the organization has it.
        var calls = await _fake.WaitForCallsAsync(2);
        Assert.Equal(["GET", "POST"], calls.Select(c => c.Method));
        Assert.Contains("Ask a scorecard admin to add you", (string?)calls[1].Json!["text"], StringComparison.Ordinal);
        Assert.Empty(_host.Turns.Turns);
    }

    [Fact]
    public async Task Personal_message_stores_the_conversation_reference_for_later_prompts()
    {
        await _host.PostAsync(TestActivities.Message(_fake.ServiceUrl, "my kpis"), Token);

        var reference = await _host.References.FindPersonalAsync(TeamsTestHost.OrganizationId, TeamsTestHost.Ana.PersonId, default);
        Assert.NotNull(reference);
        Assert.Equal("a:1personal-conversation", reference.ConversationId);
        Assert.Equal(_fake.ServiceUrl, reference.ServiceUrl);
        Assert.Equal(TeamsTestHost.TenantId, reference.TenantId);
    }

    [Fact]
    public async Task Action_execute_answers_with_the_replacement_card_in_the_http_response()
    {
        _host.Turns.Respond = turn => TurnResult.Of(new Message(
            [new Heading("Recorded"), new FactList([new Fact("Actual", turn.Action!.Inputs["actual"])])], "Recorded")
        { ReplacesSource = true });
        var value = new JsonObject
        {
            ["action"] = new JsonObject
            {
                ["type"] = "Action.Execute",
                ["verb"] = "submit-actual",
                ["data"] = new JsonObject
                {
                    ["_action"] = "submit-actual",
                    ["_data"] = new JsonObject { ["kpi"] = "7e1c" },
                    ["actual"] = "1.2k",
                    ["comment"] = "strong month",
                },
            },
            ["trigger"] = "manual",
        };

        var response = await _host.PostAsync(TestActivities.Invoke(_fake.ServiceUrl, value), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(200, (int?)body["statusCode"]);
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)body["type"]);
        Assert.Equal("AdaptiveCard", (string?)body["value"]!["type"]);
        Assert.Equal("1.2k", (string?)body["value"]!["body"]![1]!["facts"]![0]!["value"]);

        var action = Assert.Single(_host.Turns.Turns).Action!;
        Assert.Equal("submit-actual", action.ActionId);
        Assert.Equal("7e1c", action.Data["kpi"]);
        Assert.Equal(new Dictionary<string, string> { ["actual"] = "1.2k", ["comment"] = "strong month" }, action.Inputs);
        Assert.Equal("1795390707610", _host.Turns.Turns[0].SourceMessageId);
        await Task.Delay(100);
        Assert.Empty(_fake.Calls);
    }

    [Fact]
    public async Task Malformed_action_execute_is_answered_400_and_not_handled()
    {
        var response = await _host.PostAsync(TestActivities.Invoke(_fake.ServiceUrl, new JsonObject { ["action"] = "Action.Execute" }), Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("application/vnd.microsoft.error", (string?)body["type"]);
        Assert.Empty(_host.Turns.Turns);
    }

    [Fact]
    public async Task Action_submit_whose_reply_replaces_the_source_updates_the_card_in_place()
    {
        _host.Turns.Respond = _ => TurnResult.Of(new Message([new Heading("Thanks, recorded")], "Recorded") { ReplacesSource = true });
        var activity = TestActivities.Message(_fake.ServiceUrl, "");
        activity.Remove("text");
        activity["replyToId"] = "1795390707610";
        activity["value"] = new JsonObject { ["_action"] = "submit-actual", ["actual"] = "95%" };

        await _host.PostAsync(activity, Token);

        var call = Assert.Single(await _fake.WaitForCallsAsync(1));
        Assert.Equal("PUT", call.Method);
        Assert.Equal("/connector/v3/conversations/a%3A1personal-conversation/activities/1795390707610", call.RawTarget);
        Assert.Equal("1795390707610", (string?)call.Json!["id"]);
        Assert.Equal("Thanks, recorded", (string?)call.Json!["attachments"]![0]!["content"]!["body"]![0]!["text"]);
        Assert.Equal("95%", _host.Turns.Turns[0].Action!.Inputs["actual"]);
    }

    [Fact]
    public async Task Throttled_reply_is_retried_after_retry_after_and_delivered_once()
    {
        _fake.FailNext(429, retryAfter: "1", body: """{"error":{"code":"Throttled","message":"slow down"}}""");

        await _host.PostAsync(TestActivities.Message(_fake.ServiceUrl, "status"), Token);

        var calls = await _fake.WaitForCallsAsync(2);
        await Task.Delay(300);
        Assert.Equal(2, _fake.Calls.Count);
        Assert.All(calls, c => Assert.Equal("You said: status", (string?)c.Json!["text"]));
    }

    [Fact]
    public async Task Activity_with_a_service_url_outside_the_allow_list_is_refused_without_any_outbound_call()
    {
        var activity = TestActivities.Message("https://attacker.example.net/", "help");

        var response = await _host.PostAsync(activity, _fake.IssueToken(serviceUrl: "https://attacker.example.net/"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(_host.Turns.Turns);
        await Task.Delay(100);
        Assert.Empty(_fake.Calls);
        Assert.Contains(_host.Log.Lines, l => l.Contains("https://attacker.example.net", StringComparison.Ordinal) && l.Contains("allow-list", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bot_added_to_a_team_stores_the_channel_and_greets_once()
    {
        var update = TestActivities.Message(_fake.ServiceUrl, "", conversationType: "channel");
        update.Remove("text");
        update["type"] = "conversationUpdate";
        update["membersAdded"] = new JsonArray(new JsonObject { ["id"] = TeamsTestHost.BotId });
        var install = update.DeepClone().AsObject();
        install["type"] = "installationUpdate";
        install["action"] = "add";
        install.Remove("membersAdded");

        Assert.Equal(HttpStatusCode.OK, (await _host.PostAsync(update, Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _host.PostAsync(install, Token)).StatusCode);

        var call = Assert.Single(await _fake.WaitForCallsAsync(1));
        await Task.Delay(200);
        Assert.Single(_fake.Calls);
        Assert.Equal("/connector/v3/conversations/19%3A6993d8cb4fc244c388b08a7b33172fe9%40thread.skype%3Bmessageid%3D1571689431275/activities", call.RawTarget);
        Assert.Equal("Hi, I'm ScorecardBot", (string?)call.Json!["attachments"]![0]!["content"]!["body"]![0]!["text"]);
        Assert.NotNull(await _host.References.FindSharedAsync(TeamsTestHost.OrganizationId, (string)update["conversation"]!["id"]!, default));
        Assert.Empty(_host.Turns.Turns);
    }

    [Fact]
    public async Task Malformed_json_is_answered_400()
    {
        var response = await _host.PostAsync("{\"type\":\"message\",", Token);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Oversized_body_is_answered_413()
    {
        var response = await _host.PostAsync(TestActivities.Message(_fake.ServiceUrl, new string('x', 70_000)), Token);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(_host.Turns.Turns);
    }

    [Fact]
    public async Task Unknown_activity_type_is_acknowledged_and_ignored()
    {
        var activity = TestActivities.Message(_fake.ServiceUrl, "");
        activity["type"] = "messageReaction";

        var response = await _host.PostAsync(activity, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(_host.Turns.Turns);
    }

    [Fact]
    public async Task Several_replies_to_one_turn_arrive_in_order()
    {
        _host.Turns.Respond = _ => TurnResult.Of(Message.Text("one"), Message.Text("two"), Message.Text("three"));

        await _host.PostAsync(TestActivities.Message(_fake.ServiceUrl, "digest"), Token);

        var calls = await _fake.WaitForCallsAsync(3);
        Assert.Equal(["one", "two", "three"], calls.Select(c => (string?)c.Json!["text"]));
    }

    [Fact]
    public async Task Action_execute_without_a_replacement_answers_with_the_first_reply_as_a_message_and_posts_the_rest()
    {
        _host.Turns.Respond = _ => TurnResult.Of(Message.Text("Delegated to Bruno."), Message.Text("Bruno will be reminded on Friday."));
        var value = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "delegate", ["data"] = new JsonObject { ["_action"] = "delegate" } } };

        var response = await _host.PostAsync(TestActivities.Invoke(_fake.ServiceUrl, value), Token);

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("application/vnd.microsoft.activity.message", (string?)body["type"]);
        Assert.Equal("Delegated to Bruno.", (string?)body["value"]);
        var call = Assert.Single(await _fake.WaitForCallsAsync(1));
        Assert.Equal("Bruno will be reminded on Friday.", (string?)call.Json!["text"]);
    }

    [Fact]
    public async Task Other_invoke_names_are_refused_as_not_supported_and_never_answered_5xx()
    {
        var activity = TestActivities.Invoke(_fake.ServiceUrl, new JsonObject());
        activity["name"] = "task/fetch";

        var response = await _host.PostAsync(activity, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("application/vnd.microsoft.error", (string?)body["type"]);
        Assert.Equal("NotSupported", (string?)body["value"]!["code"]);
        Assert.Contains("'task/fetch'", (string?)body["value"]!["message"], StringComparison.Ordinal);
        Assert.Empty(_host.Turns.Turns);
    }

    // Found by the fuzz tests (ScorecardBot.IntegrationTests, Fuzz/): JSON that parses but holds a
    // string that is not text, or a list holding null, was answered 500.
    [Theory]
    [InlineData("\\ud800")]
    [InlineData("\\udfff\\ud800")]
    public async Task Card_data_holding_a_string_that_is_not_text_is_refused_400_and_reaches_no_turn(string escaped)
    {
        var value = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "submit", ["data"] = new JsonObject { ["value"] = "PLACEHOLDER" } } };
        var body = TestActivities.Invoke(_fake.ServiceUrl, value).ToJsonString().Replace("PLACEHOLDER", escaped, StringComparison.Ordinal);

        var response = await _host.PostAsync(body, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not valid text", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(_host.Turns.Turns);
    }

    [Fact]
    public async Task Card_data_holding_bytes_that_are_not_utf8_is_refused_400()
    {
        var activity = TestActivities.Message(_fake.ServiceUrl, "");
        activity.Remove("text");
        activity["value"] = new JsonObject { ["comment"] = "PLACEHOLDER" };
        var json = System.Text.Encoding.UTF8.GetBytes(activity.ToJsonString());
        var at = json.AsSpan().IndexOf("PLACEHOLDER"u8);
        json[at] = 0xC0;
        json[at + 1] = 0xAF;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new ByteArrayContent(json) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);

        var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_host.Turns.Turns);
    }

    [Fact]
    public async Task A_null_in_the_entities_or_members_added_lists_is_skipped()
    {
        var message = TestActivities.Message(_fake.ServiceUrl, "help");
        message["entities"] = new JsonArray((JsonNode?)null, new JsonObject { ["type"] = "clientInfo" });
        var added = TestActivities.Message(_fake.ServiceUrl, "", conversationType: "channel");
        added["type"] = "conversationUpdate";
        added["membersAdded"] = new JsonArray((JsonNode?)null);

        var answers = new[] { await _host.PostAsync(message, Token), await _host.PostAsync(added, Token) };

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal("help", Assert.Single(_host.Turns.Turns).Text);
    }

    [Fact]
    public async Task Bot_removed_from_a_team_forgets_the_channel()
    {
        var added = TestActivities.Message(_fake.ServiceUrl, "", conversationType: "channel");
        added["type"] = "installationUpdate";
        added["action"] = "add";
        var removed = added.DeepClone().AsObject();
        removed["action"] = "remove";
        var conversationId = (string)added["conversation"]!["id"]!;

        await _host.PostAsync(added, Token);
        Assert.NotNull(await _host.References.FindSharedAsync(TeamsTestHost.OrganizationId, conversationId, default));
        await _host.PostAsync(removed, Token);

        Assert.Null(await _host.References.FindSharedAsync(TeamsTestHost.OrganizationId, conversationId, default));
    }

    [Fact]
    public async Task Unknown_tenant_adding_the_bot_is_told_it_is_not_set_up_and_nothing_is_stored()
    {
        var added = TestActivities.Message(_fake.ServiceUrl, "", conversationType: "channel", tenantId: "99999999-9999-9999-9999-999999999999");
        added["type"] = "conversationUpdate";
        added["membersAdded"] = new JsonArray(new JsonObject { ["id"] = TeamsTestHost.BotId });

        await _host.PostAsync(added, Token);

        var call = Assert.Single(await _fake.WaitForCallsAsync(1));
        Assert.Contains("isn't set up", (string?)call.Json!["text"], StringComparison.Ordinal);
        Assert.Equal(0, _host.References.Count);
    }
}
