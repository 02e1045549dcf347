using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ScorecardBot.Slack.Api;

namespace ScorecardBot.Slack.OAuth;

/// <summary>
/// OAuth v2 install: <c>GET /slack/install</c> sends the browser to Slack with a signed, expiring
/// <c>state</c> bound to a cookie; <c>GET /slack/oauth/callback</c> checks both, takes the state once
/// (<see cref="UsedOAuthStates"/>), exchanges the code and stores the bot token (encrypted) for the workspace.
/// </summary>
internal static partial class SlackOAuthEndpoints
{
    internal const string StateCookie = "slack_oauth_state";
    private static readonly TimeSpan StateLifetime = TimeSpan.FromMinutes(10);

    private static ITimeLimitedDataProtector Protector(IServiceProvider sp) =>
        sp.GetRequiredService<IDataProtectionProvider>().CreateProtector("ScorecardBot.Slack.OAuthState.v1").ToTimeLimitedDataProtector();

    public static IResult Install(HttpContext http)
    {
        var o = http.RequestServices.GetRequiredService<IOptions<SlackOptions>>().Value;
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var state = Protector(http.RequestServices).Protect(nonce, StateLifetime);
        http.Response.Cookies.Append(StateCookie, nonce, new CookieOptions
        {
            HttpOnly = true,
            Secure = true,
            SameSite = SameSiteMode.Lax,
            MaxAge = StateLifetime,
            Path = "/slack/oauth",
        });
        var url = $"{o.AuthorizeUrl}?client_id={Uri.EscapeDataString(o.ClientId!)}&scope={Uri.EscapeDataString(string.Join(',', o.BotScopes))}"
            + $"&redirect_uri={Uri.EscapeDataString(RedirectUri(http, o))}&state={Uri.EscapeDataString(state)}";
        return Results.Redirect(url);
    }

    public static async Task<IResult> CallbackAsync(HttpContext http, CancellationToken ct)
    {
        var services = http.RequestServices;
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SlackOAuthEndpoints));
        var query = http.Request.Query;
        if (query["error"].FirstOrDefault() is { } denied)
        {
            return Page(StatusCodes.Status400BadRequest, $"Slack did not install the app ({Truncate(denied)}).");
        }

        if (ValidState(http, query["state"].FirstOrDefault()) is not var (nonce, expires))
        {
            LogInstall(log, "state missing, expired or not bound to this browser");
            return Page(StatusCodes.Status400BadRequest, "This install link has expired or was not started here. Start again from /slack/install.");
        }

        if (!services.GetRequiredService<UsedOAuthStates>().TryUse(nonce, expires))
        {
            LogInstall(log, "state used before");
            return Page(StatusCodes.Status400BadRequest, "This install link was already used, so it does not work again. To install the app again, start from /slack/install.");
        }

        http.Response.Cookies.Delete(StateCookie, new CookieOptions { Path = "/slack/oauth", Secure = true });
        if (query["code"].FirstOrDefault() is not { Length: > 0 and < 512 } code)
        {
            return Page(StatusCodes.Status400BadRequest, "Slack sent no authorization code.");
        }

        var o = services.GetRequiredService<IOptions<SlackOptions>>().Value;
        OAuthAccessResponse access;
        try
        {
            access = await services.GetRequiredService<SlackApiPipeline>().CallAsync(
                "oauth.v2.access", token: null, teamId: "oauth", SlackTier.Tier4, null,
                () => new FormUrlEncodedContent([
                    new("client_id", o.ClientId!), new("client_secret", o.ClientSecret!),
                    new("code", code), new("redirect_uri", RedirectUri(http, o))]),
                SlackJson.Default.OAuthAccessResponse, ct);
        }
        catch (Exception e) when (e is SlackApiException or HttpRequestException)
        {
            LogInstall(log, e is SlackApiException s ? s.Error : "Slack unreachable");
            return Page(StatusCodes.Status502BadGateway, "Slack refused the installation. Please try again.");
        }

        if (access is not { AccessToken: { } token, Team.Id: { } teamId } || access.TokenType is not (null or "bot"))
        {
            return Page(StatusCodes.Status502BadGateway, "Slack's answer had no bot token.");
        }

        await services.GetRequiredService<SlackInstallations>().SaveAsync(teamId, access.Team.Name, access.Enterprise?.Id, token, access.BotUserId, access.AppId, access.Scope ?? "", ct);
        LogInstalled(log, teamId);
        return Page(StatusCodes.Status200OK, $"Scorecard is installed in {access.Team.Name ?? teamId}. You can close this tab and say hello to the bot in Slack.");
    }

    /// <summary>The state's nonce and expiry when it is genuine, unexpired and this browser's; else null.</summary>
    private static (string Nonce, DateTimeOffset Expires)? ValidState(HttpContext http, string? state)
    {
        var cookie = http.Request.Cookies[StateCookie];
        if (string.IsNullOrEmpty(state) || string.IsNullOrEmpty(cookie))
        {
            return null;
        }

        try
        {
            var nonce = Protector(http.RequestServices).Unprotect(state, out var expires);
            return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(nonce), Encoding.ASCII.GetBytes(cookie)) ? (nonce, expires) : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>
    /// Slack:OAuthRedirectUrl, else built from PublicBaseUrl: never from the request's Host header,
    /// which the caller chooses. Only a bot without either (a developer's machine) uses the request.
    /// </summary>
    private static string RedirectUri(HttpContext http, SlackOptions o)
    {
        if (o.OAuthRedirectUrl is { Length: > 0 } configured)
        {
            return configured;
        }

        var publicBase = http.RequestServices.GetService<IConfiguration>()?["PublicBaseUrl"];
        return Uri.TryCreate(publicBase, UriKind.Absolute, out var site) && site.Scheme is "https" or "http"
            ? $"{site.GetLeftPart(UriPartial.Path).TrimEnd('/')}/slack/oauth/callback"
            : $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/slack/oauth/callback";
    }

    private static string Truncate(string s) => s.Length > 60 ? s[..60] : s;

    private static IResult Page(int status, string text) =>
        Results.Text(text, "text/plain; charset=utf-8", statusCode: status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack install refused: {Reason}")]
    private static partial void LogInstall(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack app installed in team {TeamId}")]
    private static partial void LogInstalled(ILogger logger, string teamId);
}
