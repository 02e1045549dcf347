using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace ScorecardBot.IntegrationTests.Deployment;

/// <summary>
/// Reads the settings the deployment files give the bot, the way Docker Compose and App Service
/// would: the image's ENV, the compose file's environment with its ${VARIABLE} substitutions, the
/// Bicep template's app settings with its parameters and Key Vault references resolved.
/// </summary>
internal static partial class DeploymentFiles
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "ScorecardBot.sln")))
        {
            dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("ScorecardBot.sln not found above the test folder.");
        }

        return dir;
    }

    public static string Read(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath));

    /// <summary>The ENV settings of infra/Dockerfile (KEY=value pairs, lines joined at a trailing backslash).</summary>
    public static Dictionary<string, string> DockerfileEnvironment()
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in Read("infra/Dockerfile").Replace("\\\n", " ", StringComparison.Ordinal).Split('\n').Where(l => l.StartsWith("ENV ", StringComparison.Ordinal)))
        {
            foreach (Match pair in EnvPair().Matches(line[4..]))
            {
                settings[pair.Groups[1].Value] = pair.Groups[2].Value.Trim('"');
            }
        }

        return settings;
    }

    [GeneratedRegex("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|\\S+)")]
    private static partial Regex EnvPair();

    // ---- Docker Compose ------------------------------------------------------------------

    public static YamlMappingNode ComposeServices()
    {
        var stream = new YamlStream();
        using var reader = new StringReader(Read("infra/docker-compose.yml"));
        stream.Load(reader);
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        return (YamlMappingNode)root.Children[new YamlScalarNode("services")];
    }

    public static YamlMappingNode Service(string name) => Merged((YamlMappingNode)ComposeServices().Children[new YamlScalarNode(name)]);

    /// <summary>A mapping with its YAML merge keys (<c>&lt;&lt;: *anchor</c>) applied, recursively.</summary>
    public static YamlMappingNode Merged(YamlMappingNode node)
    {
        var result = new YamlMappingNode();
        if (node.Children.TryGetValue(new YamlScalarNode("<<"), out var bases))
        {
            foreach (var baseNode in bases is YamlSequenceNode list ? list.Children : [bases])
            {
                foreach (var (key, value) in Merged((YamlMappingNode)baseNode).Children)
                {
                    result.Children[key] = value;
                }
            }
        }

        foreach (var (key, value) in node.Children)
        {
            if (key.ToString() != "<<")
            {
                result.Children[key] = value is YamlMappingNode mapping ? Merged(mapping) : value;
            }
        }

        return result;
    }

    public static YamlNode? Get(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    /// <summary>A service's environment with the compose file's substitutions made from <paramref name="dotEnv"/>.</summary>
    public static Dictionary<string, string> ComposeEnvironment(string service, IReadOnlyDictionary<string, string> dotEnv)
    {
        var environment = (YamlMappingNode)Service(service).Get("environment")!;
        return environment.Children.ToDictionary(p => p.Key.ToString(), p => Substitute(((YamlScalarNode)p.Value).Value ?? "", dotEnv), StringComparer.Ordinal);
    }

    /// <summary>
    /// Compose's interpolation: ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, ${VAR?error}
    /// and $$ for a literal dollar. A required variable that is missing fails the test as compose
    /// would refuse to start.
    /// </summary>
    public static string Substitute(string value, IReadOnlyDictionary<string, string> dotEnv) =>
        Interpolation().Replace(value, m =>
        {
            if (m.Value == "$$")
            {
                return "$";
            }

            var name = m.Groups["name"].Value;
            var op = m.Groups["op"].Value;
            var arg = m.Groups["arg"].Value;
            var isSet = dotEnv.TryGetValue(name, out var given);
            var isNonEmpty = !string.IsNullOrEmpty(given);
            return op switch
            {
                ":-" => isNonEmpty ? given! : arg,
                "-" => isSet ? given! : arg,
                ":?" => isNonEmpty ? given! : throw new InvalidOperationException($"compose refuses to start: {name}: {arg}"),
                "?" => isSet ? given! : throw new InvalidOperationException($"compose refuses to start: {name}: {arg}"),
                _ => given ?? "",
            };
        });

    [GeneratedRegex(@"\$\$|\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?<op>:-|-|:\?|\?)(?<arg>[^}]*))?\}")]
    private static partial Regex Interpolation();

    // ---- Bicep ---------------------------------------------------------------------------

    /// <summary>
    /// The app settings of infra/azure/main.bicep as App Service hands them to the container:
    /// expressions evaluated with the parameters file (secure parameters from <paramref name="secureParameters"/>,
    /// resource properties from <paramref name="resourceValues"/>) and Key Vault references replaced
    /// by the secret they name.
    /// </summary>
    public static Dictionary<string, string> BicepAppSettings(IReadOnlyDictionary<string, string> secureParameters, IReadOnlyDictionary<string, string> resourceValues)
    {
        var bicep = Read("infra/azure/main.bicep");
        var values = new Dictionary<string, string>(resourceValues, StringComparer.Ordinal);

        // Parameter defaults, then the parameters file, then the secure values a deployment supplies.
        foreach (Match param in ParamLine().Matches(bicep))
        {
            if (param.Groups["default"].Success && Evaluate(param.Groups["default"].Value.Trim(), values) is { } value)
            {
                values[param.Groups["name"].Value] = value;
            }
        }

        using var parameters = JsonDocument.Parse(Read("infra/azure/main.parameters.json"));
        foreach (var parameter in parameters.RootElement.GetProperty("parameters").EnumerateObject())
        {
            if (parameter.Value.TryGetProperty("value", out var v))
            {
                values[parameter.Name] = v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText();
            }
        }

        foreach (var (name, value) in secureParameters)
        {
            values[name] = value;
        }

        foreach (Match variable in VarLine().Matches(bicep))
        {
            if (!values.ContainsKey(variable.Groups["name"].Value))
            {
                values[variable.Groups["name"].Value] = Evaluate(variable.Groups["value"].Value.Trim(), values)
                    ?? throw new InvalidOperationException($"The test cannot evaluate var {variable.Groups["name"].Value}; give it in resourceValues.");
            }
        }

        // Key Vault secrets: name -> the parameter each one holds.
        var secrets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match secret in SecretResource().Matches(bicep))
        {
            secrets[secret.Groups["secret"].Value] = values.GetValueOrDefault(secret.Groups["param"].Value) ?? "";
        }

        var appSettings = bicep[bicep.IndexOf("appSettings: [", StringComparison.Ordinal)..];
        appSettings = appSettings[..appSettings.IndexOf("\n      ]", StringComparison.Ordinal)];
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match setting in AppSetting().Matches(appSettings))
        {
            var value = Evaluate(setting.Groups["value"].Value.Trim(), values)
                ?? throw new InvalidOperationException($"The test cannot evaluate the app setting {setting.Groups["name"].Value}: {setting.Groups["value"].Value}");
            // App Service resolves a Key Vault reference to the secret's value before the app starts.
            var reference = KeyVaultReference().Match(value);
            if (reference.Success)
            {
                var name = reference.Groups["secret"].Value;
                value = secrets.TryGetValue(name, out var secretValue)
                    ? secretValue
                    : throw new InvalidOperationException($"The app setting {setting.Groups["name"].Value} names the Key Vault secret {name}, which the template does not create.");
            }

            settings[setting.Groups["name"].Value] = value;
        }

        return settings;
    }

    /// <summary>
    /// The few Bicep expressions the app settings use: a string with ${...} interpolations of
    /// names and dotted paths, a bare name, <c>empty(x) ? a : b</c>, and numbers.
    /// </summary>
    private static string? Evaluate(string expression, IReadOnlyDictionary<string, string> values)
    {
        var conditional = Conditional().Match(expression);
        if (conditional.Success)
        {
            var tested = values.GetValueOrDefault(conditional.Groups["name"].Value) ?? "";
            return Evaluate(string.IsNullOrEmpty(tested) ? conditional.Groups["then"].Value.Trim() : conditional.Groups["else"].Value.Trim(), values);
        }

        if (expression.Length >= 2 && expression[0] == '\'' && expression[^1] == '\'')
        {
            string? missing = null;
            var text = Placeholder().Replace(expression[1..^1], m =>
            {
                if (values.TryGetValue(m.Groups[1].Value, out var value))
                {
                    return value;
                }

                missing = m.Groups[1].Value;
                return "";
            });
            return missing is null ? text : throw new InvalidOperationException($"The test has no value for {missing} in {expression}; give it in resourceValues.");
        }

        if (values.TryGetValue(expression, out var named))
        {
            return named;
        }

        return long.TryParse(expression, out _) ? expression : null;
    }

    [GeneratedRegex(@"^param (?<name>\w+) \w+(?: = (?<default>.+))?$", RegexOptions.Multiline)]
    private static partial Regex ParamLine();

    [GeneratedRegex(@"^var (?<name>\w+) = (?<value>.+)$", RegexOptions.Multiline)]
    private static partial Regex VarLine();

    [GeneratedRegex(@"resource \w+ 'Microsoft\.KeyVault/vaults/secrets@[^']+' = (?:if \(.+?\) )?\{\s*parent: \w+\s*name: '(?<secret>[^']+)'\s*properties: \{\s*value: (?<param>\w+)")]
    private static partial Regex SecretResource();

    [GeneratedRegex(@"\{ name: '(?<name>[^']+)', value: (?<value>.+) \}")]
    private static partial Regex AppSetting();

    [GeneratedRegex(@"^empty\((?<name>\w+)\) \? (?<then>'[^']*'|\w+) : (?<else>.+)$")]
    private static partial Regex Conditional();

    [GeneratedRegex(@"\$\{([\w.]+)\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^@Microsoft\.KeyVault\(VaultName=[^;]+;SecretName=(?<secret>[^)]+)\)$")]
    private static partial Regex KeyVaultReference();

    // ---- README --------------------------------------------------------------------------

    /// <summary>The <c>dotnet user-secrets set KEY VALUE</c> commands of a README section, in order.</summary>
    public static List<(string Key, string Value)> UserSecretsCommands(string heading)
    {
        var readme = Read("README.md");
        var start = readme.IndexOf("\n" + heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"README has no section {heading}");
        var end = readme.IndexOf("\n### ", start + heading.Length + 2, StringComparison.Ordinal);
        var section = readme[start..(end < 0 ? readme.Length : end)];
        return [.. UserSecretsSet().Matches(section).Select(m => (m.Groups["key"].Value, m.Groups["value"].Value.Trim('"')))];
    }

    [GeneratedRegex(@"dotnet user-secrets set (?<key>\S+) (?<value>""[^""]*""|\S+) --project src/ScorecardBot")]
    private static partial Regex UserSecretsSet();

    /// <summary>The UserSecretsId of the host project, where `dotnet user-secrets` keeps its file.</summary>
    public static string UserSecretsId() =>
        Regex.Match(Read("src/ScorecardBot/ScorecardBot.csproj"), "<UserSecretsId>([^<]+)</UserSecretsId>") is { Success: true } m
            ? m.Groups[1].Value
            : throw new InvalidOperationException("src/ScorecardBot/ScorecardBot.csproj has no UserSecretsId.");
}
