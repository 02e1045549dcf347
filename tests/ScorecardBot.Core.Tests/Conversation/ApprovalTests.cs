using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Conversation.Submission;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Scoring;

namespace ScorecardBot.Core.Tests.Conversation;

/// <summary>Scorecards that require approval and lock their periods after the review, through the engine.</summary>
public sealed class ApprovalTests
{
    private readonly EngineFixture _f = new();

    public ApprovalTests() => _f.Sample.Manufacturing.RequiresApproval = true;

    private Kpi Nps => _f.Sample.Kpi("nps");

    private static Dictionary<string, string> CardData(Kpi kpi) => new()
    {
        [CardActions.Keys.Kpi] = kpi.Id.ToString("N"),
        [CardActions.Keys.Period] = SampleOrganization.LastMonth.ToString(),
    };

    private async Task<Message> SubmitAsync(string value, string comment = "")
    {
        var reply = (await _f.PressAsync(_f.Sample.Ben, CardActions.SubmitActual, CardData(Nps), new Dictionary<string, string>
        {
            [CardActions.Keys.Value] = value,
            [CardActions.Keys.Comment] = comment,
        })).Single();
        Assert.Equal(ActualSubmission.RecordedKind, reply.Kind);
        return reply;
    }

    private Message ApprovalCard() => _f.Messenger.Sent.Single(s => s.Message.Kind == ApprovalCards.Kind && s.PersonId == _f.Sample.Ana.Id).Message;

    [Fact]
    public async Task APendingValue_DoesNotCountUntilTheManagerApprovesIt()
    {
        var recorded = await SubmitAsync("47");

        Assert.Contains("It counts once Ana Costa approves it.", recorded.Summary);
        var stored = Nps.Actuals.Single(a => a.Period == SampleOrganization.LastMonth);
        Assert.True(stored.PendingApproval);
        var pending = KpiSnapshot.Compute(Nps, SampleOrganization.LastMonth);
        Assert.Equal((null, Status.NoData, true), (pending.Actual, pending.Status, pending.PendingApproval));

        var asked = (await _f.SayAsync(_f.Sample.Victor, "how is NPS doing in october")).Single();
        Assert.Contains("has 47.0 for Oct 2026, pending approval: it does not count yet", asked.Summary);

        var card = ApprovalCard();
        Assert.Equal("Approve Net Promoter Score, Oct 2026?", card.Block<Heading>().Text);
        Assert.Equal("45.0 · amber below 42.75 · red below 38.25", card.Fact("Target"));
        var approve = card.Buttons().Single(b => b.Id == CardActions.ApproveActual);
        var approved = (await _f.PressAsync(_f.Sample.Ana, approve)).Single();

        Assert.Equal("Approved Net Promoter Score, Oct 2026: 47.0. It counts now.", approved.Summary);
        Assert.True(approved.ReplacesSource);
        var counted = KpiSnapshot.Compute(Nps, SampleOrganization.LastMonth);
        Assert.Equal((47m, Status.Green), (counted.Actual, counted.Status));
        Assert.Contains(_f.Messenger.Sent, s => s.PersonId == _f.Sample.Ben.Id && s.Message.Summary == "Ana Costa approved Net Promoter Score, Oct 2026: 47.0.");
        Assert.Equal(["created", "approved"], _f.Sample.Store.Audit.Where(e => e.Subject == "Actual").Select(e => e.Change));
    }

    [Fact]
    public async Task ARejection_NeedsAReasonOnTheSameCard_AndGoesBackToTheOwnerWithIt()
    {
        await SubmitAsync("47", "from the new survey tool");
        var reject = ApprovalCard().Buttons().Single(b => b.Id == CardActions.RejectActual);
        Assert.True(reject.SubmitsInputs);

        var noReason = (await _f.PressAsync(_f.Sample.Ana, reject, new Dictionary<string, string> { [CardActions.Keys.Reason] = " " })).Single();
        Assert.Equal((ApprovalCards.Kind, true), (noReason.Kind, noReason.ReplacesSource));
        Assert.Equal("Say why you reject it: the reason goes back to the person who reported it.", noReason.Block<TextInput>().Error);
        Assert.True(Nps.Actuals.Single(a => a.Period == SampleOrganization.LastMonth).PendingApproval);

        var rejected = (await _f.PressAsync(_f.Sample.Ana, reject, new Dictionary<string, string> { [CardActions.Keys.Reason] = "The new tool counts detractors twice." })).Single();

        Assert.Equal("Rejected Net Promoter Score, Oct 2026: 47.0. Ben Okafor is asked again, with your reason.", rejected.Summary);
        Assert.DoesNotContain(Nps.Actuals, a => a.Period == SampleOrganization.LastMonth);
        var back = _f.Messenger.Sent.Last(s => s.PersonId == _f.Sample.Ben.Id).Message;
        Assert.Equal(PromptCards.Kind, back.Kind);
        Assert.Equal("Ana Costa rejected 47.0 for Oct 2026: The new tool counts detractors twice.", ((Run)back.Blocks.OfType<Paragraph>().First(p => p.Tone == TextTone.Warning).Inlines[0]).Text);
        Assert.Equal(("47", "from the new survey tool"), (back.Block<NumberInput>().Value, back.Blocks.OfType<TextInput>().Single(t => t.Id == CardActions.Keys.Comment).Value));
        Assert.Equal(["created", "deleted"], _f.Sample.Store.Audit.Where(e => e.Subject == "Actual").Select(e => e.Change));
    }

    [Fact]
    public async Task TheManagersOwnValue_CountsAtOnce_AndOnlyAManagerMayDecide()
    {
        var own = (await _f.SayAsync(_f.Sample.Ana, "actual nps last month 47")).Single();
        Assert.DoesNotContain("approves", own.Summary);
        Assert.False(Nps.Actuals.Single(a => a.Period == SampleOrganization.LastMonth).PendingApproval);

        var data = new Dictionary<string, string>(CardData(Nps)) { [CardActions.Keys.Version] = "0" };
        var byOwner = (await _f.PressAsync(_f.Sample.Ben, CardActions.ApproveActual, data)).Single();
        Assert.StartsWith("Only a scorecard manager or admin can approve or reject values.", byOwner.Summary);
    }

    [Fact]
    public async Task AStaleApprovalCard_DecidesNothing()
    {
        await SubmitAsync("47");
        var approve = ApprovalCard().Buttons().Single(b => b.Id == CardActions.ApproveActual);
        await SubmitAsync("48");

        var stale = (await _f.PressAsync(_f.Sample.Ana, approve)).Single();

        Assert.Equal("Net Promoter Score for Oct 2026 changed since this card was sent; decide on the newer card.", stale.Summary);
        Assert.True(Nps.Actuals.Single(a => a.Period == SampleOrganization.LastMonth).PendingApproval);
    }

    [Fact]
    public async Task ALockedPeriod_RefusesTheOwner_ButTheManagersEditIsRecordedAndAudited()
    {
        _f.Sample.Manufacturing.RequiresApproval = false;
        _f.Sample.Manufacturing.LockAfterReview = true;
        _f.Sample.Manufacturing.ReviewCycles.Add(new ReviewCycle { ScorecardId = _f.Sample.Manufacturing.Id });
        var september = SampleOrganization.LastMonth.Previous; // reviewed on Tue 13 Oct 2026, long before "now"

        var owner = (await _f.SayAsync(_f.Sample.Ben, "actual nps sep 44")).Single();
        Assert.Equal("Net Promoter Score for Sep 2026 was locked after its business review; only a scorecard manager can change it now. Ask Ana Costa.", owner.Summary);

        var manager = (await _f.SayAsync(_f.Sample.Ana, "actual nps sep 44")).Single();
        Assert.StartsWith("Corrected Net Promoter Score, Sep 2026:", manager.Summary);
        var audit = Assert.Single(_f.Sample.Store.Audit);
        Assert.Equal(("updated", "Ana Costa", september), (audit.Change, audit.ActorName, audit.Period));
    }
}
