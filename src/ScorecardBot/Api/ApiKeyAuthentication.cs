using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using ScorecardBot.Core.Model;
using ScorecardBot.Data.ApiKeys;

namespace ScorecardBot.Api;

/// <summary>
/// Authenticates /api/v1 calls by the API key in <c>Authorization: Bearer sbk_…</c>. A missing,
/// malformed, unknown or revoked key gets 401 with a ProblemDetails that says which; a read-only
/// key asking to write gets 403. Every refused key counts against the caller's address
/// (<see cref="FailedApiLogins"/>), which runs before this handler.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyStore keys, FailedApiLogins failedLogins)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string ScopeClaim = "scorecard:scope";
    private const string RefusalItem = "scorecard:api-refusal";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        // The host's only scheme is its default one, so every request passes here. Only calls to
        // the REST API carry an API key: Teams' own Bearer token on /api/messages, the local chat
        // and the health check are not failed API-key logins (no key lookup, no log line).
        if (!Request.Path.StartsWithSegments(ApiEndpoints.Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrWhiteSpace(header))
        {
            // No credentials is not a failed login; the challenge still says what is missing.
            Context.Items[RefusalItem] = "This call needs an API key: send it as Authorization: Bearer <key>. An admin makes one in the chat with: apikey create \"<name>\" scope read|write";
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Refuse("The Authorization header must read: Bearer <API key>.");
        }

        var (caller, refusal) = await keys.AuthenticateAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (caller is null)
        {
            return Refuse(refusal switch
            {
                ApiKeyRefusal.Revoked => "This API key was revoked by an admin. Ask for a new one.",
                ApiKeyRefusal.Malformed => "That is not a ScorecardBot API key: keys look like sbk_<id>_<secret>.",
                _ => "This API key is not known. It may have been mistyped; an admin can list the keys with: apikey list",
            });
        }

        Context.Features.Set(caller);
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, caller.Id),
                new Claim(ClaimTypes.Name, caller.Name),
                new Claim(ScopeClaim, caller.Scope switch { ApiKeyScope.Manage => "manage", ApiKeyScope.Write => "write", _ => "read" }),
            ],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer realm=\"scorecard-api\"";
        var detail = Context.Items[RefusalItem] as string ?? "This call needs an API key: send it as Authorization: Bearer <key>.";
        return ApiProblems.Write(Context, StatusCodes.Status401Unauthorized, "No valid API key", detail);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiProblems.Write(Context, StatusCodes.Status403Forbidden, "This key may only read",
            "Writing needs a key with scope write. An admin makes one with: apikey create \"<name>\" scope write");

    private AuthenticateResult Refuse(string why)
    {
        // Counted against the caller's address, which is refused before authentication once over its limit.
        failedLogins.Failed(Context);
        Context.Items[RefusalItem] = why;
        return AuthenticateResult.Fail(why);
    }
}

internal static class ApiCallers
{
    /// <summary>The key that authenticated this call; every query of the call is scoped to its organization.</summary>
    public static ApiCaller Of(HttpContext context) =>
        context.Features.Get<ApiCaller>() ?? throw new InvalidOperationException("An /api/v1 endpoint ran without an authenticated API key.");
}
