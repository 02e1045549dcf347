using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using ScorecardBot.Core.Model;
using ScorecardBot.IntegrationTests.Infrastructure;

namespace ScorecardBot.IntegrationTests;

public abstract partial class EndToEndTests
{
    [Fact]
    public async Task Slack_slash_command_from_a_linked_user_is_answered_in_the_response()
    {
        await Bot.LinkAsync(Carlos, Platform.Slack, "U0CARLOS");
        var otd = await Bot.KpiAsync(BotUnderTest.Logistics, "On-time delivery");
        var owner = await OwnerNameAsync(otd.OwnerId);

        var response = await PostSlackAsync("slack/commands", SlashCommand("U0CARLOS", "who owns OTD"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("On-time delivery", body, StringComparison.Ordinal);
        Assert.Contains(owner, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Slack_user_unknown_to_the_bot_is_linked_by_the_e_mail_slack_knows()
    {
        Bot.Slack.Emails["U0RACHEL"] = Rachel;

        var response = await PostSlackAsync("slack/commands", SlashCommand("U0RACHEL", "who owns customer retention"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Rachel Novak", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(Bot.Slack.Calls, c => c.Method == "users.info" && c.Token == "xoxb-integration");
        var rachel = await Bot.PersonAsync(Rachel);
        Assert.Contains(rachel.Accounts, a => a.Platform == Platform.Slack && a.ExternalId == "U0RACHEL");
    }

    [Fact]
    public async Task Slack_requests_with_a_bad_signature_or_replayed_are_refused()
    {
        await Bot.LinkAsync(Carlos, Platform.Slack, "U0CARLOS");
        var body = SlashCommand("U0CARLOS", "who owns OTD");
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var forged = await PostSlackAsync("slack/commands", body, timestamp, secret: "not-the-signing-secret");
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.DoesNotContain("On-time delivery", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await PostSlackAsync("slack/commands", body, timestamp)).StatusCode);
        var replay = await PostSlackAsync("slack/commands", body, timestamp);
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.DoesNotContain("On-time delivery", await replay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<string> OwnerNameAsync(Guid? personId)
    {
        await using var scope = Bot.Scope();
        var db = scope.ServiceProvider.GetRequiredService<Data.ScorecardDbContext>();
        return db.People.Single(p => p.Id == personId).Name;
    }

    protected string SlashCommand(string userId, string text) => string.Join('&', new[]
    {
        ("token", "legacy-token"), ("team_id", BotUnderTest.SlackTeam), ("team_domain", "prairieline"), ("channel_id", "D0DIRECT"),
        ("channel_name", "directmessage"), ("user_id", userId), ("user_name", "someone"), ("command", "/scorecard"), ("text", text),
        ("response_url", Bot.Slack.HookUrl("commands/" + Guid.NewGuid().ToString("N"))), ("trigger_id", "1.2.3"), ("api_app_id", "A0APP"),
    }.Select(f => $"{Uri.EscapeDataString(f.Item1)}={Uri.EscapeDataString(f.Item2)}"));

    /// <summary>Posts a form signed as Slack signs it: v0=HMAC-SHA256(secret, "v0:{timestamp}:{body}").</summary>
    protected async Task<HttpResponseMessage> PostSlackAsync(string path, string body, long? timestamp = null, string secret = BotUnderTest.SlackSecret)
    {
        var ts = (timestamp ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds()).ToString(CultureInfo.InvariantCulture);
        var signature = "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"v0:{ts}:{body}")));
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        request.Headers.Add("X-Slack-Request-Timestamp", ts);
        request.Headers.Add("X-Slack-Signature", signature);
        return await Client.SendAsync(request);
    }
}
