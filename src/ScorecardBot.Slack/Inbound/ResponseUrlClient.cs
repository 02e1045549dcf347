using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ScorecardBot.Slack.Api;

namespace ScorecardBot.Slack.Inbound;

/// <summary>
/// Posts to a <c>response_url</c> taken from a request. The URL is only used when it is https on one
/// of Slack's hosts (<see cref="SlackOptions.AllowedResponseUrlHosts"/>), so a forged payload cannot
/// make us call anything else.
/// </summary>
internal sealed partial class ResponseUrlClient(HttpClient http, IOptions<SlackOptions> options, ILogger<ResponseUrlClient> log)
{
    public bool IsAllowed(string? url) =>
        SlackUrls.IsAllowed(url, options.Value.AllowedResponseUrlHosts, options.Value.AllowLoopbackHttpResponseUrls);

    /// <summary>Sends a message body; false (and logged) when the URL is not allowed or Slack refused it.</summary>
    public async Task<bool> SendAsync(string? url, JsonObject body, CancellationToken ct)
    {
        if (!IsAllowed(url))
        {
            LogRefusedUrl(log);
            return false;
        }

        using var response = await http.PostAsync(new Uri(url!), SlackApiClient.JsonBody(body), ct);
        if (!response.IsSuccessStatusCode)
        {
            LogFailed(log, (int)response.StatusCode);
            return false;
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack response_url refused: not https on an allowed Slack host")]
    private static partial void LogRefusedUrl(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack response_url answered HTTP {Status}")]
    private static partial void LogFailed(ILogger logger, int status);
}
