using System.Net;
using System.Text.Json.Nodes;
using ScorecardBot.Core.Model;
using ScorecardBot.IntegrationTests.Infrastructure;

namespace ScorecardBot.IntegrationTests;

/// <summary>Two organizations in one database (logistics seeded, manufacturing imported): neither sees nor changes the other's scorecard.</summary>
public abstract partial class EndToEndTests
{
    [Fact]
    public async Task A_kpi_of_the_other_organization_is_not_found()
    {
        // Scrap rate exists only at the manufacturer.
        // The answer may offer the asker's own KPIs whose names are close, never the other's.
        var cards = await SayAsync(Rachel, "how is scrap rate doing");
        Assert.Contains(Kind(cards), new[] { "not-found", "choose" });
        Assert.DoesNotContain("Scrap rate", Html(cards), StringComparison.Ordinal);
        Assert.DoesNotContain("Hartmann", Html(cards), StringComparison.Ordinal);

        // And the manufacturer, through its own Teams tenant, finds no Fuel economy but its own Customer retention.
        await Bot.LinkAsync(Sophie, Platform.Teams, SophieAad);
        var conversation = "a:boundary-" + Guid.NewGuid().ToString("N");
        Assert.Equal(HttpStatusCode.OK, (await PostActivityAsync(TeamsMessage("how is fuel economy doing", BotUnderTest.TenantB, SophieAad, conversation), Token())).StatusCode);
        var notFound = await Bot.BotFramework.WaitForCallAsync(c => IsTo(c, conversation));
        Assert.Contains("There is no KPI called", notFound.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Fuel economy", notFound.Body, StringComparison.Ordinal);

        var ownConversation = "a:boundary-own-" + Guid.NewGuid().ToString("N");
        await PostActivityAsync(TeamsMessage("who owns customer retention", BotUnderTest.TenantB, SophieAad, ownConversation), Token());
        var own = await Bot.BotFramework.WaitForCallAsync(c => IsTo(c, ownConversation));
        Assert.Contains("Sophie Laurent", own.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Rachel Novak", own.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_teams_tenant_of_one_organization_cannot_record_on_the_other()
    {
        await Bot.LinkAsync(Rachel, Platform.Teams, RachelAad);
        await Bot.LinkAsync(Sophie, Platform.Teams, SophieAad);
        var theirs = await Bot.KpiAsync(BotUnderTest.Manufacturing, "Customer retention");
        var before = await Bot.ActualsAsync(theirs.Id, "2026-09");

        // A logistics owner submits a card carrying the manufacturer's KPI id.
        var response = await PostActivityAsync(SubmitInvoke(BotUnderTest.TenantA, RachelAad, theirs.Id, "2026-09", "99%", "not mine"), Token());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("not part of this organization", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The manufacturer's owner, arriving through the logistics tenant, is nobody there.
        var stranger = await PostActivityAsync(SubmitInvoke(BotUnderTest.TenantA, SophieAad, theirs.Id, "2026-09", "99%", "wrong tenant"), Token());
        Assert.Equal(HttpStatusCode.OK, stranger.StatusCode);
        var text = JsonNode.Parse(await stranger.Content.ReadAsStringAsync())!["value"]!.GetValue<string>();
        Assert.Contains("not set up for you", text, StringComparison.Ordinal);

        Assert.Equal(Values(before), Values(await Bot.ActualsAsync(theirs.Id, "2026-09")));
    }
}
