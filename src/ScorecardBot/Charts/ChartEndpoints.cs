using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Charts;

/// <summary>The chart pictures served to Teams, Slack and the local chat through signed links.</summary>
public static class ChartEndpoints
{
    public static IServiceCollection AddScorecardCharts(this IServiceCollection services)
    {
        services.AddOptions<ChartOptions>().BindConfiguration(ChartOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChartOptions>, ChartOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        // Signs the links when Charts:SigningKey is not set; the host names the application and key folder.
        services.AddDataProtection();
        services.TryAddSingleton<ChartUrlSigner>();
        return services;
    }

    /// <summary>
    /// Maps <c>GET /charts/kpi/{kpiId}.png</c>, <c>/charts/map/{scorecardId}.png</c> and
    /// <c>/charts/multiples/{scorecardId}.png</c>. Every request's signature is checked before
    /// anything is read; the host registers an <see cref="IChartDataSource"/>.
    /// </summary>
    public static RouteGroupBuilder MapChartEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/charts");
        group.AddEndpointFilter(CheckSignature);
        group.MapGet("/kpi/{kpiId:guid}.png", GetKpiChart).WithName("GetKpiChart");
        group.MapGet("/map/{scorecardId:guid}.png", GetStrategyMap).WithName("GetStrategyMap");
        group.MapGet("/multiples/{scorecardId:guid}.png", GetSmallMultiples).WithName("GetSmallMultiples");
        return group;
    }

    private static async ValueTask<object?> CheckSignature(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var signer = http.RequestServices.GetRequiredService<ChartUrlSigner>();
        var check = signer.Verify(http.Request.Path.Value ?? string.Empty, http.Request.Query);
        if (check == ChartLinkCheck.Valid)
        {
            return await next(context);
        }

        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Problem(
            statusCode: StatusCodes.Status403Forbidden,
            title: "Chart link rejected",
            detail: check switch
            {
                ChartLinkCheck.Expired => "This chart link has expired; ask the bot for the chart again.",
                ChartLinkCheck.Unsigned => "This chart link is not signed by the bot.",
                ChartLinkCheck.Malformed => "This chart link is damaged: a parameter is repeated or unreadable.",
                _ => "This chart link has been changed after the bot signed it.",
            });
    }

    internal static async Task<Results<FileContentHttpResult, NotFound>> GetKpiChart(
        Guid kpiId, HttpContext http, [FromServices] IChartDataSource source, [FromServices] IOptions<ChartOptions> options, CancellationToken cancellationToken)
    {
        var png = await RenderKpiAsync(source, Organization(http), kpiId, http.Request.Query["size"] == "thumb", cancellationToken);
        return png is null ? TypedResults.NotFound() : Png(http, options.Value, png);
    }

    internal static async Task<Results<FileContentHttpResult, NotFound>> GetStrategyMap(
        Guid scorecardId, HttpContext http, [FromServices] IChartDataSource source, [FromServices] IOptions<ChartOptions> options, CancellationToken cancellationToken)
    {
        var png = await RenderMapAsync(source, Organization(http), scorecardId, cancellationToken);
        return png is null ? TypedResults.NotFound() : Png(http, options.Value, png);
    }

    internal static async Task<Results<FileContentHttpResult, NotFound>> GetSmallMultiples(
        Guid scorecardId, HttpContext http, [FromServices] IChartDataSource source, [FromServices] IOptions<ChartOptions> options, CancellationToken cancellationToken)
    {
        var png = await RenderSmallMultiplesAsync(source, Organization(http), scorecardId, http.Request.Query["status"], http.Request.Query["page"], cancellationToken);
        return png is null ? TypedResults.NotFound() : Png(http, options.Value, png);
    }

    internal static async Task<byte[]?> RenderKpiAsync(IChartDataSource source, Guid? organizationId, Guid kpiId, bool thumbnail, CancellationToken cancellationToken)
    {
        var series = await source.GetKpiSeriesAsync(organizationId, kpiId, cancellationToken);
        return series is null ? null : KpiChart.Render(series, thumbnail ? ChartSize.Thumbnail : ChartSize.Standard);
    }

    internal static async Task<byte[]?> RenderMapAsync(IChartDataSource source, Guid? organizationId, Guid scorecardId, CancellationToken cancellationToken)
    {
        var map = await source.GetStrategyMapAsync(organizationId, scorecardId, cancellationToken);
        return map is null ? null : StrategyMapPicture.Render(map);
    }

    /// <param name="statusText">"red", "amber", ...: only the KPIs of that status; all when null.</param>
    /// <param name="pageText">Which page of a grid too big for one picture (1 when null).</param>
    internal static async Task<byte[]?> RenderSmallMultiplesAsync(
        IChartDataSource source, Guid? organizationId, Guid scorecardId, string? statusText, string? pageText, CancellationToken cancellationToken)
    {
        var trends = await source.GetScorecardTrendsAsync(organizationId, scorecardId, cancellationToken);
        if (trends is null)
        {
            return null;
        }

        var kpis = trends.Kpis;
        var title = $"{trends.ScorecardName}: KPI trends";
        if (Enum.TryParse<Status>(statusText, ignoreCase: true, out var status) && Enum.IsDefined(status))
        {
            kpis = [.. kpis.Where(k => k.LatestStatus == status)];
            title = $"{trends.ScorecardName}: {ChartPalette.Label(status).ToLowerInvariant()} KPIs";
        }

        var page = int.TryParse(pageText, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 1;
        var columns = kpis.Count switch { <= 4 => Math.Max(kpis.Count, 1), <= 9 => 3, _ => 4 };
        var pages = SmallMultiples.Render(kpis, columns, title);
        return page < 1 || page > pages.Count ? null : pages[page - 1];
    }

    private static Guid? Organization(HttpContext http) =>
        Guid.TryParse(http.Request.Query[ChartUrlSigner.OrganizationParameter], out var org) ? org : null;

    /// <summary>
    /// Caches for the configured time but never past the link's expiry; the ETag lets a client
    /// revalidate cheaply, since the same data renders to the same bytes.
    /// </summary>
    private static FileContentHttpResult Png(HttpContext http, ChartOptions options, byte[] png)
    {
        var expires = long.Parse(http.Request.Query[ChartUrlSigner.ExpiresParameter]!, CultureInfo.InvariantCulture);
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var remaining = Math.Max(0, expires - now.ToUnixTimeSeconds());
        var maxAge = (long)Math.Min(options.CacheDuration.TotalSeconds, remaining);
        http.Response.Headers.CacheControl = string.Create(CultureInfo.InvariantCulture, $"public, max-age={maxAge}");
        http.Response.Headers.XContentTypeOptions = "nosniff";
        var tag = new EntityTagHeaderValue("\"" + Convert.ToHexStringLower(SHA256.HashData(png).AsSpan(0, 16)) + "\"");
        return TypedResults.File(png, "image/png", entityTag: tag);
    }
}
