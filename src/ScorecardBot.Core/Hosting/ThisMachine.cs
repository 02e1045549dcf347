using System.Net;

namespace ScorecardBot.Core.Hosting;

/// <summary>
/// Whether a request comes from a person on the machine that runs the bot: the doors that have no
/// sign-in of their own (the local chat, Teams local mode without an app id) answer only them.
/// </summary>
public static class ThisMachine
{
    private static readonly string[] ForwardingHeaders = ["X-Forwarded-For", "X-Forwarded-Host", "Forwarded"];

    /// <param name="remote">The connection's peer address.</param>
    /// <param name="host">The request's Host name, without its port.</param>
    /// <param name="hasHeader">Whether the request carries a header of that name.</param>
    public static bool IsCaller(IPAddress? remote, string host, Func<string, bool> hasHeader)
    {
        ArgumentNullException.ThrowIfNull(hasHeader);

        // An unknown peer (no IP) is not known to be local.
        if (remote is null || !IPAddress.IsLoopback(remote))
        {
            return false;
        }

        // A proxy on this machine would make every visitor look local.
        if (ForwardingHeaders.Any(hasHeader))
        {
            return false;
        }

        // A page on another site whose name resolves to 127.0.0.1 (DNS rebinding) sends its own host name.
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
    }
}
