using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Tests.LocalChat.Fakes;

namespace ScorecardBot.Tests.LocalChat;

public sealed class LocalChatEndpointTests : IAsyncLifetime
{
    private LocalChatTestApp _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _app = await LocalChatTestApp.StartAsync();
        _client = _app.CreateClient();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private Task<HttpResponseMessage> Say(string text, string conversation = "direct", Guid? personId = null) =>
        _client.PostAsJsonAsync("/local/messages", new { personId = personId ?? SampleDirectory.Ana.Id, conversation, text });

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static List<JsonElement> Items(JsonElement body) => [.. body.GetProperty("items").EnumerateArray()];

    [Fact]
    public async Task Get_root_serves_the_page_with_its_script_style_and_a_strict_content_policy()
    {
        var page = await _client.GetAsync(new Uri("/", UriKind.Relative));
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        Assert.Contains("data-testid=\"person-picker\"", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"message-input\"", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"channel-feed\"", html, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var script = await _client.GetAsync(new Uri("/local/app.js", UriKind.Relative));
        Assert.Equal("text/javascript", script.Content.Headers.ContentType!.MediaType);
        Assert.Contains("/local/actions", await script.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var style = await _client.GetAsync(new Uri("/local/app.css", UriKind.Relative));
        Assert.Contains("#2E7D32", await style.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_people_lists_the_sample_organization_with_roles()
    {
        var people = (await Json(await _client.GetAsync(new Uri("/local/people", UriKind.Relative)))).GetProperty("people").EnumerateArray().ToList();

        Assert.Equal(["Ana Lima", "Marco Rossi", "Vera Chen"], people.Select(p => p.GetProperty("name").GetString()));
        Assert.Equal(["KPI owner", "Scorecard manager", "Viewer"], people.Select(p => p.GetProperty("roleTitle").GetString()));
        Assert.Equal("Owner", people[0].GetProperty("role").GetString());
    }

    [Fact]
    public async Task Post_help_returns_what_was_said_and_the_rendered_reply()
    {
        var items = Items(await Json(await Say("  help ")));

        Assert.Equal(2, items.Count);
        Assert.Equal("Ana Lima", items[0].GetProperty("author").GetString());
        Assert.Equal("help", items[0].GetProperty("text").GetString());
        var html = items[1].GetProperty("html").GetString()!;
        Assert.StartsWith($"<article class=\"card\" data-message-id=\"{items[1].GetProperty("id").GetString()}\" data-kind=\"help\">", html, StringComparison.Ordinal);
        Assert.Contains("<h3 class=\"card-heading\">What I can do</h3>", html, StringComparison.Ordinal);
        Assert.Equal("direct", items[1].GetProperty("target").GetString());

        var turn = Assert.Single(_app.Conversation.Turns);
        Assert.Equal("help", turn.Text);
        Assert.Equal(SampleDirectory.Ana.ToActor(), turn.Actor);
        Assert.Equal(SampleDirectory.OrganizationId, turn.OrganizationId);
        Assert.Equal(Platform.Local, turn.Platform);
        Assert.Equal(ConversationKind.Direct, turn.Conversation.Kind);
    }

    [Fact]
    public async Task Direct_chat_is_kept_so_a_reload_shows_it_and_other_people_do_not_see_it()
    {
        await Say("help");

        var ana = Items(await Json(await _client.GetAsync(new Uri($"/local/inbox?personId={SampleDirectory.Ana.Id}", UriKind.Relative))));
        var vera = Items(await Json(await _client.GetAsync(new Uri($"/local/inbox?personId={SampleDirectory.Vera.Id}", UriKind.Relative))));

        Assert.Equal(["said", "help"], ana.Select(i => i.GetProperty("kind").GetString()));
        Assert.Empty(vera);
    }

    [Fact]
    public async Task Typed_markup_comes_back_as_text_never_as_html()
    {
        var said = Items(await Json(await Say("<img src=x onerror=alert(1)>")))[0];

        Assert.Equal(JsonValueKind.Null, said.GetProperty("html").ValueKind);
        Assert.Equal("<img src=x onerror=alert(1)>", said.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Post_action_hands_the_card_action_with_its_inputs_to_the_engine_and_replaces_the_source_card()
    {
        var prompt = Items(await Json(await Say("my")))[1].GetProperty("id").GetString()!;

        var response = await _client.PostAsJsonAsync("/local/actions", new
        {
            personId = SampleDirectory.Ana.Id,
            actionId = "submit-actual",
            data = new Dictionary<string, string> { ["kpiId"] = SampleConversation.RetentionId.ToString(), ["period"] = "2026-10" },
            inputs = new Dictionary<string, string> { ["actual"] = "91.4 %", ["comment"] = "Fewer SMB churns" },
            sourceMessageId = prompt,
        });

        var reply = Assert.Single(Items(await Json(response)));
        Assert.Equal(prompt, reply.GetProperty("replaces").GetString());
        Assert.Equal(prompt, reply.GetProperty("id").GetString());
        Assert.Contains("Recorded <strong>91.4 %</strong>", reply.GetProperty("html").GetString(), StringComparison.Ordinal);

        var turn = _app.Conversation.Turns[^1];
        Assert.Null(turn.Text);
        Assert.Equal(prompt, turn.SourceMessageId);
        Assert.Equal("submit-actual", turn.Action!.ActionId);
        Assert.Equal("91.4 %", turn.Action.Inputs["actual"]);
        Assert.Equal("Fewer SMB churns", turn.Action.Inputs["comment"]);
        Assert.Equal("2026-10", turn.Action.Data["period"]);

        // The direct chat now holds the recorded card where the prompt was, not both.
        var inbox = Items(await Json(await _client.GetAsync(new Uri($"/local/inbox?personId={SampleDirectory.Ana.Id}", UriKind.Relative))));
        Assert.Equal(["said", "recorded"], inbox.Select(i => i.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task Post_action_with_a_bad_value_shows_the_error_under_the_field_and_keeps_what_was_typed()
    {
        var prompt = Items(await Json(await Say("my")))[1].GetProperty("id").GetString()!;

        var reply = Assert.Single(Items(await Json(await _client.PostAsJsonAsync("/local/actions", new
        {
            personId = SampleDirectory.Ana.Id,
            actionId = "submit-actual",
            inputs = new Dictionary<string, string> { ["actual"] = "ninety" },
            sourceMessageId = prompt,
        }))));

        var html = reply.GetProperty("html").GetString()!;
        Assert.Equal(prompt, reply.GetProperty("replaces").GetString());
        Assert.Contains("value=\"ninety\"", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"field-error\" id=\"" + prompt + "-actual-error\">&quot;ninety&quot; is not a number.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_action_on_someone_elses_direct_card_is_forbidden()
    {
        var prompt = Items(await Json(await Say("my")))[1].GetProperty("id").GetString()!;

        var response = await _client.PostAsJsonAsync("/local/actions", new { personId = SampleDirectory.Vera.Id, actionId = "snooze", sourceMessageId = prompt });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Single(_app.Conversation.Turns);
    }

    [Fact]
    public async Task Channel_message_posts_the_reply_in_the_channel_for_everyone()
    {
        var reply = Items(await Json(await Say("status", "channel")))[1];

        Assert.Equal("channel", reply.GetProperty("target").GetString());
        Assert.Equal(ConversationKind.Channel, _app.Conversation.Turns[^1].Conversation.Kind);
        var channel = Items(await Json(await _client.GetAsync(new Uri("/local/channel", UriKind.Relative))));
        Assert.Contains(channel, i => i.GetProperty("kind").GetString() == "digest");
    }

    [Fact]
    public async Task Channel_reply_meant_only_for_the_actor_is_not_kept_in_the_channel()
    {
        var reply = Items(await Json(await Say("help", "channel")))[1];

        Assert.True(reply.GetProperty("onlyYou").GetBoolean());
        var channel = Items(await Json(await _client.GetAsync(new Uri("/local/channel", UriKind.Relative))));
        Assert.DoesNotContain(channel, i => i.GetProperty("kind").GetString() == "help");
    }

    [Fact]
    public async Task Updates_bring_proactive_posts_and_direct_prompts_to_the_right_person()
    {
        var cursor = (await Json(await _client.GetAsync(new Uri("/local/channel", UriKind.Relative)))).GetProperty("cursor").GetInt64();

        var digest = _app.Feed.Post(SampleConversation.Digest());
        var prompt = _app.Feed.PostDirect(SampleDirectory.Ana.Id, SampleConversation.Prompt(null, null));

        var forAna = Items(await Json(await _client.GetAsync(new Uri($"/local/updates?since={cursor}&personId={SampleDirectory.Ana.Id}", UriKind.Relative))));
        var forVera = Items(await Json(await _client.GetAsync(new Uri($"/local/updates?since={cursor}&personId={SampleDirectory.Vera.Id}", UriKind.Relative))));
        Assert.Equal([digest, prompt], forAna.Select(i => i.GetProperty("id").GetString()));
        Assert.Equal([digest], forVera.Select(i => i.GetProperty("id").GetString()));
        Assert.Contains("name=\"actual\"", forAna[1].GetProperty("html").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("@ScorecardBot status", "status", false)]
    [InlineData("@scorecardbot   status", "status", false)]
    [InlineData("/scorecard assign Retention to Ana", "assign Retention to Ana", true)]
    [InlineData("@ScorecardBot /scorecard help", "help", true)]
    [InlineData("/scorecard", "help", true)]
    [InlineData("@ScorecardBotty status", "@ScorecardBotty status", false)]
    public async Task Bot_mention_and_command_prefix_are_removed_before_the_engine_sees_the_text(string typed, string text, bool isCommand)
    {
        var said = Items(await Json(await Say(typed, "channel")))[0];

        var turn = Assert.Single(_app.Conversation.Turns);
        Assert.Equal(text, turn.Text);
        Assert.Equal(isCommand, turn.IsCommand);
        Assert.Equal(typed, said.GetProperty("text").GetString());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task Post_message_that_is_not_json_is_refused_so_other_sites_cannot_post_a_simple_form(string contentType)
    {
        using var content = new StringContent($"{{\"personId\":\"{SampleDirectory.Ana.Id}\",\"text\":\"help\"}}", System.Text.Encoding.UTF8, contentType);

        var response = await _client.PostAsync(new Uri("/local/messages", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Empty(_app.Conversation.Turns);
    }

    [Fact]
    public async Task Tiny_feed_still_answers_with_what_was_said_and_the_reply()
    {
        await using var app = await LocalChatTestApp.StartAsync(settings: new Dictionary<string, string?> { ["LocalChat:FeedCapacity"] = "1" });

        var items = Items(await Json(await app.CreateClient().PostAsJsonAsync("/local/messages", new { personId = SampleDirectory.Ana.Id, text = "help" })));

        Assert.Equal(["said", "help"], items.Select(i => i.GetProperty("kind").GetString()));
        Assert.Single(app.Feed.Inbox(SampleDirectory.Ana.Id).Entries);
    }

    [Theory]
    [InlineData("", "direct", "Type a message first")]
    [InlineData("help", "group", "Unknown conversation 'group'")]
    public async Task Post_message_with_bad_input_says_what_is_wrong(string text, string conversation, string expected)
    {
        var response = await Say(text, conversation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(_app.Conversation.Turns);
    }

    [Fact]
    public async Task Post_message_as_unknown_person_is_not_found()
    {
        var response = await Say("help", personId: Guid.NewGuid());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(_app.Conversation.Turns);
    }

    [Fact]
    public async Task Post_message_passes_the_browser_language_as_locale()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/local/messages")
        {
            Content = JsonContent.Create(new { personId = SampleDirectory.Ana.Id, text = "help" }),
        };
        request.Headers.Add("Accept-Language", "en-US;q=0.8, de-DE");

        await Json(await _client.SendAsync(request));

        Assert.Equal("de-DE", _app.Conversation.Turns[^1].Locale);
    }
}
