using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Tests.Conversation;

/// <summary>Every changing command by someone lacking the role is refused with who can do it and whom to ask, and changes nothing.</summary>
public sealed class AuthorizationTests
{
    private readonly EngineFixture _f = new();

    public static TheoryData<string, string> ManagerOnly => new()
    {
        { "assign OTD @Ben", "Only a scorecard manager or admin can assign owners. Ask Luis Ortega." },
        { "delegate OTD @Ben", "Only the owner of On-time delivery or a scorecard manager can set its delegate. Ask Luis Ortega." },
        { "target OTD Q3 95%", "Only a scorecard manager or admin can set targets. Ask Luis Ortega." },
        { "actual OTD 93", "Only the owner of On-time delivery (Eva Lind), their delegate or a scorecard manager can report its actual. Ask Luis Ortega." },
        { "nodata OTD system outage", "Only the owner of On-time delivery (Eva Lind), their delegate or a scorecard manager can report its actual. Ask Luis Ortega." },
        { "remind", "Only a scorecard manager or admin can send reminders. Ask Luis Ortega." },
        { "digest", "Only a scorecard manager or admin can post the digest. Ask Luis Ortega." },
        { "agenda", "Only a scorecard manager or admin can post the agenda. Ask Luis Ortega." },
        { "action add \"Fix the dock schedule\" @Ben due 2026-12-15", "Only a scorecard manager or admin can add review actions. Ask Luis Ortega." },
        { "action done 1", "Only the action's owner or a scorecard manager can close action 1. Ask Luis Ortega." },
        { "window open", "Only a scorecard manager or admin can open or close the collection window. Ask Luis Ortega." },
        { "window close", "Only a scorecard manager or admin can open or close the collection window. Ask Luis Ortega." },
    };

    [Theory]
    [MemberData(nameof(ManagerOnly))]
    public async Task AViewer_IsRefused_AndNothingChanges(string command, string refusal)
    {
        await _f.SayInLogisticsAsync(_f.Sample.Luis, "action add \"Renegotiate carriers\" @Eva due 2026-12-15");
        var before = await StateAsync();

        var reply = (await _f.SayInLogisticsAsync(_f.Sample.Victor, command)).Single();

        Assert.Equal(("refused", refusal), (reply.Kind, reply.Summary));
        Assert.Equal(before, await StateAsync());
    }

    [Theory]
    [MemberData(nameof(ManagerOnly))]
    public async Task AnOwnerOfOtherKpis_IsRefused_AndNothingChanges(string command, string refusal)
    {
        await _f.SayInLogisticsAsync(_f.Sample.Luis, "action add \"Renegotiate carriers\" @Eva due 2026-12-15");
        var before = await StateAsync();

        var reply = (await _f.SayInLogisticsAsync(_f.Sample.Ben, command)).Single();

        Assert.Equal(("refused", refusal), (reply.Kind, reply.Summary));
        Assert.Equal(before, await StateAsync());
    }

    [Fact]
    public async Task TheManagerOfAnotherScorecard_MayNotChangeThisOne_ButTheRoleScorecardManagerMay()
    {
        // Ana manages Manufacturing and has the scorecard-manager role, which covers every scorecard.
        var reply = (await _f.SayInLogisticsAsync(_f.Sample.Ana, "assign OTD @Ben")).Single();

        Assert.Equal("Ben Okafor now owns On-time delivery (Logistics).", reply.Summary);
        Assert.Equal(_f.Sample.Ben.Id, _f.Sample.Kpi("on-time-delivery").OwnerId);
        Assert.Equal(EntrySource.Command, Assert.Single(_f.Sample.Store.Audit).Via);
    }

    [Fact]
    public async Task ACardSubmitByAViewer_IsRefused_AndNothingChanges()
    {
        var before = await StateAsync();
        var data = new Dictionary<string, string> { [CardActions.Keys.Kpi] = _f.Sample.Kpi("nps").Id.ToString("N"), [CardActions.Keys.Period] = "2026-10" };

        var reply = (await _f.PressAsync(_f.Sample.Victor, CardActions.SubmitActual, data, new Dictionary<string, string> { [CardActions.Keys.Value] = "47" })).Single();

        Assert.Equal("refused", reply.Kind);
        Assert.Equal(before, await StateAsync());
    }

    [Fact]
    public async Task AnOwnerMayDelegateTheirOwnKpi()
    {
        var reply = (await _f.SayAsync(_f.Sample.Eva, "delegate on-time delivery <@U0FARID|farid>")).Single();

        Assert.Equal("Farid Haddad now reports On-time delivery for its owner.", reply.Summary);
    }

    [Fact]
    public async Task AnyoneMayAskQuestionsAndSeeTheMapAndLint()
    {
        Assert.Equal("kpi", (await _f.SayAsync(_f.Sample.Victor, "how is otd")).Single().Kind);
        Assert.Equal("map", (await _f.SayInLogisticsAsync(_f.Sample.Victor, "map")).Single().Kind);
        Assert.Equal("lint", (await _f.SayInLogisticsAsync(_f.Sample.Victor, "lint")).Single().Kind);
    }

    /// <summary>Everything a command could change, as text.</summary>
    private async Task<string> StateAsync()
    {
        var snapshot = await _f.SnapshotAsync();
        var kpis = snapshot.Kpis.Select(k =>
            $"{k.Key}:{k.OwnerId}:{k.DelegateId}:" +
            string.Join(",", k.Actuals.OrderBy(a => a.Period).Select(a => $"{a.Period}={a.Value}/{a.Comment}/{a.NoDataReason}")) + ":" +
            string.Join(",", k.Targets.OrderBy(t => t.Period).Select(t => $"{t.Period}={t.Value}")));
        var cycles = snapshot.Scorecards.SelectMany(s => s.ReviewCycles).Select(c => $"{c.ScorecardId}:{c.WindowOverride}");
        var actions = snapshot.Actions.Select(a => $"{a.Number}:{a.Status}");
        return string.Join("|", kpis.Concat(cycles).Concat(actions)) + $"|audit={_f.Sample.Store.Audit.Count}|sent={_f.Messenger.Sent.Count}";
    }
}
