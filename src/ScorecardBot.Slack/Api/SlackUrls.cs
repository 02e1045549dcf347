using System.Net;

namespace ScorecardBot.Slack.Api;

/// <summary>
/// The check for every URL that Slack hands us and we then call (a <c>response_url</c>, the upload
/// URL of files.getUploadURLExternal): https on the default port of a listed host, or — for tests
/// only — plain http on a loopback address that is listed too. No user info, nothing else.
/// </summary>
internal static class SlackUrls
{
    public static bool IsAllowed(string? url, IEnumerable<string> hosts, bool allowLoopbackHttp) =>
        !string.IsNullOrEmpty(url) && Uri.TryCreate(url, UriKind.Absolute, out var uri) && IsAllowed(uri, hosts, allowLoopbackHttp);

    public static bool IsAllowed(Uri uri, IEnumerable<string> hosts, bool allowLoopbackHttp)
    {
        if (!uri.IsAbsoluteUri || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return false;
        }

        var hostAllowed = hosts.Any(h => string.Equals(h, uri.Host, StringComparison.OrdinalIgnoreCase));
        if (uri.Scheme == Uri.UriSchemeHttps)
        {
            return hostAllowed && uri.IsDefaultPort;
        }

        return uri.Scheme == Uri.UriSchemeHttp && allowLoopbackHttp && hostAllowed
            && IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);
    }
}
