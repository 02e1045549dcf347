using System.Diagnostics;

namespace ScorecardBot.Teams.Tests;

/// <summary>Finds the repository (the folder with ScorecardBot.sln) and runs its validator scripts.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>tools/validators: the card and manifest checks on Microsoft's pinned npm packages.</summary>
    public static string ValidatorsFolder => Path.Combine(Root, "tools", "validators");

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

    /// <summary>
    /// Runs a script of tools/validators (the first run installs its npm packages); fails with a
    /// clear message when node or the script is missing.
    /// </summary>
    public static (int ExitCode, string Output) RunValidator(string script, params string[] arguments)
    {
        script = Path.Combine(ValidatorsFolder, script);
        Assert.True(File.Exists(script), $"The validator {script} is missing.");
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"node is not installed or not on PATH ({e.Message}); the card and manifest checks need Node.js 20.");
            throw;
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"{Path.GetFileName(script)} did not finish within 5 minutes.");
            }

            return (process.ExitCode, stdout.Result + stderr.Result);
        }
    }
}
