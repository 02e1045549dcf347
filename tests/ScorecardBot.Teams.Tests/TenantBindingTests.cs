using System.Net;
using System.Text.Json.Nodes;
using ScorecardBot.Teams.Tests.Fakes;

namespace ScorecardBot.Teams.Tests;

/// <summary>
/// A single-tenant bot trusts Entra ID tokens of its own tenant only as the Bot Framework SDK does:
/// asked for by the bot itself (appid / azp), of the configured tenant (tid), and for an activity of
/// that tenant. Whatever the token, an activity of another tenant, or one whose two tenant fields
/// disagree, acts nowhere.
/// </summary>
public sealed class TenantBindingTests : IAsyncLifetime
{
    private const string Tenant = TeamsTestHost.TenantId;
    private const string OtherTenant = "11111111-1111-1111-1111-111111111111";
    private const string OtherApp = "99999999-8888-7777-6666-555555555555";

    private readonly System.Security.Cryptography.RSA _entraKey = System.Security.Cryptography.RSA.Create(2048);
    private FakeBotFramework _fake = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeBotFramework.StartAsync();
        // Entra ID publishes its keys without Bot Framework endorsements.
        _fake.PublishedKeys["entra-key"] = (_entraKey, null);
    }

    public async Task DisposeAsync()
    {
        await _fake.DisposeAsync();
        _entraKey.Dispose();
    }

    private Task<TeamsTestHost> SingleTenantHostAsync() => TeamsTestHost.StartAsync(_fake, configure: s =>
    {
        s["Teams:AppType"] = "SingleTenant";
        s["Teams:TenantId"] = Tenant;
        s["Teams:EntraOpenIdMetadataUrl"] = _fake.MetadataUrl;
    });

    private string EntraToken(string version = "2.0", string? appId = FakeBotFramework.AppId, string? tid = Tenant, string issuerTenant = Tenant)
    {
        var claims = new Dictionary<string, object> { ["ver"] = version };
        if (appId is not null)
        {
            claims[version == "2.0" ? "azp" : "appid"] = appId;
        }

        if (tid is not null)
        {
            claims["tid"] = tid;
        }

        var issuer = version == "2.0" ? $"https://login.microsoftonline.com/{issuerTenant}/v2.0" : $"https://sts.windows.net/{issuerTenant}/";
        return _fake.IssueToken(issuer: issuer, signWith: _entraKey, kid: "entra-key", extraClaims: claims);
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("2.0")]
    public async Task Entra_token_the_bot_asked_for_in_its_tenant_is_accepted(string version)
    {
        await using var host = await SingleTenantHostAsync();

        var response = await host.PostAsync(TestActivities.Message(_fake.ServiceUrl, "help"), EntraToken(version));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var turn = Assert.Single(host.Turns.Turns);
        Assert.Equal(TeamsTestHost.OrganizationId, turn.OrganizationId);
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("2.0")]
    public async Task Entra_token_another_app_of_the_tenant_asked_for_is_refused(string version)
    {
        await using var host = await SingleTenantHostAsync();

        var response = await host.PostAsync(TestActivities.Message(_fake.ServiceUrl, "help"), EntraToken(version, appId: OtherApp));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(host.Turns.Turns);
        Assert.Contains(host.Log.Lines, l => l.Contains("not requested by this bot", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Entra_token_that_names_no_requesting_app_is_refused()
    {
        await using var host = await SingleTenantHostAsync();

        var response = await host.PostAsync(TestActivities.Message(_fake.ServiceUrl, "help"), EntraToken(appId: null));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(host.Turns.Turns);
    }

    [Fact]
    public async Task Entra_token_of_an_unknown_version_is_refused()
    {
        await using var host = await SingleTenantHostAsync();

        var response = await host.PostAsync(TestActivities.Message(_fake.ServiceUrl, "help"), EntraToken(version: "3.0"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(host.Turns.Turns);
    }

    [Fact]
    public async Task Entra_token_whose_tid_is_not_the_bots_tenant_is_refused()
    {
        await using var host = await SingleTenantHostAsync();

        var response = await host.PostAsync(TestActivities.Message(_fake.ServiceUrl, "help"), EntraToken(tid: OtherTenant));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(host.Turns.Turns);
    }

    [Fact]
    public async Task Entra_token_cannot_act_for_an_activity_of_another_tenant()
    {
        await using var host = await SingleTenantHostAsync();
        var activity = TestActivities.Message(_fake.ServiceUrl, "help", tenantId: OtherTenant);

        var response = await host.PostAsync(activity, EntraToken());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(host.Turns.Turns);
    }

    [Fact]
    public async Task Entra_token_is_for_the_teams_channel_only()
    {
        await using var host = await SingleTenantHostAsync();
        var activity = TestActivities.Message(_fake.ServiceUrl, "help");
        activity["channelId"] = "slack";

        var response = await host.PostAsync(activity, EntraToken());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(host.Turns.Turns);
    }

    [Fact]
    public async Task Single_tenant_bot_refuses_a_channel_token_for_an_activity_of_another_tenant()
    {
        await using var host = await SingleTenantHostAsync();
        var activity = TestActivities.Message(_fake.ServiceUrl, "help", tenantId: OtherTenant);

        var response = await host.PostAsync(activity, _fake.IssueToken(serviceUrl: _fake.ServiceUrl));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(host.Turns.Turns);
        await Task.Delay(100);
        Assert.Empty(_fake.Calls);
    }

    [Fact]
    public async Task Single_tenant_bot_refuses_an_activity_that_names_no_tenant()
    {
        await using var host = await SingleTenantHostAsync();
        var activity = TestActivities.Message(_fake.ServiceUrl, "help", tenantId: null);
        activity.Remove("channelData");
        ((JsonObject)activity["conversation"]!).Remove("tenantId");

        var response = await host.PostAsync(activity, _fake.IssueToken(serviceUrl: _fake.ServiceUrl));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Teams:TenantId", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(host.Turns.Turns);
        await Task.Delay(100);
        Assert.Empty(_fake.Calls);
    }

    [Fact]
    public async Task Activity_whose_channel_data_tenant_differs_from_the_conversation_tenant_is_refused()
    {
        await using var host = await TeamsTestHost.StartAsync(_fake);
        var activity = TestActivities.Message(_fake.ServiceUrl, "help", tenantId: OtherTenant);
        activity["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = Tenant } };

        var response = await host.PostAsync(activity, _fake.IssueToken(serviceUrl: _fake.ServiceUrl));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("tenant", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(host.Turns.Turns);
    }

    [Fact]
    public async Task Tenant_ids_are_compared_without_regard_to_case()
    {
        await using var host = await TeamsTestHost.StartAsync(_fake);
        var activity = TestActivities.Message(_fake.ServiceUrl, "help");
        activity["conversation"]!["tenantId"] = Tenant.ToUpperInvariant();

        var response = await host.PostAsync(activity, _fake.IssueToken(serviceUrl: _fake.ServiceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(host.Turns.Turns);
    }
}
