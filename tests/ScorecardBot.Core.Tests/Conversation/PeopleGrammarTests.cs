using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Conversation.Grammar;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Tests.Conversation;

/// <summary>people, people add|remove and role: every form, and a clear rejection for what is not one.</summary>
public sealed class PeopleGrammarTests
{
    private static readonly Lazy<GrammarContext> Context = new(() =>
    {
        var sample = new SampleOrganization();
        var snapshot = sample.Store.GetAsync(sample.Organization.Id, CancellationToken.None).AsTask().GetAwaiter().GetResult()!;
        return new GrammarContext(snapshot, SampleOrganization.Now);
    });

    [Theory]
    [InlineData("people", "list")]
    [InlineData("people list", "list")]
    [InlineData("people add ana@acme.example", "add Email:ana@acme.example Viewer")]
    [InlineData("people add ana@acme.example role owner", "add Email:ana@acme.example Owner")]
    [InlineData("people add ana@acme.example as scorecard_manager", "add Email:ana@acme.example ScorecardManager")]
    [InlineData("people add <@U0ANA|ana> admin", "add SlackUser:U0ANA Admin")]
    [InlineData("people add <at>Ana Costa</at> role owner", "add TeamsMention:Ana Costa Owner")]
    [InlineData("people add @Ana Costa role owner", "add Name:Ana Costa Owner")]
    [InlineData("people add @Ana Costa owner", "add Name:Ana Costa Owner")]
    [InlineData("people add @Ana Costa", "add Name:Ana Costa Viewer")]
    [InlineData("people remove @Ben", "remove Name:Ben")]
    [InlineData("people remove @Ben Okafor", "remove Name:Ben Okafor")]
    [InlineData("people remove ben@acme.example", "remove Email:ben@acme.example")]
    [InlineData("role @Ben viewer", "role Name:Ben Viewer")]
    [InlineData("role @Ben Okafor manager", "role Name:Ben Okafor ScorecardManager")]
    [InlineData("role <@U0BEN> scorecard_manager", "role SlackUser:U0BEN ScorecardManager")]
    public void Reads(string text, string expected) => Assert.Equal(expected, Describe(CommandGrammar.Parse(text, Context.Value)));

    [Theory]
    [InlineData("people add", "Name the person to add")]
    [InlineData("people add ana@acme.example role boss", "\"boss\" is not a role")]
    [InlineData("people add ana@acme.example role owner now", "after the person")]
    [InlineData("people remove", "Name the person to remove")]
    [InlineData("people fire @Ben", "Say people, people add or people remove")]
    [InlineData("role ben@acme.example", "Say which role")]
    [InlineData("role owner", "Name the person")]
    [InlineData("role ben@acme.example chief", "\"chief\" is not a role")]
    public void Rejects_with_a_reason(string text, string reason)
    {
        var usage = Assert.IsType<UsageRequest>(CommandGrammar.Parse(text, Context.Value));
        Assert.Contains(reason, usage.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Role.Admin, null, Role.Admin, true)]
    [InlineData(Role.Admin, Role.Admin, Role.Viewer, true)]
    [InlineData(Role.ScorecardManager, null, Role.Owner, true)]
    [InlineData(Role.ScorecardManager, Role.Owner, Role.Viewer, true)]
    [InlineData(Role.ScorecardManager, null, Role.Admin, false)]
    [InlineData(Role.ScorecardManager, Role.ScorecardManager, Role.Viewer, false)]
    [InlineData(Role.ScorecardManager, Role.Viewer, Role.ScorecardManager, false)]
    [InlineData(Role.Owner, null, Role.Viewer, false)]
    [InlineData(Role.Viewer, Role.Viewer, Role.Owner, false)]
    public void Who_may_change_whom(Role actor, Role? before, Role after, bool allowed) =>
        Assert.Equal(allowed, PeopleRules.MayManage(actor, before, after));

    private static string Describe(Request? request) => request switch
    {
        PeopleListRequest => "list",
        PeopleAddRequest a => $"add {a.Person.Kind}:{a.Person.Value} {a.Role}",
        PeopleRemoveRequest r => $"remove {r.Person.Kind}:{r.Person.Value}",
        RoleRequest r => $"role {r.Person.Kind}:{r.Person.Value} {r.Role}",
        UsageRequest u => $"usage: {u.Problem}",
        _ => request?.GetType().Name ?? "null",
    };
}
