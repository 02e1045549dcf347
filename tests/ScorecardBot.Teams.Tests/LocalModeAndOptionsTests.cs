using System.Net;
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
        const string tenant = "0d9e8f7a-6b5c-4d3e-2f1a-0b9c8d7e6f5a";
        await using var host = await TeamsTestHost.StartAsync(_fake, configure: s =>
        {
            s["Teams:AppType"] = "SingleTenant";
            s["Teams:TenantId"] = tenant;
            s["Teams:EntraOpenIdMetadataUrl"] = _fake.MetadataUrl;
        });
        var token = _fake.IssueToken(issuer: $"https://login.microsoftonline.com/{tenant}/v2.0", serviceUrl: _fake.ServiceUrl);

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
