using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ScorecardBot.Api.Webhooks;

namespace ScorecardBot.Tests.Api;

/// <summary>The webhook guard: only public addresses over https, whatever the URL looks like.</summary>
public class WebhookAddressesTests
{
    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("172.16.5.4")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.20")]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:127.0.0.1")]
    public void Private_loopback_and_link_local_addresses_are_not_public(string address) =>
        Assert.False(WebhookAddresses.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("203.0.113.10")]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("2001:4860:4860::8888")]
    public void Public_addresses_are_public(string address) =>
        Assert.True(WebhookAddresses.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("http://203.0.113.10/hook", "must be https")]
    [InlineData("http://127.0.0.1:8080/hook", "must be https")]
    [InlineData("https://127.0.0.1/hook", "loopback")]
    [InlineData("https://[::ffff:192.168.0.1]/hook", "private")]
    [InlineData("https://0x7f000001/hook", "loopback")]
    public async Task Without_the_test_allowance_loopback_and_http_are_refused(string url, string says)
    {
        var guard = new WebhookAddresses(new ServiceCollection().BuildServiceProvider());
        Assert.Contains(says, await guard.ProblemAsync(url, CancellationToken.None), StringComparison.Ordinal);
        Assert.Null(await guard.ProblemAsync("https://203.0.113.10/hook", CancellationToken.None));
    }
}
