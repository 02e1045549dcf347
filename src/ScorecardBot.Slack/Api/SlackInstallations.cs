using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ScorecardBot.Core.Delivery;

namespace ScorecardBot.Slack.Api;

/// <summary>An installation with its bot token decrypted, held only in memory.</summary>
internal sealed record SlackWorkspace(string TeamId, string BotToken, string? BotUserId);

/// <summary>
/// Encrypts bot tokens before they reach <see cref="ISlackInstallationStore"/> and decrypts them on
/// the way out, so every store implementation keeps tokens encrypted at rest.
/// </summary>
internal sealed class SlackInstallations(ISlackInstallationStore store, IDataProtectionProvider protection, IOptions<SlackOptions> options, [FromKeyedServices(PlatformClock.Key)] TimeProvider time)
{
    private readonly IDataProtector _protector = protection.CreateProtector("ScorecardBot.Slack.BotToken.v1");

    public Task SaveAsync(string teamId, string? teamName, string? enterpriseId, string botToken, string? botUserId, string? appId, string scopes, CancellationToken ct) =>
        store.SaveAsync(new SlackInstallationRecord(teamId, teamName, enterpriseId, _protector.Protect(botToken), botUserId, appId, scopes, time.GetUtcNow()), ct);

    public async Task<SlackWorkspace?> FindAsync(string teamId, CancellationToken ct)
    {
        var record = await store.FindAsync(teamId, ct);
        if (record is not null)
        {
            try
            {
                return new SlackWorkspace(teamId, _protector.Unprotect(record.ProtectedBotToken), record.BotUserId);
            }
            catch (CryptographicException)
            {
                // Keys lost or record tampered with: treat as not installed rather than use garbage.
                return null;
            }
        }

        var o = options.Value;
        return o.BotToken is { Length: > 0 } token && (o.TeamId is null || o.TeamId == teamId)
            ? new SlackWorkspace(teamId, token, o.BotUserId)
            : null;
    }
}

internal sealed class SlackApiClientFactory(
    SlackInstallations installations, SlackApiPipeline pipeline, IHttpClientFactory httpClients, IOptions<SlackOptions> options) : ISlackApiClientFactory
{
    internal const string UploadClientName = "ScorecardBot.Slack.Uploads";

    public async Task<ISlackApiClient?> ForTeamAsync(string teamId, CancellationToken ct)
    {
        var workspace = await installations.FindAsync(teamId, ct);
        return workspace is null ? null : For(workspace);
    }

    internal SlackApiClient For(SlackWorkspace workspace) =>
        new(pipeline, httpClients.CreateClient(UploadClientName), workspace.TeamId, workspace.BotToken,
            uri => SlackUrls.IsAllowed(uri, options.Value.AllowedUploadUrlHosts, options.Value.AllowLoopbackHttpResponseUrls));
}
