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
    [InlineData("192.0.2.10")]         // TEST-NET-1
    [InlineData("198.51.100.7")]       // TEST-NET-2
    [InlineData("203.0.113.10")]       // TEST-NET-3
    [InlineData("192.0.0.8")]          // IETF protocol assignments
    [InlineData("192.88.99.1")]        // 6to4 relay anycast
    [InlineData("240.0.0.1")]          // reserved
    [InlineData("64:ff9b::a00:1")]     // NAT64 of 10.0.0.1
    [InlineData("64:ff9b::7f00:1")]    // NAT64 of 127.0.0.1
    [InlineData("64:ff9b::a9fe:a9fe")] // NAT64 of 169.254.169.254
    [InlineData("64:ff9b:1::a00:1")]   // local-use NAT64 prefix
    [InlineData("2002:a00:1::1")]      // 6to4 of 10.0.0.1
    [InlineData("2002:7f00:1::")]      // 6to4 of 127.0.0.1
    [InlineData("::10.0.0.1")]         // IPv4-compatible
    [InlineData("::127.0.0.1")]
    [InlineData("::ffff:0:10.0.0.1")]  // IPv4-translated
    [InlineData("::ffff:0:169.254.169.254")]
    [InlineData("2001::1")]            // Teredo
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2")]
    [InlineData("2001:db8::1")]        // documentation
    [InlineData("3fff::1")]            // documentation
    [InlineData("100::1")]             // discard-only
    public void Private_loopback_and_link_local_addresses_are_not_public(string address) =>
        Assert.False(WebhookAddresses.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("2001:4860:4860::8888")]
    [InlineData("64:ff9b::808:808")]   // NAT64 of 8.8.8.8
    [InlineData("2002:808:808::1")]    // 6to4 of 8.8.8.8
    [InlineData("::ffff:8.8.8.8")]
    public void Public_addresses_are_public(string address) =>
        Assert.True(WebhookAddresses.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("http://93.184.215.14/hook", "must be https")]
    [InlineData("https://[64:ff9b::7f00:1]/hook", "private, loopback")]
    [InlineData("https://192.0.2.10/hook", "private, loopback")]
    [InlineData("http://127.0.0.1:8080/hook", "must be https")]
    [InlineData("https://127.0.0.1/hook", "loopback")]
    [InlineData("https://[::ffff:192.168.0.1]/hook", "private")]
    [InlineData("https://0x7f000001/hook", "loopback")]
    public async Task Without_the_test_allowance_loopback_and_http_are_refused(string url, string says)
    {
        var guard = new WebhookAddresses(new ServiceCollection().BuildServiceProvider());
        Assert.Contains(says, await guard.ProblemAsync(url, CancellationToken.None), StringComparison.Ordinal);
        Assert.Null(await guard.ProblemAsync("https://93.184.215.14/hook", CancellationToken.None));
    }
}
