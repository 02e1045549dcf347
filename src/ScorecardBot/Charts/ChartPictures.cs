using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using ScorecardBot.Hosting;

namespace ScorecardBot.Charts;

/// <summary>
/// The picture behind one of the bot's own signed chart links, drawn in-process — for platforms
/// that take a chart as an uploaded file (Slack) rather than fetch it by URL. Only links the bot
/// made itself (its public address, a valid, unexpired signature) are drawn; anything else is null.
/// </summary>
internal sealed class ChartPictures(ChartUrlSigner signer, IChartDataSource source, IOptions<BotOptions> options)
{
    public async Task<byte[]?> RenderAsync(string? url, CancellationToken cancellationToken)
    {
        var home = new Uri(options.Value.PublicBaseUrl.TrimEnd('/') + "/");
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || !home.IsBaseOf(uri))
        {
            return null;
        }

        var path = "/" + home.MakeRelativeUri(uri).OriginalString.Split('?')[0];
        var query = QueryHelpers.ParseQuery(uri.Query);
        if (signer.Verify(path, query) != ChartLinkCheck.Valid)
        {
            return null;
        }

        string? Get(string name) => query.TryGetValue(name, out var value) ? value.ToString() : null;
        Guid? organization = Guid.TryParse(Get(ChartUrlSigner.OrganizationParameter), out var org) ? org : null;
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments is not ["charts", var kind, var file] || !file.EndsWith(".png", StringComparison.Ordinal) || !Guid.TryParse(file[..^4], out var id))
        {
            return null;
        }

        return kind switch
        {
            "multiples" => await ChartEndpoints.RenderSmallMultiplesAsync(source, organization, id, Get("status"), Get("page"), cancellationToken),
            "kpi" => await ChartEndpoints.RenderKpiAsync(source, organization, id, Get("size") == "thumb", cancellationToken),
            "map" => await ChartEndpoints.RenderMapAsync(source, organization, id, cancellationToken),
            _ => null,
        };
    }
}
