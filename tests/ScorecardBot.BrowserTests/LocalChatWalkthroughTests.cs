using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ScorecardBot.BrowserTests;

/// <summary>
/// Drives the local chat page in Chromium along the path a newcomer takes: an owner answers the
/// collection prompt, the manager assigns a KPI and asks about one, and the MBR posts its digest.
/// </summary>
public sealed class LocalChatWalkthroughTests(LocalChatHost host, ITestOutputHelper output) : IClassFixture<LocalChatHost>
{
    private const string Chromium = "/usr/bin/chromium";
    private static readonly float Patience = (float)TimeSpan.FromSeconds(15).TotalMilliseconds;

    [Fact]
    public async Task Newcomer_walks_through_a_review_cycle_in_the_local_chat()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: the browser tests drive Debian's chromium. Install it with `bash .ci/chromium.sh` (apt-get install chromium).");
        var shots = Screenshots.Create(output);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
        });
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 }, Locale = "en-US", TimezoneId = "UTC" });
        context.SetDefaultTimeout(Patience);
        // The rhythm's messages reach the page by polling (every 2 s), later on a busy machine.
        Assertions.SetDefaultExpectTimeout(Patience);
        var page = await context.NewPageAsync();
        var scriptErrors = new List<string>();
        page.PageError += (_, error) => scriptErrors.Add(error);
        page.Console += (_, message) => { if (message.Type == "error") scriptErrors.Add(message.Text); };
        page.RequestFailed += (_, request) => output.WriteLine($"request failed: {request.Url} {request.Failure}");
        page.Response += (_, response) => { if (response.Status >= 400) output.WriteLine($"HTTP {response.Status}: {response.Url}"); };

        await page.GotoAsync(host.Address.ToString());
        var directLog = page.GetByTestId("direct-log");
        var channel = page.GetByTestId("channel-feed");

        // 1. Rachel owns Customer retention and NPS: the collection window brings her their prompt.
        await ActAsAsync(page, "Rachel Novak");
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
        await ActAsAsync(page, "Carlos Mendoza");
        await SayAsync(page, "assign \"On-time delivery\" rachel.novak@prairieline.example");
        // Carlos's own collection prompt may arrive by polling meanwhile: look for the reply after what he typed.
        var confirmation = directLog.Locator("article.said:has-text('assign') ~ article.from-bot").Filter(new() { HasText = "Rachel Novak" }).First;
        await confirmation.WaitForAsync();
        var confirmationText = await confirmation.InnerTextAsync();
        Assert.Contains("Rachel Novak", confirmationText, StringComparison.Ordinal);
        Assert.Contains("On-time delivery", confirmationText, StringComparison.Ordinal);

        // 4. A plain question gets the KPI card with its chart, and the chart really draws.
        await SayAsync(page, "how is customer retention doing");
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

        Assert.True(scriptErrors.Count == 0, "script errors on the page: " + string.Join(" | ", scriptErrors));
    }

    private static async Task ActAsAsync(IPage page, string name)
    {
        await page.GetByTestId("person-picker").Locator("label[data-person-id]").Filter(new() { HasText = name }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("acting-as")).ToContainTextAsync(name);
        // The person's chats are loaded when the picker's fetches settle.
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    private static async Task SayAsync(IPage page, string text)
    {
        var said = page.GetByTestId("direct-log").Locator("article.said");
        var before = await said.CountAsync();
        await page.GetByTestId("message-input").FillAsync(text);
        await page.GetByTestId("send-button").ClickAsync();
        await Assertions.Expect(said).ToHaveCountAsync(before + 1);
    }
}
