using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.LocalChat;
using ScorecardBot.Tests.LocalChat.Fakes;

namespace ScorecardBot.Tests.LocalChat;

public class HtmlMessageRendererTests
{
    private static readonly Guid AnaId = SampleDirectory.Ana.Id;

    private static string Render(string kind, params Block[] blocks) =>
        HtmlMessageRenderer.Render(new Message(blocks, "summary") { Kind = kind }, "m7");

    [Fact]
    public void Heading_paragraph_runs_links_and_mentions_match_snapshot() =>
        Snapshot.Match("text", Render(
            "text",
            new Heading("Customer retention"),
            new Paragraph([
                new Run("Actual "), new Run("90.1 %", Bold: true), new Run(" was "), new Run("flat", Italic: true),
                new Run(" · ", Bold: true, Italic: true), new Link("scorecard", "https://bot.example.com/s/1?x=1&y=2"),
                new Run(" · "), new Link("relative", "/charts/k1.png"), new Run(" owner "), new Mention(AnaId, "Ana Lima"),
            ]),
            Paragraph.Of("Quiet", TextTone.Subtle),
            Paragraph.Of("On target", TextTone.Good),
            Paragraph.Of("Slipping", TextTone.Warning),
            Paragraph.Of("Off target", TextTone.Attention),
            new Note("Owner: Ana · updated 3 Oct"),
            new Divider()));

    [Fact]
    public void FactList_matches_snapshot() =>
        Snapshot.Match("facts", Render("facts", new FactList([new Fact("Target", "92 %"), new Fact("Owner", "Ana Lima")])));

    [Fact]
    public void KpiTable_matches_snapshot() => Snapshot.Match("kpi-table", Render("digest", SampleConversation.Digest().Blocks.ToArray()));

    [Fact]
    public void Images_match_snapshot() =>
        Snapshot.Match("images", Render(
            "chart",
            new Image("Retention over 12 months", Url: "/charts/retention.png"),
            new Image("Inline chart", Png: [0x89, 0x50, 0x4E, 0x47]),
            new Image("Unsafe source falls back to its text", Url: "javascript:alert(1)")));

    [Fact]
    public void Inputs_with_error_value_and_choices_match_snapshot() =>
        Snapshot.Match("inputs", Render(
            "prompt",
            new NumberInput("actual", "Actual for October") { IsRequired = true, Value = "9l.4", Error = "\"9l.4\" is not a number.", Placeholder = "e.g. 91.4 %" },
            new TextInput("comment", "Comment") { Multiline = true, MaxLength = 500, Value = "Churn in SMB" },
            new TextInput("name", "Short name") { MaxLength = 40 },
            new ChoiceInput("owner", "Owner", [new Choice("Ana Lima", "a"), new Choice("Marco Rossi", "m")]) { Value = "m" },
            new ChoiceInput("period", "Period", [new Choice("October", "2026-10")]) { IsRequired = true, Value = "2026-10" }));

    [Fact]
    public void Actions_match_snapshot() =>
        Snapshot.Match("actions", Render(
            "actions",
            new ActionBar([
                new MessageAction("submit-actual", "Submit") { Style = ActionStyle.Primary, SubmitsInputs = true, Data = new Dictionary<string, string> { ["kpiId"] = "k1", ["period"] = "2026-10" } },
                new MessageAction("delegate", "Delegate…"),
                new MessageAction("drop", "Drop KPI") { Style = ActionStyle.Danger },
                new MessageAction("open", "Open scorecard") { Url = "https://bot.example.com/s/1" },
                new MessageAction("bad", "Unsafe link is left out") { Url = "javascript:alert(1)" },
            ])));

    [Fact]
    public void A_button_about_some_inputs_names_them_so_the_page_empties_only_those()
    {
        var html = Render(
            "meeting",
            new TextInput("decision", "Decision"),
            new TextInput("actionText", "Action"),
            new ActionBar([
                new MessageAction("decide", "Record decision") { SubmitsInputs = true, Inputs = ["decision"] },
                new MessageAction("act", "Add action") { SubmitsInputs = true, Inputs = ["actionText", "owner\" onclick=\"x"] },
                new MessageAction("all", "Send all") { SubmitsInputs = true },
            ]));

        Assert.Contains("data-action-id=\"decide\" data-action-data=\"{}\" data-submits-inputs=\"true\" data-inputs=\"decision\">Record decision<", html, StringComparison.Ordinal);
        Assert.Contains("data-inputs=\"actionText owner&quot; onclick=&quot;x\">Add action<", html, StringComparison.Ordinal);
        Assert.Contains("data-submits-inputs=\"true\">Send all<", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Prompt_card_matches_snapshot() =>
        Snapshot.Match("prompt", HtmlMessageRenderer.Render(SampleConversation.Prompt(null, null), "m12"));

    [Fact]
    public void Render_wraps_each_message_in_an_article_with_its_id_and_kind()
    {
        var html = HtmlMessageRenderer.Render(Message.Text("hi", "recorded"), "m3");

        Assert.StartsWith("<article class=\"card\" data-message-id=\"m3\" data-kind=\"recorded\">", html, StringComparison.Ordinal);
        Assert.EndsWith("</article>\n", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_message_without_kind_has_no_kind_attribute()
    {
        var html = HtmlMessageRenderer.Render(Message.Text("hi"), "m3");

        Assert.DoesNotContain("data-kind", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Status.Green, "pill-green\">Green<")]
    [InlineData(Status.Amber, "pill-amber\">Amber<")]
    [InlineData(Status.Red, "pill-red\">Red<")]
    [InlineData(Status.NoData, "pill-nodata\">No data<")]
    public void KpiTable_writes_the_status_as_text_not_colour_alone(Status status, string expected)
    {
        var html = Render("t", new KpiTable([new KpiRow(Guid.Empty, "K", "1", null, status, TrendDirection.Flat)]));

        Assert.Contains(expected, html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TrendDirection.Improving, "↑", "improving")]
    [InlineData(TrendDirection.Worsening, "↓", "worsening")]
    [InlineData(TrendDirection.Flat, "→", "flat")]
    public void KpiTable_shows_trend_arrow_with_words_for_screen_readers(TrendDirection trend, string arrow, string words)
    {
        var html = Render("t", new KpiTable([new KpiRow(Guid.Empty, "K", "1", "2", Status.Green, trend)]));

        Assert.Contains($"<span aria-hidden=\"true\">{arrow}</span><span class=\"visually-hidden\">{words}</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void KpiTable_without_owners_has_no_owner_column()
    {
        var html = Render("t", new KpiTable([new KpiRow(Guid.Empty, "K", "1", "2", Status.Green, TrendDirection.Flat)]));

        Assert.DoesNotContain("Owner", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Input_error_is_tied_to_its_field_for_assistive_technology()
    {
        var html = Render("p", new NumberInput("actual", "Actual") { Error = "Type a number." });

        Assert.Contains("aria-invalid=\"true\" aria-describedby=\"m7-actual-error\"", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"field-error\" id=\"m7-actual-error\">Type a number.</p>", html, StringComparison.Ordinal);
    }
}
