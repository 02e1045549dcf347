using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace ScorecardBot.Api;

/// <summary>The API's rejections: always a ProblemDetails with a title and a detail that says what to change.</summary>
internal static class ApiProblems
{
    public static ProblemHttpResult Problem(int status, string title, string detail, IDictionary<string, object?>? extensions = null)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[key] = value;
        }

        return TypedResults.Problem(problem);
    }

    public static ProblemHttpResult BadRequest(string detail) => Problem(StatusCodes.Status400BadRequest, "The request cannot be read", detail);

    public static ProblemHttpResult NotFound(string detail) => Problem(StatusCodes.Status404NotFound, "Not found", detail);

    /// <summary>
    /// Gives the answers the framework makes without a body under /api/v1 (no such route 404, a
    /// method the route does not take 405, a path or query value of the wrong type 400, and any
    /// other) a ProblemDetails that says what to change, like the API's own refusals.
    /// </summary>
    public static IApplicationBuilder UseApiStatusProblems(this IApplicationBuilder app) =>
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(ApiEndpoints.Prefix, StringComparison.OrdinalIgnoreCase),
            api => api.UseStatusCodePages(context => StatusProblem(context.HttpContext)));

    private static Task StatusProblem(HttpContext context)
    {
        var status = context.Response.StatusCode;
        var request = context.Request;
        var path = request.Path.Value is { Length: > 120 } longPath ? longPath[..120] + "…" : request.Path.Value;
        var allowed = context.Response.Headers.Allow.ToString();
        var (title, detail) = status switch
        {
            StatusCodes.Status404NotFound => ("Not found",
                $"There is no {path} in this API. Its routes are listed in the OpenAPI document at /openapi/v1.json."),
            StatusCodes.Status405MethodNotAllowed => ("Method not allowed",
                $"{request.Method} is not a method of {path}" + (allowed.Length > 0 ? $"; it takes {allowed}." : ".")),
            StatusCodes.Status415UnsupportedMediaType => ("The body must be JSON", "Send Content-Type: application/json and a JSON body."),
            StatusCodes.Status400BadRequest => ("The request cannot be read",
                $"A value in the path or the query of {path} is not of the type this call takes (partial=true or false, periods like 2026-10). /openapi/v1.json lists each call's parameters."),
            _ => (ReasonPhrases.GetReasonPhrase(status), $"The call to {path} was answered {status}."),
        };
        return Write(context, status, title, detail);
    }

    public static Task Write(HttpContext context, int status, string title, string detail, IDictionary<string, object?>? extensions = null)
    {
        if (context.Response.HasStarted)
        {
            return Task.CompletedTask;
        }

        return Problem(status, title, detail, extensions).ExecuteAsync(context);
    }
}
