using System.Net;
using Microsoft.Extensions.Options;

namespace ScorecardBot.Slack;

/// <summary>Settings under <c>Slack:</c>. Bound and validated on start by <see cref="SlackServiceCollectionExtensions.AddSlack"/>.</summary>
public sealed class SlackOptions
{
    public const string SectionName = "Slack";

    /// <summary>The app's current signing secret. Without any secret the Slack endpoints are not mapped.</summary>
    public string? SigningSecret { get; set; }

    /// <summary>The secret being rotated out; accepted alongside <see cref="SigningSecret"/> while Slack switches.</summary>
    public string? PreviousSigningSecret { get; set; }

    /// <summary>Alternative to the two properties above: every secret currently accepted.</summary>
    public List<string> SigningSecrets { get; set; } = [];

    /// <summary>Bot token (xoxb-…) for a single-workspace installation; OAuth installs are looked up per team first.</summary>
    public string? BotToken { get; set; }

    /// <summary>Bot user id (U…) for <see cref="BotToken"/>; used to strip our mention and skip our own messages.</summary>
    public string? BotUserId { get; set; }

    /// <summary>Team the <see cref="BotToken"/> belongs to; when null the token serves any team without an installation.</summary>
    public string? TeamId { get; set; }

    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }

    /// <summary>Where Slack sends the browser back after install; defaults to PublicBaseUrl's /slack/oauth/callback (never the request's Host).</summary>
    public string? OAuthRedirectUrl { get; set; }

    public string AuthorizeUrl { get; set; } = "https://slack.com/oauth/v2/authorize";

    /// <summary>
    /// The scopes an install asks for. chat:write.public lets the digest and the agenda be posted in a
    /// public team channel the bot has not joined; a private channel still needs the bot invited.
    /// </summary>
    public List<string> BotScopes { get; set; } =
    [
        "commands", "chat:write", "chat:write.public", "im:write", "im:history", "app_mentions:read",
        "users:read", "users:read.email", "files:write", "files:read",
    ];

    public string ApiBaseUrl { get; set; } = "https://slack.com/api/";

    /// <summary>Hosts a <c>response_url</c> may point to; anything else is never called.</summary>
    public List<string> AllowedResponseUrlHosts { get; set; } = ["hooks.slack.com"];

    /// <summary>
    /// Hosts the upload URL of files.getUploadURLExternal may point to (the chart of a digest is
    /// uploaded there); the bytes are never sent anywhere else.
    /// </summary>
    public List<string> AllowedUploadUrlHosts { get; set; } = ["files.slack.com"];

    /// <summary>Lets tests use a plain-http fake on 127.0.0.1/::1 as response_url and upload URL; never set in production.</summary>
    public bool AllowLoopbackHttpResponseUrls { get; set; }

    public int MaxRequestBodyBytes { get; set; } = 64 * 1024;

    /// <summary>How far a request timestamp may be from now, either way.</summary>
    public int TimestampToleranceSeconds { get; set; } = 300;

    /// <summary>Slash commands and modal submissions that take longer than this are finished in the background.</summary>
    public TimeSpan DirectAnswerBudget { get; set; } = TimeSpan.FromMilliseconds(2000);

    /// <summary>Most 429 retries of one Web API call before giving up.</summary>
    public int MaxRateLimitRetries { get; set; } = 3;

    /// <summary>A Retry-After longer than this is not waited for; the call fails instead.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Message kinds answered in the channel for all to see when they come from a slash command.</summary>
    public List<string> InChannelKinds { get; set; } = ["digest", "agenda"];

    /// <summary>
    /// Message kinds a slash command in a channel posts as the bot's own message (chat.postMessage)
    /// instead of answering the command: the review meeting's card, which later presses update with
    /// chat.update (Slack refuses to update a command's response), and its minutes.
    /// </summary>
    public List<string> PostedKinds { get; set; } = ["meeting", "minutes"];

    /// <summary>
    /// Work acknowledged and not yet run (turns of buttons, events, follow-ups): about what the
    /// workers clear in a few seconds, so an answer never waits behind minutes of backlog.
    /// </summary>
    public int BackgroundQueueCapacity { get; set; } = 2048;

    /// <summary>
    /// How long a request waits for room in a full queue before it is answered 503 (Slack then
    /// retries): within Slack's 3 s, so a burst slows the acknowledgements down to the rate the
    /// workers run at instead of refusing them.
    /// </summary>
    public TimeSpan BackgroundQueueWait { get; set; } = TimeSpan.FromMilliseconds(1500);

    /// <summary>
    /// Background workers running queued work at once. A button's turn waits mostly on the
    /// database and on Slack's reply; more workers than the database's connection pool would only queue there.
    /// </summary>
    public int BackgroundWorkers { get; set; } = 16;

    internal IReadOnlyList<string> AcceptedSigningSecrets()
    {
        var all = new List<string>();
        void Add(string? s)
        {
            if (!string.IsNullOrWhiteSpace(s) && !all.Contains(s.Trim(), StringComparer.Ordinal))
            {
                all.Add(s.Trim());
            }
        }

        Add(SigningSecret);
        foreach (var s in SigningSecrets)
        {
            Add(s);
        }

        Add(PreviousSigningSecret);
        return all;
    }

    internal bool OAuthEnabled => !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret);
}

internal sealed class SlackOptionsValidator : IValidateOptions<SlackOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions o)
    {
        var errors = new List<string>();
        if (!Uri.TryCreate(o.ApiBaseUrl, UriKind.Absolute, out var api) || !IsHttpsOrLoopback(api))
        {
            errors.Add($"Slack:ApiBaseUrl must be an absolute https URL (or http on loopback); got '{o.ApiBaseUrl}'.");
        }
        else if (!o.ApiBaseUrl.EndsWith('/'))
        {
            errors.Add("Slack:ApiBaseUrl must end with '/' so method names resolve under it.");
        }

        if (!Uri.TryCreate(o.AuthorizeUrl, UriKind.Absolute, out var auth) || auth.Scheme != Uri.UriSchemeHttps && !auth.IsLoopback)
        {
            errors.Add($"Slack:AuthorizeUrl must be an absolute https URL; got '{o.AuthorizeUrl}'.");
        }

        if (string.IsNullOrWhiteSpace(o.ClientId) != string.IsNullOrWhiteSpace(o.ClientSecret))
        {
            errors.Add("Slack:ClientId and Slack:ClientSecret must be set together (OAuth install needs both).");
        }

        if (o.OAuthRedirectUrl is { } redirect && !Uri.TryCreate(redirect, UriKind.Absolute, out _))
        {
            errors.Add($"Slack:OAuthRedirectUrl must be an absolute URL; got '{redirect}'.");
        }

        if (o.BotToken is { } token && !token.StartsWith("xoxb-", StringComparison.Ordinal))
        {
            errors.Add("Slack:BotToken must be a bot token (starting with 'xoxb-').");
        }

        if (o.AllowedResponseUrlHosts.Count == 0 || o.AllowedResponseUrlHosts.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add("Slack:AllowedResponseUrlHosts must list at least one host (hooks.slack.com).");
        }

        if (o.AllowedUploadUrlHosts.Count == 0 || o.AllowedUploadUrlHosts.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add("Slack:AllowedUploadUrlHosts must list at least one host (files.slack.com).");
        }

        if (o.MaxRequestBodyBytes is < 1024 or > 4 * 1024 * 1024)
        {
            errors.Add("Slack:MaxRequestBodyBytes must be between 1 KB and 4 MB.");
        }

        if (o.TimestampToleranceSeconds is < 1 or > 300)
        {
            errors.Add("Slack:TimestampToleranceSeconds must be between 1 and 300 (Slack's own limit).");
        }

        if (o.DirectAnswerBudget <= TimeSpan.Zero || o.DirectAnswerBudget > TimeSpan.FromMilliseconds(2800))
        {
            errors.Add("Slack:DirectAnswerBudget must be positive and leave room inside Slack's 3 s (≤ 2.8 s).");
        }

        if (o.MaxRateLimitRetries is < 0 or > 10)
        {
            errors.Add("Slack:MaxRateLimitRetries must be between 0 and 10.");
        }

        if (o.BackgroundQueueCapacity < 1)
        {
            errors.Add("Slack:BackgroundQueueCapacity must be positive.");
        }

        if (o.BackgroundQueueWait < TimeSpan.Zero || o.BackgroundQueueWait > TimeSpan.FromMilliseconds(2500))
        {
            errors.Add("Slack:BackgroundQueueWait must be between 0 and 2.5 s (inside Slack's 3 s).");
        }

        if (o.BackgroundWorkers is < 1 or > 256)
        {
            errors.Add("Slack:BackgroundWorkers must be between 1 and 256.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsHttpsOrLoopback(Uri uri) =>
        uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp && (uri.IsLoopback || IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip));
}
