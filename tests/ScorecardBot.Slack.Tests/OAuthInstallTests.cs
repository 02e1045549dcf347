using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using ScorecardBot.Slack.Api;
using ScorecardBot.Slack.Tests.Infrastructure;

namespace ScorecardBot.Slack.Tests;

public sealed class OAuthInstallTests : IAsyncLifetime
{
    private FakeSlackApi _slack = null!;
    private SlackTestHost _host = null!;
    private HttpClient _browser = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync();
        _host = await SlackTestHost.StartAsync(_slack, settings: new()
        {
            ["Slack:ClientId"] = "111.222",
            ["Slack:ClientSecret"] = "client-secret",
            ["Slack:OAuthRedirectUrl"] = "https://scorecard.example.com/slack/oauth/callback",
        });
        _browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = _host.Client.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        _browser.Dispose();
        await _host.DisposeAsync();
        await _slack.DisposeAsync();
    }

    private async Task<(string State, string Cookie)> StartInstallAsync()
    {
        var response = await _browser.GetAsync("/slack/install");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        var query = QueryHelpers.ParseQuery(location.Query);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("slack_oauth_state=", StringComparison.Ordinal));
        return (query["state"]!, cookie.Split(';')[0]);
    }

    private Task<HttpResponseMessage> CallbackAsync(string query, string? cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/slack/oauth/callback?" + query);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        return _browser.SendAsync(request);
    }

    [Fact]
    public async Task Without_a_redirect_setting_the_redirect_uri_comes_from_PublicBaseUrl_not_the_Host_header()
    {
        await using var host = await SlackTestHost.StartAsync(_slack, settings: new()
        {
            ["Slack:ClientId"] = "111.222",
            ["Slack:ClientSecret"] = "client-secret",
            ["PublicBaseUrl"] = "https://scorecard.example.com/",
        });
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = host.Client.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/slack/install");
        request.Headers.Host = "attacker.example";

        var response = await browser.SendAsync(request);

        var query = QueryHelpers.ParseQuery(response.Headers.Location!.Query);
        Assert.Equal("https://scorecard.example.com/slack/oauth/callback", query["redirect_uri"]);
    }

    [Fact]
    public async Task Install_RedirectsToSlack_WithScopesRedirectAndAStateBoundToACookie()
    {
        var response = await _browser.GetAsync("/slack/install");

        var location = response.Headers.Location!;
        Assert.Equal("https://slack.com/oauth/v2/authorize", location.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.Equal("111.222", query["client_id"]);
        Assert.Equal("commands,chat:write,chat:write.public,im:write,im:history,app_mentions:read,users:read,users:read.email,files:write,files:read", query["scope"]);
        Assert.Equal("https://scorecard.example.com/slack/oauth/callback", query["redirect_uri"]);
        Assert.True(query["state"].ToString().Length > 40);
        var cookie = response.Headers.GetValues("Set-Cookie").Single();
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Callback_WithValidState_ExchangesTheCode_AndStoresTheTokenEncrypted()
    {
        var (state, cookie) = await StartInstallAsync();

        var response = await CallbackAsync($"code=good-code&state={Uri.EscapeDataString(state)}", cookie);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("installed in New Team", await response.Content.ReadAsStringAsync());
        var exchange = Assert.Single(_slack.CallsTo("oauth.v2.access")).Json();
        Assert.Equal("good-code", exchange["code"]!.ToString());
        Assert.Equal("client-secret", exchange["client_secret"]!.ToString());
        Assert.Equal("https://scorecard.example.com/slack/oauth/callback", exchange["redirect_uri"]!.ToString());

        var stored = Assert.Single(_host.Installations.All);
        Assert.Equal("T0NEW", stored.TeamId);
        Assert.Equal("U0BOT", stored.BotUserId);
        Assert.DoesNotContain("xoxb-installed-token", stored.ProtectedBotToken);

        var api = await _host.Services.GetRequiredService<ISlackApiClientFactory>().ForTeamAsync("T0NEW", CancellationToken.None);
        await api!.Chat.PostMessageAsync("C1", "hi");
        Assert.Equal("xoxb-installed-token", _slack.CallsTo("chat.postMessage").Single().Token);
    }

    [Fact]
    public async Task Callback_WithAStateUsedBefore_IsRefused_WithAPageSayingSo_AndNoCodeIsExchangedAgain()
    {
        var (state, cookie) = await StartInstallAsync();
        var first = await CallbackAsync($"code=good-code&state={Uri.EscapeDataString(state)}", cookie);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        // The same state again, even with its browser's cookie (a replayed or bookmarked callback URL).
        var replayed = await CallbackAsync($"code=other-code&state={Uri.EscapeDataString(state)}", cookie);

        Assert.Equal(HttpStatusCode.BadRequest, replayed.StatusCode);
        Assert.Contains("already used", await replayed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("good-code", Assert.Single(_slack.CallsTo("oauth.v2.access")).Json()["code"]!.ToString());
    }

    [Fact]
    public async Task Callback_WithForgedState_IsRefused_AndNoCodeIsExchanged()
    {
        var (_, cookie) = await StartInstallAsync();

        var response = await CallbackAsync("code=good-code&state=forged", cookie);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_slack.CallsTo("oauth.v2.access"));
        Assert.Empty(_host.Installations.All);
    }

    [Fact]
    public async Task Callback_WithAStateFromAnotherBrowser_IsRefused()
    {
        var (state, _) = await StartInstallAsync();
        var (_, otherCookie) = await StartInstallAsync();

        var withOtherCookie = await CallbackAsync($"code=good-code&state={Uri.EscapeDataString(state)}", otherCookie);
        var withoutCookie = await CallbackAsync($"code=good-code&state={Uri.EscapeDataString(state)}", null);

        Assert.Equal(HttpStatusCode.BadRequest, withOtherCookie.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, withoutCookie.StatusCode);
        Assert.Empty(_slack.CallsTo("oauth.v2.access"));
    }

    [Fact]
    public async Task Callback_WhenSlackRefusesTheCode_SaysSo_AndStoresNothing()
    {
        var (state, cookie) = await StartInstallAsync();

        var response = await CallbackAsync($"code=stale-code&state={Uri.EscapeDataString(state)}", cookie);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Empty(_host.Installations.All);
    }

    [Fact]
    public async Task NoClientSecret_NoInstallEndpoint()
    {
        await using var host = await SlackTestHost.StartAsync(_slack);

        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync("/slack/install")).StatusCode);
    }
}
