using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ScorecardBot.Slack.Tests.Infrastructure;

/// <summary>
/// Golden-file comparison: the JSON must equal Snapshots/{name}.json. A missing snapshot (or
/// UPDATE_SNAPSHOTS=1) writes the file and fails, so a new snapshot is always reviewed once.
/// </summary>
public static class Snapshot
{
    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Match(JsonNode actual, string name, [CallerFilePath] string caller = "")
    {
        var text = actual.ToJsonString(Pretty).ReplaceLineEndings("\n") + "\n";
        var path = Path.Combine(Path.GetDirectoryName(caller)!, "Snapshots", name + ".json");
        if (!File.Exists(path) || Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
            Assert.Fail($"Snapshot {name} written to {path}; review it and run again.");
        }

        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), text);
    }
}
