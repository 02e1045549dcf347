using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ScorecardBot.BrowserTests;

/// <summary>
/// A team's first minutes in the local chat, with no server shell: the admin brings two people
/// (by e-mail: the local chat has no roster to mention from), the manager adds a KPI through the
/// card that asks for the pieces left out, retires one, links two objectives and exports the file,
/// which says what was built. The local chat starts on the sample organization (Database:SeedSample),
/// so the set-up card of a newly installed tenant is not part of it.
/// </summary>
[Collection(LocalChatWalkthroughs.Name)]
public sealed class FirstMinutesWalkthroughTests(LocalChatHost host, ITestOutputHelper output) : IClassFixture<LocalChatHost>
{
    private const string Ana = "ana.silva@prairieline.example";
    private const string Ben = "ben.ortiz@prairieline.example";

    [Fact]
    public async Task An_admin_and_a_manager_build_the_scorecard_in_chat_and_export_it()
    {
        var shots = Screenshots.Create(output);
        await using var chat = await LocalChatBrowser.OpenAsync(host, output);
        var page = chat.Page;
        var people = page.GetByTestId("person-picker").Locator("label[data-person-id]");
        await Assertions.Expect(people.Filter(new() { HasText = "Dana Whitfield" })).ToHaveCountAsync(1);
        Assert.Equal(0, await people.Filter(new() { HasText = "Ana Silva" }).CountAsync());

        // 1. Dana, the admin, adds two people by e-mail with their roles.
        await chat.ActAsAsync("Dana Whitfield");
        await chat.SayAsync($"people add {Ana} role owner");
        await Assertions.Expect(chat.DirectAnswer("Added")).ToHaveTextAsync(new Regex($@"Added Ana Silva \({Regex.Escape(Ana)}\) to Prairie Line Logistics as owner\."));
        await chat.SayAsync($"people add {Ben} role scorecard_manager");
        await Assertions.Expect(chat.DirectAnswer("Added")).ToHaveTextAsync(new Regex($@"Added Ben Ortiz \({Regex.Escape(Ben)}\) to Prairie Line Logistics as scorecard_manager\."));
        await chat.SayAsync("people");
        var list = chat.DirectAnswer("Ana Silva");
        await Assertions.Expect(list).ToContainTextAsync("Ben Ortiz");

        // 2. After a reload they are in the Act as list, and Ana finds the bot's welcome in her chat.
        await chat.ReloadAsync();
        await Assertions.Expect(people.Filter(new() { HasText = "Ana Silva" })).ToContainTextAsync("KPI owner");
        await Assertions.Expect(people.Filter(new() { HasText = "Ben Ortiz" })).ToContainTextAsync("Scorecard manager");
        await chat.ActAsAsync("Ana Silva");
        await Assertions.Expect(chat.DirectLog.Locator("article.from-bot").Filter(new() { HasText = "Dana Whitfield added you to Prairie Line Logistics" })).ToHaveCountAsync(1);

        // 3. Ben, the new manager, adds a KPI and leaves pieces out: a card asks for them, holding what he typed.
        await chat.ActAsAsync("Ben Ortiz");
        await chat.SayAsync("kpi add \"Detention hours\" objective \"Deliver on time\" unit hours");
        var card = chat.DirectLog.Locator("article[data-kind=edit-card]").Last;
        await Assertions.Expect(card.Locator("h3")).ToHaveTextAsync("Add a KPI");
        await Assertions.Expect(card.GetByLabel("Name")).ToHaveValueAsync("Detention hours");
        await Assertions.Expect(card.GetByLabel("Objective it measures")).ToHaveValueAsync("deliver-on-time");
        await Assertions.Expect(card.GetByLabel("Unit")).ToHaveValueAsync("hours");
        await Assertions.Expect(card.Locator(".field-error")).ToHaveCountAsync(3); // better is, target, owner
        await Assertions.Expect(card.Locator(".field").Filter(new() { HasText = "Better is" }).Locator(".field-error")).ToHaveTextAsync("Required.");
        await Assertions.Expect(card.Locator(".field").Filter(new() { HasText = "Owner" }).Locator(".field-error")).ToHaveTextAsync("Fill it in, or leave it empty to set it later.");
        var cardId = await card.GetAttributeAsync("data-message-id");
        await card.EvaluateAsync("c => c.scrollIntoView({ block: 'end' })");
        await shots.SaveAsync(page, "local-chat-kpi-card.png");

        await card.GetByLabel("Better is").SelectOptionAsync("down");
        await card.GetByLabel("Target for this fiscal year").FillAsync("2");
        await card.GetByLabel("Owner").FillAsync(Ana);
        await card.GetByLabel("Indicator").SelectOptionAsync("leading");
        await card.GetByRole(AriaRole.Button, new() { Name = "Add KPI", Exact = true }).ClickAsync();
        var added = page.Locator($"article[data-message-id='{cardId}'][data-kind=edit]");
        await Assertions.Expect(added).ToContainTextAsync("KPI 'Detention hours' added to objective 'Deliver on time'");
        await Assertions.Expect(added).ToContainTextAsync("Type undo within 10 minutes");
        await Assertions.Expect(added.Locator("input, select")).ToHaveCountAsync(0);

        // 4. A KPI retired: its history stays, and it is gone from what the bot answers.
        await chat.SayAsync("kpi retire \"Cargo claims rate\"");
        await Assertions.Expect(chat.DirectAnswer("retired")).ToContainTextAsync("KPI 'Cargo claims rate' retired");

        // 5. Two objectives linked on the strategy map.
        await chat.SayAsync("link \"Retain our drivers\" -> \"Keep our shippers\"");
        await Assertions.Expect(chat.DirectAnswer("now drives")).ToContainTextAsync("'Retain our drivers' now drives 'Keep our shippers'");

        // 6. Someone who is only an owner may change none of it, and is told so.
        await chat.ActAsAsync("Ana Silva");
        await chat.SayAsync("kpi retire \"Detention hours\"");
        await Assertions.Expect(chat.DirectLog.Locator("article.from-bot").Last).ToContainTextAsync("Only a scorecard manager or admin");

        // 7. export: the file to download says what was built.
        await chat.ActAsAsync("Ben Ortiz");
        await chat.SayAsync("export");
        var export = chat.DirectLog.Locator("article[data-kind=export]").Last;
        await Assertions.Expect(export).ToContainTextAsync("The scorecard file of Prairie Line Logistics");
        var link = export.GetByRole(AriaRole.Link, new() { Name = "Download prairie-line-logistics.yaml" });
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        Assert.Equal("prairie-line-logistics.yaml", download.SuggestedFilename);
        var path = Path.Combine(Path.GetTempPath(), $"scorecardbot-export-{Guid.NewGuid():N}.yaml");
        try
        {
            await download.SaveAsAsync(path);
            var yaml = await File.ReadAllTextAsync(path);
            Assert.Contains("key: detention-hours", yaml, StringComparison.Ordinal);
            Assert.Contains("name: Detention hours", yaml, StringComparison.Ordinal);
            Assert.Contains(Ana, yaml, StringComparison.Ordinal);
            Assert.Contains(Ben, yaml, StringComparison.Ordinal);
            Assert.Contains("{cause: retain-drivers, effect: keep-shippers}", yaml, StringComparison.Ordinal);
            var claims = yaml[yaml.IndexOf("key: claims-rate", StringComparison.Ordinal)..];
            Assert.Contains("retired: true", claims[..claims.IndexOf("- key:", StringComparison.Ordinal)], StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }

        chat.AssertNoScriptErrors();
    }
}
