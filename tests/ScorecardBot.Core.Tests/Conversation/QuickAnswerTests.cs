using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Conversation.Submission;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Tests.Conversation;

/// <summary>The prompt's quick answers, the comment a red or amber value needs, the live preview and out of office — through the engine.</summary>
public sealed class QuickAnswerTests
{
    private readonly EngineFixture _f = new();

    private Kpi Nps => _f.Sample.Kpi("nps");

    private static Dictionary<string, string> CardData(Kpi kpi) => new()
    {
        [CardActions.Keys.Kpi] = kpi.Id.ToString("N"),
        [CardActions.Keys.Period] = SampleOrganization.LastMonth.ToString(),
    };

    private static Dictionary<string, string> Inputs(string answer = CardActions.Answers.Value, string value = "", string comment = "", string eta = "") => new()
    {
        [CardActions.Keys.Answer] = answer,
        [CardActions.Keys.Value] = value,
        [CardActions.Keys.Comment] = comment,
        [CardActions.Keys.Eta] = eta,
    };

    private Task<TurnResult> SubmitAsync(Dictionary<string, string> inputs) =>
        _f.PressAsync(_f.Sample.Ben, CardActions.SubmitActual, CardData(Nps), inputs);

    private static TextInput Field(Message card, string id) => card.Blocks.OfType<TextInput>().Single(t => t.Id == id);

    [Fact]
    public async Task NoChange_RepeatsTheLastValue_AndMarksItCarriedForward()
    {
        var september = Nps.Actuals.Single(a => a.Period == SampleOrganization.LastMonth.Previous).Value;

        var reply = (await SubmitAsync(Inputs(CardActions.Answers.NoChange))).Single();

        Assert.Equal(ActualSubmission.RecordedKind, reply.Kind);
        Assert.Contains("(no change from Sep 2026, carried forward)", reply.Summary);
        var actual = Nps.Actuals.Single(a => a.Period == SampleOrganization.LastMonth);
        Assert.Equal((september, true), (actual.Value, actual.CarriedForward));
        Assert.Equal(("Actual", "created"), (_f.Sample.Store.Audit.Single().Subject, _f.Sample.Store.Audit.Single().Change));
    }

    [Fact]
    public async Task NoChange_OnAKpiWithoutHistory_ComesBackOnTheCard()
    {
        Nps.Actuals.Clear();

        var reply = (await SubmitAsync(Inputs(CardActions.Answers.NoChange, comment: "steady"))).Single();

        Assert.Equal((PromptCards.Kind, true), (reply.Kind, reply.ReplacesSource));
        Assert.Equal("There is no earlier value to repeat: type this period's value.", reply.Block<NumberInput>().Error);
        Assert.Equal("steady", Field(reply, CardActions.Keys.Comment).Value);
    }

    [Fact]
    public async Task DataLate_NotesTheEta_StoresNoValue_AndSaysWhenItAsksAgain()
    {
        var reply = (await SubmitAsync(Inputs(CardActions.Answers.Late, comment: "Survey closes a week late", eta: "12 Nov"))).Single();

        Assert.Equal("Noted: Net Promoter Score, Oct 2026 comes late. I'll ask again on Thu 12 Nov.", reply.Summary);
        Assert.True(reply.ReplacesSource);
        Assert.DoesNotContain(Nps.Actuals, a => a.Period == SampleOrganization.LastMonth);
        var notice = Assert.Single((await _f.SnapshotAsync()).LateNotices);
        Assert.Equal((Nps.Id, new DateOnly(2026, 11, 12), "Survey closes a week late"), (notice.KpiId, notice.Eta, notice.Reason));
        Assert.Equal("LateNotice", Assert.Single(_f.Sample.Store.Audit).Subject);
    }

    [Theory]
    [InlineData("", "Give the day the data will be ready, like 12 Nov or 2026-11-12.")]
    [InlineData("next year-ish", "\"next year-ish\" is not a date I know: use 12 Nov, 2026-11-12, friday or in 2 weeks.")]
    [InlineData("2026-11-02", "The ETA 2 Nov 2026 is in the past.")]
    public async Task DataLate_WithoutAGoodEta_ComesBackOnTheSameCard_WithEverythingTyped(string eta, string error)
    {
        var reply = (await SubmitAsync(Inputs(CardActions.Answers.Late, comment: "Survey closes late", eta: eta))).Single();

        Assert.Equal((PromptCards.Kind, true), (reply.Kind, reply.ReplacesSource));
        Assert.Equal(error, Field(reply, CardActions.Keys.Eta).Error);
        Assert.Equal(eta, Field(reply, CardActions.Keys.Eta).Value ?? string.Empty);
        Assert.Equal("Survey closes late", Field(reply, CardActions.Keys.Comment).Value);
        Assert.Equal(CardActions.Answers.Late, reply.Block<ChoiceInput>().Value);
        Assert.Empty(_f.Sample.Store.Audit);
    }

    [Fact]
    public async Task ARedValueWithoutAComment_IsRejectedOnTheSameCard_AndRecordedOnceExplained()
    {
        var reply = (await SubmitAsync(Inputs(value: "30"))).Single();

        Assert.Equal((PromptCards.Kind, true), (reply.Kind, reply.ReplacesSource));
        Assert.Equal("Red against the target of 45.0: say in the comment what caused it and what you will do about it.", Field(reply, CardActions.Keys.Comment).Error);
        Assert.Equal("30", reply.Block<NumberInput>().Value);
        Assert.Null(reply.Block<NumberInput>().Error);
        Assert.StartsWith("Please check: Net Promoter Score: Red against the target", reply.Summary);
        Assert.Empty(_f.Sample.Store.Audit);

        var explained = (await SubmitAsync(Inputs(value: "30", comment: "Survey reached only unhappy customers; re-run with the full panel."))).Single();

        Assert.Equal(ActualSubmission.RecordedKind, explained.Kind);
        Assert.Equal(30m, Nps.Actuals.Single(a => a.Period == SampleOrganization.LastMonth).Value);
    }

    [Fact]
    public async Task AnAmberValue_NeedsACommentToo_AGreenOneDoesNot()
    {
        var amber = (await SubmitAsync(Inputs(value: "41"))).Single();
        Assert.StartsWith("Amber against the target of 45.0", Field(amber, CardActions.Keys.Comment).Error);

        var green = (await SubmitAsync(Inputs(value: "46"))).Single();
        Assert.Equal(ActualSubmission.RecordedKind, green.Kind);
    }

    [Fact]
    public async Task ARedValueByCommand_SaysWhatIsMissing_AndRecordsNothing()
    {
        var reply = (await _f.SayAsync(_f.Sample.Ben, "actual nps last month 30")).Single();

        Assert.Equal("Net Promoter Score: Red against the target of 45.0: say in the comment what caused it and what you will do about it. Nothing was recorded.", reply.Summary);
        Assert.Empty(_f.Sample.Store.Audit);
    }

    [Fact]
    public async Task CheckStatus_ShowsTheStatusEachValueWouldGet_KeepsWhatWasTyped_AndStoresNothing()
    {
        var card = (await _f.SayAsync(_f.Sample.Ben, "my")).Replies[0].Message;
        var check = card.Buttons().Single(b => b.Id == CardActions.PreviewActual);
        Assert.Equal(CardActions.PreviewActual, card.Block<NumberInput>().OnChange);

        var preview = (await _f.PressAsync(_f.Sample.Ben, check, Inputs(value: "30", comment: "panel too small"))).Single();

        Assert.Equal((ActualSubmission.PreviewKind, true), (preview.Kind, preview.ReplacesSource));
        var line = preview.Blocks.OfType<Paragraph>().Single(p => p.Tone == TextTone.Attention);
        Assert.Equal("Would be Red: 30.0 vs target 45.0 · amber below 42.75 · red below 38.25.", ((Run)line.Inlines[0]).Text);
        Assert.Equal(("30", "panel too small"), (preview.Block<NumberInput>().Value, Field(preview, CardActions.Keys.Comment).Value));
        Assert.Empty(_f.Sample.Store.Audit);

        var withoutComment = (await _f.PressAsync(_f.Sample.Ben, check, Inputs(value: "46"))).Single();
        Assert.Contains(withoutComment.Blocks.OfType<Paragraph>(), p => p.Tone == TextTone.Good && ((Run)p.Inlines[0]).Text == "Would be Green: 46.0 vs target 45.0 · amber below 42.75 · red below 38.25.");
        var noChange = (await _f.PressAsync(_f.Sample.Ben, check, Inputs(CardActions.Answers.NoChange))).Single();
        Assert.Contains(noChange.Blocks.OfType<Paragraph>(), p => ((Run)p.Inlines[0]).Text.Contains("No change:", StringComparison.Ordinal) && ((Run)p.Inlines[0]).Text.Contains("as in Sep", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ooo_SetsAnAbsenceWithADelegate_ListsIt_AndCancelsIt()
    {
        var set = (await _f.SayAsync(_f.Sample.Ben, "ooo 16 Nov 20 Nov delegate @Chen Wei")).Single();

        Assert.Equal("You are away from Mon 16 Nov to Fri 20 Nov 2026: no prompts or reminders reach you then. Chen Wei gets your prompts and reminders meanwhile. Type ooo cancel to come back early.", set.Summary);
        var absence = Assert.Single((await _f.SnapshotAsync()).Absences);
        Assert.Equal((_f.Sample.Ben.Id, new DateOnly(2026, 11, 16), new DateOnly(2026, 11, 20), _f.Sample.Chen.Id), (absence.PersonId, absence.From, absence.To, absence.DelegateId));

        var list = (await _f.SayAsync(_f.Sample.Ben, "ooo")).Single();
        Assert.Contains("Mon 16 Nov – Fri 20 Nov 2026, Chen Wei reports for you", list.Summary);

        var cancel = (await _f.SayAsync(_f.Sample.Ben, "ooo cancel")).Single();
        Assert.StartsWith("Welcome back", cancel.Summary);
        Assert.Empty((await _f.SnapshotAsync()).Absences);
    }

    [Fact]
    public async Task Remind_skips_an_owner_who_is_away_today_and_reminds_their_delegate_instead()
    {
        await _f.SayAsync(_f.Sample.Ben, "ooo today friday delegate @Chen Wei");

        var reply = (await _f.SayAsync(_f.Sample.Ana, "remind manufacturing")).Single();

        Assert.DoesNotContain(_f.Messenger.Sent, s => s.PersonId == _f.Sample.Ben.Id);
        var toChen = _f.Messenger.Sent.Where(s => s.PersonId == _f.Sample.Chen.Id).Select(s => s.Message).ToList();
        Assert.Contains(toChen, m => m.Summary == "Reminder: Please report Net Promoter Score for Oct 2026.");
        Assert.Contains("Chen Wei", reply.Summary);
        Assert.DoesNotContain("Ben Okafor", reply.Summary);
    }

    [Theory]
    [InlineData("ooo 20 Nov 16 Nov", "The last day (2026-11-16) is before the first (2026-11-20).")]
    [InlineData("ooo soonish", "\"soonish\" are not two dates I know")]
    [InlineData("ooo 16 Nov 20 Nov delegate", "Name the delegate with @name")]
    [InlineData("ooo 2026-10-01 2026-10-05", "That absence ended on 2026-10-05, before today.")]
    public async Task Ooo_WithWordsThatAreNoDates_SaysWhatIsWrong(string text, string problem)
    {
        var reply = (await _f.SayAsync(_f.Sample.Ben, text)).Single();

        Assert.Contains(problem, reply.Summary);
        Assert.Empty((await _f.SnapshotAsync()).Absences);
    }

    [Fact]
    public async Task TheImAwayButton_ShowsTheOutOfOfficeCard_ABadDateComesBackOnIt_AndAGoodOneSetsTheAbsence()
    {
        var prompt = (await _f.SayAsync(_f.Sample.Ben, "my")).Replies[0].Message;
        var away = (await _f.PressAsync(_f.Sample.Ben, prompt.Buttons().Single(b => b.Id == CardActions.ShowAway))).Single();
        var set = away.Buttons().Single(b => b.Id == CardActions.SetAway);
        Assert.Contains(away.Blocks.OfType<ChoiceInput>().Single().Choices, c => c.Title == "Chen Wei");

        var chen = _f.Sample.Chen.Id.ToString("N");
        var bad = (await _f.PressAsync(_f.Sample.Ben, set, new Dictionary<string, string> { ["from"] = "someday", ["to"] = "20 Nov", ["delegate"] = chen })).Single();
        Assert.True(bad.ReplacesSource);
        Assert.Equal("\"someday\" is not a date I know: use 16 Nov or 2026-11-16.", bad.Blocks.OfType<TextInput>().Single(t => t.Id == "from").Error);
        Assert.Equal(("20 Nov", chen), (bad.Blocks.OfType<TextInput>().Single(t => t.Id == "to").Value, bad.Block<ChoiceInput>().Value));

        var good = (await _f.PressAsync(_f.Sample.Ben, set, new Dictionary<string, string> { ["from"] = "16 Nov", ["to"] = "20 Nov", ["delegate"] = chen })).Single();
        Assert.StartsWith("You are away from Mon 16 Nov", good.Summary);
        Assert.Equal(_f.Sample.Chen.Id, Assert.Single((await _f.SnapshotAsync()).Absences).DelegateId);
    }
}
