using System.Net;
using System.Net.Sockets;

namespace ScorecardBot.Api.Webhooks;

/// <summary>
/// Lets tests deliver webhooks to a fake receiver on loopback over http. Nothing in the product
/// registers it and no setting can: it is internal, so only the test assemblies can, and the host
/// refuses to start in Production when it is registered.
/// </summary>
internal sealed class LoopbackWebhooksForTests;

/// <summary>
/// The guard against a webhook being used to reach inside the network the bot runs in (SSRF): the
/// URL must be https, and every address its host resolves to must be public. Checked when the
/// webhook is registered and again when each delivery connects (so a DNS answer that changed
/// since, rebinding the name to a private address, is refused too).
/// </summary>
internal sealed class WebhookAddresses(IServiceProvider services)
{
    private readonly bool _loopbackForTests = services.GetService<LoopbackWebhooksForTests>() is not null;

    /// <summary>Why the URL may not receive webhooks, or null when it may.</summary>
    public async Task<string?> ProblemAsync(string? url, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return $"\"{url}\" is not an absolute URL: give one like https://example.com/hooks/scorecard.";
        }

        if (uri.Scheme != Uri.UriSchemeHttps && !(_loopbackForTests && uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
        {
            return "A webhook URL must be https, so the events and their signature travel encrypted.";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "A webhook URL must not carry a user name or password; the signature header authenticates each delivery.";
        }

        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(uri.DnsSafeHost, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(uri.DnsSafeHost, cancellationToken);
        }
        catch (SocketException)
        {
            return $"{uri.Host} cannot be resolved: give a host name that exists.";
        }

        var blocked = addresses.FirstOrDefault(a => !Allowed(a));
        return addresses.Length == 0 ? $"{uri.Host} resolves to no address."
            : blocked is not null ? $"{uri.Host} resolves to {blocked}, a private, loopback or link-local address: webhooks go only to public addresses."
            : null;
    }

    /// <summary>Connects a delivery only to an address that passes the check at this moment.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var address = addresses.FirstOrDefault(Allowed)
            ?? throw new WebhookAddressRefusedException($"{host} resolves to no public address ({string.Join(", ", addresses.Select(a => a.ToString()))}).");
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private bool Allowed(IPAddress address) => IsPublic(address) || (_loopbackForTests && IPAddress.IsLoopback(address));

    /// <summary>False for loopback, private (RFC 1918, unique local), link-local, carrier-grade NAT, multicast, unspecified and documentation-free special ranges.</summary>
    internal static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var first = address.GetAddressBytes()[0];
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (first & 0xFE) == 0xFC);
        }

        var b = address.GetAddressBytes();
        return b[0] switch
        {
            0 or 10 or 127 => false,
            100 when b[1] is >= 64 and <= 127 => false, // carrier-grade NAT
            169 when b[1] == 254 => false,              // link-local, cloud metadata endpoints
            172 when b[1] is >= 16 and <= 31 => false,
            192 when b[1] == 168 => false,
            192 when b[1] == 0 && b[2] == 0 => false,
            198 when b[1] is 18 or 19 => false,         // benchmarking
            >= 224 => false,                            // multicast and reserved
            _ => true,
        };
    }
}

internal sealed class WebhookAddressRefusedException(string message) : Exception(message);
