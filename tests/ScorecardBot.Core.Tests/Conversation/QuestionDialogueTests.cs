using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Tests.Conversation;

public sealed class QuestionDialogueTests
{
    private readonly EngineFixture _f = new();

    [Fact]
    public async Task HowIsOtdDoing_AnswersValueTargetStatusTrendsOwnerCommentChartAndObjective()
    {
        var reply = (await _f.SayAsync(_f.Sample.Victor, "how is on time delivery doing")).Single();
        var otd = _f.Sample.Kpi("on-time-delivery");

        Assert.Equal("kpi", reply.Kind);
        Assert.Equal("On-time delivery", reply.Block<Heading>().Text);
        Assert.Equal("79.0 % (Oct 2026)", reply.Fact("Value"));
        Assert.StartsWith("95.0 % · amber below ", reply.Fact("Target"), StringComparison.Ordinal);
        Assert.Contains(" · red below ", reply.Fact("Target"), StringComparison.Ordinal);
        Assert.Equal("Red", reply.Fact("Status"));
        Assert.StartsWith("worse than Sep 2026 (91.5 %)", reply.Fact("vs last period"));
        Assert.StartsWith("worse than Oct 2025", reply.Fact("vs last year"));
        Assert.Equal("Eva Lind", reply.Fact("Owner"));
        Assert.Equal("Deliver reliably (Logistics)", reply.Fact("Objective"));
        Assert.Contains("Two carriers failed in the storm week", reply.Summary);
        Assert.Equal($"https://bot.example.com/charts/kpi/{otd.Id}.png", reply.Block<Image>().Url);
        Assert.Contains(reply.Buttons(), b => b.Url == $"https://bot.example.com/charts/kpi/{otd.Id}.png");
    }

    [Fact]
    public async Task AValueWithoutATarget_IsNotScored_AndSaysWhyInsteadOfNoData()
    {
        var otd = _f.Sample.Kpi("on-time-delivery");
        otd.Targets.Clear();

        var reply = (await _f.SayAsync(_f.Sample.Victor, "how is on time delivery doing")).Single();

        Assert.Equal("79.0 % (Oct 2026)", reply.Fact("Value"));
        Assert.Equal("not set", reply.Fact("Target"));
        Assert.Equal("not scored (no target)", reply.Fact("Status"));
        Assert.Contains("was 79.0 % in Oct 2026; no target is set, so it is not scored", reply.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AQuestionForAnEarlierPeriod_AnswersThatPeriod()
    {
        var reply = (await _f.SayAsync(_f.Sample.Victor, "what was OTD in September")).Single();

        Assert.Equal("91.5 % (Sep 2026)", reply.Fact("Value"));
    }

    [Fact]
    public async Task IsFuelEfficiencyImproving_LeadsWithTheTrendAndShowsTheLastSixValues()
    {
        var reply = (await _f.SayAsync(_f.Sample.Victor, "is fuel efficiency improving")).Single();

        Assert.StartsWith("Yes — Fuel efficiency is improving: ", reply.Summary);
        Assert.Equal(6, reply.Fact("Last 6").Split(" · ").Length);
    }

    [Theory]
    [InlineData("is fuel efficiency getting worse", "No — Fuel efficiency is improving: ")]
    [InlineData("is fuel efficiency going up", "Yes — Fuel efficiency is improving: ")]
    [InlineData("is fuel efficiency falling", "No — Fuel efficiency is improving: ")]
    [InlineData("how is fuel efficiency trending", "Fuel efficiency is improving: ")]
    public async Task AYesNoTrendQuestion_GetsTheYesOrNoItAskedFor(string question, string start)
    {
        var reply = (await _f.SayAsync(_f.Sample.Victor, question)).Single();

        Assert.StartsWith(start, reply.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("will we hit the on time delivery target?")]
    [InlineData("forecast on-time delivery")]
    [InlineData("are we going to meet our OTD target")]
    public async Task AForecastQuestion_ProjectsTheKpiToTheYearAndQuarterWithItsRange(string question)
    {
        var reply = (await _f.SayAsync(_f.Sample.Victor, question)).Single();

        Assert.Equal("kpi", reply.Kind);
        Assert.Contains("At this pace FY", reply.Summary, StringComparison.Ordinal);
        Assert.Contains("(80 % range ", reply.Summary, StringComparison.Ordinal);
        Assert.Contains(" against a target of ", reply.Summary, StringComparison.Ordinal);
        Assert.Contains(reply.Blocks.OfType<FactList>().SelectMany(f => f.Facts), f => f.Label.StartsWith("Forecast FY", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WillWeHitTheTarget_IsAnsweredWithTheLikelyOutcomeFirst()
    {
        var reply = (await _f.SayAsync(_f.Sample.Victor, "will we hit the on time delivery target?")).Single();

        Assert.Matches("^(Likely yes|Likely not|Too close to call)\\. At this pace FY", reply.Summary);
    }

    [Fact]
    public async Task IsOnTimeDeliveryGettingWorse_IsAnsweredYesWithTheRunInPoints()
    {
        var reply = (await _f.SayAsync(_f.Sample.Victor, "is on time delivery getting worse?")).Single();

        Assert.StartsWith("Yes — On-time delivery is getting worse: ", reply.Summary, StringComparison.Ordinal);
        Assert.Contains(" pts", reply.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("No, ", reply.Summary, StringComparison.Ordinal);
        Assert.StartsWith("getting worse: ", reply.Fact("Trend"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAmbiguousName_AsksWhichOne_WithAButtonPerKpiCarryingItsId()
    {
        var reply = (await _f.SayAsync(_f.Sample.Victor, "how are safety incidents")).Single();

        Assert.Equal("choose", reply.Kind);
        var ids = reply.Buttons().Where(b => b.Id == CardActions.ShowKpi).Select(b => b.Data[CardActions.Keys.Kpi]).ToList();
        Assert.Contains(_f.Sample.Kpi("safety-incidents").Id.ToString("N"), ids);
        Assert.Contains(_f.Sample.Kpi("lost-time-injury-rate").Id.ToString("N"), ids);
    }

    [Fact]
    public async Task PressingAChoiceButton_AnswersAboutThatKpi()
    {
        var choose = (await _f.SayAsync(_f.Sample.Victor, "safety incidents")).Single();
        var button = choose.Buttons().First(b => b.Data[CardActions.Keys.Kpi] == _f.Sample.Kpi("safety-incidents").Id.ToString("N"));

        var reply = (await _f.PressAsync(_f.Sample.Victor, button)).Single();

        Assert.Equal("Safety incidents", reply.Block<Heading>().Text);
    }

    [Fact]
    public async Task WhenNothingFits_SaysSoAndOffersTheNearestThree()
    {
        var reply = (await _f.SayAsync(_f.Sample.Victor, "how is the weather")).Single();

        Assert.Equal("not-found", reply.Kind);
        Assert.StartsWith("There is no KPI called \"weather\".", reply.Summary);
    }

    [Theory]
    [InlineData("hi")]
    [InlineData("?")]
    [InlineData("good morning")]
    public async Task AGreetingOrABareQuestionMark_GetsAShortGreeting_NotTheStatusTable(string text)
    {
        var reply = (await _f.SayAsync(_f.Sample.Victor, text)).Single();

        Assert.Equal("greeting", reply.Kind);
        Assert.StartsWith("Hi Victor!", reply.Summary);
        Assert.Contains("help", reply.Summary, StringComparison.Ordinal);
        Assert.Empty(reply.Blocks.OfType<KpiTable>());
    }

    [Fact]
    public async Task AnUnknownCommand_IsNamed_NotAnsweredWithAPerspective()
    {
        var reply = (await _f.SayAsync(_f.Sample.Ana, "members add Grace")).Single();

        Assert.Equal("usage", reply.Kind);
        Assert.StartsWith("I don't know the command \"members add\".", reply.Summary);
    }

    [Fact]
    public async Task AnUnknownKpi_IsNamed_WithTheNearestToChooseFrom()
    {
        var reply = (await _f.SayAsync(_f.Sample.Victor, "how is carbon footprint")).Single();

        Assert.Equal("not-found", reply.Kind);
        Assert.StartsWith("There is no KPI called \"carbon footprint\".", reply.Summary);
    }

    [Theory]
    [InlineData("ratings", "Net Promoter Score")]
    [InlineData("churn", "Customer churn")]
    public async Task AKpiSynonym_IsAnsweredWithThatKpi_NotAWholePerspective(string text, string kpi)
    {
        var reply = (await _f.SayAsync(_f.Sample.Victor, text)).Single();

        Assert.Equal("kpi", reply.Kind);
        Assert.Equal(kpi, reply.Block<Heading>().Text);
    }

    [Fact]
    public async Task AmberOrRed_ListsTheAmberAndTheRedOnes()
    {
        var red = (await _f.SayAsync(_f.Sample.Victor, "what's red in October")).Single();
        var amber = (await _f.SayAsync(_f.Sample.Victor, "what's amber in October")).Single();

        var both = (await _f.SayAsync(_f.Sample.Victor, "what's amber or red in October")).Single();

        Assert.Equal("red", both.Kind);
        Assert.StartsWith("Red or amber", both.Block<Heading>().Text, StringComparison.Ordinal);
        var expected = new[] { red, amber }.SelectMany(m => m.Blocks.OfType<KpiTable>()).SelectMany(t => t.Rows).Select(r => r.Name).Order(StringComparer.Ordinal);
        Assert.Equal(expected, both.Block<KpiTable>().Rows.Select(r => r.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("what is behind target")]
    [InlineData("which targets are we missing")]
    public async Task TheRedListAskedInOtherWords_ListsTheRedKpis(string text)
    {
        var reply = (await _f.SayAsync(_f.Sample.Victor, text)).Single();

        Assert.Equal("red", reply.Kind);
    }

    [Fact]
    public async Task My_ShowsWhatIsDue_AndAllOfThePersonsKpis()
    {
        var snapshot = await _f.SnapshotAsync();
        var mine = snapshot.KpisReportedBy(_f.Sample.Ben.Id).Select(k => k.Name).Order(StringComparer.Ordinal).ToList();

        var replies = (await _f.SayAsync(_f.Sample.Ben, "my")).Replies.Select(r => r.Message).ToList();

        var table = replies.Single(m => m.Kind == "my").Block<KpiTable>();
        Assert.Equal(mine, table.Rows.Select(r => r.Name).Order(StringComparer.Ordinal));
        Assert.Contains("still due", replies.Single(m => m.Kind == "my").Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HowObjectivesRelate_IsTheStrategyMap()
    {
        var reply = (await _f.SayAsync(_f.Sample.Victor, "how do our objectives relate")).Replies[0].Message;

        // Two scorecards: it asks which map, not which KPI.
        Assert.NotEqual("not-found", reply.Kind);
        Assert.Contains("map manufacturing", reply.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhatsRedThisMonth_ListsTheRedKpisWithOwners()
    {
        _f.Sample.Store.Add(new Organization { Name = "noise" }, [], []);
        var reply = (await _f.SayAsync(_f.Sample.Victor, "what's red this month")).Single();

        Assert.Equal("red", reply.Kind);
        var rows = reply.Block<KpiTable>().Rows;
        Assert.Contains(rows, r => r.Name == "On-time delivery" && r.Owner == "Eva Lind" && r.Status == Status.Red);
        Assert.Contains(rows, r => r.Name == "Scrap rate" && r.Owner == "Chen Wei");
        Assert.All(rows, r => Assert.Equal(Status.Red, r.Status));
    }

    [Fact]
    public async Task WhoOwns_NamesTheOwnerAsAMention()
    {
        var reply = (await _f.SayAsync(_f.Sample.Victor, "who owns on-time delivery")).Single();

        Assert.Equal("Eva Lind owns On-time delivery (Logistics).", reply.Summary);
        var mention = reply.Block<Paragraph>().Inlines.OfType<Mention>().Single();
        Assert.Equal(_f.Sample.Eva.Id, mention.PersonId);
        Assert.Equal("U0EVA", mention.SlackUserId);
    }

    [Fact]
    public async Task StatusOfTheCustomerPerspective_ShowsItInBothScorecards()
    {
        var reply = (await _f.SayAsync(_f.Sample.Victor, "status of the customer perspective")).Single();

        Assert.Equal("status", reply.Kind);
        var tables = reply.Blocks.OfType<KpiTable>().ToList();
        Assert.Equal(2, tables.Count);
        Assert.StartsWith("Customer (Manufacturing)", tables[0].Title);
        Assert.StartsWith("Customer (Logistics)", tables[1].Title);
        Assert.Contains(tables[1].Rows, r => r.Name == "On-time delivery");
    }

    [Fact]
    public async Task ShowMeTheStrategyMap_ListsObjectivesPerPerspectiveAndTheLinks()
    {
        var eva = _f.Sample.Eva;
        var reply = (await _f.SayAsync(eva, "show me the logistics strategy map")).Single();

        Assert.Equal("map", reply.Kind);
        Assert.Contains("Deliver reliably", reply.Summary);
        Assert.Contains("Train our drivers → Deliver reliably", reply.Summary);
    }

    [Fact]
    public async Task WhatIsDueFromMe_GivesThePromptCardForTheMissingActuals()
    {
        var reply = (await _f.SayAsync(_f.Sample.Ben, "what is due from me")).Replies[0];

        Assert.Equal(Audience.OnlyActor, reply.Audience);
        Assert.Equal("prompt", reply.Message.Kind);
        Assert.Equal("Net Promoter Score — Oct 2026", reply.Message.Block<Heading>().Text);
        Assert.Equal(CardActions.Keys.Value, reply.Message.Block<NumberInput>().Id);
    }

    [Fact]
    public async Task Help_ListsEveryCommandOfAManager()
    {
        var reply = (await _f.SayAsync(_f.Sample.Ana, "help")).Single();

        var facts = reply.Block<FactList>().Facts;
        Assert.Equal(ScorecardBot.Core.Conversation.Grammar.Usage.Lines.Count, facts.Count);
        Assert.Contains(facts, f => f.Label.StartsWith("ooo <from> <to>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AMistypedCommand_GetsTheUsageOfTheNearestCommand()
    {
        var reply = (await _f.SayAsync(_f.Sample.Ana, "asign OTD @Ben")).Single();

        Assert.Equal("usage", reply.Kind);
        Assert.Equal("I don't know \"asign\". Usage: assign <kpi> <@person|email> — e.g. assign OTD @Ana", reply.Summary);
    }

    [Fact]
    public async Task APersonOfAnotherOrganization_SeesNothingOfThisOne()
    {
        var other = new Organization { Name = "Other Co" };
        var stranger = new Person { Name = "Sam Stranger", Email = "sam@other.example", Role = Role.Admin };
        _f.Sample.Store.Add(other, [], [stranger]);

        var reply = (await _f.SayAsync(stranger, "how is on time delivery doing")).Single();

        Assert.Equal(ConversationEngine.NotMemberKind, reply.Kind);
        Assert.DoesNotContain("79", reply.Summary);
    }

    [Fact]
    public async Task Questions_AreAnsweredFromTheCachedSnapshot_UntilSomethingChanges()
    {
        await _f.SayAsync(_f.Sample.Victor, "otd");
        var built = _f.Sample.Store.SnapshotsBuilt;
        await _f.SayAsync(_f.Sample.Victor, "nps");
        await _f.SayAsync(_f.Sample.Victor, "churn");
        Assert.Equal(built, _f.Sample.Store.SnapshotsBuilt);

        await _f.SayAsync(_f.Sample.Eva, "actual otd 93.5");
        var reply = (await _f.SayAsync(_f.Sample.Victor, "otd")).Single();

        Assert.Equal(built + 1, _f.Sample.Store.SnapshotsBuilt);
        Assert.Equal("93.5 % (Oct 2026)", reply.Fact("Value"));
    }
}
