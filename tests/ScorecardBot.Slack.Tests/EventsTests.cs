using System.Net;
using System.Text.Json.Nodes;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Slack.Tests.Infrastructure;

namespace ScorecardBot.Slack.Tests;

public sealed class EventsTests : IAsyncLifetime
{
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

    private static string WithTeam(string fixture) =>
        SlackTestHost.Fixture(fixture).Replace("\"teamId\"", "\"T1\"").Replace("\"userId\"", "\"U1\"");

    [Fact]
    public async Task UrlVerification_AnswersTheChallenge()
    {
        var response = await _host.PostJsonAsync("/slack/events", SlackTestHost.Fixture("botbuilder-URLVerificationBody.json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", json["challenge"]!.GetValue<string>());
    }

    [Fact]
    public async Task DirectMessage_BecomesATurn_AndTheReplyIsPostedInTheDm()
    {
        var response = await _host.PostJsonAsync("/slack/events", WithTeam("botbuilder-MessageBody.json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var turn = await _host.Handler.WaitForTurnAsync();
        Assert.Equal("Hello", turn.Text);
        Assert.False(turn.IsCommand);
        Assert.Equal(Platform.Slack, turn.Platform);
        Assert.Equal(SlackTestHost.OrganizationId, turn.OrganizationId);
        Assert.Equal(new ConversationAddress(Platform.Slack, "channelId", ConversationKind.Direct, TenantOrTeamId: "T1"), turn.Conversation);

        var post = (await _slack.WaitForAsync("chat.postMessage")).Single();
        Assert.Equal("xoxb-single-workspace", post.Token);
        Assert.Equal("channelId", post.Json()["channel"]!.ToString());
        Assert.Equal("help for 'Hello'", post.Json()["text"]!.ToString());
    }

    // Found by the fuzz tests: a string that parses as JSON but is not text (an escaped lone
    // surrogate) was answered 500 where the event's fields are read.
    [Theory]
    [InlineData("\"team_id\": \"T1\"", "\"team_id\": \"\\ud800\"")]
    [InlineData("\"text\": \"Hello\"", "\"text\": \"\\udfff\\ud800\"")]
    public async Task AnEventWithAStringThatIsNotText_IsAnsweredWithout5xx_AndBecomesNoTurn(string field, string notText)
    {
        var body = WithTeam("botbuilder-MessageBody.json").Replace(field, notText, StringComparison.Ordinal);
        Assert.Contains(notText, body, StringComparison.Ordinal);

        var response = await _host.PostJsonAsync("/slack/events", body);

        Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode}");
        await Task.Delay(150);
        Assert.Empty(_host.Handler.Turns);
        Assert.DoesNotContain(_host.Logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnEventWithAnUnknownEnvelopeType_IsAcknowledged_AndIgnored()
    {
        var response = await _host.PostJsonAsync("/slack/events", WithTeam("botbuilder-UnknownEvent.json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Task.Delay(150);
        Assert.Empty(_host.Handler.Turns);
    }

    [Theory]
    [InlineData("bot", "\"bot_id\":\"B1\",\"user\":\"U1\"")]
    [InlineData("edit", "\"subtype\":\"message_changed\",\"user\":\"U1\"")]
    [InlineData("own", "\"user\":\"U0BOT\"")]
    public async Task BotOrEditedOrOwnMessages_AreIgnored(string why, string fields)
    {
        var body = "{\"type\":\"event_callback\",\"team_id\":\"T1\",\"event_id\":\"Ev-" + why + "\",\"event\":{" + fields
            + ",\"type\":\"message\",\"channel_type\":\"im\",\"text\":\"hi\",\"channel\":\"D1\",\"ts\":\"1.1\"}}";

        Assert.Equal(HttpStatusCode.OK, (await _host.PostJsonAsync("/slack/events", body)).StatusCode);
        await Task.Delay(150);
        Assert.Empty(_host.Handler.Turns);
        Assert.Empty(_slack.Calls);
    }

    [Fact]
    public async Task AppMention_StripsOurMention_AndRepliesInTheThread()
    {
        var body = """
            {"type":"event_callback","team_id":"T1","event_id":"EvM1","authorizations":[{"user_id":"U0BOT","is_bot":true}],
             "event":{"type":"app_mention","user":"U1","text":"<@U0BOT> status of <@U2>","channel":"C1","ts":"1700.000100","event_ts":"1700.000100"}}
            """;

        await _host.PostJsonAsync("/slack/events", body);

        var turn = await _host.Handler.WaitForTurnAsync();
        Assert.Equal("status of <@U2>", turn.Text);
        Assert.Equal(ConversationKind.Channel, turn.Conversation.Kind);
        var post = (await _slack.WaitForAsync("chat.postMessage")).Single().Json();
        Assert.Equal("C1", post["channel"]!.ToString());
        Assert.Equal("1700.000100", post["thread_ts"]!.ToString());
    }

    [Fact]
    public async Task OnlyActorReply_ToAChannelMention_IsEphemeral()
    {
        _host.Handler.Answer = _ => Task.FromResult(new TurnResult([new Reply(Message.Text("just for you"), Audience.OnlyActor)]));
        var body = """{"type":"event_callback","team_id":"T1","event_id":"EvM2","event":{"type":"app_mention","user":"U1","text":"<@U0BOT> my kpis","channel":"C1","ts":"1.2"}}""";

        await _host.PostJsonAsync("/slack/events", body);

        var call = (await _slack.WaitForAsync("chat.postEphemeral")).Single().Json();
        Assert.Equal("U1", call["user"]!.ToString());
        Assert.Empty(_slack.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task AppHomeOpened_PublishesTheHomeOfThatPerson()
    {
        var body = """{"type":"event_callback","team_id":"T1","event_id":"EvH1","event":{"type":"app_home_opened","user":"U1","channel":"D1","tab":"home","event_ts":"1.3"}}""";

        await _host.PostJsonAsync("/slack/events", body);

        var publish = (await _slack.WaitForAsync("views.publish")).Single().Json();
        Assert.Equal("U1", publish["user_id"]!.ToString());
        Assert.Equal("home", publish["view"]!["type"]!.ToString());
        var text = publish["view"]!["blocks"]!.ToJsonString();
        Assert.Contains("Hello Ana Lima", text);
        Assert.Contains(":large_green_circle: *Revenue*", text);
    }

    [Fact]
    public async Task AppHomeOpened_ByAStranger_ExplainsHowToJoin()
    {
        var body = """{"type":"event_callback","team_id":"T1","event_id":"EvH2","event":{"type":"app_home_opened","user":"U9","tab":"home"}}""";

        await _host.PostJsonAsync("/slack/events", body);

        var publish = (await _slack.WaitForAsync("views.publish")).Single().Json();
        Assert.Contains("not on a scorecard yet", publish["view"]!["blocks"]!.ToJsonString());
    }

    [Fact]
    public async Task TheSameEventIdTwice_IsProcessedOnce()
    {
        var body = """{"type":"event_callback","team_id":"T1","event_id":"EvDup","event":{"type":"message","channel_type":"im","user":"U1","text":"a","channel":"D1","ts":"1.1"}}""";

        await _host.PostJsonAsync("/slack/events", body);
        await _host.PostJsonAsync("/slack/events", body.Replace("\"a\"", "\"a \""));

        await _host.Handler.WaitForTurnAsync();
        await Task.Delay(150);
        Assert.Single(_host.Handler.Turns);
    }

    [Fact]
    public async Task SlowTurn_DoesNotDelayTheAck()
    {
        var release = new TaskCompletionSource();
        _host.Handler.Answer = async _ =>
        {
            await release.Task;
            return TurnResult.Of(Message.Text("late"));
        };
        var body = """{"type":"event_callback","team_id":"T1","event_id":"EvSlow","event":{"type":"message","channel_type":"im","user":"U1","text":"a","channel":"D1","ts":"1.1"}}""";

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var response = await _host.PostJsonAsync("/slack/events", body);
        watch.Stop();
        release.SetResult();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(watch.ElapsedMilliseconds < 1000, $"ack took {watch.ElapsedMilliseconds} ms");
        Assert.Equal("late", (await _slack.WaitForAsync("chat.postMessage")).Single().Json()["text"]!.ToString());
    }
}
