using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace ScorecardBot.Api;

/// <summary>
/// Reads a JSON body so that a body that does not read gets a 400 naming the place and the reason,
/// in every environment (the framework's own binding answers a bare 400 outside development).
/// </summary>
internal static class ApiJson
{
    public static async Task<(T? Body, ProblemHttpResult? Problem)> ReadAsync<T>(HttpRequest request, string example, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, ApiProblems.Problem(StatusCodes.Status415UnsupportedMediaType, "The body must be JSON",
                $"Send Content-Type: application/json and a body like {example}."));
        }

        try
        {
            var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            var body = await JsonSerializer.DeserializeAsync<T>(request.Body, options, cancellationToken);
            return body is null ? (null, ApiProblems.BadRequest($"The body is empty: send {example}.")) : (body, null);
        }
        catch (JsonException e)
        {
            return (null, ApiProblems.BadRequest($"The body is not the JSON expected here ({e.Path ?? "$"}, line {e.LineNumber + 1}): {Reason(e)} Send {example}."));
        }
    }

    private static string Reason(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
