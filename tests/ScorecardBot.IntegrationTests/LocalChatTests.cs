using System.Net;
using System.Text.RegularExpressions;

namespace ScorecardBot.IntegrationTests;

public abstract partial class EndToEndTests
{
    [Fact]
    public async Task Owner_asking_about_customer_retention_gets_value_target_status_and_a_chart()
    {
        var cards = await SayAsync(Rachel, "how is customer retention doing");

        var html = Html(cards);
        Assert.Contains("Customer retention", html, StringComparison.Ordinal);
        Assert.Contains("Target", html, StringComparison.Ordinal);
        var link = Regex.Match(html, @"https://scorecard\.example\.test(/charts/kpi/[0-9a-f-]+\.png\?[^""'\s<]+)");
        Assert.True(link.Success, html);

        var chart = await Client.GetAsync(link.Groups[1].Value.TrimStart('/'));
        Assert.Equal(HttpStatusCode.OK, chart.StatusCode);
        Assert.Equal("image/png", chart.Content.Headers.ContentType?.MediaType);
        var png = await chart.Content.ReadAsByteArrayAsync();
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);

        var tampered = Regex.Replace(link.Groups[1].Value, "sig=([^&]+)", m => "sig=" + (m.Groups[1].Value[0] == 'A' ? 'B' : 'A') + m.Groups[1].Value[1..]);
        Assert.Equal(HttpStatusCode.Forbidden, (await Client.GetAsync(tampered.TrimStart('/'))).StatusCode);
    }
}
