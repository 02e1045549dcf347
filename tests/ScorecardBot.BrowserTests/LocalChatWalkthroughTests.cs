using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ScorecardBot.BrowserTests;

/// <summary>
/// Drives the local chat page in Chromium along the path a newcomer takes: an owner answers the
/// collection prompt, the manager assigns a KPI and asks about one, and the MBR posts its digest.
/// </summary>
[Collection(LocalChatWalkthroughs.Name)]
public sealed class LocalChatWalkthroughTests(LocalChatHost host, ITestOutputHelper output) : IClassFixture<LocalChatHost>
{
    [Fact]
    public async Task Newcomer_walks_through_a_review_cycle_in_the_local_chat()
    {
        var shots = Screenshots.Create(output);
        await using var chat = await LocalChatBrowser.OpenAsync(host, output);
        var page = chat.Page;
        var directLog = page.GetByTestId("direct-log");
        var channel = page.GetByTestId("channel-feed");

        // 1. Rachel owns Customer retention and NPS: the collection window brings her their prompt.
        await chat.ActAsAsync("Rachel Novak");
        await page.GetByTestId("jump-window").ClickAsync();
        var prompt = directLog.Locator("article[data-kind=prompt]").Filter(new() { HasText = "Customer retention" }).Last;
        await prompt.WaitForAsync();
        var promptId = await prompt.GetAttributeAsync("data-message-id");
        var card = page.Locator($"article[data-message-id='{promptId}']");
        // A card asks for one KPI's value or for several (`value.{kpi}`); the first is Customer retention.
        var values = card.Locator("input[name^='value']");
        await values.First.FillAsync("abc");
        await card.Locator("[data-action-id='scorecard.actual.submit']").ClickAsync();

        // 2. A value that is not a number comes back on the same card, with what was typed kept.
        var error = card.Locator(".field-error").First;
        await error.WaitForAsync();
        Assert.Contains("'abc' is not a number", await error.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("prompt", await card.GetAttributeAsync("data-kind"));
        var invalid = card.Locator("input[aria-invalid='true']");
        Assert.Equal("abc", await invalid.InputValueAsync());
        await Assertions.Expect(invalid).ToBeFocusedAsync();

        await invalid.FillAsync("91.4%");
        for (var i = 1; i < await values.CountAsync(); i++)
        {
            await values.Nth(i).FillAsync("41");
        }

        await card.Locator("[data-action-id='scorecard.actual.submit']").ClickAsync();
        var recorded = page.Locator($"article[data-message-id='{promptId}'][data-kind=recorded]");
        await recorded.WaitForAsync();
        Assert.Contains("91.4", await recorded.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator($"article[data-message-id='{promptId}'] .field-error").CountAsync());
        await shots.SaveAsync(page, "local-chat.png");

        // 3. The manager hands On-time delivery to Rachel and is told so by name.
        await chat.ActAsAsync("Carlos Mendoza");
        await chat.SayAsync("assign \"On-time delivery\" rachel.novak@prairieline.example");
        // Carlos's own collection prompt may arrive by polling meanwhile: look for the reply after what he typed.
        var confirmation = directLog.Locator("article.said:has-text('assign') ~ article.from-bot").Filter(new() { HasText = "Rachel Novak" }).First;
        await confirmation.WaitForAsync();
        var confirmationText = await confirmation.InnerTextAsync();
        Assert.Contains("Rachel Novak", confirmationText, StringComparison.Ordinal);
        Assert.Contains("On-time delivery", confirmationText, StringComparison.Ordinal);

        // 4. A plain question gets the KPI card with its chart, and the chart really draws.
        await chat.SayAsync("how is customer retention doing");
        var answer = directLog.Locator("article[data-kind=kpi]").Filter(new() { HasText = "Customer retention" }).Last;
        await answer.WaitForAsync();
        var chart = answer.Locator("figure.chart img");
        await chart.WaitForAsync();
        await chart.ScrollIntoViewIfNeededAsync();
        await page.WaitForFunctionAsync("img => img.complete && img.naturalWidth > 0", await chart.ElementHandleAsync());
        Assert.True(await chart.EvaluateAsync<int>("img => img.naturalWidth") > 0, "the chart image did not load");
        await answer.EvaluateAsync("a => a.scrollIntoView({ block: 'end' })");
        Assert.False(string.IsNullOrWhiteSpace(await chart.GetAttributeAsync("alt")), "the chart has no text alternative");
        await shots.SaveAsync(page, "local-chat-answer.png");

        // 5. The MBR: the digest's summary and the agenda land in the team channel, the digest's
        //    details in the summary's thread.
        var clockBefore = await page.GetByTestId("clock-now").InnerTextAsync();
        //    The jump may pass another scorecard's meeting on the way (Fleet meets the day before):
        //    what matters is that the company's digest and agenda arrive, once each.
        var digests = channel.Locator(":scope > article[data-kind=digest]").Filter(new() { HasText = "Prairie Line company" });
        var agendas = channel.Locator("article[data-kind=agenda]").Filter(new() { HasText = "Prairie Line company" });
        var digestsBefore = await digests.CountAsync();
        var agendasBefore = await agendas.CountAsync();
        await page.GetByTestId("jump-mbr").ClickAsync();
        await Assertions.Expect(digests).ToHaveCountAsync(digestsBefore + 1);
        await Assertions.Expect(agendas).ToHaveCountAsync(agendasBefore + 1);
        await Assertions.Expect(page.GetByTestId("clock-now")).Not.ToHaveTextAsync(clockBefore);
        var digest = digests.Last;
        var thread = channel.Locator("details.thread").Last;
        await Assertions.Expect(thread.Locator("summary")).ToContainTextAsync("replies in thread");
        Assert.True(await thread.Locator("article[data-kind=digest]").CountAsync() >= 2, "the digest's details are in its thread");
        await digest.EvaluateAsync("d => d.scrollIntoView({ block: 'start' })");
        await shots.SaveAsync(page, "local-chat-digest.png");

        chat.AssertNoScriptErrors();
    }
}
