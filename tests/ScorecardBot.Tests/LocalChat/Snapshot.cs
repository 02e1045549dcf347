using System.Runtime.CompilerServices;

namespace ScorecardBot.Tests.LocalChat;

/// <summary>
/// Golden files under LocalChat/Snapshots. A missing file is written and the test fails, so a new
/// snapshot is always looked at once; UPDATE_SNAPSHOTS=1 rewrites them after a deliberate change.
/// </summary>
internal static class Snapshot
{
    public static void Match(string name, string actual, [CallerFilePath] string callerFile = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(callerFile)!, "Snapshots", name + ".html");
        actual = actual.ReplaceLineEndings("\n");
        if (Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1" || !File.Exists(path))
        {
            var existed = File.Exists(path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            Assert.True(existed || Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1", $"Snapshot {path} was missing and has been written: review it and run again.");
            return;
        }

        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        Assert.Equal(expected, actual);
    }
}
