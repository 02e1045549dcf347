using System.Net;

namespace ScorecardBot.Teams;

/// <summary>The Bot Connector refused a call; <see cref="Code"/> is its error code (e.g. "MessageWritesBlocked").</summary>
public sealed class TeamsConnectorException : Exception
{
    public TeamsConnectorException(HttpStatusCode statusCode, string code, string message)
        : base($"Bot Connector answered {(int)statusCode} {code}: {message}")
    {
        StatusCode = statusCode;
        Code = code;
    }

    public TeamsConnectorException()
        : this(HttpStatusCode.InternalServerError, "Unknown", "")
    {
    }

    public TeamsConnectorException(string message)
        : this(HttpStatusCode.InternalServerError, "Unknown", message)
    {
    }

    public TeamsConnectorException(string message, Exception innerException)
        : base(message, innerException)
    {
        StatusCode = HttpStatusCode.InternalServerError;
        Code = "Unknown";
    }

    public HttpStatusCode StatusCode { get; }

    public string Code { get; }

    /// <summary>The connector's Retry-After, when it sent one (a 429 after the client's own retries).</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The person blocked the bot or uninstalled it: stop prompting them in Teams and tell a manager.</summary>
    /// <remarks>
    /// Teams says it two ways: <c>403 {"errorCode":209,"message":"{\"subCode\":\"MessageWritesBlocked\",…}"}</c>
    /// (see <c>ConnectorErrorBody</c>) and the documented <c>403 ConversationBlockedByUser</c>.
    /// </remarks>
    public bool IsBlockedByUser => StatusCode == HttpStatusCode.Forbidden && Code is "MessageWritesBlocked" or "ConversationBlockedByUser";

    /// <summary>Worth trying again later: throttled (429), a concurrent operation (412), a server error (5xx).</summary>
    public bool IsTransient => StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.PreconditionFailed || (int)StatusCode >= 500;
}

/// <summary>A service URL outside the allow-list: the bot refuses to call it.</summary>
public sealed class ServiceUrlNotAllowedException : Exception
{
    public ServiceUrlNotAllowedException(string serviceUrl)
        : base($"The service URL '{serviceUrl}' is not in the allow-list (Teams:AllowedServiceUrls); no call was made.")
    {
    }

    public ServiceUrlNotAllowedException()
    {
    }

    public ServiceUrlNotAllowedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
