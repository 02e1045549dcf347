using System.Text.Json;
using System.Text.RegularExpressions;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Tests.Conversation;

/// <summary>
/// Teams shows the manifest's command list as hints ("Set a target: target retention 92% for 2027").
/// Whatever a hint shows, the bot must understand: each hint's example (or its title where it has
/// none) is said to the engine, as Teams sends it, by a scorecard manager in a 1:1 chat and in a channel.
/// </summary>
public sealed partial class ManifestCommandHintTests
{
    public static TheoryData<string, string, string> Hints()
    {
        var data = new TheoryData<string, string, string>();
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "manifests", "teams", "manifest.json")));
        foreach (var list in manifest.RootElement.GetProperty("bots")[0].GetProperty("commandLists").EnumerateArray())
        {
            var scope = list.GetProperty("scopes")[0].GetString()!;
            foreach (var command in list.GetProperty("commands").EnumerateArray())
            {
                var title = command.GetProperty("title").GetString()!;
                var description = command.GetProperty("description").GetString()!;
                // "Set a target: target retention 92% for 2027" shows an example; "The strategy map: objectives and their links" does not.
                var colon = description.IndexOf(": ", StringComparison.Ordinal);
                var example = colon < 0 ? null : description[(colon + 2)..];
                data.Add(scope, title, example is not null && example.StartsWith(title + " ", StringComparison.OrdinalIgnoreCase) ? example : title);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Hints))]
    public async Task Every_command_hint_of_the_teams_manifest_is_understood(string scope, string title, string example)
    {
        var fixture = new EngineFixture();
        var ana = fixture.Sample.Ana;

        // Teams sends "@Ana" picked from the list as <at>Ana</at> with a mention entity.
        var mentions = new List<MentionedUser>();
        var text = MentionPattern().Replace(example, m =>
        {
            var name = m.Groups[1].Value;
            var person = fixture.Sample.People.First(p => p.Name.StartsWith(name, StringComparison.Ordinal));
            mentions.Add(new MentionedUser($"<at>{name}</at>", person.Accounts.Single(a => a.Platform == Platform.Teams).ExternalId, name));
            return $"<at>{name}</at>";
        });
        var conversation = scope == "personal"
            ? new ConversationAddress(Platform.Teams, "a:1ana", ConversationKind.Direct)
            : new ConversationAddress(Platform.Teams, "19:manufacturing@thread.tacv2", ConversationKind.Channel);

        var result = await fixture.Engine.HandleAsync(
            fixture.TurnFor(ana) with { Platform = Platform.Teams, Conversation = conversation, Text = text, Mentions = mentions },
            CancellationToken.None);

        var reply = Assert.Single(result.Replies).Message;
        Assert.True(
            reply.Kind is not ("usage" or "not-found") && !reply.Summary.Contains("don't know the command", StringComparison.Ordinal),
            $"The \"{title}\" hint ({scope}), \"{example}\", was not understood: [{reply.Kind}] {reply.Summary}");
    }

    [Fact]
    public async Task The_target_hint_sets_the_fiscal_years_targets()
    {
        var fixture = new EngineFixture();

        var reply = (await fixture.SayAsync(fixture.Sample.Ana, "target retention 92% for 2027")).Single();

        Assert.Equal("target", reply.Kind);
        Assert.Equal("Target of Customer retention for Jan 2027 to Dec 2027 set to 92.0 %.", reply.Summary);
        var targets = fixture.Sample.Kpi("customer-retention").Targets.Where(t => t.Period.Year == 2027).ToList();
        Assert.Equal(12, targets.Count);
        Assert.All(targets, t => Assert.Equal(92m, t.Value));
    }

    [GeneratedRegex(@"@([A-Z][a-z]+)")]
    private static partial Regex MentionPattern();

    private static string RepositoryRoot()
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
