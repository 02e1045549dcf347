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
            : blocked is not null ? $"{uri.Host} resolves to {blocked}, a private, loopback or link-local address (or one of a reserved, documentation or IPv4-translation range): webhooks go only to public addresses."
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

    /// <summary>
    /// False for loopback, private (RFC 1918, unique local), link-local, carrier-grade NAT, multicast,
    /// unspecified, documentation, benchmarking and other special-purpose ranges (IANA's registries),
    /// and for IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4, Teredo) when
    /// the IPv4 inside is not public: a NAT64 or 6to4 gateway would deliver to it.
    /// </summary>
    internal static bool IsPublic(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return IsPublicV6(address);
        }

        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            return false;
        }

        var b = address.GetAddressBytes();
        return b[0] switch
        {
            0 or 10 or 127 => false,
            100 when b[1] is >= 64 and <= 127 => false,  // carrier-grade NAT
            169 when b[1] == 254 => false,               // link-local, cloud metadata endpoints
            172 when b[1] is >= 16 and <= 31 => false,
            192 when b[1] == 168 => false,
            192 when b[1] == 0 && b[2] is 0 or 2 => false, // IETF protocol assignments, TEST-NET-1
            192 when b[1] == 88 && b[2] == 99 => false,  // 6to4 relay anycast
            198 when b[1] is 18 or 19 => false,          // benchmarking
            198 when b[1] == 51 && b[2] == 100 => false, // TEST-NET-2
            203 when b[1] == 0 && b[2] == 113 => false,  // TEST-NET-3
            >= 224 => false,                             // multicast, reserved, broadcast
            _ => true,
        };
    }

    private static bool IsPublicV6(IPAddress address)
    {
        var b = address.GetAddressBytes();
        if (address.IsIPv4MappedToIPv6)
        {
            return IsPublic(address.MapToIPv4());
        }

        if (address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6Loopback)
            || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (b[0] & 0xFE) == 0xFC)
        {
            return false;
        }

        // ::a.b.c.d (IPv4-compatible, deprecated): the first 96 bits zero.
        if (b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0)
        {
            return IsPublic(new IPAddress(b.AsSpan(12, 4)));
        }

        if (b.AsSpan(0, 10).IndexOfAnyExcept((byte)0) < 0)
        {
            return false;
        }

        // ::ffff:0:a.b.c.d: 64 zero bits, ffff, 0.
        if (b.AsSpan(0, 8).IndexOfAnyExcept((byte)0) < 0 && b[8] == 0xFF && b[9] == 0xFF && b[10] == 0 && b[11] == 0)
        {
            return IsPublic(new IPAddress(b.AsSpan(12, 4)));
        }

        // NAT64, well-known prefix 64:ff9b::/96, and the local-use prefix 64:ff9b:1::/48 (RFC 8215).
        if (b[0] == 0 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B)
        {
            return b.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0 && IsPublic(new IPAddress(b.AsSpan(12, 4)));
        }

        // 6to4, 2002::/16: the IPv4 address is bits 16-47.
        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return IsPublic(new IPAddress(b.AsSpan(2, 4)));
        }

        // 2001::/23 is IETF protocol assignments: Teredo (2001::/32, which carries an obfuscated IPv4
        // client address), benchmarking (2001:2::/48), ORCHID and others; none is a webhook receiver.
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] < 0x02)
        {
            return false;
        }

        // Documentation: 2001:db8::/32 and 3fff::/20.
        if ((b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8) || (b[0] == 0x3F && b[1] == 0xFF && b[2] < 0x10))
        {
            return false;
        }

        // Discard-only 100::/64; anything outside global unicast 2000::/3 is not a public host.
        if (b[0] == 0x01 && b[1] == 0x00 && b.AsSpan(2, 6).IndexOfAnyExcept((byte)0) < 0)
        {
            return false;
        }

        return (b[0] & 0xE0) == 0x20;
    }
}

internal sealed class WebhookAddressRefusedException(string message) : Exception(message);
