using ScorecardBot.Core.Model;
using ScorecardBot.IntegrationTests.Infrastructure;

namespace ScorecardBot.IntegrationTests;

public abstract partial class EndToEndTests
{
    /// <summary>What help says of assign, actual and apikey: seen only by those who may use them.</summary>
    private const string AssignPurpose = "make someone the owner of a KPI";
    private const string ActualPurpose = "report a value";
    private const string ApiKeyPurpose = "API keys for systems that feed or read the scorecard";

    [Fact]
    public async Task Help_shows_each_person_what_their_role_allows_in_the_local_chat_Slack_and_Teams()
    {
        // Local chat: Kevin is a viewer, Rachel an owner, Marcus a scorecard manager.
        var viewer = Html(await SayAsync(Kevin, "help"));
        var owner = Html(await SayAsync(Rachel, "help"));
        var manager = Html(await SayAsync(Marcus, "help"));
        Assert.DoesNotContain(AssignPurpose, viewer, StringComparison.Ordinal);
        Assert.DoesNotContain(ActualPurpose, viewer, StringComparison.Ordinal);
        Assert.Contains("how things are doing", viewer, StringComparison.Ordinal);
        Assert.Contains(ActualPurpose, owner, StringComparison.Ordinal);
        Assert.DoesNotContain(AssignPurpose, owner, StringComparison.Ordinal);
        Assert.Contains(AssignPurpose, manager, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKeyPurpose, manager, StringComparison.Ordinal);

        // Slack: the slash command's answer.
        await Bot.LinkAsync(Kevin, Platform.Slack, "U0KEVIN");
        await Bot.LinkAsync(Marcus, Platform.Slack, "U0MARCUS");
        var slackViewer = await (await PostSlackAsync("slack/commands", SlashCommand("U0KEVIN", "help"))).Content.ReadAsStringAsync();
        var slackManager = await (await PostSlackAsync("slack/commands", SlashCommand("U0MARCUS", "help"))).Content.ReadAsStringAsync();
        Assert.Contains("how things are doing", slackViewer, StringComparison.Ordinal);
        Assert.DoesNotContain(AssignPurpose, slackViewer, StringComparison.Ordinal);
        Assert.Contains(AssignPurpose, slackManager, StringComparison.Ordinal);

        // Teams: the reply card through the connector.
        const string kevinAad = "3c1d7e9f-kevin-aad";
        await Bot.LinkAsync(Kevin, Platform.Teams, kevinAad);
        var conversation = "a:help-viewer-" + Guid.NewGuid().ToString("N");
        await PostActivityAsync(TeamsMessage("help", BotUnderTest.TenantA, kevinAad, conversation), Token());
        var teamsViewer = (await Bot.BotFramework.WaitForCallAsync(c => IsTo(c, conversation))).Body;
        Assert.Contains("how things are doing", teamsViewer, StringComparison.Ordinal);
        Assert.DoesNotContain(AssignPurpose, teamsViewer, StringComparison.Ordinal);
        Assert.DoesNotContain(ActualPurpose, teamsViewer, StringComparison.Ordinal);
    }
}
