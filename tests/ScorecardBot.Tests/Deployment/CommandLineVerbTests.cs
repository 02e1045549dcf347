using System.Diagnostics;

namespace ScorecardBot.Tests.Deployment;

/// <summary>
/// The README's scorecard-as-code commands, run as printed (<c>dotnet run --project .../src/ScorecardBot -- VERB</c>)
/// from a folder of the person's own: paths are relative to where the command was typed, and a
/// database with several organizations asks for <c>--org</c>, naming them.
/// </summary>
public sealed class CommandLineVerbTests : IDisposable
{
    private static readonly string Root = FindRoot();
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("scorecard-cli-");

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public async Task Verbs_read_paths_from_where_the_command_was_typed_and_ask_for_the_organization_by_name()
    {
        File.Copy(Path.Combine(Root, "samples", "manufacturing.yaml"), Path.Combine(_work.FullName, "company.yaml"));
        File.Copy(Path.Combine(Root, "samples", "logistics.yaml"), Path.Combine(_work.FullName, "fleet.yaml"));
        File.Copy(Path.Combine(Root, "samples", "manufacturing.actuals.csv"), Path.Combine(_work.FullName, "history.csv"));

        var imported = await RunAsync("import", "company.yaml");
        Assert.True(imported.ExitCode == 0, imported.Error);
        Assert.Contains("company.yaml: ", imported.Output, StringComparison.Ordinal);
        Assert.True((await RunAsync("import", "fleet.yaml")).ExitCode == 0);

        var ambiguous = await RunAsync("import-actuals", "history.csv");
        Assert.Equal(1, ambiguous.ExitCode);
        Assert.Contains(
            "The database holds several organizations; say which one with --org \"NAME\". The organizations are: \"Hartmann Antriebstechnik GmbH\", \"Prairie Line Logistics\".",
            ambiguous.Error, StringComparison.Ordinal);

        var unknown = await RunAsync("import-actuals", "history.csv", "--org", "Hartmann Drives");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("There is no organization named 'Hartmann Drives'. The organizations are: ", unknown.Error, StringComparison.Ordinal);

        var loaded = await RunAsync("import-actuals", "history.csv", "--org", "hartmann antriebstechnik gmbh");
        Assert.True(loaded.ExitCode == 0, loaded.Error);
        Assert.Contains("history.csv: 656 rows, 656 created, 0 updated, 0 unchanged.", loaded.Output, StringComparison.Ordinal);

        var exported = await RunAsync("export", "out.yaml", "--org", "Prairie Line Logistics");
        Assert.True(exported.ExitCode == 0, exported.Error);
        Assert.StartsWith("version: 1\norganization:\n  name: Prairie Line Logistics\n", await File.ReadAllTextAsync(Path.Combine(_work.FullName, "out.yaml")), StringComparison.Ordinal);
    }

    /// <summary>Runs the host's verb with dotnet run from the work folder, as a person at a shell would.</summary>
    private async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] verb)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Configuration>/net10.0
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _work.FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "run", "--no-build", "-c", configuration, "--project", Path.Combine(Root, "src", "ScorecardBot"), "--" }.Concat(verb))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ConnectionStrings__Scorecard"] = $"Data Source={Path.Combine(_work.FullName, "cli.db")}";
        start.Environment["Database__Provider"] = "Sqlite";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ScorecardBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No ScorecardBot.sln above {AppContext.BaseDirectory}.");
    }
}
