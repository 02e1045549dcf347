using Microsoft.Extensions.Options;
using ScorecardBot.Hosting;
using ScorecardBot.Slack.Manifest;
using ScorecardBot.Teams.Manifest;

namespace ScorecardBot.Cli;

/// <summary>Writes the Teams app package and the Slack app manifest for this deployment's host name.</summary>
internal sealed class ManifestVerb : ICommandLineVerb
{
    public string Name => "manifest";
    public string Usage => "manifest";
    public string Description => "writes manifests/teams/out/scorecardbot.zip and manifests/slack/out/manifest.yml";

    public async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var baseUrl = services.GetRequiredService<IOptions<BotOptions>>().Value.PublicBaseUrl;
        var host = new Uri(baseUrl).Authority;
        var folder = FindManifestFolder(Directory.GetCurrentDirectory(), AppContext.BaseDirectory);
        if (folder is null)
        {
            error.WriteLine("No manifests folder (with teams/manifest.json) here, above here or beside the program; run from the repository.");
            return 1;
        }

        var appId = configuration["Teams:AppId"];
        if (string.IsNullOrWhiteSpace(appId))
        {
            error.WriteLine("Teams:AppId is not set: the Teams package needs the bot's app id (skipped).");
        }
        else
        {
            var zip = TeamsManifestWriter.WritePackage(Path.Combine(folder, "teams"),
                new TeamsManifestSettings(appId, host, configuration["Teams:ManifestAppId"], configuration["Teams:ManifestVersion"] ?? "1.0.0"));
            output.WriteLine($"Wrote {zip}");
        }

        var slack = await SlackManifestWriter.WriteAsync(Path.Combine(folder, "slack"), host);
        output.WriteLine($"Wrote {slack}");
        if (host.StartsWith("localhost", StringComparison.OrdinalIgnoreCase))
        {
            error.WriteLine("PublicBaseUrl is local: set it to the public https address Teams and Slack will call.");
        }

        return string.IsNullOrWhiteSpace(appId) ? 1 : 0;
    }

    /// <summary>
    /// The repository's manifests folder, looked for in each start folder and the folders above it:
    /// <c>dotnet run --project src/ScorecardBot</c> runs the program in the project's folder, not
    /// where the command was typed.
    /// </summary>
    internal static string? FindManifestFolder(params string[] starts)
    {
        foreach (var start in starts)
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                var manifests = Path.Combine(folder.FullName, "manifests");
                if (File.Exists(Path.Combine(manifests, "teams", "manifest.json")))
                {
                    return manifests;
                }
            }
        }

        return null;
    }
}
