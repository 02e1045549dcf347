using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ScorecardBot.BrowserTests;

/// <summary>
/// Chromium on the local chat page of a <see cref="LocalChatHost"/>, with the steps every
/// walkthrough takes: act as someone, say something in the direct chat or the team channel. Every
/// step waits for what the page shows, never for a fixed time: the page polls every 2 s and a
/// loaded machine answers late.
/// </summary>
internal sealed class LocalChatBrowser : IAsyncDisposable
{
    public const string Chromium = "/usr/bin/chromium";

    /// <summary>How long a step may take before the walkthrough fails: generous, for a busy 2-core machine.</summary>
    public static readonly float Patience = (float)TimeSpan.FromSeconds(20).TotalMilliseconds;

    private readonly IPlaywright playwright;
    private readonly IBrowser browser;
    private readonly List<string> scriptErrors = [];

    private LocalChatBrowser(IPlaywright playwright, IBrowser browser, IPage page)
    {
        this.playwright = playwright;
        this.browser = browser;
        Page = page;
    }

    public IPage Page { get; }

    public ILocator DirectLog => Page.GetByTestId("direct-log");

    public ILocator Channel => Page.GetByTestId("channel-feed");

    public static async Task<LocalChatBrowser> OpenAsync(LocalChatHost host, ITestOutputHelper output)
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: the browser tests drive Debian's chromium. Install it with `bash .ci/chromium.sh` (apt-get install chromium).");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
        });
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 }, Locale = "en-US", TimezoneId = "UTC" });
        context.SetDefaultTimeout(Patience);
        Assertions.SetDefaultExpectTimeout(Patience);
        var page = await context.NewPageAsync();
        var session = new LocalChatBrowser(playwright, browser, page);
        page.PageError += (_, error) => session.scriptErrors.Add(error);
        page.Console += (_, message) => { if (message.Type == "error") session.scriptErrors.Add(message.Text); };
        page.RequestFailed += (_, request) => output.WriteLine($"request failed: {request.Url} {request.Failure}");
        page.Response += (_, response) => { if (response.Status >= 400) output.WriteLine($"HTTP {response.Status}: {response.Url}"); };
        await page.GotoAsync(host.Address.ToString());
        return session;
    }

    public async Task ActAsAsync(string name)
    {
        await Page.GetByTestId("person-picker").Locator("label[data-person-id]").Filter(new() { HasText = name }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("acting-as")).ToContainTextAsync(name);
        // The person's chats are loaded when the picker's fetches settle.
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    /// <summary>Types into the direct chat and waits until the page shows what was typed.</summary>
    public Task SayAsync(string text) => SendAsync(DirectLog, "message-input", "send-button", text);

    /// <summary>Posts in the team channel and waits until the page shows what was posted.</summary>
    public Task PostInChannelAsync(string text) => SendAsync(Channel, "channel-input", "channel-send-button", text);

    /// <summary>The first message of the bot after what was typed last, that has <paramref name="text"/>.</summary>
    public ILocator DirectAnswer(string text) =>
        DirectLog.Locator("article.said").Last.Locator("~ article.from-bot").Filter(new() { HasText = text }).First;

    /// <summary>Reloads the page (what a person does to see new people in the picker) and waits for it to be ready.</summary>
    public async Task ReloadAsync()
    {
        await Page.ReloadAsync();
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    /// <summary>Fails with what the page reported when a script on it failed.</summary>
    public void AssertNoScriptErrors() =>
        Assert.True(scriptErrors.Count == 0, "script errors on the page: " + string.Join(" | ", scriptErrors));

    private async Task SendAsync(ILocator log, string input, string button, string text)
    {
        var said = log.Locator("article.said");
        var before = await said.CountAsync();
        await Page.GetByTestId(input).FillAsync(text);
        await Page.GetByTestId(button).ClickAsync();
        await Assertions.Expect(said).ToHaveCountAsync(before + 1);
        // The answer comes with the same response: the button is enabled again once it is on the page.
        await Assertions.Expect(Page.GetByTestId(button)).ToBeEnabledAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
    }
}
