using System.Net;
using ScorecardBot.Core.Hosting;

namespace ScorecardBot.Core.Tests.Hosting;

public class ThisMachineTests
{
    private static bool None(string header) => false;

    [Theory]
    [InlineData("127.0.0.1", "localhost")]
    [InlineData("127.0.0.1", "127.0.0.1")]
    [InlineData("::1", "[::1]")]
    [InlineData("::1", "LOCALHOST")]
    public void A_loopback_peer_asking_for_a_loopback_host_is_this_machine(string peer, string host) =>
        Assert.True(ThisMachine.IsCaller(IPAddress.Parse(peer), host, None));

    [Theory]
    [InlineData("X-Forwarded-For")]
    [InlineData("X-Forwarded-Host")]
    [InlineData("Forwarded")]
    public void A_request_a_proxy_forwarded_is_not_this_machine(string header) =>
        Assert.False(ThisMachine.IsCaller(IPAddress.Loopback, "localhost", h => string.Equals(h, header, StringComparison.OrdinalIgnoreCase)));

    [Theory]
    [InlineData("10.0.0.7", "localhost")]
    [InlineData("127.0.0.1", "scorecard.example.com")]
    [InlineData("127.0.0.1", "10.0.0.7")]
    public void Another_peer_or_a_host_name_of_another_site_is_not_this_machine(string peer, string host) =>
        Assert.False(ThisMachine.IsCaller(IPAddress.Parse(peer), host, None));

    [Fact]
    public void An_unknown_peer_is_not_this_machine() => Assert.False(ThisMachine.IsCaller(null, "localhost", None));
}
