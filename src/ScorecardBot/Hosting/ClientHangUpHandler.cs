using Microsoft.AspNetCore.Diagnostics;

namespace ScorecardBot.Hosting;

/// <summary>
/// A client that hangs up before its request body is complete is normal traffic, not a fault of
/// the bot: Kestrel's "Unexpected end of request content" (or the aborted read under it) is answered
/// 400 when anyone is still listening, and logged at Debug instead of as an unhandled error.
/// </summary>
internal sealed partial class ClientHangUpHandler(ILogger<ClientHangUpHandler> logger) : IExceptionHandler
{
    public ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var hungUp = exception is BadHttpRequestException
            || (httpContext.RequestAborted.IsCancellationRequested && exception is IOException or OperationCanceledException);
        if (!hungUp)
        {
            return ValueTask.FromResult(false);
        }

        LogHungUp(logger, httpContext.Request.Path, exception.Message);
        if (!httpContext.Response.HasStarted)
        {
            httpContext.Response.StatusCode = exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status400BadRequest;
        }

        return ValueTask.FromResult(true);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "The client of {Path} ended its request early: {Reason}")]
    private static partial void LogHungUp(ILogger logger, string path, string reason);
}
