using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ScorecardBot.Slack.Manifest;
using ScorecardBot.Slack.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace ScorecardBot.Slack.Tests;

public sealed class ManifestTests
{
    private static string ManifestDirectory([System.Runtime.CompilerServices.CallerFilePath] string caller = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(caller)!, "..", "..", "manifests", "slack"));

    private static YamlMappingNode Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static YamlNode At(YamlNode node, params string[] path) =>
        path.Aggregate(node, (n, key) => ((YamlMappingNode)n).Children[new YamlScalarNode(key)]);

    private static string Scalar(YamlNode node, params string[] path) => ((YamlScalarNode)At(node, path)).Value!;

    [Fact]
    public async Task WrittenManifest_ParsesAndPointsEveryUrlAtTheHost()
    {
        var work = Directory.CreateTempSubdirectory("slack-manifest-");
        File.Copy(Path.Combine(ManifestDirectory(), "manifest.yml"), Path.Combine(work.FullName, "manifest.yml"));

        var path = await SlackManifestWriter.WriteAsync(work.FullName, "Scorecard.Example.com");
        var root = Parse(await File.ReadAllTextAsync(path));

        Assert.Equal(Path.Combine(work.FullName, "out", "manifest.yml"), path);
        Assert.DoesNotContain("{{", await File.ReadAllTextAsync(path));
        Assert.Equal("Scorecard", Scalar(root, "display_information", "name"));
        Assert.Equal("true", Scalar(root, "features", "app_home", "home_tab_enabled"));
        Assert.Equal("true", Scalar(root, "features", "app_home", "messages_tab_enabled"));
        Assert.Equal("Scorecard", Scalar(root, "features", "bot_user", "display_name"));
        var command = (YamlMappingNode)((YamlSequenceNode)At(root, "features", "slash_commands")).Children.Single();
        Assert.Equal("/scorecard", Scalar(command, "command"));
        Assert.Equal("https://scorecard.example.com/slack/commands", Scalar(command, "url"));
        Assert.False(string.IsNullOrWhiteSpace(Scalar(command, "usage_hint")));
        Assert.Equal("https://scorecard.example.com/slack/events", Scalar(root, "settings", "event_subscriptions", "request_url"));
        Assert.Equal("https://scorecard.example.com/slack/interactions", Scalar(root, "settings", "interactivity", "request_url"));
        Assert.Equal("true", Scalar(root, "settings", "interactivity", "is_enabled"));
        Assert.Equal("https://scorecard.example.com/slack/oauth/callback", ((YamlScalarNode)((YamlSequenceNode)At(root, "oauth_config", "redirect_urls")).Children.Single()).Value);
        Assert.Equal(
            ["app_home_opened", "app_mention", "message.im"],
            ((YamlSequenceNode)At(root, "settings", "event_subscriptions", "bot_events")).Children.Select(c => ((YamlScalarNode)c).Value!).Order());
    }

    [Theory]
    [InlineData("messages_tab_enabled: true", "messages_tab_enabled: false")]
    [InlineData("messages_tab_read_only_enabled: false", "messages_tab_read_only_enabled: true")]
    public async Task A_template_with_the_Messages_tab_off_is_refused(string setting, string changedTo)
    {
        var work = Directory.CreateTempSubdirectory("slack-manifest-");
        var template = File.ReadAllText(Path.Combine(ManifestDirectory(), "manifest.yml")).Replace(setting, changedTo, StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(work.FullName, "manifest.yml"), template);

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => SlackManifestWriter.WriteAsync(work.FullName, "scorecard.example.com"));
        Assert.Contains("Messages tab", refused.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(work.FullName, "out", "manifest.yml")));
    }

    [Fact]
    public void ManifestScopes_AreExactlyTheOnesTheAppAsksFor()
    {
        var root = Parse(File.ReadAllText(Path.Combine(ManifestDirectory(), "manifest.yml")));
        var scopes = ((YamlSequenceNode)At(root, "oauth_config", "scopes", "bot")).Children.Select(c => ((YamlScalarNode)c).Value!).Order();

        Assert.Equal(new SlackOptions().BotScopes.Order(), scopes);
        // A public team channel gets the digest without anyone inviting the bot.
        Assert.Contains("chat:write.public", scopes);
    }

    [Theory]
    [InlineData("https://scorecard.example.com/path")]
    [InlineData("")]
    [InlineData("user@host")]
    [InlineData("bad host")]
    public void Fill_RejectsAnythingButAHostName(string host) =>
        Assert.Throws<ArgumentException>(() => SlackManifestWriter.Fill("url: https://{{HOST_NAME}}/x", host));

    [Fact]
    public void Fill_AcceptsAHostWithPort_AndAStrayScheme() =>
        Assert.Equal("url: https://bot.example.com:8443/x", SlackManifestWriter.Fill("url: https://{{HOST_NAME}}/x", "https://bot.example.com:8443/"));
}

public sealed class OptionsTests
{
    [Theory]
    [InlineData("Slack:ClientId", "only-the-id", "ClientId and Slack:ClientSecret")]
    [InlineData("Slack:ApiBaseUrl", "http://slack.example.com/api/", "ApiBaseUrl")]
    [InlineData("Slack:BotToken", "xoxp-user-token", "bot token")]
    [InlineData("Slack:TimestampToleranceSeconds", "900", "TimestampToleranceSeconds")]
    public async Task BadSettings_FailAtStartup_WithAClearMessage(string key, string value, string expected)
    {
        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => SlackTestHost.StartAsync(settings: new() { [key] = value }));

        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public async Task MissingTurnHandler_IsAClearStartupError()
    {
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => SlackTestHost.StartAsync(services: s => s.RemoveAll<ISlackTurnHandler>()));

        Assert.Contains("ISlackTurnHandler", e.Message);
    }
}
