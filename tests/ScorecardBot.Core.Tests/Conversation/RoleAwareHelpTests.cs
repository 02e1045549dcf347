using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Tests.Conversation;

/// <summary>help lists what the asker may do: manager and admin commands only to managers and admins.</summary>
public sealed class RoleAwareHelpTests
{
    private static readonly string[] ManagerCommands = ["assign ", "target ", "remind ", "digest [scorecard]", "agenda ", "action add ", "window "];
    private static readonly string[] ReporterCommands = ["my", "actual ", "nodata ", "delegate ", "action done "];
    private static readonly string[] AdminCommands = ["apikey ", "digest layout "];

    private readonly EngineFixture _f = new();

    private async Task<(List<string> Commands, Message Reply)> HelpOf(Person person, string text = "help")
    {
        var reply = (await _f.SayAsync(person, text)).Single();
        Assert.Equal("help", reply.Kind);
        return ([.. reply.Blocks.OfType<FactList>().Single().Facts.Select(f => f.Label)], reply);
    }

    private static bool Lists(List<string> commands, string command) =>
        commands.Any(c => c == command || c.StartsWith(command, StringComparison.Ordinal));

    [Fact]
    public async Task A_viewer_sees_only_what_a_viewer_can_do_and_who_runs_the_rest()
    {
        var (commands, message) = await HelpOf(_f.Sample.Victor);

        Assert.All(ManagerCommands.Concat(ReporterCommands).Concat(AdminCommands), c => Assert.False(Lists(commands, c), $"a viewer is shown \"{c}\""));
        Assert.All(new[] { "help ", "status ", "who owns ", "map ", "lint ", "ooo " }, c => Assert.True(Lists(commands, c), $"a viewer misses \"{c}\""));
        var note = message.Blocks.OfType<Note>().Single().Text;
        Assert.Contains("scorecard managers assign owners, set targets and post the digest and agenda", note, StringComparison.Ordinal);
        Assert.DoesNotContain("assign", message.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_owner_sees_how_to_report_but_no_manager_or_admin_command()
    {
        var (commands, message) = await HelpOf(_f.Sample.Ben);

        Assert.All(ReporterCommands, c => Assert.True(Lists(commands, c), $"an owner misses \"{c}\""));
        Assert.All(ManagerCommands.Concat(AdminCommands), c => Assert.False(Lists(commands, c), $"an owner is shown \"{c}\""));
        Assert.Contains("Scorecard managers assign owners", message.Blocks.OfType<Note>().Single().Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manager_sees_the_manager_commands_and_an_admin_also_the_admin_ones()
    {
        var (manager, managerMessage) = await HelpOf(_f.Sample.Ana);
        Assert.All(ManagerCommands.Concat(ReporterCommands), c => Assert.True(Lists(manager, c), $"a manager misses \"{c}\""));
        Assert.All(AdminCommands, c => Assert.False(Lists(manager, c), $"a manager is shown \"{c}\""));
        Assert.Empty(managerMessage.Blocks.OfType<Note>());

        var (admin, _) = await HelpOf(_f.Sample.Priya);
        Assert.All(ManagerCommands.Concat(ReporterCommands).Concat(AdminCommands), c => Assert.True(Lists(admin, c), $"an admin misses \"{c}\""));
    }

    [Fact]
    public async Task The_manager_of_a_scorecard_counts_as_a_manager_whatever_their_role()
    {
        _f.Sample.Manufacturing.ManagerId = _f.Sample.Victor.Id;
        var (commands, _) = await HelpOf(_f.Sample.Victor);
        Assert.True(Lists(commands, "assign "));
    }

    [Fact]
    public async Task Help_on_a_command_beyond_the_askers_role_says_who_may_use_it()
    {
        var reply = (await _f.SayAsync(_f.Sample.Victor, "help assign")).Single();
        Assert.Equal("assign <kpi> <@person|email> — make someone the owner of a KPI (scorecard managers and admins only). Example: assign OTD @Ana", reply.Summary);

        var own = (await _f.SayAsync(_f.Sample.Ana, "help assign")).Single();
        Assert.DoesNotContain("only", own.Summary, StringComparison.Ordinal);
    }
}
