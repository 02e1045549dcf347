using System.Net;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using ScorecardBot.Core.Hosting;

namespace ScorecardBot.LocalChat;

/// <summary>
/// The local chat has no sign-in: whoever reaches it can act as anyone. So it answers only this
/// machine unless LocalChat:AllowRemote is set. It wraps each endpoint's request delegate, so the
/// check runs before the body is even read.
/// </summary>
internal static class LoopbackGuard
{
    public static void Protect(EndpointBuilder endpoint)
    {
        var inner = endpoint.RequestDelegate;
        if (inner is null)
        {
            return;
        }

        endpoint.RequestDelegate = context =>
        {
            var options = context.RequestServices.GetRequiredService<IOptions<LocalChatOptions>>().Value;
            if (options.AllowRemote || IsLocal(context.Request, context.Connection.RemoteIpAddress))
            {
                return inner(context);
            }

            return TypedResults.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "The local chat answers only on this machine",
                Detail = "Open it at http://localhost on the machine that runs the bot, or set LocalChat:AllowRemote=true to open it to others (it has no sign-in).",
            }).ExecuteAsync(context);
        };
    }

    internal static bool IsLocal(HttpRequest request, IPAddress? remote) =>
        ThisMachine.IsCaller(remote, request.Host.Host, request.Headers.ContainsKey);
}
