using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using ScorecardBot.Teams.Tests.Fakes;

namespace ScorecardBot.Teams.Tests;

public sealed class LocalModeAndOptionsTests : IAsyncLifetime
{
    private FakeBotFramework _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeBotFramework.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task Without_an_app_id_a_loopback_caller_needs_no_token_and_replies_go_out_without_one()
    {
        await using var host = await TeamsTestHost.StartAsync(_fake, authenticated: false);

        var response = await host.PostAsync(TestActivities.Message(_fake.ServiceUrl, "help"), token: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(host.Turns.Turns);
        var call = Assert.Single(await _fake.WaitForCallsAsync(1));
        Assert.Equal("", call.Authorization);
        Assert.Equal(0, _fake.TokenRequests);
        Assert.Contains(host.Log.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("local development mode", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_an_app_id_a_caller_from_another_machine_is_refused()
    {
        await using var host = await TeamsTestHost.StartAsync(_fake, authenticated: false, inMemoryServer: true);

        var context = await host.TestServer.SendAsync(c =>
        {
            c.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.7");
            c.Request.Method = "POST";
            c.Request.Path = "/api/messages";
            c.Request.ContentType = "application/json";
            c.Request.Body = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(TestActivities.Message(_fake.ServiceUrl, "help").ToJsonString()));
        });

        Assert.Equal(StatusCodes.Status401Unauthorized, context.Response.StatusCode);
        Assert.Empty(host.Turns.Turns);
    }

    private static Task<HttpContext> PostFromLoopbackAsync(TeamsTestHost host, JsonNode activity, Action<HttpRequest>? adjust = null) =>
        host.TestServer.SendAsync(c =>
        {
            c.Connection.RemoteIpAddress = IPAddress.Loopback;
            c.Request.Method = "POST";
            c.Request.Path = "/api/messages";
            c.Request.Host = new HostString("127.0.0.1", 3978);
            c.Request.ContentType = "application/json";
            c.Request.Body = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(activity.ToJsonString()));
            adjust?.Invoke(c.Request);
        });

    [Fact]
    public async Task Without_an_app_id_a_loopback_socket_is_enough_only_without_a_proxy_and_with_a_loopback_host()
    {
        await using var host = await TeamsTestHost.StartAsync(_fake, authenticated: false, inMemoryServer: true);
        var activity = TestActivities.Message(_fake.ServiceUrl, "help");

        var direct = await PostFromLoopbackAsync(host, activity);
        var proxied = await PostFromLoopbackAsync(host, activity, r => r.Headers["X-Forwarded-For"] = "198.51.100.23");
        var forwarded = await PostFromLoopbackAsync(host, activity, r => r.Headers["Forwarded"] = "for=198.51.100.23");
        var rebound = await PostFromLoopbackAsync(host, activity, r => r.Host = new HostString("attacker.example.com"));

        Assert.Equal(StatusCodes.Status200OK, direct.Response.StatusCode);
        Assert.Equal(StatusCodes.Status401Unauthorized, proxied.Response.StatusCode);
        Assert.Equal(StatusCodes.Status401Unauthorized, forwarded.Response.StatusCode);
        Assert.Equal(StatusCodes.Status401Unauthorized, rebound.Response.StatusCode);
        Assert.Single(host.Turns.Turns);
    }

    [Fact]
    public async Task Without_an_app_id_outside_development_every_activity_is_refused_unless_local_mode_is_allowed()
    {
        var activity = TestActivities.Message(_fake.ServiceUrl, "help");
        await using (var production = await TeamsTestHost.StartAsync(_fake, authenticated: false, inMemoryServer: true, environment: "Production"))
        {
            var refused = await PostFromLoopbackAsync(production, activity);

            Assert.Equal(StatusCodes.Status401Unauthorized, refused.Response.StatusCode);
            Assert.Empty(production.Turns.Turns);
            Assert.Contains(production.Log.Lines, l => l.Contains("Teams:AllowLocalMode", StringComparison.Ordinal));
        }

        await using var allowed = await TeamsTestHost.StartAsync(
            _fake, authenticated: false, inMemoryServer: true, environment: "Production", configure: s => s["Teams:AllowLocalMode"] = "true");
        var accepted = await PostFromLoopbackAsync(allowed, activity);

        Assert.Equal(StatusCodes.Status200OK, accepted.Response.StatusCode);
        Assert.Single(allowed.Turns.Turns);
    }

    [Theory]
    [InlineData("Teams:AppType", "SingleTenant", "Teams:TenantId")]
    [InlineData("Teams:AppPassword", "", "Teams:AppPassword")]
    [InlineData("Teams:AllowedServiceUrls:1", "ftp://files.example.com", "Teams:AllowedServiceUrls")]
    [InlineData("Teams:OpenIdMetadataUrl", "http://login.example.com/keys", "Teams:OpenIdMetadataUrl")]
    [InlineData("Teams:ReplyBacklog", "0", "Teams:ReplyBacklog")]
    public async Task Invalid_settings_stop_the_host_at_start_with_a_message_naming_the_setting(string key, string value, string named)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            TeamsTestHost.StartAsync(_fake, configure: s => s[key] = value));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Single_tenant_bot_accepts_tokens_its_tenant_issues()
    {
        const string tenant = TeamsTestHost.TenantId;
        await using var host = await TeamsTestHost.StartAsync(_fake, configure: s =>
        {
            s["Teams:AppType"] = "SingleTenant";
            s["Teams:TenantId"] = tenant;
            s["Teams:EntraOpenIdMetadataUrl"] = _fake.MetadataUrl;
        });
        var token = _fake.IssueToken(
            issuer: $"https://login.microsoftonline.com/{tenant}/v2.0",
            serviceUrl: _fake.ServiceUrl,
            extraClaims: new Dictionary<string, object> { ["ver"] = "2.0", ["azp"] = FakeBotFramework.AppId, ["tid"] = tenant });

        var response = await host.PostAsync(TestActivities.Message(_fake.ServiceUrl, "help"), token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var call = Assert.Single(await _fake.WaitForCallsAsync(1));
        Assert.Equal($"Bearer bot-token-for-{tenant}", call.Authorization);
    }

    [Fact]
    public async Task Single_tenant_bot_refuses_tokens_of_another_tenant()
    {
        await using var host = await TeamsTestHost.StartAsync(_fake, configure: s =>
        {
            s["Teams:AppType"] = "SingleTenant";
            s["Teams:TenantId"] = "0d9e8f7a-6b5c-4d3e-2f1a-0b9c8d7e6f5a";
            s["Teams:EntraOpenIdMetadataUrl"] = _fake.MetadataUrl;
        });
        var token = _fake.IssueToken(issuer: "https://login.microsoftonline.com/11111111-1111-1111-1111-111111111111/v2.0", serviceUrl: _fake.ServiceUrl);

        var response = await host.PostAsync(TestActivities.Message(_fake.ServiceUrl, "help"), token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
