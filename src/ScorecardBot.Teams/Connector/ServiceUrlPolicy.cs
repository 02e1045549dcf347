using Microsoft.Extensions.Options;

namespace ScorecardBot.Teams.Connector;

/// <summary>
/// Decides which service URLs the bot may call. A service URL arrives inside a request, so it is
/// never trusted as such: only Microsoft's connector hosts and the configured extra patterns pass.
/// </summary>
internal sealed class ServiceUrlPolicy
{
    private static readonly string[] BuiltIn =
    [
        "https://smba.trafficmanager.net",
        "https://*.botframework.com",
        "https://*.teams.microsoft.com",
    ];

    /// <summary>
    /// Local mode takes activities from loopback callers only, and their connector (an emulator such
    /// as the Agents Playground) is on loopback too.
    /// </summary>
    private static readonly string[] LocalMode =
    [
        "http://127.0.0.1:*",
        "http://localhost:*",
        "http://[::1]:*",
    ];

    private readonly List<UrlPattern> _patterns;

    public ServiceUrlPolicy(IOptions<TeamsOptions> options)
    {
        _patterns = [];
        foreach (var pattern in BuiltIn.Concat(options.Value.IsLocal ? LocalMode : []).Concat(options.Value.AllowedServiceUrls))
        {
            if (TryParsePattern(pattern, out var parsed))
            {
                _patterns.Add(parsed);
            }
        }
    }

    public bool IsAllowed(string? serviceUrl) =>
        Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) && IsAllowed(uri);

    public bool IsAllowed(Uri uri)
    {
        if ((uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || uri.UserInfo.Length > 0 || !string.IsNullOrEmpty(uri.Fragment))
        {
            return false;
        }

        foreach (var pattern in _patterns)
        {
            if (pattern.Matches(uri))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Parses "scheme://host[:port|:*][/path]" where host may start with "*." (any subdomain).</summary>
    internal static bool TryParsePattern(string pattern, out UrlPattern parsed)
    {
        parsed = default;
        var schemeEnd = pattern.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            return false;
        }

        var scheme = pattern[..schemeEnd].ToLowerInvariant();
        if (scheme is not ("http" or "https"))
        {
            return false;
        }

        var rest = pattern[(schemeEnd + 3)..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var authority = slash < 0 ? rest : rest[..slash];
        var path = slash < 0 ? "/" : rest[slash..];
        int? port = scheme == "https" ? 443 : 80;
        var colon = authority.LastIndexOf(':');
        if (colon > authority.LastIndexOf(']'))
        {
            var portText = authority[(colon + 1)..];
            authority = authority[..colon];
            if (portText == "*")
            {
                port = null;
            }
            else if (int.TryParse(portText, out var p) && p is > 0 and < 65536)
            {
                port = p;
            }
            else
            {
                return false;
            }
        }

        var wildcard = authority.StartsWith("*.", StringComparison.Ordinal);
        var host = (wildcard ? authority[2..] : authority).ToLowerInvariant();
        if (host.Length == 0 || host.Contains('*', StringComparison.Ordinal) || Uri.CheckHostName(host.Trim('[', ']')) == UriHostNameType.Unknown)
        {
            return false;
        }

        parsed = new UrlPattern(scheme, host, wildcard, port, path.EndsWith('/') ? path : path + "/");
        return true;
    }

    internal readonly record struct UrlPattern(string Scheme, string Host, bool AnySubdomain, int? Port, string PathPrefix)
    {
        public bool Matches(Uri uri)
        {
            if (uri.Scheme != Scheme || (Port is { } port && uri.Port != port))
            {
                return false;
            }

            var host = uri.Host.ToLowerInvariant();
            var hostMatches = AnySubdomain
                ? host.Length > Host.Length + 1 && host.EndsWith("." + Host, StringComparison.Ordinal)
                : host == Host;
            if (!hostMatches)
            {
                return false;
            }

            var path = uri.AbsolutePath.EndsWith('/') ? uri.AbsolutePath : uri.AbsolutePath + "/";
            return path.StartsWith(PathPrefix, StringComparison.OrdinalIgnoreCase);
        }
    }
}
