using System.Diagnostics;

namespace ScorecardBot.Teams.Tests;

/// <summary>Finds the repository (the folder with ScorecardBot.sln) and the shared folder beside it.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string SharedFolder => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string ToolsFolder => Path.Combine(SharedFolder, "tools");

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

    /// <summary>Runs a node tool from ../shared/tools; fails with a clear message when node or the tool is missing.</summary>
    public static (int ExitCode, string Output) RunNodeTool(string relativeScript, params string[] arguments)
    {
        var script = Path.Combine(ToolsFolder, relativeScript);
        Assert.True(File.Exists(script), $"The shared tool {script} is missing: the repository expects ../shared/tools beside it.");
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
                Assert.Fail($"{relativeScript} did not finish within 5 minutes.");
            }

            return (process.ExitCode, stdout.Result + stderr.Result);
        }
    }
}
