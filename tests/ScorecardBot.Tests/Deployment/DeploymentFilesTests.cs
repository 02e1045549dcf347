using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace ScorecardBot.Tests.Deployment;

/// <summary>
/// The deployment files cannot run on the build machines (no Docker engine, no Azure); what can be
/// checked is checked here: they parse, and they stay in step with the product's commands and settings.
/// </summary>
public class DeploymentFilesTests
{
    private static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "ScorecardBot.sln")))
        {
            dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("ScorecardBot.sln not found above the test folder.");
        }

        return dir;
    }

    private static YamlMappingNode Yaml(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Path.Combine(Root, path));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    [Fact]
    public void Compose_runs_two_bot_instances_clustered_on_one_sql_server()
    {
        var services = (YamlMappingNode)Yaml("infra/docker-compose.yml").Children[new YamlScalarNode("services")];
        var names = services.Children.Keys.Select(k => k.ToString()).ToList();
        Assert.Contains("sql", names);
        Assert.Contains("bot1", names);
        Assert.Contains("bot2", names);
        var image = ((YamlMappingNode)services.Children[new YamlScalarNode("sql")]).Children[new YamlScalarNode("image")].ToString();
        Assert.StartsWith("mcr.microsoft.com/mssql/server:2022", image, StringComparison.Ordinal);
        var text = File.ReadAllText(Path.Combine(Root, "infra/docker-compose.yml"));
        Assert.Contains("Database__Provider: SqlServer", text, StringComparison.Ordinal);
        Assert.Contains("Scheduler__Clustered: \"true\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Ci_workflow_runs_the_readme_test_command_and_builds_the_image()
    {
        var jobs = (YamlMappingNode)Yaml(".github/workflows/ci.yml").Children[new YamlScalarNode("jobs")];
        var text = File.ReadAllText(Path.Combine(Root, ".github/workflows/ci.yml"));
        Assert.Contains("./test.sh", text, StringComparison.Ordinal);
        Assert.Contains("docker build -f infra/Dockerfile", text, StringComparison.Ordinal);
        Assert.Equal(["test", "docker"], jobs.Children.Keys.Select(k => k.ToString()));
        Assert.Contains("./test.sh", File.ReadAllText(Path.Combine(Root, ".ci/run")), StringComparison.Ordinal);
    }

    [Fact]
    public void Dockerfile_publishes_the_host_runs_as_non_root_and_checks_health()
    {
        var lines = File.ReadAllLines(Path.Combine(Root, "infra/Dockerfile"));
        // The SDK stage runs on the build platform and cross-compiles for TARGETARCH (no emulation).
        Assert.Contains(lines, l => l.StartsWith("FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet:10.0", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("dotnet publish src/ScorecardBot/ScorecardBot.csproj", StringComparison.Ordinal));
        // Restore and publish agree on the architecture and on ReadyToRun, or publish with --no-restore fails.
        Assert.All(
            lines.Where(l => l.StartsWith("RUN dotnet restore", StringComparison.Ordinal) || l.StartsWith("RUN dotnet publish", StringComparison.Ordinal)),
            l => Assert.Contains("-a $TARGETARCH", l, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("-p:PublishReadyToRun=true --no-restore", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("RUN dotnet restore", StringComparison.Ordinal) && l.Contains("-p:PublishReadyToRun=true", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Trim() == "USER app");
        // The health check uses the host's own verb: the runtime image has no curl.
        Assert.Contains(lines, l => l.Contains("\"healthcheck\"", StringComparison.Ordinal));
        Assert.Contains(Cli.CommandLineVerbs.Verbs, v => v.Name == "healthcheck");
    }

    /// <summary>
    /// README: <c>dotnet run --project src/ScorecardBot -- manifest</c>. <c>dotnet run</c> starts the
    /// program in the folder the command was typed in (the repository root, or any folder below it),
    /// so the verb looks for the repository's manifests upward from there.
    /// </summary>
    [Fact]
    public void The_manifest_verb_finds_the_repositorys_manifests_from_the_project_folder_but_not_from_elsewhere()
    {
        Assert.Equal(Path.Combine(Root, "manifests"), Cli.ManifestVerb.FindManifestFolder(Path.Combine(Root, "src", "ScorecardBot")));
        Assert.Equal(Path.Combine(Root, "manifests"), Cli.ManifestVerb.FindManifestFolder(Path.GetTempPath(), Root));
        Assert.Null(Cli.ManifestVerb.FindManifestFolder(Path.GetTempPath()));
    }

    /// <summary>
    /// The image must listen where EXPOSE and the health check say, set the standard way. A
    /// settings file outranks the ASPNETCORE_ prefixed environment variables, so appsettings.json
    /// must not name where to listen (Urls), or ASPNETCORE_URLS, ASPNETCORE_HTTP_PORTS and the
    /// Dockerfile's own setting would be silently ignored.
    /// </summary>
    [Fact]
    public void The_image_listens_on_port_8080_and_no_Dockerfile_setting_is_shadowed_by_appsettings()
    {
        var environment = DockerfileEnvironment(File.ReadAllText(Path.Combine(Root, "infra/Dockerfile")));

        using var appsettings = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "src/ScorecardBot/appsettings.json")));
        var configured = Keys(appsettings.RootElement, "").ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.DoesNotContain("Urls", configured);
        Assert.DoesNotContain("Http_Ports", configured);
        var shadowed = environment.Keys
            .Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal))
            .Where(k => configured.Contains(k["ASPNETCORE_".Length..].Replace("__", ":", StringComparison.Ordinal)))
            .ToList();
        Assert.True(shadowed.Count == 0, $"appsettings.json overrides {string.Join(", ", shadowed)}.");
        Assert.Equal("8080", environment.GetValueOrDefault("ASPNETCORE_HTTP_PORTS"));
        Assert.False(environment.ContainsKey("Urls"), "Urls in the image would override the platform's ASPNETCORE_URLS.");

        using var launch = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "src/ScorecardBot/Properties/launchSettings.json")));
        Assert.Equal("http://localhost:3978", launch.RootElement.GetProperty("profiles").GetProperty("ScorecardBot").GetProperty("applicationUrl").GetString());

        static IEnumerable<string> Keys(JsonElement element, string prefix) =>
            element.ValueKind == JsonValueKind.Object
                ? element.EnumerateObject().SelectMany(p => Keys(p.Value, prefix + p.Name + ":").Prepend(prefix + p.Name))
                : [];
    }

    /// <summary>The ENV settings of a Dockerfile (KEY=value pairs, lines joined at a trailing backslash).</summary>
    private static Dictionary<string, string> DockerfileEnvironment(string dockerfile)
    {
        var joined = dockerfile.Replace("\\\n", " ", StringComparison.Ordinal).Split('\n');
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in joined.Where(l => l.StartsWith("ENV ", StringComparison.Ordinal)))
        {
            foreach (System.Text.RegularExpressions.Match pair in System.Text.RegularExpressions.Regex.Matches(line[4..], "([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|\\S+)"))
            {
                settings[pair.Groups[1].Value] = pair.Groups[2].Value.Trim('"');
            }
        }

        return settings;
    }

    [Fact]
    public void Bicep_parameters_parse_and_name_every_required_parameter()
    {
        using var parameters = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "infra/azure/main.parameters.json")));
        var given = parameters.RootElement.GetProperty("parameters").EnumerateObject().Select(p => p.Name).ToHashSet();
        var bicep = File.ReadAllLines(Path.Combine(Root, "infra/azure/main.bicep"));
        // A parameter without a default value must be given by the parameters file.
        var required = bicep.Where(l => l.StartsWith("param ", StringComparison.Ordinal) && !l.Contains('=', StringComparison.Ordinal))
            .Select(l => l.Split(' ')[1]).ToList();
        Assert.NotEmpty(required);
        Assert.All(required, name => Assert.Contains(name, given));
        Assert.Contains(bicep, l => l.Contains("'Microsoft.BotService/botServices/channels@", StringComparison.Ordinal));
        Assert.Contains(bicep, l => l.Contains("@Microsoft.KeyVault(", StringComparison.Ordinal));
    }
}
