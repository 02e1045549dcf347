namespace ScorecardBot.LocalChat;

/// <summary>
/// Decides which URLs from data may become a link or an image source. Only http(s) and
/// same-site relative URLs pass: "javascript:", "data:" or protocol-relative "//host" never do.
/// </summary>
internal static class SafeUrl
{
    public static bool IsAllowed(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            return false;
        }

        if (url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ||
            url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return Uri.TryCreate(url, UriKind.Absolute, out var absolute) && !string.IsNullOrEmpty(absolute.Host);
        }

        // Browsers read a backslash as a slash, so "/\evil" is as protocol-relative as "//evil".
        if (url.StartsWith("//", StringComparison.Ordinal) || url.StartsWith("/\\", StringComparison.Ordinal) ||
            url.StartsWith('\\'))
        {
            return false;
        }

        // A relative URL has no scheme: no colon before the first path, query or fragment character.
        var end = url.IndexOfAny(['/', '?', '#']);
        var head = end < 0 ? url : url[..end];
        return !head.Contains(':', StringComparison.Ordinal);
    }
}
