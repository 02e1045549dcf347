using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ScorecardBot.Api;

/// <summary>The OpenAPI document: only /api/v1, the API-key security scheme, and examples for the batch.</summary>
internal static class ApiDocument
{
    private const string Scheme = "ApiKey";

    public static void Configure(OpenApiOptions options)
    {
        options.ShouldInclude = description => description.RelativePath?.StartsWith("api/v1", StringComparison.Ordinal) == true;
        options.AddDocumentTransformer((document, context, cancellationToken) =>
        {
            document.Info.Title = "ScorecardBot API";
            document.Info.Version = "v1";
            document.Info.Description =
                "Feeds actuals in from ERP and BI systems and hands the scorecards out. Every call carries an API key of one organization " +
                "(Authorization: Bearer sbk_…), made by an admin in the chat with apikey create \"<name>\" scope read|write|manage, and sees only that " +
                "organization; a read key may only read. Values pass the same parser and rules as the owners' cards. Calls are limited per key " +
                "(429 with Retry-After) and in size (413). Every rejection is a ProblemDetails.\n\n" + ActualsApi.BatchDescription + "\n\n" + ActualsApi.ReviewRules;
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[Scheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An API key of the organization: sbk_<id>_<secret>.",
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Scheme, document)] = [] }];

            // The server is the address the document was asked at; without the trailing slash a
            // client joins it to the paths ("/api/v1/…") without a double slash (Redocly's rule).
            foreach (var server in document.Servers ?? [])
            {
                server.Url = server.Url?.TrimEnd('/');
            }

            document.Tags = new HashSet<OpenApiTag>(
                [new OpenApiTag { Name = "Scorecard API", Description = "The organization's scorecards, KPIs and actuals, the export, and the webhooks." }]);
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, cancellationToken) =>
        {
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<IEndpointNameMetadata>().FirstOrDefault()?.EndpointName == "PostActuals" &&
                operation.RequestBody?.Content?.TryGetValue("application/json", out var media) == true)
            {
                media.Examples = new Dictionary<string, IOpenApiExample>
                {
                    ["month-end"] = new OpenApiExample
                    {
                        Summary = "A month's numbers from the ERP",
                        Value = JsonNode.Parse("""
                            {"sourceSystem": "SAP S/4HANA", "actuals": [
                              {"kpiKey": "revenue", "period": "2026-10", "value": 5234000, "comment": "Two new dedicated contracts"},
                              {"kpiKey": "operating-ratio", "period": "2026-10", "value": 91.8},
                              {"kpiKey": "cost-per-mile", "period": "2026-10", "text": "$2.17"}]}
                            """),
                    },
                    ["no-data"] = new OpenApiExample
                    {
                        Summary = "No data for a month, with the reason",
                        Value = JsonNode.Parse("""{"actuals": [{"kpiKey": "nps", "period": "2026-10", "text": "n/a", "comment": "Survey postponed to November"}]}"""),
                    },
                };
            }

            return Task.CompletedTask;
        });
    }
}
