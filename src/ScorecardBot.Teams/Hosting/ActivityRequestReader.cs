using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ScorecardBot.Core.Hosting;
using ScorecardBot.Teams.Activities;
using ScorecardBot.Teams.Auth;

namespace ScorecardBot.Teams.Hosting;

/// <summary>
/// Authenticates an incoming activity and reads its body. The token is checked before the body is
/// parsed, so an unauthenticated caller costs one signature check; the claims that tie the token to
/// the activity (serviceurl, endorsed channel) are checked once the activity is known.
/// </summary>
internal sealed partial class ActivityRequestReader(
    IOptions<TeamsOptions> options,
    BotTokenValidator tokens,
    IHostEnvironment environment,
    ILogger<ActivityRequestReader> logger)
{
    private readonly TeamsOptions _options = options.Value;
    private readonly bool _localModeAllowed = options.Value.AllowLocalMode || environment.IsDevelopment();

    public async Task<(Activity? Activity, IResult? Refusal)> ReadAsync(HttpContext context, CancellationToken cancellationToken)
    {
        ValidatedToken? token = null;
        if (_options.IsLocal)
        {
            if (!_localModeAllowed)
            {
                LogRefused(logger, "no app id is configured and this is not the Development environment; set Teams:AppId, or Teams:AllowLocalMode=true for a local tool");
                return (null, Results.Unauthorized());
            }

            if (!IsFromThisMachine(context))
            {
                LogRefused(logger, "no app id is configured, so only loopback callers are accepted (no proxy, a loopback Host)");
                return (null, Results.Unauthorized());
            }
        }
        else
        {
            var check = await tokens.ValidateAsync(context.Request.Headers.Authorization.ToString(), cancellationToken);
            if (check.Token is null)
            {
                LogRefused(logger, check.Failure ?? "invalid token");
                return (null, Results.Unauthorized());
            }

            token = check.Token;
        }

        var (activity, refusal) = await ParseBodyAsync(context, cancellationToken);
        if (activity is null)
        {
            return (null, refusal);
        }

        // Which organization acts is decided by the tenant: both places an activity names it must agree.
        if (activity.ChannelData?.Tenant?.Id is { Length: > 0 } dataTenant && activity.Conversation?.TenantId is { Length: > 0 } conversationTenant
            && !string.Equals(dataTenant, conversationTenant, StringComparison.OrdinalIgnoreCase))
        {
            LogRefused(logger, "channelData.tenant.id and conversation.tenantId differ");
            return (null, Results.Problem(statusCode: 400, title: "The activity names two tenants: channelData.tenant.id and conversation.tenantId differ."));
        }

        if (token is not null && MismatchOf(token, activity) is { } mismatch)
        {
            LogRefused(logger, mismatch);
            return (null, Results.Unauthorized());
        }

        // A single-tenant bot serves its own tenant only, whichever service signed the token; an
        // activity that names no tenant is not of its tenant either.
        if (!_options.IsLocal && _options.AppType == TeamsAppType.SingleTenant
            && !string.Equals(activity.TenantId, _options.TenantId, StringComparison.OrdinalIgnoreCase))
        {
            LogRefused(logger, activity.TenantId is { Length: > 0 } ? "the activity's tenant is not Teams:TenantId" : "the activity names no tenant");
            return (null, Results.Problem(statusCode: 403, title: activity.TenantId is { Length: > 0 }
                ? "This bot serves one Teams tenant (Teams:TenantId); the activity comes from another."
                : "This bot serves one Teams tenant (Teams:TenantId); the activity names no tenant (channelData.tenant.id)."));
        }

        return (activity, null);
    }

    /// <summary>
    /// A loopback socket alone does not mean this machine: a reverse proxy on the same host makes
    /// every visitor look local (it adds forwarding headers), and a page on another site whose name
    /// resolves to 127.0.0.1 (DNS rebinding) sends its own Host. The same rule as the local chat's.
    /// </summary>
    internal static bool IsFromThisMachine(HttpContext context) =>
        ThisMachine.IsCaller(context.Connection.RemoteIpAddress, context.Request.Host.Host, context.Request.Headers.ContainsKey);

    private static string? MismatchOf(ValidatedToken token, Activity activity)
    {
        if (token.TenantId is { } tokenTenant)
        {
            if (activity.TenantId is { Length: > 0 } activityTenant && !string.Equals(activityTenant, tokenTenant, StringComparison.OrdinalIgnoreCase))
            {
                return "the activity's tenant is not the Entra ID token's tenant (tid)";
            }

            // Entra ID keys carry no channel endorsements: the token is good for this Teams bot only.
            if (activity.ChannelId is not ("msteams" or "emulator"))
            {
                return "an Entra ID token is accepted for the msteams channel only";
            }
        }

        if (token.ServiceUrl is not null || token.RequiresServiceUrl)
        {
            if (token.ServiceUrl is null || !string.Equals(token.ServiceUrl, activity.ServiceUrl, StringComparison.OrdinalIgnoreCase))
            {
                return "the token's serviceurl claim does not match the activity's serviceUrl";
            }
        }

        if (token.Endorsements is { } endorsements
            && (activity.ChannelId is null || !endorsements.Contains(activity.ChannelId, StringComparer.OrdinalIgnoreCase)))
        {
            return "the signing key is not endorsed for the activity's channel";
        }

        return null;
    }

    private async Task<(Activity?, IResult?)> ParseBodyAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var max = _options.MaxRequestBodyBytes;
        var request = context.Request;
        if (request.ContentLength > max)
        {
            return (null, Results.StatusCode(StatusCodes.Status413PayloadTooLarge));
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = max;
        }

        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(request.ContentLength ?? 16 * 1024, max) + 1);
        try
        {
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (buffer.Length > max)
                    {
                        return (null, Results.StatusCode(StatusCodes.Status413PayloadTooLarge));
                    }

                    var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, max + 1));
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }

                int read;
                try
                {
                    read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken);
                }
                catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
                {
                    return (null, Results.StatusCode(StatusCodes.Status413PayloadTooLarge));
                }

                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > max)
                {
                    return (null, Results.StatusCode(StatusCodes.Status413PayloadTooLarge));
                }
            }

            Activity? activity;
            try
            {
                activity = JsonSerializer.Deserialize(buffer.AsSpan(0, length), TeamsJson.Context.Activity);
            }
            catch (JsonException e)
            {
                return (null, Results.Problem(statusCode: 400, title: "The activity is not valid JSON.", detail: e.Message));
            }

            if (activity?.Type is not { Length: > 0 })
            {
                return (null, Results.Problem(statusCode: 400, title: "The activity has no type."));
            }

            return (activity, null);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a Teams activity: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);
}
