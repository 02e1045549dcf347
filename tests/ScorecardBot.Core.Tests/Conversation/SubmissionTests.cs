using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Conversation.Submission;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Tests.Conversation;

/// <summary>Actuals from the prompt card and from commands, all through <see cref="ActualSubmission"/>.</summary>
public sealed class SubmissionTests
{
    private readonly EngineFixture _f = new();

    private Kpi Nps => _f.Sample.Kpi("nps");

    private Dictionary<string, string> CardData(Kpi kpi) => new()
    {
        [CardActions.Keys.Kpi] = kpi.Id.ToString("N"),
        [CardActions.Keys.Period] = SampleOrganization.LastMonth.ToString(),
    };

    private static Dictionary<string, string> Inputs(string value, string comment = "") => new()
    {
        [CardActions.Keys.Value] = value,
        [CardActions.Keys.Comment] = comment,
    };

    [Fact]
    public async Task PromptCard_HasTargetLastThreeActualsValueAndCommentFieldsAndASubmitButton()
    {
        var card = (await _f.SayAsync(_f.Sample.Ben, "my")).Replies[0].Message;

        Assert.Equal(PromptCards.Kind, card.Kind);
        Assert.Equal("45.0 · amber below 42.75 · red below 38.25", card.Fact("Target"));
        Assert.Equal(3, card.Fact("Last 3").Split(" · ").Length);
        Assert.StartsWith("Sep ", card.Fact("Last 3"));
        var comment = card.Blocks.OfType<TextInput>().Single(t => t.Id == CardActions.Keys.Comment);
        Assert.True(comment.Multiline);
        Assert.Equal([CardActions.SubmitActual, CardActions.PreviewActual, CardActions.ShowAway], card.Buttons().Select(b => b.Id));
        var submit = card.Buttons().First();
        Assert.True(submit.SubmitsInputs);
        Assert.Equal(CardData(Nps), submit.Data);
    }

    [Fact]
    public async Task SubmittingTheCard_RecordsTheActual_AndTheConfirmationReplacesThePrompt()
    {
        var reply = (await _f.PressAsync(_f.Sample.Ben, CardActions.SubmitActual, CardData(Nps), Inputs("47", "Survey done in week 3"))).Single();

        Assert.Equal(ActualSubmission.RecordedKind, reply.Kind);
        Assert.True(reply.ReplacesSource);
        Assert.StartsWith("Recorded Net Promoter Score, Oct 2026: 47.0.", reply.Summary);
        Assert.Equal("45.0 · amber below 42.75 · red below 38.25", reply.Fact("Target"));
        var actual = Nps.Actuals.Single(a => a.Period == SampleOrganization.LastMonth);
        Assert.Equal((47m, "Survey done in week 3", EntrySource.Card, _f.Sample.Ben.Id), (actual.Value, actual.Comment, actual.Source, actual.SubmittedById));
        var audit = Assert.Single(_f.Sample.Store.Audit);
        Assert.Equal(("Actual", "created", EntrySource.Card), (audit.Subject, audit.Change, audit.Via));
    }

    [Fact]
    public async Task SubmittingTheSameCardTwice_StoresOneActual()
    {
        await _f.PressAsync(_f.Sample.Ben, CardActions.SubmitActual, CardData(Nps), Inputs("47"));
        var again = (await _f.PressAsync(_f.Sample.Ben, CardActions.SubmitActual, CardData(Nps), Inputs("47"))).Single();

        Assert.Equal("Net Promoter Score, Oct 2026: 47.0 was already recorded; nothing changed.", again.Summary);
        Assert.Single(Nps.Actuals, a => a.Period == SampleOrganization.LastMonth);
        Assert.Single(_f.Sample.Store.Audit);
    }

    [Fact]
    public async Task AValueTenTimesOffTheMedian_AsksOnce_AndTheConfirmButtonRecordsIt()
    {
        var ask = (await _f.PressAsync(_f.Sample.Ben, CardActions.SubmitActual, CardData(Nps), Inputs("470", "big jump"))).Single();

        Assert.Equal(ActualSubmission.ConfirmKind, ask.Kind);
        Assert.Contains("more than ten times", ask.Summary);
        Assert.DoesNotContain(Nps.Actuals, a => a.Period == SampleOrganization.LastMonth);
        var confirm = ask.Buttons().First(b => b.Id == CardActions.SubmitActual);
        Assert.Equal(("470", "true", "big jump"), (confirm.Data[CardActions.Keys.Value], confirm.Data[CardActions.Keys.Confirm], confirm.Data[CardActions.Keys.Comment]));

        var recorded = (await _f.PressAsync(_f.Sample.Ben, confirm)).Single();

        Assert.Equal(ActualSubmission.RecordedKind, recorded.Kind);
        Assert.Equal(470m, Nps.Actuals.Single(a => a.Period == SampleOrganization.LastMonth).Value);
    }

    [Fact]
    public async Task ChangeItOnTheQuestion_ShowsThePromptAgain()
    {
        var ask = (await _f.PressAsync(_f.Sample.Ben, CardActions.SubmitActual, CardData(Nps), Inputs("4"))).Single();
        var change = ask.Buttons().Single(b => b.Id == CardActions.ShowPrompt);

        var prompt = (await _f.PressAsync(_f.Sample.Ben, change)).Single();

        Assert.Equal((PromptCards.Kind, true), (prompt.Kind, prompt.ReplacesSource));
    }

    [Fact]
    public async Task AValueThatIsNoNumber_ReturnsTheCardWithTheErrorAndTheTypedTextKept()
    {
        var reply = (await _f.PressAsync(_f.Sample.Ben, CardActions.SubmitActual, CardData(Nps), Inputs("about fifty", "survey late"))).Single();

        Assert.Equal((PromptCards.Kind, true), (reply.Kind, reply.ReplacesSource));
        var value = reply.Block<NumberInput>();
        Assert.Equal("about fifty", value.Value);
        Assert.False(string.IsNullOrWhiteSpace(value.Error));
        Assert.Equal("survey late", reply.Blocks.OfType<TextInput>().Single(t => t.Id == CardActions.Keys.Comment).Value);
        Assert.DoesNotContain(Nps.Actuals, a => a.Period == SampleOrganization.LastMonth);
    }

    [Fact]
    public async Task NoDataNeedsAReason_AndIsRecordedWithIt()
    {
        var missing = (await _f.PressAsync(_f.Sample.Ben, CardActions.SubmitActual, CardData(Nps), Inputs("n/a"))).Single();
        Assert.Equal("Say in the comment why there is no data.", missing.Blocks.OfType<TextInput>().Single(t => t.Id == CardActions.Keys.Comment).Error);

        var recorded = (await _f.PressAsync(_f.Sample.Ben, CardActions.SubmitActual, CardData(Nps), Inputs("n/a", "Survey moved to November"))).Single();

        Assert.Equal(ActualSubmission.RecordedKind, recorded.Kind);
        var actual = Nps.Actuals.Single(a => a.Period == SampleOrganization.LastMonth);
        Assert.Equal((null, "Survey moved to November"), (actual.Value, actual.NoDataReason));
    }

    [Fact]
    public async Task ACardWithSeveralKpis_RecordsEachPair()
    {
        var complaints = _f.Sample.Kpi("customer-complaints");
        complaints.Actuals.RemoveAll(a => a.Period == SampleOrganization.LastMonth);
        var card = (await _f.SayAsync(_f.Sample.Ben, "what is due from me")).Replies[0].Message;
        Assert.Equal(2, card.Blocks.OfType<NumberInput>().Count());
        var submit = card.Buttons().Single(b => b.Id == CardActions.SubmitActual);

        var reply = (await _f.PressAsync(_f.Sample.Ben, submit, new Dictionary<string, string>
        {
            [CardActions.ValueInput(Nps.Id)] = "46",
            [CardActions.CommentInput(Nps.Id)] = "steady",
            [CardActions.ValueInput(complaints.Id)] = "18",
            [CardActions.CommentInput(complaints.Id)] = string.Empty,
        })).Single();

        Assert.Equal(ActualSubmission.RecordedKind, reply.Kind);
        Assert.Equal(46m, Nps.Actuals.Single(a => a.Period == SampleOrganization.LastMonth).Value);
        Assert.Equal(18m, complaints.Actuals.Single(a => a.Period == SampleOrganization.LastMonth).Value);
    }

    [Fact]
    public async Task ACardWithSeveralKpis_ComesBackWhole_WhenOneValueIsBad_AndAnEmptyOneStaysOnIt()
    {
        var complaints = _f.Sample.Kpi("customer-complaints");
        complaints.Actuals.RemoveAll(a => a.Period == SampleOrganization.LastMonth);
        var npsBefore = Nps.Actuals.Count;
        var card = (await _f.SayAsync(_f.Sample.Ben, "what is due from me")).Replies[0].Message;
        var submit = card.Buttons().Single(b => b.Id == CardActions.SubmitActual);

        var reply = (await _f.PressAsync(_f.Sample.Ben, submit, new Dictionary<string, string>
        {
            [CardActions.ValueInput(Nps.Id)] = "abc",
            [CardActions.CommentInput(Nps.Id)] = "survey late",
            [CardActions.ValueInput(complaints.Id)] = string.Empty,
            [CardActions.CommentInput(complaints.Id)] = "counting",
        })).Single();

        Assert.True(reply.ReplacesSource);
        var inputs = reply.Blocks.OfType<NumberInput>().ToList();
        Assert.Equal([CardActions.ValueInput(Nps.Id), CardActions.ValueInput(complaints.Id)], inputs.Select(i => i.Id));
        Assert.Equal(("abc", true), (inputs[0].Value, inputs[0].Error is not null));
        Assert.Null(inputs[1].Error);
        Assert.Equal("counting", reply.Blocks.OfType<TextInput>().Single(t => t.Id == CardActions.CommentInput(complaints.Id)).Value);
        Assert.Equal(npsBefore, Nps.Actuals.Count);
        Assert.DoesNotContain(complaints.Actuals, a => a.Period == SampleOrganization.LastMonth);
    }

    [Fact]
    public async Task TheActualCommand_GoesThroughTheSamePath_AndIsAuditedAsCommand()
    {
        var reply = (await _f.SayAsync(_f.Sample.Ben, "actual nps last month 47 survey done")).Single();

        Assert.Equal(ActualSubmission.RecordedKind, reply.Kind);
        var actual = Nps.Actuals.Single(a => a.Period == SampleOrganization.LastMonth);
        Assert.Equal((47m, "survey done", EntrySource.Command), (actual.Value, actual.Comment, actual.Source));
        Assert.Equal(EntrySource.Command, Assert.Single(_f.Sample.Store.Audit).Via);
    }

    [Fact]
    public async Task TheManager_CorrectsAnActual_AndTheOldAndNewValuesAreAudited()
    {
        var reply = (await _f.SayAsync(_f.Sample.Luis, "actual otd oct 80 recount of the storm week")).Single();

        Assert.StartsWith("Corrected On-time delivery, Oct 2026: 79.0 % → 80.0 %.", reply.Summary);
        var audit = Assert.Single(_f.Sample.Store.Audit);
        Assert.Equal(("updated", "79.0", "80", _f.Sample.Luis.Name), (audit.Change, audit.OldValue, audit.NewValue, audit.ActorName));
    }

    [Fact]
    public async Task AnOwnerOfOtherKpis_MayNotReportThisOne()
    {
        var reply = (await _f.SayAsync(_f.Sample.Ben, "actual otd 93")).Single();

        Assert.Equal("Only the owner of On-time delivery (Eva Lind), their delegate or a scorecard manager can report its actual. Ask Luis Ortega.", reply.Summary);
        Assert.Empty(_f.Sample.Store.Audit);
    }

    [Fact]
    public async Task ADelegate_MayReportForTheOwner()
    {
        await _f.SayAsync(_f.Sample.Eva, "delegate otd @Farid");

        var reply = (await _f.SayAsync(_f.Sample.Farid, "actual otd 81 two trucks broke down, spare truck hired")).Single();

        Assert.Equal(ActualSubmission.RecordedKind, reply.Kind);
    }

    [Fact]
    public async Task AStaleOrForeignCard_IsRefusedWithoutChange()
    {
        var data = new Dictionary<string, string> { [CardActions.Keys.Kpi] = Guid.NewGuid().ToString("N"), [CardActions.Keys.Period] = "2026-10" };

        var reply = (await _f.PressAsync(_f.Sample.Ben, CardActions.SubmitActual, data, Inputs("47"))).Single();

        Assert.Equal("That KPI is not part of this organization's scorecards.", reply.Summary);
        Assert.Empty(_f.Sample.Store.Audit);
    }
}

/// <summary>The owner's comment on a number a system sent through the API.</summary>
public sealed class FedCommentTests
{
    private readonly EngineFixture _f = new();

    [Fact]
    public async Task A_comment_alone_on_a_fed_kpi_is_stored_on_the_number_that_arrived_which_keeps_its_source()
    {
        var nps = _f.Sample.Kpi("nps");
        nps.FedByApi = true;
        nps.Actuals.RemoveAll(a => a.Period == SampleOrganization.LastMonth);
        nps.Actuals.Add(new Actual
        {
            OrganizationId = nps.OrganizationId,
            KpiId = nps.Id,
            Period = SampleOrganization.LastMonth,
            Value = 41m,
            Source = EntrySource.Api,
            SubmittedByName = "Survey tool",
            SubmittedAt = _f.Time.GetUtcNow().AddHours(-2),
        });
        var value = 41m;
        var data = new Dictionary<string, string>
        {
            [CardActions.Keys.Kpis] = nps.Id.ToString("N"),
            [CardActions.PeriodKey(nps.Id)] = SampleOrganization.LastMonth.ToString(),
        };

        var reply = (await _f.PressAsync(_f.Sample.Ben, CardActions.SubmitActual, data, new Dictionary<string, string> { [CardActions.CommentInput(nps.Id)] = "Detractors from the Q3 outage" })).Single();

        Assert.Equal(ActualSubmission.RecordedKind, reply.Kind);
        Assert.StartsWith("Your comment on Net Promoter Score, Oct 2026", reply.Summary);
        var after = nps.Actuals.Single(a => a.Period == SampleOrganization.LastMonth);
        Assert.Equal((value, "Detractors from the Q3 outage", EntrySource.Api, "Survey tool"), (after.Value, after.Comment, after.Source, after.SubmittedByName));
        Assert.Equal("updated", Assert.Single(_f.Sample.Store.Audit).Change);
    }
}
