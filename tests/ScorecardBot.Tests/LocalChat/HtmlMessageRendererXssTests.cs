using System.Text.RegularExpressions;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.LocalChat;

namespace ScorecardBot.Tests.LocalChat;

public partial class HtmlMessageRendererXssTests
{
    private const string Script = "<script>alert(1)</script>";

    // Breaks out of text, of double- and single-quoted attributes, and of a textarea.
    private static readonly string[] Payloads =
    [
        Script,
        "\"><img src=x onerror=alert(1)>",
        "' onmouseover='alert(1)",
        "</textarea><script>alert(2)</script>",
        "</option></select><svg onload=alert(3)>",
    ];

    [Fact]
    public void Kpi_named_script_tag_is_shown_as_text()
    {
        var html = HtmlMessageRenderer.Render(
            new Message([new KpiTable([new KpiRow(Guid.Empty, Script, "1", "2", Status.Red, TrendDirection.Flat)])], "s"),
            "m1");

        Assert.Contains("<th scope=\"row\">&lt;script&gt;alert(1)&lt;/script&gt;</th>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    public static TheoryData<string> PayloadData()
    {
        var data = new TheoryData<string>();
        foreach (var payload in Payloads)
        {
            data.Add(payload);
        }

        return data;
    }

    /// <summary>
    /// Puts the payload into every string of every block and compares the markup's skeleton (element
    /// and attribute names, in order) with the same message holding a harmless word: any escape
    /// from text or from an attribute would add an element or an attribute.
    /// </summary>
    [Theory]
    [MemberData(nameof(PayloadData))]
    public void Payload_in_any_field_adds_no_element_or_attribute(string payload)
    {
        var hostile = HtmlMessageRenderer.Render(EveryField(payload), "m1");
        var harmless = HtmlMessageRenderer.Render(EveryField("x"), "m1");

        Assert.Equal(Skeleton(harmless), Skeleton(hostile));
        Assert.DoesNotContain("<script", hostile, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img src=x", hostile, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<svg", hostile, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Payload_as_message_id_and_kind_stays_inside_its_attribute()
    {
        var html = HtmlMessageRenderer.Render(Message.Text("hi", kind: "\"><script>k</script>"), "\" onclick=\"alert(1)");

        Assert.Equal(
            ["article class data-message-id data-kind", "p", "/p", "/article"],
            Skeleton(html));
    }

    [Fact]
    public void Url_with_quotes_and_tags_stays_inside_its_attribute()
    {
        const string url = "https://x.example/?q=\"><script>alert(1)</script>&r='";
        var html = HtmlMessageRenderer.Render(
            new Message([new Paragraph([new Link("a", url)]), new Image("i", Url: url), new ActionBar([new MessageAction("o", "o") { Url = url }])], "s"),
            "m1");

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(3, Regex.Count(html, "=\"https://x\\.example/\\?q=&quot;&gt;&lt;script&gt;alert\\(1\\)&lt;/script&gt;&amp;r=&#x27;\""));
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("JavaScript:alert(1)")]
    [InlineData(" javascript:alert(1)")]
    [InlineData("java\tscript:alert(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("vbscript:msgbox(1)")]
    [InlineData("//evil.example/x")]
    [InlineData("/\\evil.example/x")]
    [InlineData("\\\\evil.example\\x")]
    [InlineData("http://")]
    public void Link_with_unsafe_url_becomes_plain_text(string url)
    {
        var html = HtmlMessageRenderer.Render(new Message([new Paragraph([new Link("click", url)])], "s"), "m1");

        Assert.DoesNotContain("<a href", html, StringComparison.Ordinal);
        Assert.Contains("<p>click</p>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://bot.example.com/a")]
    [InlineData("HTTP://bot.example.com/a")]
    [InlineData("/charts/1.png")]
    [InlineData("charts/1.png?x=a:b")]
    [InlineData("#section")]
    public void Link_with_http_or_relative_url_is_a_link(string url)
    {
        var html = HtmlMessageRenderer.Render(new Message([new Paragraph([new Link("click", url)])], "s"), "m1");

        Assert.Contains("<a href=", html, StringComparison.Ordinal);
    }

    private static Message EveryField(string s) => new(
        [
            new Heading(s),
            new Paragraph([new Run(s), new Run(s, Bold: true, Italic: true), new Link(s, "https://x.example/"), new Mention(Guid.Empty, s)], TextTone.Attention),
            new Note(s),
            new FactList([new Fact(s, s)]),
            new KpiTable([new KpiRow(Guid.Empty, s, s, s, Status.Amber, TrendDirection.Improving, s, s)], s),
            new Image(s, Url: "/charts/1.png"),
            new NumberInput(s, s) { IsRequired = true, Error = s, Placeholder = s, Value = s },
            new TextInput(s, s) { Multiline = true, Value = s, Placeholder = s },
            new TextInput(s + "2", s) { Value = s },
            new ChoiceInput(s + "3", s, [new Choice(s, s), new Choice("b", "b")]) { Value = s, Placeholder = s },
            new ActionBar([
                new MessageAction(s, s) { SubmitsInputs = true, Data = new Dictionary<string, string> { [s] = s } },
                new MessageAction("open", s) { Url = "https://x.example/" },
            ]),
        ],
        s)
    { Kind = s };

    private static List<string> Skeleton(string html) =>
        [.. TagPattern().Matches(html).Select(m =>
            string.Join(' ', new[] { m.Groups["name"].Value }.Concat(AttributePattern().Matches(m.Groups["attrs"].Value).Select(a => a.Groups[1].Value))))];

    [GeneratedRegex("<(?<name>/?[a-zA-Z][a-zA-Z0-9]*)(?<attrs>[^>]*)>")]
    private static partial Regex TagPattern();

    // Attribute names: a name followed by =" or standing alone; quoted values are skipped whole.
    [GeneratedRegex("\\s([a-zA-Z-]+)(?:=\"[^\"]*\")?")]
    private static partial Regex AttributePattern();
}
