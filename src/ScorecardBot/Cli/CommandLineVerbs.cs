namespace ScorecardBot.Cli;

/// <summary>A command-line verb of the host ("migrate", "import FILE", …).</summary>
internal interface ICommandLineVerb
{
    string Name { get; }
    string Usage { get; }
    string Description { get; }

    /// <summary>Runs the verb; returns the process exit code (0 success, 1 failure, 2 usage error).</summary>
    Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, TextWriter error);
}

internal static class CommandLineVerbs
{
    private static readonly ICommandLineVerb[] All =
    [
        new MigrateVerb(),
        new ImportVerb(),
        new ExportVerb(),
        new ImportActualsVerb(),
        new ImportHolidaysVerb(),
        new ManifestVerb(),
        new SetupCodeVerb(),
        new HealthCheckVerb(),
        new HelpVerb(),
    ];

    public static IReadOnlyList<ICommandLineVerb> Verbs => All;

    /// <summary>The verb named by the first argument, or null when the host should just run.</summary>
    public static ICommandLineVerb? Find(string[] args) =>
        args.Length == 0 || args[0].StartsWith('-') ? null
        : All.FirstOrDefault(v => string.Equals(v.Name, args[0], StringComparison.OrdinalIgnoreCase))
          ?? new UnknownVerb(args[0]);

    /// <summary>The arguments after the verb that are not configuration overrides.</summary>
    public static IReadOnlyList<string> VerbArgs(string[] args) =>
        [.. args.Skip(1).Where(a => !IsConfigurationOverride(a))];

    /// <summary>"--Section:Key=value" overrides, handed to the configuration system.</summary>
    public static string[] ConfigurationArgs(string[] args) => [.. args.Skip(1).Where(IsConfigurationOverride)];

    private static bool IsConfigurationOverride(string arg) => arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains('=');

    private sealed class UnknownVerb(string name) : ICommandLineVerb
    {
        public string Name => name;
        public string Usage => name;
        public string Description => "";

        public Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, TextWriter error)
        {
            error.WriteLine($"'{name}' is not a command. {HelpVerb.Text}");
            return Task.FromResult(2);
        }
    }
}

internal sealed class HelpVerb : ICommandLineVerb
{
    public string Name => "help";
    public string Usage => "help";
    public string Description => "lists the commands";

    public static string Text =>
        "Commands:" + Environment.NewLine + string.Join(Environment.NewLine,
            CommandLineVerbs.Verbs.Select(v => $"  {v.Usage,-34} {v.Description}")) + Environment.NewLine +
        "Without a command the bot runs. Settings can be given as --Section:Key=value.";

    public Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        output.WriteLine(Text);
        return Task.FromResult(0);
    }
}

/// <summary>Probes a health URL; used by the container's HEALTHCHECK where no curl is installed.</summary>
internal sealed class HealthCheckVerb : ICommandLineVerb
{
    public string Name => "healthcheck";
    public string Usage => "healthcheck [URL]";
    public string Description => "exits 0 when URL (default http://127.0.0.1:8080/healthz) answers 200";

    public async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        var url = args.Count > 0 ? args[0] : "http://127.0.0.1:8080/healthz";
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await http.GetAsync(new Uri(url));
            output.WriteLine($"{(int)response.StatusCode} {url}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or UriFormatException)
        {
            error.WriteLine($"{url}: {e.Message}");
            return 1;
        }
    }
}
