using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Teams.Cards;

namespace ScorecardBot.Teams.Tests.Cards;

public sealed class AdaptiveCardRendererTests
{
    private static JsonNode Card(Message message) => JsonNode.Parse(AdaptiveCardRenderer.Render(message))!;

    private static IEnumerable<JsonNode> Descendants(JsonNode node)
    {
        yield return node;
        var children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>())
        {
            foreach (var d in Descendants(child))
            {
                yield return d;
            }
        }
    }

    private static IEnumerable<JsonObject> OfType(JsonNode card, string type) =>
        Descendants(card).OfType<JsonObject>().Where(o => (string?)o["type"] == type);

    [Theory]
    [InlineData("prompt")]
    [InlineData("recorded")]
    [InlineData("error")]
    [InlineData("kpi-status")]
    [InlineData("digest")]
    [InlineData("help")]
    public void Render_matches_the_approved_snapshot(string name)
    {
        var message = name switch
        {
            "prompt" => SampleMessages.Prompt(),
            "recorded" => SampleMessages.Recorded(),
            "error" => SampleMessages.PromptWithError(),
            "kpi-status" => SampleMessages.KpiStatus(),
            "digest" => SampleMessages.Digest(),
            _ => SampleMessages.Help(),
        };
        var actual = Indented(AdaptiveCardRenderer.Render(message));
        var path = Path.Combine(RepositoryPaths.Root, "tests", "ScorecardBot.Teams.Tests", "Snapshots", name + ".json");

        if (!File.Exists(path) || Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(path, actual);
            Assert.Fail($"Snapshot {path} was written; review it and run the tests again.");
        }

        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), actual);
    }

    private static string Indented(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            doc.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray()).ReplaceLineEndings("\n") + "\n";
    }

    [Fact]
    public void Card_is_version_1_5_full_width_with_the_summary_as_fallback_text()
    {
        var card = Card(SampleMessages.Help());

        Assert.Equal("AdaptiveCard", (string?)card["type"]);
        Assert.Equal("1.5", (string?)card["version"]);
        Assert.Equal("Full", (string?)card["msteams"]!["width"]);
        Assert.Equal("Help: status, my kpis, actual, assign, digest", (string?)card["fallbackText"]);
    }

    [Fact]
    public void Mention_is_written_as_an_at_tag_with_a_matching_teams_entity()
    {
        var card = Card(SampleMessages.Prompt());

        Assert.Equal("Hi <at>Ana Lima</at>, please report the **actual** for this KPI.", (string?)card["body"]![1]!["text"]);
        var entity = Assert.Single(card["msteams"]!["entities"]!.AsArray())!;
        Assert.Equal("mention", (string?)entity["type"]);
        Assert.Equal("<at>Ana Lima</at>", (string?)entity["text"]);
        Assert.Equal("29:1ana", (string?)entity["mentioned"]!["id"]);
    }

    [Fact]
    public void Mention_without_a_teams_account_is_plain_bold_text_and_no_entity()
    {
        var message = new Message([new Paragraph([new Mention(Guid.NewGuid(), "Bruno Costa", SlackUserId: "U1")])], "x");

        var card = Card(message);

        Assert.Equal("**@Bruno Costa**", (string?)card["body"]![0]!["text"]);
        Assert.Null(card["msteams"]!["entities"]);
    }

    [Fact]
    public void Markdown_typed_by_a_user_shows_literally_and_never_as_a_link_while_the_bots_own_bold_and_links_stay()
    {
        const string comment = "[click here](https://evil.example) **urgent** _now_";
        const string escaped = @"\[click here\](https://evil.example) \*\*urgent\*\* \_now\_";
        var message = new Message(
            [
                new Heading("Revenue [Q3](https://evil.example)"),
                new Paragraph([new Run("Recorded", Bold: true), new Run(" with the comment: " + comment), new Link("the chart", "https://bot.example/chart")]),
                new FactList([new Fact("Comment", comment)]),
                new Note("Owner: " + comment),
                new KpiTable([new KpiRow(Guid.NewGuid(), "Revenue", "91.5 %", "92 %", Status.Amber, TrendDirection.Flat, Owner: "Ana", Note: comment)]),
            ],
            "Recorded");

        var texts = Descendants(Card(message)).OfType<JsonObject>()
            .SelectMany(o => new[] { (string?)o["text"], (string?)o["value"], (string?)o["title"] })
            .OfType<string>()
            .ToList();

        Assert.DoesNotContain(texts, t => t.Contains("[click here](", StringComparison.Ordinal) || t.Contains("[Q3](", StringComparison.Ordinal));
        Assert.DoesNotContain(texts, t => t.Contains(comment, StringComparison.Ordinal));
        Assert.Contains(texts, t => t == "**Recorded** with the comment: " + escaped + "[the chart](https://bot.example/chart)");
        Assert.Contains(texts, t => t == escaped);
        Assert.Contains(texts, t => t == "Owner: " + escaped);
        Assert.Contains(texts, t => t == "Ana · " + escaped);
        Assert.Contains(texts, t => t == @"Revenue \[Q3\](https://evil.example)");
    }

    [Fact]
    public void Number_input_is_a_text_input_so_shorthand_values_reach_the_parser()
    {
        var input = OfType(Card(SampleMessages.Prompt()), "Input.Text").First();

        Assert.Equal("actual", (string?)input["id"]);
        Assert.Equal("Actual (%)", (string?)input["label"]);
        Assert.True((bool)input["isRequired"]!);
        Assert.Equal("Please fill in Actual (%).", (string?)input["errorMessage"]);
        Assert.Empty(OfType(Card(SampleMessages.Prompt()), "Input.Number"));
    }

    [Fact]
    public void Validation_error_shows_under_the_input_in_attention_colour_and_keeps_the_typed_value()
    {
        var body = Card(SampleMessages.PromptWithError())["body"]!.AsArray();

        Assert.Equal("ninety", (string?)body[1]!["value"]);
        Assert.Equal("TextBlock", (string?)body[2]!["type"]);
        Assert.Equal("attention", (string?)body[2]!["color"]);
        Assert.StartsWith("\"ninety\" is not a number", (string?)body[2]!["text"], StringComparison.Ordinal);
    }

    [Fact]
    public void Button_is_an_execute_action_with_verb_data_and_a_submit_fallback()
    {
        var actions = OfType(Card(SampleMessages.Prompt()), "ActionSet").Single()["actions"]!.AsArray();

        var submit = actions[0]!;
        Assert.Equal("Action.Execute", (string?)submit["type"]);
        Assert.Equal("submit-actual", (string?)submit["verb"]);
        Assert.Equal("submit-actual", (string?)submit["data"]!["_action"]);
        Assert.Equal("2026-10", (string?)submit["data"]!["_data"]!["period"]);
        Assert.Equal("auto", (string?)submit["associatedInputs"]);
        Assert.Equal("positive", (string?)submit["style"]);
        Assert.Equal("Action.Submit", (string?)submit["fallback"]);
        Assert.Equal("none", (string?)actions[1]!["associatedInputs"]);
    }

    [Fact]
    public void Link_button_opens_the_url()
    {
        var action = OfType(Card(SampleMessages.KpiStatus()), "Action.OpenUrl").Single();
        Assert.Equal("https://scorecard.contoso.com/s/sales", (string?)action["url"]);
    }

    [Theory]
    [InlineData(Status.Green, "● Green", "good")]
    [InlineData(Status.Amber, "● Amber", "warning")]
    [InlineData(Status.Red, "● Red", "attention")]
    [InlineData(Status.NoData, "○ No data", "default")]
    public void Kpi_row_shows_the_status_in_its_colour_with_the_trend_arrow(Status status, string text, string color)
    {
        var message = new Message([new KpiTable([new KpiRow(Guid.NewGuid(), "Revenue", "1.2M", "1.1M", status, TrendDirection.Worsening)])], "x");

        var statusCell = OfType(Card(message), "ColumnSet").Last()["columns"]![3]!["items"]![0]!;

        Assert.Equal(text + " ↓", (string?)statusCell["text"]);
        Assert.Equal(color, (string?)statusCell["color"]);
    }

    [Fact]
    public void Long_table_is_cut_to_fit_with_a_line_saying_how_many_more()
    {
        var json = AdaptiveCardRenderer.Render(SampleMessages.Digest(rows: 200));

        Assert.True(Encoding.UTF8.GetByteCount(json) <= AdaptiveCardRenderer.MaxCardBytes);
        var card = JsonNode.Parse(json)!;
        var shownRows = OfType(card, "ColumnSet").Count() - 1;
        var more = Descendants(card).OfType<JsonObject>().Single(o => ((string?)o["text"])?.StartsWith("… and ", StringComparison.Ordinal) == true);
        Assert.Equal($"… and {200 - shownRows} more", (string?)more["text"]);
        Assert.True(shownRows >= 20, $"only {shownRows} rows were kept");
    }

    [Fact]
    public void Sixty_rows_fit_without_truncation_when_they_are_short()
    {
        var rows = Enumerable.Range(0, 60).Select(i => new KpiRow(Guid.NewGuid(), $"K{i}", "1", "2", Status.Green, TrendDirection.Flat)).ToList();
        var json = AdaptiveCardRenderer.Render(new Message([new KpiTable(rows)], "x"));

        Assert.DoesNotContain("… and", json, StringComparison.Ordinal);
        Assert.True(Encoding.UTF8.GetByteCount(json) <= AdaptiveCardRenderer.MaxCardBytes);
    }

    [Fact]
    public void Very_long_text_is_clipped_with_an_ellipsis()
    {
        var json = AdaptiveCardRenderer.Render(new Message([Paragraph.Of(new string('a', 10_000))], "x"));
        var text = (string)JsonNode.Parse(json)!["body"]![0]!["text"]!;

        Assert.Equal(4000, text.Length);
        Assert.EndsWith("…", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Small_picture_bytes_are_inlined_and_large_ones_become_their_alt_text()
    {
        var small = Card(new Message([new Image("Trend", Png: new byte[600])], "x"))["body"]![0]!;
        var large = Card(new Message([new Image("Trend", Png: new byte[100_000])], "x"))["body"]![0]!;

        Assert.StartsWith("data:image/png;base64,", (string?)small["url"], StringComparison.Ordinal);
        Assert.Equal("TextBlock", (string?)large["type"]);
        Assert.Contains("Trend", (string?)large["text"], StringComparison.Ordinal);
    }

    [Fact]
    public void Divider_separates_the_next_element()
    {
        var body = Card(SampleMessages.Digest())["body"]!.AsArray();

        Assert.Null(body[1]!["separator"]);
        Assert.True((bool)body[2]!["separator"]!);
    }

    [Fact]
    public void Empty_message_still_renders_its_summary()
    {
        var body = Card(new Message([new FactList([]), new ActionBar([])], "Nothing to show"))["body"]!.AsArray();
        Assert.Equal("Nothing to show", (string?)Assert.Single(body)!["text"]);
    }

    [Fact]
    public void Rendering_is_deterministic() =>
        Assert.Equal(AdaptiveCardRenderer.Render(SampleMessages.Digest()), AdaptiveCardRenderer.Render(SampleMessages.Digest()));

    [Theory]
    [InlineData("prompt")]
    [InlineData("recorded")]
    [InlineData("error")]
    [InlineData("kpi-status")]
    [InlineData("digest")]
    [InlineData("help")]
    [InlineData("unicode")]
    public void Size_estimate_never_undercounts_the_rendered_card(string name)
    {
        var message = name switch
        {
            "prompt" => SampleMessages.Prompt(),
            "recorded" => SampleMessages.Recorded(),
            "error" => SampleMessages.PromptWithError(),
            "kpi-status" => SampleMessages.KpiStatus(),
            "digest" => SampleMessages.Digest(rows: 40),
            "unicode" => new Message([Paragraph.Of(string.Concat(Enumerable.Repeat("😀\u0001\"", 300))), new FactList([new Fact("\u0002", "😀")])], "😀"),
            _ => SampleMessages.Help(),
        };

        var actual = Encoding.UTF8.GetByteCount(AdaptiveCardRenderer.Render(message));

        Assert.True(CardSizeEstimate.UpperBoundBytes(message) >= actual, $"estimated {CardSizeEstimate.UpperBoundBytes(message)}, rendered {actual}");
    }
}
