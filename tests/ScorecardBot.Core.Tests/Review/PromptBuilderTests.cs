using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Review;

namespace ScorecardBot.Core.Tests.Review;

public class PromptBuilderTests
{
    private static readonly PromptBuilder Builder = new(ReviewFixture.Calendar, ReviewFixture.Formatter);

    [Fact]
    public void Prompt_lists_every_due_KPI_with_target_last_three_actuals_unit_and_inputs()
    {
        var fixture = new ReviewFixture();
        var quarterly = fixture.Kpi("Audit score", fixture.Scorecard.Objectives[2], fixture.Anna, [], target: 90);
        quarterly.Frequency = Frequency.Quarterly;
        quarterly.Targets.Add(new Target { KpiId = quarterly.Id, Period = Period.Quarter(2026, 3), Value = 90 });
        fixture.Nps.Unit = "points";

        var message = Builder.Prompt(fixture.Anna, ReviewFixture.Oct, [new(fixture.Nps, ReviewFixture.Oct), new(quarterly, Period.Quarter(2026, 3))], new DateOnly(2026, 11, 5));

        Assert.Equal("prompt", message.Kind);
        Assert.Equal("Your KPIs for Oct 2026", Assert.IsType<Heading>(message.Blocks[0]).Text);
        Assert.Equal("Hi Anna, please report 2 KPIs for Oct 2026 by Thu 5 Nov.", ReviewFixture.TextOf((Paragraph)message.Blocks[1]));
        var facts = message.Blocks.OfType<FactList>().ToList();
        Assert.Equal([new Fact("Target", "45 points · amber below 42.75 points · red below 40.5 points"), new Fact("Last 3", "40 points (Sep 2026) · 41 points (Aug 2026) · 42 points (Jul 2026)"), new Fact("Unit", "points")], facts[0].Facts);
        Assert.Equal(new Fact("Last 3", "none yet"), facts[1].Facts[1]);

        var inputs = message.Blocks.OfType<Input>().ToList();
        Assert.Equal(
        [
            CardActions.AnswerInput(fixture.Nps.Id), CardActions.ValueInput(fixture.Nps.Id), CardActions.EtaInput(fixture.Nps.Id), CardActions.CommentInput(fixture.Nps.Id),
            CardActions.AnswerInput(quarterly.Id), CardActions.ValueInput(quarterly.Id), CardActions.EtaInput(quarterly.Id), CardActions.CommentInput(quarterly.Id),
        ],
            inputs.Select(i => i.Id));
        Assert.IsType<NumberInput>(inputs[1]);
        Assert.True(Assert.IsType<TextInput>(inputs[3]).Multiline);

        // The quick answers: "No change" repeats September's 40 points; a KPI with no history cannot repeat anything.
        var answers = Assert.IsType<ChoiceInput>(inputs[0]);
        Assert.Equal(["Report a value", "No change: 40 points as in Sep 2026", "No data (say why in the comment)", "Data late (give the ETA)"], answers.Choices.Select(c => c.Title));
        Assert.DoesNotContain(Assert.IsType<ChoiceInput>(inputs[4]).Choices, c => c.Value == CardActions.Answers.NoChange);

        var actions = message.Blocks.OfType<ActionBar>().SelectMany(b => b.Actions).ToList();
        // Submit in the conversation engine's contract, the live preview with the same data, and "I'm away".
        Assert.Equal([CardActions.SubmitActual, CardActions.PreviewActual, CardActions.ShowAway], actions.Select(a => a.Id));
        var submit = actions[0];
        Assert.Equal(submit.Data, actions[1].Data);
        Assert.True(submit.SubmitsInputs);
        Assert.Equal($"{fixture.Nps.Id:N},{quarterly.Id:N}", submit.Data[CardActions.Keys.Kpis]);
        Assert.Equal("2026-10", submit.Data[CardActions.PeriodKey(fixture.Nps.Id)]);
        Assert.Equal("FY2026-Q3", submit.Data[CardActions.PeriodKey(quarterly.Id)]);
    }

    [Fact]
    public void Prompt_asks_only_for_a_comment_on_a_KPI_fed_by_the_API()
    {
        var fixture = new ReviewFixture();
        fixture.Delivery.FedByApi = true;
        fixture.Delivery.DataSource = "ERP";
        var message = Builder.Prompt(fixture.Anna, ReviewFixture.Oct, [new(fixture.Delivery, ReviewFixture.Oct)]);

        Assert.DoesNotContain(message.Blocks, b => b is NumberInput);
        Assert.Contains(message.Blocks, b => b is TextInput { Id: var id } && id == CardActions.CommentInput(fixture.Delivery.Id));
        Assert.Equal("Numbers arrived: Oct 2026", ((Heading)message.Blocks[0]).Text);
        Assert.Contains(message.Blocks, b => b is Note { Text: var note } && note.StartsWith("Arrived from ERP: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Reminder_lists_only_the_missing_KPIs()
    {
        var fixture = new ReviewFixture();
        var message = Builder.Reminder(fixture.Anna, ReviewFixture.Oct, [new(fixture.Nps, ReviewFixture.Oct)], new DateOnly(2026, 11, 5), number: 2);

        Assert.Equal("reminder", message.Kind);
        Assert.Equal("Reminder 2: Oct 2026", ((Heading)message.Blocks[0]).Text);
        Assert.Equal("Hi Anna, 1 KPI is still missing for Oct 2026. It is due Thu 5 Nov.", ReviewFixture.TextOf((Paragraph)message.Blocks[1]));
        Assert.Equal(
            [CardActions.AnswerInput(fixture.Nps.Id), CardActions.ValueInput(fixture.Nps.Id), CardActions.EtaInput(fixture.Nps.Id), CardActions.CommentInput(fixture.Nps.Id)],
            message.Blocks.OfType<Input>().Select(i => i.Id));
    }

    [Fact]
    public void Reminder_to_a_delegate_says_whose_KPIs_they_report()
    {
        var fixture = new ReviewFixture();
        var message = Builder.Reminder(fixture.Olivia, ReviewFixture.Oct, [new(fixture.Nps, ReviewFixture.Oct), new(fixture.Delivery, ReviewFixture.Oct)],
            new DateOnly(2026, 11, 5), coveringFor: fixture.Anna);

        Assert.Equal("Reminder: Anna's KPIs for Oct 2026", ((Heading)message.Blocks[0]).Text);
        Assert.Equal(
            "Hi Olivia, you are reporting for Anna while they are away: 2 KPIs are still missing for Oct 2026. They are due Thu 5 Nov.",
            ReviewFixture.TextOf((Paragraph)message.Blocks[1]));
        Assert.Contains("Anna", message.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, "1 actual for Oct 2026 was due Thu 5 Nov and is still missing.")]
    [InlineData(2, "2 actuals for Oct 2026 were due Thu 5 Nov and are still missing.")]
    public void Escalation_says_how_many_actuals_are_still_missing_in_agreement_with_the_count(int count, string expected)
    {
        var fixture = new ReviewFixture();
        var people = fixture.People.ToDictionary(p => p.Id);
        PromptLine[] missing = [new(fixture.Nps, ReviewFixture.Oct), new(fixture.Revenue, ReviewFixture.Oct)];
        var message = Builder.Escalation(fixture.Scorecard, ReviewFixture.Oct, missing[..count], people, new DateOnly(2026, 11, 5));

        Assert.Equal(expected, message.Blocks.OfType<Paragraph>().Select(ReviewFixture.TextOf).First());
    }

    [Theory]
    [InlineData(1, "Hi Anna, 1 KPI is still missing for Oct 2026. It is due Thu 5 Nov.")]
    [InlineData(2, "Hi Anna, 2 KPIs are still missing for Oct 2026. They are due Thu 5 Nov.")]
    public void Reminder_says_how_many_KPIs_are_still_missing_in_agreement_with_the_count(int count, string expected)
    {
        var fixture = new ReviewFixture();
        PromptLine[] missing = [new(fixture.Nps, ReviewFixture.Oct), new(fixture.Delivery, ReviewFixture.Oct)];
        var message = Builder.Reminder(fixture.Anna, ReviewFixture.Oct, missing[..count], new DateOnly(2026, 11, 5));

        Assert.Equal(expected, ReviewFixture.TextOf((Paragraph)message.Blocks[1]));
    }

    [Fact]
    public void Escalation_tells_the_manager_which_KPIs_are_missing_and_mentions_their_owners()
    {
        var fixture = new ReviewFixture();
        var people = fixture.People.ToDictionary(p => p.Id);
        var message = Builder.Escalation(fixture.Scorecard, ReviewFixture.Oct,
            [new(fixture.Nps, ReviewFixture.Oct), new(fixture.Delivery, ReviewFixture.Oct), new(fixture.Revenue, ReviewFixture.Oct)], people, new DateOnly(2026, 11, 5));

        Assert.Equal("escalation", message.Kind);
        var lines = message.Blocks.OfType<Paragraph>().Select(ReviewFixture.TextOf).ToList();
        Assert.Equal(
        [
            "3 actuals for Oct 2026 were due Thu 5 Nov and are still missing.",
            "@Anna: NPS, On-time delivery",
            "@Olivia: Revenue",
        ], lines);
        Assert.Contains(ReviewFixture.Inlines([message]), i => i is Mention { SlackUserId: "U0OLIVIA" });
        Assert.Equal(PromptBuilder.RemindActionId, message.Blocks.OfType<ActionBar>().Single().Actions[0].Id);
    }

    [Fact]
    public void LinesFor_turns_a_decisions_KPIs_into_prompt_lines_and_skips_deleted_ones()
    {
        var fixture = new ReviewFixture();
        var lines = PromptBuilder.LinesFor(fixture.Scorecard,
            [new Core.Rhythm.KpiPeriod(fixture.Nps.Id, ReviewFixture.Oct), new Core.Rhythm.KpiPeriod(Guid.NewGuid(), ReviewFixture.Oct)]);
        Assert.Equal([new PromptLine(fixture.Nps, ReviewFixture.Oct)], lines);
    }
}

