using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ScorecardBot.LocalChat;

/// <summary>Serves the page, its script and its style sheet from resources embedded in the assembly.</summary>
internal static class LocalChatPage
{
    // Scripts and styles come only from this site, so markup that slipped through could not run.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; " +
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; object-src 'none'";

    private static readonly ConcurrentDictionary<string, string> Assets = new(StringComparer.Ordinal);

    public static void MapPage(RouteGroupBuilder group)
    {
        group.MapGet("/", (HttpContext http) => Asset(http, "index.html", "text/html")).WithName("LocalChatPage");
        group.MapGet("/local/app.js", (HttpContext http) => Asset(http, "app.js", "text/javascript"));
        group.MapGet("/local/app.css", (HttpContext http) => Asset(http, "app.css", "text/css"));
    }

    private static ContentHttpResult Asset(HttpContext http, string name, string contentType)
    {
        var headers = http.Response.Headers;
        headers.CacheControl = "no-cache";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        return TypedResults.Content(Read(name), contentType + "; charset=utf-8");
    }

    internal static string Read(string name) => Assets.GetOrAdd(name, static n =>
    {
        var resource = "ScorecardBot.LocalChat." + n;
        using var stream = typeof(LocalChatPage).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The local chat asset '{resource}' is not embedded in the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });
}
