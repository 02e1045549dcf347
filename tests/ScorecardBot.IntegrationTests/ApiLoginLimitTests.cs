using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using ScorecardBot.Api;

namespace ScorecardBot.IntegrationTests;

/// <summary>
/// Failed API logins are limited per client address before authentication. The bot listens on
/// 127.0.0.1; the calls here come from other loopback addresses (127.0.0.0/8 is all this machine),
/// so each address is a client of its own and the class's other tests keep theirs.
/// </summary>
public abstract partial class EndToEndTests
{
    [Fact]
    public async Task A_burst_of_bad_keys_from_one_address_gets_429_before_any_key_is_read_and_other_addresses_are_not_held_back()
    {
        var (_, good) = await CreateKeyAsync("Address check", "read");
        var limit = new ApiOptions().FailedLoginsPerMinute;
        var attacker = IPAddress.Parse("127.0.0.3");
        using var guessing = From(attacker, "sbk_aaaaaaaaaaaa_" + new string('A', 43));

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < limit + 3; i++)
        {
            last = await guessing.GetAsync("api/v1/scorecards");
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, limit), .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, 3)], statuses);
        Assert.Equal("application/problem+json", last!.Content.Headers.ContentType?.MediaType);
        Assert.True(int.Parse(last.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 60);
        var problem = await Problem(last);
        Assert.Equal(("Too many failed logins", 429), (problem["title"]!.GetValue<string>(), problem["status"]!.GetValue<int>()));
        Assert.Contains("were refused", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        // Refused before authentication: from that address even a good key is not looked at now.
        using var sameAddress = From(attacker, good);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await sameAddress.GetAsync("api/v1/scorecards")).StatusCode);

        // Another address with the good key is not held back, nor is the usual client.
        using var elsewhere = From(IPAddress.Parse("127.0.0.4"), good);
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.GetAsync("api/v1/scorecards")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api(good).GetAsync("api/v1/scorecards")).StatusCode);

        // Only API calls are limited: the address still reaches the health check.
        Assert.Equal(HttpStatusCode.OK, (await sameAddress.GetAsync("healthz")).StatusCode);
    }

    /// <summary>A client whose connections come from <paramref name="source"/>, carrying <paramref name="key"/>.</summary>
    private HttpClient From(IPAddress source, string key)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var client = new HttpClient(handler) { BaseAddress = Client.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }
}
