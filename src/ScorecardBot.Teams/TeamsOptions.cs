using Microsoft.Extensions.Options;
using ScorecardBot.Teams.Connector;

namespace ScorecardBot.Teams;

public enum TeamsAppType
{
    MultiTenant = 0,
    SingleTenant = 1,
}

/// <summary>Settings of the Teams channel, bound from the "Teams" section.</summary>
public sealed class TeamsOptions
{
    public const string SectionName = "Teams";

    /// <summary>The bot's Microsoft App ID. Empty means local development: loopback callers only, no tokens.</summary>
    public string? AppId { get; set; }

    /// <summary>The app's client secret (also accepted as "ClientSecret").</summary>
    public string? AppPassword { get; set; }

    public string? ClientSecret { get; set; }

    public TeamsAppType AppType { get; set; } = TeamsAppType.MultiTenant;

    /// <summary>
    /// Local mode (no <see cref="AppId"/>) answers unauthenticated callers, so outside the
    /// Development environment it refuses every activity unless this is set.
    /// </summary>
    public bool AllowLocalMode { get; set; }

    /// <summary>
    /// In local mode, the tenant id of a Teams emulator (the Agents Playground's own) that acts in
    /// the local chat's organization when no organization claims it. Any other unclaimed tenant acts nowhere.
    /// </summary>
    public string? LocalTenantId { get; set; }

    /// <summary>The Entra ID tenant that owns a single-tenant bot; a single-tenant bot takes activities of this tenant only.</summary>
    public string? TenantId { get; set; }

    /// <summary>Where the Bot Framework channel service publishes its signing keys.</summary>
    public string OpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>
    /// Entra ID metadata for tokens a single-tenant bot receives from its own tenant;
    /// "{tenant}" is replaced with <see cref="TenantId"/>.
    /// </summary>
    public string EntraOpenIdMetadataUrl { get; set; } = "https://login.microsoftonline.com/{tenant}/v2.0/.well-known/openid-configuration";

    /// <summary>The issuer of Bot Framework channel tokens.</summary>
    public string BotFrameworkIssuer { get; set; } = "https://api.botframework.com";

    /// <summary>The token authority for outbound calls; default botframework.com, or the tenant for single-tenant bots.</summary>
    public string? Authority { get; set; }

    public string LoginInstance { get; set; } = "https://login.microsoftonline.com";

    public string TokenScope { get; set; } = "https://api.botframework.com/.default";

    /// <summary>
    /// Extra service URLs the bot may call besides Microsoft's connector hosts, as patterns:
    /// "https://host/", "https://*.example.com", "http://127.0.0.1:*" (any port).
    /// </summary>
    public List<string> AllowedServiceUrls { get; set; } = [];

    /// <summary>
    /// Where files users send in a 1:1 chat may be downloaded from, and files the bot sends after a
    /// file consent card uploaded to, besides SharePoint and OneDrive (https://*.sharepoint.com); same
    /// pattern syntax as <see cref="AllowedServiceUrls"/>.
    /// </summary>
    public List<string> AllowedFileUrls { get; set; } = [];

    /// <summary>The service URL used for a proactive message to someone the bot has never talked to.</summary>
    public string DefaultServiceUrl { get; set; } = "https://smba.trafficmanager.net/teams/";

    /// <summary>Largest accepted activity body, in bytes.</summary>
    public int MaxRequestBodyBytes { get; set; } = 256 * 1024;

    public TeamsRateLimits RateLimits { get; set; } = new();

    /// <summary>Retries of a failed connector call (429, 412, 5xx) before giving up.</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>First backoff delay; it doubles (with jitter) on each retry unless the connector sends Retry-After.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How many conversations' replies are delivered at once in the background. Teams allows a bot
    /// 50 messages a second: 16 sends in flight reach that with up to 320 ms per connector call,
    /// and more only compete with the incoming turns for the same cores (bench/teams/README.md).
    /// </summary>
    public int ReplySenders { get; set; } = 16;

    /// <summary>Replies accepted and not yet delivered, across all conversations, before new turns wait for room.</summary>
    public int ReplyBacklog { get; set; } = 32_768;

    internal string? Secret => string.IsNullOrWhiteSpace(AppPassword) ? ClientSecret : AppPassword;

    /// <summary>Local development mode: no app id, so only loopback callers, no tokens either way.</summary>
    public bool IsLocal => string.IsNullOrWhiteSpace(AppId);

    internal string EffectiveAuthority => !string.IsNullOrWhiteSpace(Authority)
        ? Authority!
        : $"{LoginInstance.TrimEnd('/')}/{(AppType == TeamsAppType.SingleTenant ? TenantId : "botframework.com")}";
}

/// <summary>Teams' published per-bot limits; the defaults keep well inside them.</summary>
public sealed class TeamsRateLimits
{
    /// <summary>Messages per second into one conversation (Teams allows 7).</summary>
    public int PerConversationPerSecond { get; set; } = 7;

    /// <summary>Messages per 30 seconds into one conversation (Teams allows 60).</summary>
    public int PerConversationPer30Seconds { get; set; } = 60;

    /// <summary>Messages per second from the bot into one tenant (Teams allows 30).</summary>
    public int PerTenantPerSecond { get; set; } = 30;

    /// <summary>Messages per second from the bot across all tenants, so one busy tenant's digest run cannot starve the rest.</summary>
    public int PerBotPerSecond { get; set; } = 50;

    /// <summary>How long a message may wait for its turn before the send fails.</summary>
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromMinutes(2);
}

internal sealed class TeamsOptionsValidator : IValidateOptions<TeamsOptions>
{
    public ValidateOptionsResult Validate(string? name, TeamsOptions options)
    {
        var errors = new List<string>();
        if (!options.IsLocal)
        {
            if (string.IsNullOrWhiteSpace(options.Secret))
            {
                errors.Add("Teams:AppId is set but Teams:AppPassword (or Teams:ClientSecret) is missing; the bot cannot get a token to reply.");
            }
        }
        else if (!string.IsNullOrWhiteSpace(options.Secret))
        {
            errors.Add("Teams:AppPassword is set but Teams:AppId is empty; set both, or neither for local development.");
        }

        if (options.AppType == TeamsAppType.SingleTenant && !Guid.TryParse(options.TenantId, out _))
        {
            errors.Add("Teams:AppType is SingleTenant, so Teams:TenantId must be the Entra ID tenant id (a GUID).");
        }

        CheckUrl(options.OpenIdMetadataUrl, "Teams:OpenIdMetadataUrl", errors);
        if (options.AppType == TeamsAppType.SingleTenant)
        {
            CheckUrl(options.EntraOpenIdMetadataUrl.Replace("{tenant}", options.TenantId, StringComparison.Ordinal), "Teams:EntraOpenIdMetadataUrl", errors);
        }

        CheckUrl(options.DefaultServiceUrl, "Teams:DefaultServiceUrl", errors);
        if (!options.IsLocal)
        {
            CheckUrl(options.EffectiveAuthority, "Teams:Authority", errors);
        }

        foreach (var pattern in options.AllowedServiceUrls)
        {
            if (!ServiceUrlPolicy.TryParsePattern(pattern, out _))
            {
                errors.Add($"Teams:AllowedServiceUrls entry '{pattern}' is not a pattern like 'https://host/', 'https://*.example.com' or 'http://127.0.0.1:*'.");
            }
        }

        foreach (var pattern in options.AllowedFileUrls)
        {
            if (!ServiceUrlPolicy.TryParsePattern(pattern, out _))
            {
                errors.Add($"Teams:AllowedFileUrls entry '{pattern}' is not a pattern like 'https://*.sharepoint.com' or 'http://127.0.0.1:*'.");
            }
        }

        if (options.MaxRequestBodyBytes is < 1024 or > 16 * 1024 * 1024)
        {
            errors.Add("Teams:MaxRequestBodyBytes must be between 1024 and 16777216.");
        }

        if (options.MaxRetries is < 0 or > 10)
        {
            errors.Add("Teams:MaxRetries must be between 0 and 10.");
        }

        if (options.ReplySenders is < 1 or > 256)
        {
            errors.Add("Teams:ReplySenders must be between 1 and 256.");
        }

        if (options.ReplyBacklog is < 1 or > 1_000_000)
        {
            errors.Add("Teams:ReplyBacklog must be between 1 and 1000000.");
        }

        var limits = options.RateLimits;
        if (limits.PerConversationPerSecond < 1 || limits.PerConversationPer30Seconds < 1 || limits.PerTenantPerSecond < 1 || limits.PerBotPerSecond < 1)
        {
            errors.Add("Teams:RateLimits values must be at least 1.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckUrl(string? value, string key, List<string> errors)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)))
        {
            errors.Add($"{key} must be an absolute https URL (http only for loopback), got '{value}'.");
        }
    }
}
