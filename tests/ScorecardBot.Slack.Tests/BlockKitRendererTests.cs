using System.Text.Json.Nodes;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Slack.Rendering;
using ScorecardBot.Slack.Tests.Infrastructure;

namespace ScorecardBot.Slack.Tests;

public sealed class BlockKitRendererTests
{
    private static readonly Guid Kpi = Guid.Parse("33333333-3333-3333-3333-333333333333");

    private static Message Digest() => new(
        [
            new Heading("October digest — Sales scorecard"),
            new Paragraph([new Run("Hi "), new Mention(Guid.Empty, "Ana", SlackUserId: "U123ABC"), new Run(", "), new Run("3 KPIs", Bold: true),
                new Run(" need you. See "), new Link("the dashboard", "https://scorecard.example.com/s/1?a=1&b=2"), new Run(" & reply <soon>.")]),
            new KpiTable(
            [
                new KpiRow(Kpi, "Revenue", "1.2M", "1.1M", Status.Green, TrendDirection.Improving, "Ana"),
                new KpiRow(Kpi, "Churn", "4.1 %", "3 %", Status.Red, TrendDirection.Worsening, "Bo", "Two big accounts left"),
                new KpiRow(Kpi, "NPS", "41", "40", Status.Amber, TrendDirection.Flat),
                new KpiRow(Kpi, "Pipeline", "—", "5M", Status.NoData, TrendDirection.Unknown),
            ], "Customer"),
            new Divider(),
            new FactList([new Fact("Next review", "12 Nov, 10:00"), new Fact("Late actuals", "2")]),
            new Note("Owner: Ana · updated 3 Oct"),
            new Image("Revenue trend", "https://scorecard.example.com/charts/revenue.png"),
            new ActionBar(
            [
                new MessageAction("open-agenda", "Open agenda") { Style = ActionStyle.Primary, Data = new Dictionary<string, string> { ["cycle"] = "2026-10" } },
                new MessageAction("web", "Open in browser") { Url = "https://scorecard.example.com/s/1" },
            ]),
        ],
        "October digest")
    { Kind = "digest" };

    private static Message Prompt() => new(
        [
            new Heading("Revenue — October"),
            new NumberInput("actual", "Actual") { IsRequired = true, Placeholder = "e.g. 1.2k" },
            new TextInput("comment", "Comment") { Multiline = true, MaxLength = 500 },
            new ChoiceInput("confidence", "Confidence", [new Choice("High", "high"), new Choice("Low", "low")]) { Value = "high" },
            new ActionBar([
                new MessageAction("submit-actual", "Enter actual") { SubmitsInputs = true, Style = ActionStyle.Primary, Data = new Dictionary<string, string> { ["kpi"] = Kpi.ToString() } },
                new MessageAction("no-data", "No data this month") { Style = ActionStyle.Danger },
            ]),
        ],
        "Revenue actual for October");

    [Fact]
    public void Digest_MatchesSnapshot() => Snapshot.Match(BlockKitRenderer.Render(Digest()), "digest");

    [Fact]
    public void PromptMessage_MatchesSnapshot() => Snapshot.Match(BlockKitRenderer.Render(Prompt()), "prompt-message");

    [Fact]
    public void PromptModal_MatchesSnapshot() =>
        Snapshot.Match(BlockKitRenderer.RenderModal(Prompt(), "sc.form", """{"a":"submit-actual"}"""), "prompt-modal");

    [Fact]
    public void Home_MatchesSnapshot() => Snapshot.Match(BlockKitRenderer.RenderHome(Digest()), "home");

    [Fact]
    public void Paragraph_EscapesControlCharacters_AndRendersMentionsAndLinks()
    {
        var text = Section(BlockKitRenderer.Render(new Message([Digest().Blocks[1]], "x"))[0]!);

        Assert.Equal("Hi <@U123ABC>, *3 KPIs* need you. See <https://scorecard.example.com/s/1?a=1&amp;b=2|the dashboard> &amp; reply &lt;soon&gt;.", text);
    }

    [Fact]
    public void FallbackText_CannotNotifyTheChannelOrLinkAnyone()
    {
        var message = Message.Text("Comment: <!channel> <!everyone> <!here> <@U0ADMIN> <https://evil.example|report> & more", "kpi");

        Assert.Equal(
            "Comment: &lt;!channel&gt; &lt;!everyone&gt; &lt;!here&gt; &lt;@U0ADMIN&gt; &lt;https://evil.example|report&gt; &amp; more",
            BlockKitRenderer.FallbackText(message));
    }

    [Fact]
    public void Mention_WithoutASlackAccount_IsTheEscapedName()
    {
        var message = new Message([new Paragraph([new Mention(Guid.Empty, "Bo <admin>"), new Mention(Guid.Empty, "Cy", SlackUserId: "not-an-id")])], "x");

        Assert.Equal("Bo &lt;admin&gt;Cy", Section(BlockKitRenderer.Render(message)[0]!));
    }

    [Fact]
    public void TooManyBlocks_AreCutAt50_WithAnAndNMoreLine()
    {
        var message = new Message([.. Enumerable.Range(1, 60).Select(i => (Block)Paragraph.Of($"line {i}"))], "x");

        var blocks = BlockKitRenderer.Render(message);

        Assert.Equal(50, blocks.Count);
        Assert.Equal("context", blocks[49]!["type"]!.ToString());
        Assert.Equal("… and 11 more", blocks[49]!["elements"]![0]!["text"]!.ToString());
    }

    [Fact]
    public void LongParagraph_IsSplitIntoSectionsOfAtMost3000Characters_LosingNothing()
    {
        var words = string.Join(' ', Enumerable.Range(0, 1500).Select(i => $"w{i:0000}"));
        var blocks = BlockKitRenderer.Render(new Message([Paragraph.Of(words)], "x"));

        var texts = blocks.Select(b => Section(b!)).ToList();
        Assert.True(texts.Count >= 3);
        Assert.All(texts, t => Assert.True(t.Length <= 3000));
        Assert.Equal(words, string.Join(' ', texts));
    }

    [Fact]
    public void ManyFacts_AreSplitIntoSectionsOfTenFields()
    {
        var facts = new FactList([.. Enumerable.Range(1, 23).Select(i => new Fact($"L{i}", $"V{i}"))]);

        var blocks = BlockKitRenderer.Render(new Message([facts], "x"));

        Assert.Equal([10, 10, 3], blocks.Select(b => b!["fields"]!.AsArray().Count));
        Assert.Equal("*L23*\nV23", blocks[2]!["fields"]![2]!["text"]!.ToString());
    }

    [Fact]
    public void TheNewYearsTargetsCard_ListsTheKpis_AndItsCarryButtonBringsBackTheScorecardAndYear()
    {
        var organization = new Organization { Name = "Contoso", TimeZoneId = "Europe/Berlin" };
        var scorecard = new Scorecard { OrganizationId = organization.Id, Key = "sales", Name = "Sales" };
        var retention = new Kpi { ScorecardId = scorecard.Id, Key = "retention", Name = "Customer retention", Unit = "%", Format = KpiFormat.Percent };
        retention.Targets.Add(new Target { KpiId = retention.Id, Period = Period.FiscalYear(2026), Value = 92 });
        scorecard.Kpis.Add(retention);
        var culture = System.Globalization.CultureInfo.GetCultureInfo("en-US");
        var card = new Core.Review.YearTargetsBuilder(Core.Periods.FiscalCalendar.For(organization), new Core.Values.ValueFormatter(culture, "EUR"), culture)
            .Build(scorecard, Period.FiscalYear(2027), [retention]);

        var blocks = BlockKitRenderer.Render(card);

        Assert.Equal("Sales: no targets yet for FY2027", blocks[0]!["text"]!["text"]!.ToString());
        Assert.Contains(blocks, b => b!.ToJsonString().Contains("FY2026: 92.0 %", StringComparison.Ordinal));
        var button = blocks.Where(b => b!["type"]!.ToString() == "actions").SelectMany(b => b!["elements"]!.AsArray()).Single();
        Assert.Equal(CardActions.CarryTargets, BlockKitRenderer.ActionIdOf(button!["action_id"]!.ToString()));
        Assert.Equal("Carry FY2026's targets forward", button["text"]!["text"]!.ToString());
        var data = ScorecardBot.Slack.Inbound.SlackPayload.ActionData(button["value"]!.ToString());
        Assert.Equal(scorecard.Id.ToString("N"), data[CardActions.Keys.Id]);
        Assert.Equal("FY2027", data[CardActions.Keys.Period]);
    }

    [Fact]
    public void ManyButtons_AreSplitIntoActionBlocksOf25_WithUniqueActionIds()
    {
        var bar = new ActionBar([.. Enumerable.Range(0, 30).Select(_ => new MessageAction("same", "Go"))]);

        var blocks = BlockKitRenderer.Render(new Message([bar], "x"));

        Assert.Equal([25, 5], blocks.Select(b => b!["elements"]!.AsArray().Count));
        var ids = blocks.SelectMany(b => b!["elements"]!.AsArray()).Select(e => e!["action_id"]!.ToString()).ToList();
        Assert.Equal(30, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Equal("same", BlockKitRenderer.ActionIdOf(id)));
    }

    [Fact]
    public void LongTexts_AreTruncatedToSlacksLimits()
    {
        var message = new Message(
            [new Heading(new string('h', 200)), new ActionBar([new MessageAction("a", new string('b', 100)) { Data = new Dictionary<string, string> { ["big"] = new string('x', 2500) } }])],
            "x");

        var blocks = BlockKitRenderer.Render(message);
        var modal = BlockKitRenderer.RenderModal(message, "cb", new string('m', 3001));

        Assert.Equal(150, blocks[0]!["text"]!["text"]!.ToString().Length);
        var button = blocks[1]!["elements"]![0]!;
        Assert.Equal(75, button["text"]!["text"]!.ToString().Length);
        Assert.Null(button["value"]); // over 2,000 characters: sent without data rather than refused by Slack
        Assert.Equal(24, modal["title"]!["text"]!.ToString().Length);
        Assert.Null(modal["private_metadata"]);
    }

    [Fact]
    public void ModalWithMoreThan100Blocks_IsCut()
    {
        var message = new Message([.. Enumerable.Range(0, 150).Select(i => (Block)new TextInput($"i{i}", "x"))], "x");

        var view = BlockKitRenderer.RenderModal(message, "cb", null);

        Assert.Equal(100, view["blocks"]!.AsArray().Count);
    }

    [Fact]
    public void InputsTooBigForAButton_AreShownInTheMessageItself()
    {
        var inputs = Enumerable.Range(0, 40).Select(i => (Block)new TextInput($"field-{i}", new string('L', 60)));
        var message = new Message([.. inputs, new ActionBar([new MessageAction("save", "Save") { SubmitsInputs = true }])], "x");

        var blocks = BlockKitRenderer.Render(message);

        Assert.Equal(40, blocks.Count(b => b!["type"]!.ToString() == "input"));
        Assert.Equal("save", BlockKitRenderer.ActionIdOf(blocks.Last()!["elements"]![0]!["action_id"]!.ToString()));
    }

    [Fact]
    public void Rendering_IsPure_SameMessageSameJson() =>
        Assert.Equal(BlockKitRenderer.Render(Digest()).ToJsonString(), BlockKitRenderer.Render(Digest()).ToJsonString());

    [Fact]
    public void ImageWithOnlyBytes_IsNotAnImageBlock()
    {
        var blocks = BlockKitRenderer.Render(new Message([new Image("chart", Png: [1, 2, 3]), new Image("bad", Url: "javascript:alert(1)")], "x"));

        Assert.Empty(blocks);
    }

    private static string Section(JsonNode block) => block["text"]!["text"]!.ToString();
}
