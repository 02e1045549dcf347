using System.Net;
using System.Net.Http.Json;
using ScorecardBot.IntegrationTests.Infrastructure;

namespace ScorecardBot.IntegrationTests;

/// <summary>A comment a system sends through the API is shown as the system's, never as the KPI owner's.</summary>
public abstract partial class EndToEndTests
{
    [Fact]
    public async Task A_comment_sent_through_the_api_is_shown_as_written_by_the_key_not_the_owner()
    {
        var (name, key) = await CreateKeyAsync("Dispatch feed", "write");
        var put = await Api(key).PutAsJsonAsync("api/v1/kpis/appointment-misses/actuals/2024-09",
            new { value = 4.2m, comment = "Two shippers moved their docks", sourceSystem = "McLeod" });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var answer = Html(await SayAsync(Marcus, "how was late arrivals caused by the carrier in September 2024"));

        Assert.Contains("Two shippers moved their docks", answer, StringComparison.Ordinal);
        Assert.Contains($"— {name} (API, McLeod)", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("— Carlos Mendoza", answer, StringComparison.Ordinal);

        // The owner's own comment on that number is the owner's.
        var owner = Html(await SayAsync(Carlos, "actual \"Late arrivals caused by the carrier\" September 2024 4.2 Dock changes confirmed with both shippers"));
        Assert.Contains("comment", owner, StringComparison.OrdinalIgnoreCase);
        var after = Html(await SayAsync(Marcus, "how was late arrivals caused by the carrier in September 2024"));
        Assert.Contains("— Carlos Mendoza", after, StringComparison.Ordinal);
        Assert.DoesNotContain($"— {name}", after, StringComparison.Ordinal);
    }
}
