using System.Net;
using System.Security.Cryptography;
using ScorecardBot.Teams.Tests.Fakes;

namespace ScorecardBot.Teams.Tests;

public sealed class InboundAuthenticationTests : IAsyncLifetime
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

    private Task<HttpResponseMessage> PostHelp(string? token) =>
        _host.PostAsync(TestActivities.Message(_fake.ServiceUrl, "help"), token);

    private async Task AssertRefused(HttpResponseMessage response, int turnsBefore = 0)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(turnsBefore, _host.Turns.Turns.Count);
        await Task.Delay(100);
        Assert.Equal(turnsBefore, _fake.Calls.Count);
    }

    [Fact]
    public async Task Valid_token_is_accepted_and_the_turn_reaches_the_engine()
    {
        var response = await PostHelp(_fake.IssueToken(serviceUrl: _fake.ServiceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(_host.Turns.Turns);
    }

    [Fact]
    public async Task Request_without_authorization_header_is_refused() =>
        await AssertRefused(await PostHelp(null));

    [Fact]
    public async Task Token_signed_by_another_key_with_a_published_kid_is_refused()
    {
        using var other = RSA.Create(2048);
        await AssertRefused(await PostHelp(_fake.IssueToken(serviceUrl: _fake.ServiceUrl, signWith: other)));
    }

    [Fact]
    public async Task Token_for_another_bot_is_refused() =>
        await AssertRefused(await PostHelp(_fake.IssueToken(audience: "11111111-2222-3333-4444-555555555555", serviceUrl: _fake.ServiceUrl)));

    [Fact]
    public async Task Token_from_an_untrusted_issuer_is_refused() =>
        await AssertRefused(await PostHelp(_fake.IssueToken(issuer: "https://evil.example.com", serviceUrl: _fake.ServiceUrl)));

    [Fact]
    public async Task Token_expired_beyond_the_five_minute_skew_is_refused() =>
        await AssertRefused(await PostHelp(_fake.IssueToken(
            serviceUrl: _fake.ServiceUrl, notBefore: DateTime.UtcNow.AddHours(-2), expires: DateTime.UtcNow.AddMinutes(-6))));

    [Fact]
    public async Task Token_expired_within_the_skew_is_still_accepted()
    {
        var response = await PostHelp(_fake.IssueToken(
            serviceUrl: _fake.ServiceUrl, notBefore: DateTime.UtcNow.AddHours(-1), expires: DateTime.UtcNow.AddMinutes(-2)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Token_signed_with_an_unpublished_key_is_refused_after_refetching_the_keys()
    {
        await PostHelp(_fake.IssueToken(serviceUrl: _fake.ServiceUrl));
        var fetchesBefore = _fake.JwksFetches;
        using var unknown = RSA.Create(2048);

        await AssertRefused(await PostHelp(_fake.IssueToken(serviceUrl: _fake.ServiceUrl, signWith: unknown, kid: "not-published")), turnsBefore: 1);
        Assert.True(_fake.JwksFetches > fetchesBefore, "an unknown kid should trigger a fresh key fetch");
    }

    [Fact]
    public async Task Rotated_key_is_picked_up_without_a_restart()
    {
        await PostHelp(_fake.IssueToken(serviceUrl: _fake.ServiceUrl));
        using var rotated = RSA.Create(2048);
        _fake.PublishedKeys["rotated-key"] = (rotated, ["msteams"]);

        var response = await PostHelp(_fake.IssueToken(serviceUrl: _fake.ServiceUrl, signWith: rotated, kid: "rotated-key"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Token_whose_serviceurl_claim_differs_from_the_activity_is_refused() =>
        await AssertRefused(await PostHelp(_fake.IssueToken(serviceUrl: "https://smba.trafficmanager.net/emea/")));

    [Fact]
    public async Task Token_without_serviceurl_claim_is_refused() =>
        await AssertRefused(await PostHelp(_fake.IssueToken(serviceUrl: null)));

    [Fact]
    public async Task Serviceurl_claim_is_compared_without_regard_to_case()
    {
        var response = await PostHelp(_fake.IssueToken(serviceUrl: _fake.ServiceUrl.ToUpperInvariant().Replace("HTTP://", "http://", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Key_not_endorsed_for_the_activity_channel_is_refused()
    {
        var activity = TestActivities.Message(_fake.ServiceUrl, "help");
        activity["channelId"] = "slack";
        await AssertRefused(await _host.PostAsync(activity, _fake.IssueToken(serviceUrl: _fake.ServiceUrl)));
    }

    [Fact]
    public async Task Basic_scheme_is_refused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(TestActivities.Message(_fake.ServiceUrl, "help").ToJsonString()),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", "dXNlcjpwYXNz");
        await AssertRefused(await _host.Client.SendAsync(request));
    }

    [Fact]
    public async Task Refusals_never_log_the_token()
    {
        var token = _fake.IssueToken(audience: "someone-else", serviceUrl: _fake.ServiceUrl);
        await PostHelp(token);

        Assert.Contains(_host.Log.Lines, l => l.Contains("audience is not this bot", StringComparison.Ordinal));
        Assert.DoesNotContain(_host.Log.Lines, l => l.Contains(token[..40], StringComparison.Ordinal));
        Assert.DoesNotContain(_host.Log.Lines, l => l.Contains(token.Split('.')[2][..20], StringComparison.Ordinal));
    }
}
