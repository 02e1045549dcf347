using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ScorecardBot.Charts;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Tests.Charts;

public sealed class ChartEndpointsTests : IAsyncLifetime
{
    private static readonly Guid Org = Guid.Parse("0c0c0c0c-0000-0000-0000-000000000001");
    private static readonly Guid KpiId = Guid.Parse("0d0d0d0d-0000-0000-0000-000000000002");
    private static readonly Guid ScorecardId = Guid.Parse("0e0e0e0e-0000-0000-0000-000000000003");

    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly FakeChartData _data = new();
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    private ChartUrlSigner Signer => _app.Services.GetRequiredService<ChartUrlSigner>();

    public async Task InitializeAsync()
    {
        _app = Build(ChartUrlSignerTests.Key);
        await _app.StartAsync();
        _client = _app.GetTestClient();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private WebApplication Build(string key)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Charts:SigningKey"] = key });
        builder.Services.AddSingleton<TimeProvider>(_clock);
        builder.Services.AddSingleton<IChartDataSource>(_data);
        builder.Services.AddScorecardCharts();
        var app = builder.Build();
        app.MapChartEndpoints();
        return app;
    }

    [Fact]
    public async Task KpiChart_WithAGoodSignature_IsAPngThatMayBeCachedUntilTheLinkExpires()
    {
        var response = await _client.GetAsync(Signer.KpiChartUrl(Org, KpiId));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        var png = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal((800, 400), PngFile.HeaderSize(png));
        Assert.Equal("public, max-age=300", response.Headers.CacheControl?.ToString());
        Assert.NotNull(response.Headers.ETag);
        Assert.Equal([(Org, KpiId)], _data.KpiRequests);
    }

    [Fact]
    public async Task KpiChart_Thumbnail_IsSmall()
    {
        var png = await _client.GetByteArrayAsync(Signer.KpiChartUrl(Org, KpiId, thumbnail: true));

        Assert.Equal((400, 200), PngFile.HeaderSize(png));
    }

    [Fact]
    public async Task CacheLifetime_NeverOutlivesTheLink()
    {
        var url = Signer.Sign($"/charts/kpi/{KpiId}.png", new Dictionary<string, string> { ["org"] = Org.ToString() }, TimeSpan.FromSeconds(90));

        var response = await _client.GetAsync(url);

        Assert.Equal("public, max-age=90", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task SameChartAgain_WithItsETag_IsNotModified()
    {
        var url = Signer.KpiChartUrl(Org, KpiId);
        var first = await _client.GetAsync(url);

        using var again = new HttpRequestMessage(HttpMethod.Get, url);
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        var second = await _client.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }

    [Fact]
    public async Task StrategyMapAndSmallMultiples_ArePngs()
    {
        var map = await _client.GetAsync(Signer.StrategyMapUrl(Org, ScorecardId));
        var multiples = await _client.GetAsync(Signer.SmallMultiplesUrl(Org, ScorecardId));

        foreach (var response in new[] { map, multiples })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
            Assert.True(PngFile.HasSignature(await response.Content.ReadAsByteArrayAsync()));
        }
    }

    [Fact]
    public async Task SmallMultiples_OfRedKpis_ShowOnlyThem()
    {
        var all = await _client.GetByteArrayAsync(Signer.SmallMultiplesUrl(Org, ScorecardId));
        var red = await _client.GetByteArrayAsync(Signer.SmallMultiplesUrl(Org, ScorecardId, Status.Red));

        var redCount = ChartSamples.LogisticsKpis().Count(k => k.LatestStatus == Status.Red);
        Assert.InRange(redCount, 1, 4);
        Assert.Equal((2 * SmallMultiples.Margin) + (redCount * SmallMultiples.CellWidth) + ((redCount - 1) * SmallMultiples.Gap), PngFile.HeaderSize(red).Width);
        Assert.True(PngFile.HeaderSize(all).Height > PngFile.HeaderSize(red).Height, "all twelve KPIs take three rows, the red ones one");
    }

    [Fact]
    public async Task SmallMultiples_PageBeyondTheLast_IsNotFound()
    {
        var response = await _client.GetAsync(Signer.SmallMultiplesUrl(Org, ScorecardId, page: 5));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ExpiredLink_IsForbiddenBeforeAnyDataIsRead()
    {
        var url = Signer.KpiChartUrl(Org, KpiId);
        _clock.Advance(TimeSpan.FromDays(8));

        var response = await _client.GetAsync(url);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Contains("expired", problem?.Detail, StringComparison.Ordinal);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Empty(_data.KpiRequests);
    }

    [Theory]
    [InlineData("path")]
    [InlineData("signature")]
    [InlineData("organization")]
    [InlineData("unsigned")]
    public async Task ChangedOrUnsignedLink_IsForbiddenBeforeAnyDataIsRead(string change)
    {
        var url = Signer.KpiChartUrl(Org, KpiId);
        url = change switch
        {
            "path" => url.Replace(KpiId.ToString(), Guid.NewGuid().ToString(), StringComparison.Ordinal),
            "signature" => url[..^3] + (url[^3] == 'A' ? "B" : "A") + url[^2..],
            "organization" => url.Replace(Org.ToString(), Guid.NewGuid().ToString(), StringComparison.Ordinal),
            _ => $"/charts/kpi/{KpiId}.png",
        };

        var response = await _client.GetAsync(url);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(_data.KpiRequests);
    }

    [Fact]
    public async Task UnknownKpiOrScorecard_WithAGoodSignature_IsNotFound()
    {
        var kpi = await _client.GetAsync(Signer.KpiChartUrl(Org, Guid.NewGuid()));
        var map = await _client.GetAsync(Signer.StrategyMapUrl(Org, Guid.NewGuid()));
        var multiples = await _client.GetAsync(Signer.SmallMultiplesUrl(Org, Guid.NewGuid()));

        Assert.Equal(HttpStatusCode.NotFound, kpi.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, map.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, multiples.StatusCode);
    }

    [Fact]
    public async Task KpiOfAnotherOrganization_IsNotFound()
    {
        var response = await _client.GetAsync(Signer.KpiChartUrl(Guid.NewGuid(), KpiId));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Without_a_signing_key_the_host_starts_and_serves_links_signed_with_data_protection()
    {
        await using var app = Build(string.Empty);
        await app.StartAsync();
        var client = app.GetTestClient();
        var signer = app.Services.GetRequiredService<ChartUrlSigner>();
        var url = signer.KpiChartUrl(Org, KpiId);

        var response = await client.GetAsync(url);
        var changed = await client.GetAsync(url.Replace(KpiId.ToString(), Guid.NewGuid().ToString(), StringComparison.Ordinal));
        var hmacSigned = await client.GetAsync(Signer.KpiChartUrl(Org, KpiId));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, hmacSigned.StatusCode);
    }

    [Fact]
    public async Task Startup_WithAKeyTooShort_FailsWithTheSettingsName()
    {
        await using var app = Build("c2hvcnQ=");

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Contains("Charts:SigningKey", error.Message, StringComparison.Ordinal);
    }

    /// <summary>One organization's data: one KPI and one scorecard; everything else is unknown.</summary>
    private sealed class FakeChartData : IChartDataSource
    {
        public List<(Guid?, Guid)> KpiRequests { get; } = [];

        public Task<KpiSeries?> GetKpiSeriesAsync(Guid? organizationId, Guid kpiId, CancellationToken cancellationToken)
        {
            KpiRequests.Add((organizationId, kpiId));
            return Task.FromResult(organizationId == Org && kpiId == KpiId ? ChartSamples.OnTimeDelivery() : null);
        }

        public Task<StrategyMapModel?> GetStrategyMapAsync(Guid? organizationId, Guid scorecardId, CancellationToken cancellationToken) =>
            Task.FromResult(organizationId == Org && scorecardId == ScorecardId ? ChartSamples.LogisticsStrategyMap() : null);

        public Task<ScorecardTrends?> GetScorecardTrendsAsync(Guid? organizationId, Guid scorecardId, CancellationToken cancellationToken) =>
            Task.FromResult(organizationId == Org && scorecardId == ScorecardId ? new ScorecardTrends("Nordlicht Logistics", ChartSamples.LogisticsKpis()) : null);
    }
}
