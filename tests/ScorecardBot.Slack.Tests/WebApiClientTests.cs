using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using ScorecardBot.Slack.Api;
using ScorecardBot.Slack.Tests.Infrastructure;

namespace ScorecardBot.Slack.Tests;

public sealed class WebApiClientTests : IAsyncLifetime
{
    private FakeSlackApi _slack = null!;
    private SlackTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync();
        _host = await SlackTestHost.StartAsync(_slack, settings: new() { ["Slack:TeamId"] = "T1" });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _slack.DisposeAsync();
    }

    private async Task<ISlackApiClient> ClientAsync(string team = "T1") =>
        (await _host.Services.GetRequiredService<ISlackApiClientFactory>().ForTeamAsync(team, CancellationToken.None))!;

    [Fact]
    public async Task RateLimited_WaitsRetryAfter_ThenSucceeds()
    {
        _slack.Enqueue("chat.postMessage", 429, """{"ok":false,"error":"ratelimited"}""", retryAfter: 1);
        var api = await ClientAsync();

        var watch = Stopwatch.StartNew();
        var posted = await api.Chat.PostMessageAsync("C1", "hello");
        watch.Stop();

        Assert.Equal(2, _slack.CallsTo("chat.postMessage").Count);
        Assert.True(watch.ElapsedMilliseconds >= 1000, $"retried after {watch.ElapsedMilliseconds} ms");
        Assert.Equal("C1", posted.Channel);
    }

    [Fact]
    public async Task RateLimited_BeyondTheRetryBudget_FailsWithRatelimited()
    {
        _slack.Enqueue("users.info", 429, """{"ok":false,"error":"ratelimited"}""", retryAfter: 3600);
        var api = await ClientAsync();

        var e = await Assert.ThrowsAsync<SlackApiException>(() => api.Users.InfoAsync("U1"));

        Assert.Equal(("ratelimited", TimeSpan.FromHours(1)), (e.Error, e.RetryAfter));
        Assert.Single(_slack.CallsTo("users.info"));
    }

    [Fact]
    public async Task OkFalse_BecomesSlackApiException_WithSlacksErrorCode()
    {
        _slack.FailNext("chat.update", "message_not_found");
        var api = await ClientAsync();

        var e = await Assert.ThrowsAsync<SlackApiException>(() => api.Chat.UpdateAsync("C1", "1.1", "x"));

        Assert.Equal("message_not_found", e.Error);
        Assert.Equal("chat.update", e.Method);
    }

    [Fact]
    public async Task UsersInfo_ReadsTheEmail_AndLookupByEmail_MapsNotFoundToNull()
    {
        var api = await ClientAsync();

        var user = await api.Users.InfoAsync("U7");
        var nobody = await api.Users.LookupByEmailAsync("nobody@example.com");

        Assert.Equal("ana@example.com", user.Email);
        Assert.Equal("U7", _slack.CallsTo("users.info").Single().Json()["user"]!.ToString());
        Assert.StartsWith("application/x-www-form-urlencoded", _slack.CallsTo("users.info").Single().ContentType, StringComparison.Ordinal);
        Assert.Null(nobody);
    }

    [Fact]
    public async Task FileUpload_GetsAnUrl_PostsTheBytes_AndCompletesIntoTheChannel()
    {
        var api = await ClientAsync();

        var fileId = await api.Files.UploadAsync("C1", "chart.png", new byte[] { 1, 2, 3 }, "Revenue trend");

        Assert.Equal("F0001", fileId);
        Assert.Equal(["files.getUploadURLExternal", "upload:F0001", "files.completeUploadExternal"], _slack.Calls.Select(c => c.Method));
        Assert.Equal("3", _slack.CallsTo("files.getUploadURLExternal")[0].Json()["length"]!.ToString());
        var complete = _slack.CallsTo("files.completeUploadExternal")[0].Json();
        Assert.Equal("C1", complete["channel_id"]!.ToString());
        Assert.Contains("Revenue trend", complete["files"]!.ToString());
    }

    [Theory]
    [InlineData("https://files.evil.example/upload/F1")]
    [InlineData("http://files.slack.com/upload/F1")]
    [InlineData("https://user:pw@127.0.0.1/upload/F1")]
    public async Task FileUpload_ToAnUrlOffTheAllowList_SendsNoBytes(string uploadUrl)
    {
        _slack.Enqueue("files.getUploadURLExternal", 200, $$"""{"ok":true,"upload_url":"{{uploadUrl}}","file_id":"F9"}""");
        var api = await ClientAsync();

        var refused = await Assert.ThrowsAsync<SlackApiException>(() => api.Files.UploadAsync("C1", "chart.png", new byte[] { 1, 2, 3 }, "Revenue trend"));

        Assert.Equal("upload_url_not_allowed", refused.Error);
        Assert.Equal(["files.getUploadURLExternal"], _slack.Calls.Select(c => c.Method));
    }

    [Fact]
    public async Task EachWorkspace_UsesItsOwnToken_StoredEncrypted()
    {
        var installations = _host.Services.GetRequiredService<SlackInstallations>();
        await installations.SaveAsync("T2", "Other", null, "xoxb-team-two", "U2BOT", "A1", "chat:write", CancellationToken.None);

        await (await ClientAsync("T1")).Chat.PostMessageAsync("C1", "one");
        await (await ClientAsync("T2")).Chat.PostMessageAsync("C2", "two");

        Assert.Equal(["xoxb-single-workspace", "xoxb-team-two"], _slack.CallsTo("chat.postMessage").Select(c => c.Token));
        var stored = Assert.Single(_host.Installations.All);
        Assert.DoesNotContain("xoxb-team-two", stored.ProtectedBotToken);
        Assert.Null(await _host.Services.GetRequiredService<ISlackApiClientFactory>().ForTeamAsync("T3", CancellationToken.None));
    }

    [Fact]
    public async Task PostMessage_IsPacedPerChannel_AboutOnePerSecond()
    {
        using var limiter = new SlackRateLimiter();

        for (var i = 0; i < 3; i++)
        {
            Assert.True(await limiter.WaitAsync("T1", "chat.postMessage", SlackTier.PostMessage, "C1", CancellationToken.None).AsTask().WaitAsync(TimeSpan.Zero));
        }

        var watch = Stopwatch.StartNew();
        var fourth = limiter.WaitAsync("T1", "chat.postMessage", SlackTier.PostMessage, "C1", CancellationToken.None).AsTask();
        var otherChannel = limiter.WaitAsync("T1", "chat.postMessage", SlackTier.PostMessage, "C2", CancellationToken.None).AsTask();
        Assert.False(fourth.IsCompleted);
        Assert.True(otherChannel.IsCompleted);

        Assert.True(await fourth.WaitAsync(TimeSpan.FromSeconds(3)));
        Assert.InRange(watch.ElapsedMilliseconds, 500, 2_500);
    }

    [Fact]
    public async Task ACallThatWouldQueueTooLong_IsRefusedAtOnce_InsteadOfPilingUp()
    {
        using var limiter = new SlackRateLimiter();
        var allowed = 0;
        var waiting = new List<Task<bool>>();
        for (var i = 0; i < 30; i++)
        {
            var call = limiter.WaitAsync("T1", "views.open", SlackTier.Tier4, null, CancellationToken.None, TimeSpan.FromSeconds(1)).AsTask();
            if (call.IsCompleted && !await call)
            {
                continue;
            }

            allowed++;
            waiting.Add(call);
        }

        // 10 at once (burst) + 1 more within the one-second wait at 100/min; the rest refused without waiting.
        Assert.Equal(11, allowed);
        Assert.All(await Task.WhenAll(waiting), Assert.True);
    }
}
