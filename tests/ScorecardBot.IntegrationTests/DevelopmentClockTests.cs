using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using ScorecardBot.Core.Model;
using ScorecardBot.IntegrationTests.Infrastructure;
using ScorecardBot.LocalChat;

namespace ScorecardBot.IntegrationTests;

/// <summary>
/// The development clock with Slack and Teams configured: the rhythm runs on the simulated time,
/// while Slack's request signatures are still checked against the real clock.
/// </summary>
public sealed class DevelopmentClockTests(SqliteClockBot bot) : IClassFixture<SqliteClockBot>
{
    private const string Carlos = "carlos.mendoza@prairieline.example";

    [Fact]
    public async Task With_Slack_configured_the_clock_jumps_a_day_and_Slack_requests_signed_in_real_time_still_verify()
    {
        var clock = bot.Services.GetService<ILocalClockControl>();
        Assert.True(clock is not null, "Configuring Slack switched the development clock off");
        await bot.LinkAsync(Carlos, Platform.Slack, "U0CARLOS");

        var reading = await clock.JumpAsync(ClockJump.NextDay, CancellationToken.None);

        var simulated = bot.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        Assert.True(simulated > DateTimeOffset.UtcNow.AddHours(23), $"the clock reads {simulated:u}");
        Assert.Equal(reading.Now, simulated, TimeSpan.FromMinutes(1));

        // Signed now, in real time: verified and answered.
        var answered = await PostSlackAsync(SlashCommand("U0CARLOS", "who owns OTD"), DateTimeOffset.UtcNow);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Contains("On-time delivery", await answered.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Signed at the simulated moment, a day from now: outside Slack's five minutes, refused.
        var fromTheFuture = await PostSlackAsync(SlashCommand("U0CARLOS", "who owns OTD"), simulated);
        Assert.Equal(HttpStatusCode.Unauthorized, fromTheFuture.StatusCode);
    }

    private string SlashCommand(string userId, string text) => string.Join('&', new[]
    {
        ("token", "legacy-token"), ("team_id", BotUnderTest.SlackTeam), ("team_domain", "prairieline"), ("channel_id", "D0DIRECT"),
        ("channel_name", "directmessage"), ("user_id", userId), ("user_name", "someone"), ("command", "/scorecard"), ("text", text),
        ("response_url", bot.Slack.HookUrl("commands/" + Guid.NewGuid().ToString("N"))), ("trigger_id", "1.2.3"), ("api_app_id", "A0APP"),
    }.Select(f => $"{Uri.EscapeDataString(f.Item1)}={Uri.EscapeDataString(f.Item2)}"));

    /// <summary>Posts a slash command signed as Slack signs it, with the timestamp of <paramref name="at"/>.</summary>
    private async Task<HttpResponseMessage> PostSlackAsync(string body, DateTimeOffset at)
    {
        var ts = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(BotUnderTest.SlackSecret), Encoding.UTF8.GetBytes($"v0:{ts}:{body}")));
        using var request = new HttpRequestMessage(HttpMethod.Post, "slack/commands") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        request.Headers.Add("X-Slack-Request-Timestamp", ts);
        request.Headers.Add("X-Slack-Signature", signature);
        return await bot.Client.SendAsync(request);
    }
}
