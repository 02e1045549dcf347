using Microsoft.Extensions.Options;
using ScorecardBot.Teams.Connector;

namespace ScorecardBot.Teams.Tests;

public sealed class ServiceUrlPolicyTests
{
    private static ServiceUrlPolicy Policy(params string[] extra) =>
        new(Options.Create(new TeamsOptions { AppId = "6f8d1c2e-0b5a-4d7e-9c3f-2a1b0c9d8e7f", AllowedServiceUrls = [.. extra] }));

    private static ServiceUrlPolicy LocalModePolicy() => new(Options.Create(new TeamsOptions()));

    [Theory]
    [InlineData("https://smba.trafficmanager.net/amer/")]
    [InlineData("https://smba.trafficmanager.net/teams/")]
    [InlineData("https://europe.webchat.botframework.com/")]
    [InlineData("https://smba.infra.gcc.teams.microsoft.com/")]
    public void Microsoft_connector_hosts_are_allowed(string url) => Assert.True(Policy().IsAllowed(url));

    [Theory]
    [InlineData("http://smba.trafficmanager.net/amer/")]
    [InlineData("https://smba.trafficmanager.net.evil.com/")]
    [InlineData("https://evilbotframework.com/")]
    [InlineData("https://botframework.com.evil.com/")]
    [InlineData("https://user:pass@smba.trafficmanager.net/amer/")]
    [InlineData("http://127.0.0.1:3979/")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("file:///etc/passwd")]
    [InlineData("not a url")]
    [InlineData(null)]
    public void Anything_else_is_refused(string? url) => Assert.False(Policy().IsAllowed(url));

    [Theory]
    [InlineData("http://127.0.0.1:56150/_connector")]
    [InlineData("http://localhost:3979/")]
    [InlineData("http://[::1]:8080/")]
    public void Local_mode_also_allows_a_connector_on_loopback(string url) => Assert.True(LocalModePolicy().IsAllowed(url));

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://10.0.0.5:3979/")]
    [InlineData("http://127.0.0.1.evil.example:3979/")]
    public void Local_mode_refuses_every_other_host(string url) => Assert.False(LocalModePolicy().IsAllowed(url));

    [Fact]
    public void Configured_loopback_pattern_allows_any_port_on_that_host_only()
    {
        var policy = Policy("http://127.0.0.1:*");

        Assert.True(policy.IsAllowed("http://127.0.0.1:3979/"));
        Assert.True(policy.IsAllowed("http://127.0.0.1:56150/_connector"));
        Assert.False(policy.IsAllowed("http://127.0.0.2:3979/"));
        Assert.False(policy.IsAllowed("https://127.0.0.1:3979/"));
    }

    [Fact]
    public void Configured_path_prefix_must_match()
    {
        var policy = Policy("https://connector.contoso.com/bots/");

        Assert.True(policy.IsAllowed("https://connector.contoso.com/bots/emea/"));
        Assert.False(policy.IsAllowed("https://connector.contoso.com/other/"));
    }

    [Theory]
    [InlineData("ftp://example.com")]
    [InlineData("https://*")]
    [InlineData("https://ex*ample.com")]
    [InlineData("https://example.com:99999")]
    [InlineData("example.com")]
    public void Malformed_patterns_are_rejected(string pattern) => Assert.False(ServiceUrlPolicy.TryParsePattern(pattern, out _));
}
