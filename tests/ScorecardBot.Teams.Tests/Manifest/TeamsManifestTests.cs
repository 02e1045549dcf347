using System.IO.Compression;
using System.Text.Json;
using ScorecardBot.Teams.Manifest;

namespace ScorecardBot.Teams.Tests.Manifest;

public sealed class TeamsManifestTests
{
    private static readonly TeamsManifestSettings Settings = new("6f8d1c2e-0b5a-4d7e-9c3f-2a1b0c9d8e7f", "scorecard.contoso.com", Version: "1.2.0");

    private static string ManifestFolder => Path.Combine(RepositoryPaths.Root, "manifests", "teams");

    [Fact]
    public void Filled_manifest_passes_the_official_teams_schema_validation()
    {
        var folder = Directory.CreateTempSubdirectory("scorecard-manifest-");
        try
        {
            var path = Path.Combine(folder.FullName, "manifest.json");
            File.WriteAllText(path, TeamsManifestWriter.Fill(File.ReadAllText(Path.Combine(ManifestFolder, "manifest.json")), Settings));

            var (exitCode, output) = RepositoryPaths.RunValidator("validate-manifest.js", path);

            Assert.True(exitCode == 0, output);
            Assert.Contains("0 errors", output, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_manifest_as_committed_passes_the_official_teams_schema_validation()
    {
        var (exitCode, output) = RepositoryPaths.RunValidator("validate-manifest.js", Path.Combine(ManifestFolder, "manifest.json"));

        Assert.True(exitCode == 0, output);
        Assert.Contains("0 errors", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Package_holds_the_filled_manifest_and_both_icons()
    {
        var output = Path.Combine(Path.GetTempPath(), $"scorecardbot-{Guid.NewGuid():N}.zip");
        try
        {
            TeamsManifestWriter.WritePackage(ManifestFolder, Settings, output);

            using var zip = ZipFile.OpenRead(output);
            Assert.Equal(["color.png", "manifest.json", "outline.png"], zip.Entries.Select(e => e.FullName).Order());
            using var reader = new StreamReader(zip.GetEntry("manifest.json")!.Open());
            var text = reader.ReadToEnd();
            Assert.DoesNotContain("{{", text, StringComparison.Ordinal);
            var manifest = JsonDocument.Parse(text).RootElement;
            Assert.Equal(Settings.BotAppId, manifest.GetProperty("id").GetString());
            Assert.Equal(Settings.BotAppId, manifest.GetProperty("bots")[0].GetProperty("botId").GetString());
            Assert.Equal("1.2.0", manifest.GetProperty("version").GetString());
            Assert.Equal("scorecard.contoso.com", manifest.GetProperty("validDomains")[0].GetString());
            Assert.Equal("https://scorecard.contoso.com/privacy", manifest.GetProperty("developer").GetProperty("privacyUrl").GetString());

            // Files in 1:1 chats (a scorecard file sent to the bot, the export's file consent card) work only with supportsFiles.
            Assert.True(manifest.GetProperty("bots")[0].GetProperty("supportsFiles").GetBoolean());
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public void Package_goes_to_the_out_folder_by_default()
    {
        var folder = Directory.CreateTempSubdirectory("scorecard-manifest-");
        try
        {
            foreach (var file in new[] { "manifest.json", "color.png", "outline.png" })
            {
                File.Copy(Path.Combine(ManifestFolder, file), Path.Combine(folder.FullName, file));
            }

            var path = TeamsManifestWriter.WritePackage(folder.FullName, Settings);

            Assert.Equal(Path.Combine(folder.FullName, "out", "scorecardbot.zip"), path);
            Assert.True(File.Exists(path));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("not-a-guid", "scorecard.contoso.com", "must be a GUID")]
    [InlineData("6f8d1c2e-0b5a-4d7e-9c3f-2a1b0c9d8e7f", "https://scorecard.contoso.com/", "must be a DNS host name")]
    [InlineData("6f8d1c2e-0b5a-4d7e-9c3f-2a1b0c9d8e7f", "", "must be a DNS host name")]
    public void Invalid_settings_are_refused_with_a_message_saying_what_is_expected(string appId, string host, string expected)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => TeamsManifestWriter.Fill("{}", new TeamsManifestSettings(appId, host)));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_placeholder_in_the_template_is_an_error_not_left_in_the_package()
    {
        var error = Assert.Throws<InvalidOperationException>(() => TeamsManifestWriter.Fill("""{"x":"{{SOMETHING_ELSE}}"}""", Settings));
        Assert.Contains("{{SOMETHING_ELSE}}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Command_lists_offer_the_core_commands_in_every_scope()
    {
        var bot = JsonDocument.Parse(TeamsManifestWriter.Fill(File.ReadAllText(Path.Combine(ManifestFolder, "manifest.json")), Settings))
            .RootElement.GetProperty("bots")[0];
        var scopes = bot.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()).ToList();
        Assert.Equal(["personal", "team", "groupChat"], scopes);
        foreach (var list in bot.GetProperty("commandLists").EnumerateArray())
        {
            var titles = list.GetProperty("commands").EnumerateArray().Select(c => c.GetProperty("title").GetString()).ToList();
            Assert.InRange(titles.Count, 1, 12);
            Assert.Equal(titles.Count, titles.Distinct().Count());
            Assert.Contains("help", titles);
            Assert.Contains("status", titles);
        }
    }

    [Fact]
    public void Icons_have_the_sizes_teams_requires_and_the_outline_is_white_on_transparent()
    {
        var color = Png.Decode(File.ReadAllBytes(Path.Combine(ManifestFolder, "color.png")));
        var outline = Png.Decode(File.ReadAllBytes(Path.Combine(ManifestFolder, "outline.png")));

        Assert.Equal((192, 192), (color.Width, color.Height));
        Assert.Equal((32, 32), (outline.Width, outline.Height));
        Assert.All(color.Rgba, p => Assert.Equal(0xFFu, p & 0xFF));
        Assert.All(outline.Rgba, p => Assert.True(p is 0xFFFFFFFF || (p & 0xFF) == 0, $"outline pixel {p:X8} is neither white nor transparent"));
        Assert.Contains(outline.Rgba, p => p == 0xFFFFFFFF);
        Assert.Contains(outline.Rgba, p => (p & 0xFF) == 0);
    }

    [Fact]
    public void Committed_icons_are_the_ones_the_artwork_draws()
    {
        foreach (var (file, size, draw) in new (string, int, Func<uint[]>)[] { ("color.png", 192, IconArtwork.Color), ("outline.png", 32, IconArtwork.Outline) })
        {
            var path = Path.Combine(ManifestFolder, file);
            if (!File.Exists(path) || Environment.GetEnvironmentVariable("REGENERATE_ICONS") == "1")
            {
                File.WriteAllBytes(path, Png.Encode(size, size, draw()));
            }

            Assert.Equal(draw(), Png.Decode(File.ReadAllBytes(path)).Rgba);
        }
    }
}
