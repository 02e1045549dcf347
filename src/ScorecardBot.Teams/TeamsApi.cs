using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ScorecardBot.Teams.Hosting;

namespace ScorecardBot.Teams;

public static class TeamsApi
{
    /// <summary>Maps the Bot Framework messaging endpoint: POST {prefix}/messages.</summary>
    public static RouteGroupBuilder MapTeamsEndpoints(this IEndpointRouteBuilder endpoints, string prefix = "/api")
    {
        var group = endpoints.MapGroup(prefix);
        group.MapPost("/messages", static (HttpContext context, TeamsActivityHandler handler, CancellationToken cancellationToken) =>
                handler.HandleAsync(context, cancellationToken))
            .WithName("TeamsMessages")
            .DisableAntiforgery();
        return group;
    }
}
