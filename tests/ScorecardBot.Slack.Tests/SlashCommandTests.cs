using System.Net;
using System.Text.Json.Nodes;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Slack.Tests.Infrastructure;

namespace ScorecardBot.Slack.Tests;

public sealed class SlashCommandTests : IAsyncLifetime
{
    private FakeSlackApi _slack = null!;
    private SlackTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync();
        _host = await SlackTestHost.StartAsync(_slack, settings: new() { ["Slack:DirectAnswerBudget"] = "00:00:00.300" });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _slack.DisposeAsync();
    }

    private string Command(string text, string? responseUrl = null) => SlackTestHost.Form(
        ("token", "x"), ("team_id", "T1"), ("team_domain", "acme"), ("channel_id", "C1"), ("channel_name", "general"), ("user_id", "U1"),
        ("user_name", "ana"), ("command", "/scorecard"), ("text", text), ("response_url", responseUrl ?? _slack.HookUrl("commands/T1/1/abc")),
        ("trigger_id", "1.2.3"), ("api_app_id", "A1"));

    [Fact]
    public async Task RealSlashCommandBody_IsParsed_AndAnsweredEphemerally()
    {
        var body = SlackTestHost.Fixture("botbuilder-SlashCommandBody.txt").Replace("team_id=teamId", "team_id=T1").Replace("user_id=testUserId", "user_id=U1");

        var response = await _host.PostFormAsync("/slack/commands", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("ephemeral", json["response_type"]!.ToString());
        Assert.Equal("help for ''", json["text"]!.ToString());
        var turn = Assert.Single(_host.Handler.Turns);
        Assert.True(turn.IsCommand);
        Assert.Equal(ConversationKind.Direct, turn.Conversation.Kind); // channel_name=directmessage
    }

    [Fact]
    public async Task CommandText_BecomesTheTurnText_Trimmed()
    {
        await _host.PostFormAsync("/slack/commands", Command("  actual Revenue 1.2k  "));

        Assert.Equal("actual Revenue 1.2k", Assert.Single(_host.Handler.Turns).Text);
    }

    [Fact]
    public async Task DigestKind_IsAnsweredInChannel()
    {
        _host.Handler.Answer = _ => Task.FromResult(TurnResult.Of(new Message([new Heading("October digest")], "October digest") { Kind = "digest" }));

        var json = JsonNode.Parse(await (await _host.PostFormAsync("/slack/commands", Command("digest"))).Content.ReadAsStringAsync())!;

        Assert.Equal("in_channel", json["response_type"]!.ToString());
        Assert.Equal("header", json["blocks"]![0]!["type"]!.ToString());
    }

    [Fact]
    public async Task SlowWork_IsAcknowledged_ThenFinishedThroughTheResponseUrl()
    {
        _host.Handler.Answer = async _ =>
        {
            await Task.Delay(2500);
            return TurnResult.Of(Message.Text("the export is ready"));
        };

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var json = JsonNode.Parse(await (await _host.PostFormAsync("/slack/commands", Command("export"))).Content.ReadAsStringAsync())!;
        watch.Stop();

        Assert.Equal("Working on it…", json["text"]!.ToString());
        // Acknowledged after the 300 ms budget, long before the work ends and inside Slack's 3 s.
        Assert.True(watch.ElapsedMilliseconds < 2500, $"ack took {watch.ElapsedMilliseconds} ms");
        var hook = (await _slack.WaitForAsync("hook:commands/T1/1/abc")).Single().Json();
        Assert.Equal("the export is ready", hook["text"]!.ToString());
        Assert.Equal("ephemeral", hook["response_type"]!.ToString());
    }

    [Theory]
    [InlineData("https://evil.example.com/commands/T1/1/abc")]
    [InlineData("http://hooks.slack.com/commands/T1/1/abc")]
    [InlineData("https://hooks.slack.com.evil.example/x")]
    [InlineData("https://user@hooks.slack.com/x")]
    public async Task ResponseUrl_OffSlacksHosts_IsNeverCalled_AndTheWebApiIsUsedInstead(string responseUrl)
    {
        _host.Handler.Answer = async _ =>
        {
            await Task.Delay(600);
            return TurnResult.Of(Message.Text("done"));
        };

        await _host.PostFormAsync("/slack/commands", Command("export", responseUrl));

        var ephemeral = (await _slack.WaitForAsync("chat.postEphemeral")).Single().Json();
        Assert.Equal("done", ephemeral["text"]!.ToString());
        Assert.DoesNotContain(_slack.Calls, c => c.Method.StartsWith("hook:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnknownPerson_IsToldHowToJoin_AndTheCoreIsNotCalled()
    {
        var body = Command("help").Replace("user_id=U1", "user_id=U404");

        var json = JsonNode.Parse(await (await _host.PostFormAsync("/slack/commands", body)).Content.ReadAsStringAsync())!;

        Assert.Contains("can't find you", json["text"]!.ToString());
        Assert.Empty(_host.Handler.Turns);
    }

    [Fact]
    public async Task FailingCore_GivesAPoliteAnswer_NotA500()
    {
        _host.Handler.Answer = _ => throw new InvalidOperationException("boom");

        var response = await _host.PostFormAsync("/slack/commands", Command("help"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("something went wrong", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task JsonBody_OnTheCommandEndpoint_Is415()
    {
        var response = await _host.PostJsonAsync("/slack/commands", """{"team_id":"T1"}""");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }
}
