namespace ScorecardBot.Slack.Manifest;

/// <summary>Fills the Slack app manifest template (manifests/slack/manifest.yml) with the public host name.</summary>
public static class SlackManifestWriter
{
    public const string Placeholder = "{{HOST_NAME}}";

    /// <summary>Replaces every placeholder; throws <see cref="ArgumentException"/> for anything but a bare host[:port].</summary>
    public static string Fill(string template, string hostName)
    {
        ArgumentNullException.ThrowIfNull(template);
        var host = NormalizeHost(hostName);
        if (!template.Contains(Placeholder, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The manifest template has no {Placeholder} placeholder.", nameof(template));
        }


        return template.Replace(Placeholder, host, StringComparison.Ordinal);
    }

    /// <summary>
    /// Reads <c>{manifestDirectory}/manifest.yml</c>, fills it and writes <c>{manifestDirectory}/out/manifest.yml</c>;
    /// returns that path. A template with the App Home Messages tab off is refused.
    /// </summary>
    public static async Task<string> WriteAsync(string manifestDirectory, string hostName, CancellationToken ct = default)
    {
        var template = await File.ReadAllTextAsync(Path.Combine(manifestDirectory, "manifest.yml"), ct);

        // Prompts are direct messages: with the App Home Messages tab off, Slack refuses them
        // (messages_tab_disabled) and people could not answer the bot 1:1 either.
        if (!HasSetting(template, "messages_tab_enabled", "true") || HasSetting(template, "messages_tab_read_only_enabled", "true"))
        {
            throw new ArgumentException(
                "The manifest template must enable the App Home Messages tab (features.app_home.messages_tab_enabled: true, messages_tab_read_only_enabled: false): prompts are direct messages.",
                nameof(manifestDirectory));
        }

        var filled = Fill(template, hostName);
        var outDir = Path.Combine(manifestDirectory, "out");
        Directory.CreateDirectory(outDir);
        var path = Path.Combine(outDir, "manifest.yml");
        await File.WriteAllTextAsync(path, filled, ct);
        return path;
    }

    private static bool HasSetting(string yaml, string key, string value) =>
        yaml.Split('\n').Any(line => line.Trim() == $"{key}: {value}");

    private static string NormalizeHost(string hostName)
    {
        var host = hostName?.Trim() ?? "";
        if (host.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            host = host["https://".Length..];
        }

        host = host.TrimEnd('/');
        var name = host;
        var colon = host.LastIndexOf(':');
        if (colon > 0 && !host.EndsWith(']') && int.TryParse(host.AsSpan(colon + 1), out var port) && port is > 0 and < 65536)
        {
            name = host[..colon];
        }

        if (host.Length == 0 || host.Contains('/') || host.Contains('@') || Uri.CheckHostName(name) is UriHostNameType.Unknown or UriHostNameType.Basic)
        {
            throw new ArgumentException($"'{hostName}' is not a host name (expected e.g. scorecard.example.com, without scheme or path).", nameof(hostName));
        }

        return host.ToLowerInvariant();
    }
}
