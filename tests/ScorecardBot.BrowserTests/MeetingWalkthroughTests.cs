using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ScorecardBot.BrowserTests;

/// <summary>
/// A review meeting in the local chat's team channel, as the people in it see it: the manager
/// opens it, the first agenda item's card comes with its four buttons, a decision and an action are
/// recorded through the card's form, Next moves on, and <c>review end</c> posts the minutes.
/// </summary>
[Collection(LocalChatWalkthroughs.Name)]
public sealed partial class MeetingWalkthroughTests(LocalChatHost host, ITestOutputHelper output) : IClassFixture<LocalChatHost>
{
    private const string Decision = "Re-bid the Chicago lane with three carriers";
    private const string ActionText = "Get three carrier quotes for the Chicago lane";

    [Fact]
    public async Task A_manager_runs_a_review_meeting_and_its_minutes_are_posted()
    {
        var shots = Screenshots.Create(output);
        await using var chat = await LocalChatBrowser.OpenAsync(host, output);
        var page = chat.Page;

        // 1. Marcus, who manages the company scorecard, opens the meeting in the team channel.
        await chat.ActAsAsync("Marcus Reed");
        await chat.PostInChannelAsync("review start company");
        var card = chat.Channel.Locator("article[data-kind=meeting]").Last;
        await Assertions.Expect(card.Locator("h3")).ToHaveTextAsync(new Regex("^Prairie Line company scorecard: .+ review$"));
        await Assertions.Expect(card).ToContainTextAsync(new Regex(@"Item 1 of \d+"));
        await Assertions.Expect(card).ToContainTextAsync("So far: 0 decisions, 0 actions, 0 parked.");
        foreach (var button in new[] { "Next", "Record decision", "Add action", "Park" })
        {
            await Assertions.Expect(card.GetByRole(AriaRole.Button, new() { Name = button, Exact = true })).ToBeVisibleAsync();
        }

        var items = int.Parse(ItemOf().Match(await card.InnerTextAsync()).Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(items >= 2, $"the sample's agenda has {items} item(s); the walkthrough moves on from the first");
        var firstItem = await card.Locator("p:has(strong)").First.InnerTextAsync();
        output.WriteLine($"first item: {firstItem}");

        // 2. A decision, typed into the card and recorded: the card says so in place, and its box is empty again.
        await card.GetByLabel("Decision", new() { Exact = true }).FillAsync(Decision);
        await card.GetByRole(AriaRole.Button, new() { Name = "Record decision", Exact = true }).ClickAsync();
        await Assertions.Expect(card).ToContainTextAsync($"✔ Decision: {Decision} (Marcus Reed)");
        await Assertions.Expect(card).ToContainTextAsync("So far: 1 decision, 0 actions, 0 parked.");
        await Assertions.Expect(card.GetByLabel("Decision", new() { Exact = true })).ToHaveValueAsync("");
        Assert.Equal(1, await chat.Channel.Locator("article[data-kind=meeting]").CountAsync());

        // 3. Kevin, a viewer, may follow but not move the meeting on: he alone is told so, and the card stays where it is.
        await chat.ActAsAsync("Kevin O'Brien");
        await card.GetByRole(AriaRole.Button, new() { Name = "Next", Exact = true }).ClickAsync();
        var refusal = chat.Channel.Locator("article.from-bot").Filter(new() { HasText = "Only visible to you" }).Last;
        await Assertions.Expect(refusal).ToContainTextAsync("Only a scorecard manager or admin can move the meeting on.");
        await Assertions.Expect(card).ToContainTextAsync($"Item 1 of {items}");
        await chat.ActAsAsync("Marcus Reed");
        Assert.Equal(0, await chat.Channel.Locator("article.from-bot").Filter(new() { HasText = "Only visible to you" }).CountAsync());
        await Assertions.Expect(card).ToContainTextAsync($"✔ Decision: {Decision} (Marcus Reed)");

        // 4. An action whose owner the bot does not know comes back on the card with what to fix, keeping what was typed.
        await card.GetByLabel("Action", new() { Exact = true }).FillAsync(ActionText);
        await card.GetByLabel("Action owner").FillAsync("Nobody Known");
        await card.GetByLabel("Due").FillAsync("2027-06-30");
        await card.GetByRole(AriaRole.Button, new() { Name = "Add action", Exact = true }).ClickAsync();
        var ownerError = card.Locator(".field-error");
        await Assertions.Expect(ownerError).ToContainTextAsync("Nobody Known");
        await Assertions.Expect(card.GetByLabel("Action", new() { Exact = true })).ToHaveValueAsync(ActionText);
        await Assertions.Expect(card.GetByLabel("Action owner")).ToBeFocusedAsync();
        await Assertions.Expect(card).ToContainTextAsync("So far: 1 decision, 0 actions, 0 parked.");

        // 5. With Rachel as the owner it is added: the card counts it, its boxes are empty again, and
        //    the decision recorded before is still on it. (The card lists an item's actions only
        //    when the item is a KPI; this first item groups KPIs, so the minutes show the action.)
        await card.GetByLabel("Action owner").FillAsync("Rachel Novak");
        await card.GetByRole(AriaRole.Button, new() { Name = "Add action", Exact = true }).ClickAsync();
        await Assertions.Expect(card).ToContainTextAsync("So far: 1 decision, 1 action, 0 parked.");
        await Assertions.Expect(card.Locator(".field-error")).ToHaveCountAsync(0);
        await Assertions.Expect(card.GetByLabel("Action", new() { Exact = true })).ToHaveValueAsync("");
        await Assertions.Expect(card.GetByLabel("Action owner")).ToHaveValueAsync("");
        await Assertions.Expect(card.GetByLabel("Due")).ToHaveValueAsync("");
        await Assertions.Expect(card).ToContainTextAsync($"✔ Decision: {Decision} (Marcus Reed)");
        await card.EvaluateAsync("c => c.scrollIntoView({ block: 'end' })");
        await shots.SaveAsync(page, "local-chat-meeting.png");

        // 6. Next: the same card moves to the second item; what was recorded stays in the tally.
        await card.GetByRole(AriaRole.Button, new() { Name = "Next", Exact = true }).ClickAsync();
        await Assertions.Expect(card).ToContainTextAsync($"Item 2 of {items}");
        await Assertions.Expect(card).Not.ToContainTextAsync(Decision);
        await Assertions.Expect(card).ToContainTextAsync("So far: 1 decision, 1 action, 0 parked.");
        Assert.Equal(1, await chat.Channel.Locator("article[data-kind=meeting]").CountAsync());

        // 7. review end: the minutes in the channel, with the decision, the action and who presented.
        await chat.PostInChannelAsync("review end company");
        var minutes = chat.Channel.Locator("article[data-kind=minutes]").Last;
        await Assertions.Expect(minutes.Locator("h3")).ToHaveTextAsync(new Regex("^Minutes: Prairie Line company scorecard, .+ review$"));
        await Assertions.Expect(minutes).ToContainTextAsync("Ended by Marcus Reed");
        await Assertions.Expect(minutes).ToContainTextAsync("Decisions (1)");
        await Assertions.Expect(minutes).ToContainTextAsync(Decision);
        await Assertions.Expect(minutes).ToContainTextAsync("Actions (1)");
        await Assertions.Expect(minutes.Locator("p").Filter(new() { HasTextRegex = new Regex(@"^#\d+ " + Regex.Escape(ActionText) + " — @?Rachel Novak, due 30 Jun 2027$") })).ToHaveCountAsync(1);
        await Assertions.Expect(minutes).ToContainTextAsync($"Not reached ({items - 1})");
        await minutes.EvaluateAsync("m => m.scrollIntoView({ block: 'end' })");
        await shots.SaveAsync(page, "local-chat-minutes.png");

        // 8. The meeting is over: a second review end says so instead of posting minutes again.
        await chat.PostInChannelAsync("review end company");
        await Assertions.Expect(chat.Channel.Locator("article.from-bot").Last).ToContainTextAsync("has no meeting running");
        Assert.Equal(1, await chat.Channel.Locator("article[data-kind=minutes]").CountAsync());

        chat.AssertNoScriptErrors();
    }

    [GeneratedRegex(@"Item (\d+) of (\d+)")]
    private static partial Regex ItemOf();
}
