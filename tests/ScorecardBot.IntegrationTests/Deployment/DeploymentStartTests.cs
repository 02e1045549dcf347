using System.Net;
using System.Text.Json;
using Npgsql;
using ScorecardBot.IntegrationTests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace ScorecardBot.IntegrationTests.Deployment;

/// <summary>
/// The bot, as its own process, started with the settings each way of deploying it gives: the
/// compose file (over the image's ENV), the Bicep template's app settings (over the image's ENV,
/// Key Vault references resolved) and the README's Teams set-up (user secrets, `dotnet run`). Each
/// must answer /healthz. The settings are read from the files themselves, so a setting a file
/// lacks fails here as it would fail the deployment. Two things are swapped for what the build
/// machine has: SQL Server (not available here) becomes a PostgreSQL database, and the port is a
/// free one given the same way the file gives it.
/// </summary>
public sealed class DeploymentStartTests : IAsyncLifetime
{
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(120);

    private readonly string _database = $"scorecard_deploy_{Guid.NewGuid():N}";
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("scorecard-deploy-");

    private static string Server => Environment.GetEnvironmentVariable(PostgresBot.ServerVariable) is { Length: > 0 } value ? value : PostgresBot.DefaultServer;

    private string ConnectionString => new NpgsqlConnectionStringBuilder(Server) { Database = _database }.ToString();

    public async Task InitializeAsync()
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server) { Database = "postgres", Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", connection);
        await create.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server) { Database = "postgres", Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
        _folder.Delete(recursive: true);
    }

    /// <summary>The .env a person writes beside the compose file for a Teams and Slack install.</summary>
    private static readonly Dictionary<string, string> DotEnv = new()
    {
        ["MSSQL_SA_PASSWORD"] = "Compose-Test-1",
        ["PUBLIC_BASE_URL"] = "https://scorecard.example.test",
        ["TEAMS_APP_ID"] = "6f8d1c2e-0b5a-4d7e-9c3f-2a1b0c9d8e7f",
        ["TEAMS_APP_PASSWORD"] = "teams-client-secret",
        ["TEAMS_TENANT_ID"] = "72f988bf-86f1-41af-91ab-2d7cd011db47",
        ["SLACK_SIGNING_SECRET"] = "8f742231b10e8888abcd99yyyzzz85a5",
        ["SLACK_BOT_TOKEN"] = "xoxb-compose-test",
    };

    [Fact]
    public async Task Compose_both_bots_start_with_the_compose_settings_the_second_after_the_first_and_sharing_its_keys()
    {
        var sql = DeploymentFiles.Service("sql");
        Assert.Null(sql.Get("ports")); // SQL Server is reachable from the bots only
        var bot2DependsOn = (YamlMappingNode)DeploymentFiles.Service("bot2").Get("depends_on")!;
        Assert.Equal("service_healthy", ((YamlMappingNode)bot2DependsOn.Get("bot1")!).Get("condition")!.ToString());

        var image = DeploymentFiles.DockerfileEnvironment();
        var volumes = new Dictionary<string, string>(StringComparer.Ordinal); // named volume -> folder standing in for it
        var keysFolders = new List<string>();
        foreach (var service in new[] { "bot1", "bot2" })
        {
            var settings = new Dictionary<string, string>(image, StringComparer.Ordinal);
            foreach (var (name, value) in DeploymentFiles.ComposeEnvironment(service, DotEnv))
            {
                settings[name] = value;
            }

            // The port the image listens on is the one the compose file publishes.
            var published = ((YamlSequenceNode)DeploymentFiles.Service(service).Get("ports")!).Children.Select(p => p.ToString().Split(':')[^1]).ToList();
            Assert.Contains(settings["ASPNETCORE_HTTP_PORTS"], published);
            var port = HostProcess.FreePort();
            settings["ASPNETCORE_HTTP_PORTS"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);

            // SQL Server, as the compose file names it, becomes this test's PostgreSQL database.
            Assert.Equal("SqlServer", settings["Database__Provider"]);
            Assert.StartsWith("Server=sql;", settings["ConnectionStrings__Scorecard"], StringComparison.Ordinal);
            settings["Database__Provider"] = "Postgres";
            settings["ConnectionStrings__Scorecard"] = ConnectionString;

            // Container paths on a named volume become a folder per volume, shared as the volume is.
            foreach (var mount in ((YamlSequenceNode)DeploymentFiles.Service(service).Get("volumes")!).Children.Select(v => v.ToString().Split(':')))
            {
                var folder = volumes.TryGetValue(mount[0], out var existing) ? existing : volumes[mount[0]] = _folder.CreateSubdirectory(mount[0]).FullName;
                foreach (var name in settings.Keys.ToList())
                {
                    if (settings[name] == mount[1] || settings[name].StartsWith(mount[1] + "/", StringComparison.Ordinal))
                    {
                        settings[name] = folder + settings[name][mount[1].Length..];
                    }
                }
            }

            Assert.True(settings.TryGetValue("DataProtection__KeysFolder", out var keys) && volumes.ContainsValue(keys),
                $"{service} must keep its Data Protection keys on a volume: the instances read each other's Slack tokens and chart links.");
            keysFolders.Add(keys!);

            await using var bot = HostProcess.Start(settings, _folder.FullName);
            var health = await bot.WaitHealthyAsync(new Uri($"http://127.0.0.1:{port}"), StartPatience);
            Assert.Equal("Healthy", JsonDocument.Parse(health).RootElement.GetProperty("status").GetString());
        }

        // One key ring for both: each reads the Slack tokens and accepts the chart links of the other.
        Assert.Single(keysFolders.Distinct());
    }

    [Fact]
    public async Task Bicep_the_app_starts_with_the_templates_app_settings()
    {
        var appSettings = DeploymentFiles.BicepAppSettings(
            secureParameters: new Dictionary<string, string>
            {
                ["botAppPassword"] = "teams-client-secret",
                ["slackSigningSecret"] = "8f742231b10e8888abcd99yyyzzz85a5",
                ["slackBotToken"] = "xoxb-bicep-test",
            },
            resourceValues: new Dictionary<string, string>
            {
                ["suffix"] = "t3st",
                ["botTenantId"] = "72f988bf-86f1-41af-91ab-2d7cd011db47",
                ["sqlServer.properties.fullyQualifiedDomainName"] = "scorecardbot-sql-t3st.database.windows.net",
                ["sqlDb.name"] = "ScorecardBot",
                ["vault.name"] = "scorecardbotkvt3st",
                ["secretBotPassword.name"] = "teams-app-password",
            });
        var settings = new Dictionary<string, string>(DeploymentFiles.DockerfileEnvironment(), StringComparer.Ordinal);
        foreach (var (name, value) in appSettings)
        {
            settings[name] = value;
        }

        // App Service sends traffic to WEBSITES_PORT: the port the image listens on.
        Assert.Equal(settings["ASPNETCORE_HTTP_PORTS"], settings["WEBSITES_PORT"]);
        var port = HostProcess.FreePort();
        settings["ASPNETCORE_HTTP_PORTS"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal("SqlServer", settings["Database__Provider"]);
        Assert.Contains("Authentication=Active Directory Default", settings["ConnectionStrings__Scorecard"], StringComparison.Ordinal);
        settings["Database__Provider"] = "Postgres";
        settings["ConnectionStrings__Scorecard"] = ConnectionString;

        // With several instances the keys must be on the storage they share (/home, mounted when
        // WEBSITES_ENABLE_APP_SERVICE_STORAGE is true); here /home is a test folder.
        Assert.Equal("true", settings.GetValueOrDefault("WEBSITES_ENABLE_APP_SERVICE_STORAGE"));
        Assert.StartsWith("/home/", settings.GetValueOrDefault("DataProtection__KeysFolder") ?? "", StringComparison.Ordinal);
        settings["DataProtection__KeysFolder"] = Path.Combine(_folder.FullName, "home", settings["DataProtection__KeysFolder"]["/home/".Length..]);

        await using var bot = HostProcess.Start(settings, _folder.FullName);
        var health = await bot.WaitHealthyAsync(new Uri($"http://127.0.0.1:{port}"), StartPatience);
        Assert.Equal("Healthy", JsonDocument.Parse(health).RootElement.GetProperty("status").GetString());

        // Teams is configured from the app settings: an unsigned activity is refused.
        using var client = new HttpClient();
        using var unsigned = await client.PostAsync(new Uri($"http://127.0.0.1:{port}/api/messages"), new StringContent("""{"type":"message","text":"help"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
    }

    /// <summary>
    /// README, Teams: the settings go into user secrets with `dotnet user-secrets set`, and
    /// `dotnet run` (Development, the launch profile) starts the bot with them.
    /// </summary>
    [Fact]
    public async Task Readme_teams_the_bot_starts_with_the_readmes_user_secrets()
    {
        var commands = DeploymentFiles.UserSecretsCommands("### Teams");
        Assert.NotEmpty(commands);
        var placeholders = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["APP-ID"] = "6f8d1c2e-0b5a-4d7e-9c3f-2a1b0c9d8e7f",
            ["TENANT-ID"] = "72f988bf-86f1-41af-91ab-2d7cd011db47",
            ["CLIENT-SECRET"] = "teams-client-secret",
            ["https://YOUR-HOST"] = "https://scorecard.example.test",
        };
        var secrets = commands.ToDictionary(c => c.Key, c => placeholders.GetValueOrDefault(c.Value, c.Value));
        Assert.Contains("Teams:AppId", secrets.Keys);

        // Where `dotnet user-secrets set` writes on Linux: ~/.microsoft/usersecrets/<UserSecretsId>/secrets.json.
        var home = _folder.CreateSubdirectory("home");
        var store = Directory.CreateDirectory(Path.Combine(home.FullName, ".microsoft", "usersecrets", DeploymentFiles.UserSecretsId()));
        await File.WriteAllTextAsync(Path.Combine(store.FullName, "secrets.json"), JsonSerializer.Serialize(secrets));

        using var launch = JsonDocument.Parse(DeploymentFiles.Read("src/ScorecardBot/Properties/launchSettings.json"));
        var profile = launch.RootElement.GetProperty("profiles").GetProperty("ScorecardBot");
        var settings = profile.GetProperty("environmentVariables").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        Assert.Equal("Development", settings["ASPNETCORE_ENVIRONMENT"]);
        var port = HostProcess.FreePort();
        settings["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}"; // the launch profile's applicationUrl, on a free port
        settings["HOME"] = home.FullName;

        await using var bot = HostProcess.Start(settings, _folder.FullName);
        var health = await bot.WaitHealthyAsync(new Uri($"http://127.0.0.1:{port}"), StartPatience);
        Assert.Equal("Healthy", JsonDocument.Parse(health).RootElement.GetProperty("status").GetString());

        // The secrets were read: Teams is on, so an unsigned activity is refused (local mode would take it).
        using var client = new HttpClient();
        using var unsigned = await client.PostAsync(new Uri($"http://127.0.0.1:{port}/api/messages"), new StringContent("""{"type":"message","text":"help"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
    }

    /// <summary>Containers and App Service say where to listen with the standard settings; each one works.</summary>
    [Theory]
    [InlineData("ASPNETCORE_URLS")]
    [InlineData("ASPNETCORE_HTTP_PORTS")]
    [InlineData("--urls")]
    public async Task The_standard_listening_settings_decide_where_the_bot_listens(string how)
    {
        var port = HostProcess.FreePort();
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Scorecard"] = $"Data Source={Path.Combine(_folder.FullName, "listen.db")}",
        };
        string[] arguments = [];
        switch (how)
        {
            case "ASPNETCORE_URLS":
                settings["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
                break;
            case "ASPNETCORE_HTTP_PORTS":
                settings["ASPNETCORE_HTTP_PORTS"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
                break;
            default:
                arguments = ["--urls", $"http://127.0.0.1:{port}"];
                break;
        }

        await using var bot = HostProcess.Start(settings, _folder.FullName, arguments);
        var health = await bot.WaitHealthyAsync(new Uri($"http://127.0.0.1:{port}"), StartPatience);
        Assert.Equal("Healthy", JsonDocument.Parse(health).RootElement.GetProperty("status").GetString());
    }
}
