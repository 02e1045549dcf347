using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ScorecardBot.BrowserTests;

/// <summary>
/// Saves what the browser shows: always under TestResults beside the test assembly, and into
/// docs/images when SCORECARD_WRITE_DOC_IMAGES=1, which is how the README's pictures are refreshed.
/// </summary>
internal sealed class Screenshots
{
    private readonly ITestOutputHelper output;
    private readonly string folder;
    private readonly string? docImages;

    private Screenshots(ITestOutputHelper output, string folder, string? docImages)
    {
        this.output = output;
        this.folder = folder;
        this.docImages = docImages;
    }

    public static Screenshots Create(ITestOutputHelper output)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "TestResults", "local-chat");
        Directory.CreateDirectory(folder);
        string? docImages = null;
        if (Environment.GetEnvironmentVariable("SCORECARD_WRITE_DOC_IMAGES") == "1")
        {
            docImages = Path.Combine(RepositoryRoot(), "docs", "images");
            Directory.CreateDirectory(docImages);
        }

        return new Screenshots(output, folder, docImages);
    }

    public async Task SaveAsync(IPage page, string fileName)
    {
        // The "clock moved" notice fades after a few seconds; it would hide the message box.
        await Assertions.Expect(page.GetByTestId("status")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("is-visible"));
        var path = Path.Combine(folder, fileName);
        await page.ScreenshotAsync(new() { Path = path, Animations = ScreenshotAnimations.Disabled, Caret = ScreenshotCaret.Hide });
        output.WriteLine($"screenshot: {path}");
        if (docImages is not null)
        {
            var doc = Path.Combine(docImages, fileName);
            File.Copy(path, doc, overwrite: true);
            output.WriteLine($"doc image: {doc}");
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ScorecardBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("SCORECARD_WRITE_DOC_IMAGES=1 but no ScorecardBot.sln above " + AppContext.BaseDirectory);
    }
}
