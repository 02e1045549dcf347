using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using ScorecardBot.Teams.Activities;

namespace ScorecardBot.Teams.Connector;

/// <summary>
/// The Bot Connector REST API (v3), relative to a conversation's service URL. Every call checks the
/// service URL against the allow-list first; message writes wait for the rate limiter; transient
/// failures (429, 412, 5xx) are retried by the resilience handler of the named HttpClient.
/// </summary>
internal sealed partial class ConnectorClient(
    IHttpClientFactory httpClients,
    IBotTokenProvider tokens,
    ServiceUrlPolicy serviceUrls,
    ConnectorRateLimiter rateLimiter,
    ILogger<ConnectorClient> logger)
{
    internal const string HttpClientName = "ScorecardBot.Teams.Connector";
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };
    private const int MaxBaseUris = 256;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Uri> BaseUris = new(StringComparer.Ordinal);

    public async Task<string?> ReplyAsync(TeamsConversationReference conversation, string replyToId, OutgoingActivity activity, CancellationToken cancellationToken)
    {
        await rateLimiter.WaitAsync(conversation.TenantId, conversation.ConversationId, cancellationToken);
        var path = $"v3/conversations/{Uri.EscapeDataString(conversation.ConversationId)}/activities/{Uri.EscapeDataString(replyToId)}";
        var response = await SendAsync(HttpMethod.Post, conversation.ServiceUrl, path, activity, TeamsJson.Context.OutgoingActivity, TeamsJson.Context.ResourceResponse, cancellationToken);
        return response?.Id;
    }

    public async Task<string?> SendToConversationAsync(TeamsConversationReference conversation, OutgoingActivity activity, CancellationToken cancellationToken)
    {
        await rateLimiter.WaitAsync(conversation.TenantId, conversation.ConversationId, cancellationToken);
        var path = $"v3/conversations/{Uri.EscapeDataString(conversation.ConversationId)}/activities";
        var response = await SendAsync(HttpMethod.Post, conversation.ServiceUrl, path, activity, TeamsJson.Context.OutgoingActivity, TeamsJson.Context.ResourceResponse, cancellationToken);
        return response?.Id;
    }

    public async Task UpdateAsync(TeamsConversationReference conversation, string activityId, OutgoingActivity activity, CancellationToken cancellationToken)
    {
        await rateLimiter.WaitAsync(conversation.TenantId, conversation.ConversationId, cancellationToken);
        var path = $"v3/conversations/{Uri.EscapeDataString(conversation.ConversationId)}/activities/{Uri.EscapeDataString(activityId)}";
        await SendAsync(HttpMethod.Put, conversation.ServiceUrl, path, activity, TeamsJson.Context.OutgoingActivity, TeamsJson.Context.ResourceResponse, cancellationToken);
    }

    public async Task DeleteAsync(TeamsConversationReference conversation, string activityId, CancellationToken cancellationToken)
    {
        var path = $"v3/conversations/{Uri.EscapeDataString(conversation.ConversationId)}/activities/{Uri.EscapeDataString(activityId)}";
        await SendAsync<object, ResourceResponse>(HttpMethod.Delete, conversation.ServiceUrl, path, null, null, null, cancellationToken);
    }

    /// <summary>Opens (or finds) the 1:1 chat between the bot and a user; returns its conversation id.</summary>
    public async Task<string> CreatePersonalConversationAsync(string serviceUrl, string botId, string tenantId, string userId, CancellationToken cancellationToken)
    {
        var request = new CreateConversationRequest
        {
            IsGroup = false,
            Bot = new ChannelAccountJson { Id = botId },
            Members = [new ChannelAccountJson { Id = userId }],
            TenantId = tenantId,
            ChannelData = new TeamsChannelData { Tenant = new IdJson { Id = tenantId } },
        };
        var response = await SendAsync(HttpMethod.Post, serviceUrl, "v3/conversations", request, TeamsJson.Context.CreateConversationRequest, TeamsJson.Context.ConversationResourceResponse, cancellationToken);
        return response?.Id is { Length: > 0 } id
            ? id
            : throw new TeamsConnectorException(HttpStatusCode.BadGateway, "NoConversationId", "create conversation returned no id");
    }

    public Task<TeamsMemberJson?> GetMemberAsync(string serviceUrl, string conversationId, string memberId, CancellationToken cancellationToken)
    {
        var path = $"v3/conversations/{Uri.EscapeDataString(conversationId)}/members/{Uri.EscapeDataString(memberId)}";
        return SendAsync<object, TeamsMemberJson>(HttpMethod.Get, serviceUrl, path, null, null, TeamsJson.Context.TeamsMemberJson, cancellationToken);
    }

    private async Task<TResponse?> SendAsync<TRequest, TResponse>(
        HttpMethod method, string serviceUrl, string path, TRequest? body,
        JsonTypeInfo<TRequest>? requestType, JsonTypeInfo<TResponse>? responseType, CancellationToken cancellationToken)
        where TResponse : class
    {
        if (!serviceUrls.IsAllowed(serviceUrl))
        {
            LogRejectedServiceUrl(logger, SafeHost(serviceUrl));
            throw new ServiceUrlNotAllowedException(serviceUrl);
        }

        using var request = new HttpRequestMessage(method, new Uri(BaseUri(serviceUrl), path));
        if (body is not null && requestType is not null)
        {
            var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, requestType));
            content.Headers.ContentType = Json;
            request.Content = content;
        }

        if (await tokens.GetTokenAsync(cancellationToken) is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await ErrorOf(response, cancellationToken);
        }

        if (responseType is null || response.StatusCode == HttpStatusCode.NoContent)
        {
            return null;
        }

        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (bytes.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(bytes, responseType);
        }
        catch (JsonException)
        {
            // A 2xx with a body that is not JSON: the call succeeded but told us nothing.
            return null;
        }
    }

    private static async Task<TeamsConnectorException> ErrorOf(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var retryAfter = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow,
            _ => (TimeSpan?)null,
        };
        var (code, message) = (response.StatusCode.ToString(), response.ReasonPhrase ?? "");
        try
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (bytes.Length > 0 && ConnectorErrorBody.Read(bytes) is { } read)
            {
                (code, message) = (read.Code ?? code, read.Message ?? message);
            }
        }
        catch (JsonException)
        {
            // Not JSON at all: the status code is all we have.
        }

        return new TeamsConnectorException(response.StatusCode, code, message)
        {
            RetryAfter = retryAfter > TimeSpan.Zero ? retryAfter : null,
        };
    }

    /// <summary>
    /// The service URL as a base for relative paths. Kept per URL: they are few (the allow-list
    /// checked each one), and parsing one costs more than the rest of building a request.
    /// </summary>
    private static Uri BaseUri(string serviceUrl)
    {
        if (BaseUris.TryGetValue(serviceUrl, out var known))
        {
            return known;
        }

        var parsed = new Uri(serviceUrl.EndsWith('/') ? serviceUrl : serviceUrl + "/");
        if (BaseUris.Count < MaxBaseUris)
        {
            BaseUris.TryAdd(serviceUrl, parsed);
        }

        return parsed;
    }

    private static string SafeHost(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? $"{uri.Scheme}://{uri.Authority}" : "(not a URL)";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused to call service URL {ServiceUrl}: not in the Teams allow-list")]
    private static partial void LogRejectedServiceUrl(ILogger logger, string serviceUrl);
}
