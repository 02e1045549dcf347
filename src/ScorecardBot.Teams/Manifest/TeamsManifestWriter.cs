using System.IO.Compression;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ScorecardBot.Teams.Manifest;

/// <summary>What makes the Teams app package specific to one deployment.</summary>
/// <param name="BotAppId">The bot's Microsoft App ID (a GUID), as in Teams:AppId.</param>
/// <param name="HostName">The public host name the bot runs on, e.g. "scorecard.contoso.com" (no scheme, no path).</param>
/// <param name="TeamsAppId">The Teams app's own id; defaults to the bot's app id.</param>
/// <param name="Version">The package version (semver); raise it with every manifest change.</param>
public sealed record TeamsManifestSettings(string BotAppId, string HostName, string? TeamsAppId = null, string Version = "1.0.0");

/// <summary>
/// Builds the Teams app package: the manifest template of manifests/teams with its ids and
/// {{PLACEHOLDERS}} filled in, plus the two icons, zipped as Teams' "Upload a custom app" expects.
/// </summary>
public static partial class TeamsManifestWriter
{
    public const string PackageFileName = "scorecardbot.zip";
    private static readonly string[] Files = ["manifest.json", "color.png", "outline.png"];

    // Indented, and text kept readable: the manifest is shown in Teams' admin pages, never in HTML.
    private static readonly JsonSerializerOptions Written = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// The manifest template filled for one deployment: the app's and the bot's ids set (the template
    /// holds the empty GUID there, so that it passes the Teams schema as committed) and every
    /// placeholder replaced; throws when a setting is not valid.
    /// </summary>
    public static string Fill(string template, TeamsManifestSettings settings)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(settings);
        var botAppId = RequireGuid(settings.BotAppId, nameof(settings.BotAppId));
        var teamsAppId = RequireGuid(settings.TeamsAppId ?? settings.BotAppId, nameof(settings.TeamsAppId));
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["HOST_NAME"] = RequireHostName(settings.HostName),
            ["APP_VERSION"] = SemVer().IsMatch(settings.Version)
                ? settings.Version
                : throw new ArgumentException($"Version '{settings.Version}' is not a semantic version such as 1.0.0.", nameof(settings)),
        };

        var filled = Placeholder().Replace(template, m => values.TryGetValue(m.Groups[1].Value, out var v)
            ? v
            : throw new InvalidOperationException($"The manifest template uses {{{{{m.Groups[1].Value}}}}}, which no setting fills."));
        var manifest = JsonNode.Parse(filled)!.AsObject();
        manifest["id"] = teamsAppId;
        foreach (var bot in manifest["bots"]?.AsArray() ?? [])
        {
            bot!["botId"] = botAppId;
        }

        return manifest.ToJsonString(Written);
    }

    /// <summary>
    /// Writes the package to <paramref name="outputPath"/> (default: {manifestFolder}/out/scorecardbot.zip)
    /// and returns its path. The folder must hold manifest.json, color.png and outline.png.
    /// </summary>
    public static string WritePackage(string manifestFolder, TeamsManifestSettings settings, string? outputPath = null)
    {
        foreach (var file in Files)
        {
            var path = Path.Combine(manifestFolder, file);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"The Teams manifest folder {manifestFolder} has no {file}.", path);
            }
        }

        var manifest = Fill(File.ReadAllText(Path.Combine(manifestFolder, "manifest.json")), settings);
        outputPath ??= Path.Combine(manifestFolder, "out", PackageFileName);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outputPath))!);
        var temporary = outputPath + ".tmp";
        using (var zip = ZipFile.Open(temporary, ZipArchiveMode.Create))
        {
            AddEntry(zip, "manifest.json", new UTF8Encoding(false).GetBytes(manifest));
            foreach (var icon in Files.Skip(1))
            {
                AddEntry(zip, icon, File.ReadAllBytes(Path.Combine(manifestFolder, icon)));
            }
        }

        File.Move(temporary, outputPath, overwrite: true);
        return outputPath;
    }

    private static void AddEntry(ZipArchive zip, string name, byte[] content)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);

        // A fixed timestamp makes the package byte-for-byte reproducible from the same inputs.
        entry.LastWriteTime = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var stream = entry.Open();
        stream.Write(content);
    }

    private static string RequireGuid(string value, string name) =>
        Guid.TryParseExact(value, "D", out _)
            ? value.ToLowerInvariant()
            : throw new ArgumentException($"{name} '{value}' must be a GUID such as 00000000-0000-0000-0000-000000000000 (the Microsoft App ID).", name);

    private static string RequireHostName(string value) =>
        !string.IsNullOrWhiteSpace(value) && Uri.CheckHostName(value) is UriHostNameType.Dns && !value.Contains('/', StringComparison.Ordinal)
            ? value.ToLowerInvariant()
            : throw new ArgumentException($"HostName '{value}' must be a DNS host name such as scorecard.contoso.com, without scheme or path.", nameof(value));

    [GeneratedRegex(@"\{\{([A-Z_]+)\}\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$")]
    private static partial Regex SemVer();
}
