using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Delivery;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Data.Tests.Outbox;

public sealed class MessageJsonTests
{
    /// <summary>One message holding every block and inline type with every optional field set.</summary>
    internal static Message EveryBlock() => new(
        [
            new Heading("October actuals"),
            new Paragraph([new Run("Hi "), new Run("Ana", Bold: true, Italic: true), new Link("the scorecard", "https://bot.example/s/1"),
                new Mention(Guid.Parse("6f1c0b8e-7a51-4a0e-9b7e-1f2a3b4c5d6e"), "Ana", TeamsUserId: "29:abc", SlackUserId: "U123")], TextTone.Attention),
            new Note("Owner: Ana · updated 3 Oct"),
            new Divider(),
            new FactList([new Fact("Due", "5 Nov"), new Fact("Period", "October 2026")]),
            new KpiTable([new KpiRow(Guid.Parse("0d7d3a39-2f0c-4b8e-8a51-93b3c7f0a001"), "On-time delivery", "93 %", "95 %", Status.Amber, TrendDirection.Improving, "Ana", "late trucks")], "Customer"),
            new Image("Trend of on-time delivery", Url: "https://bot.example/chart/1.png", Png: [0x89, 0x50, 0x4E, 0x47]),
            new NumberInput("actual", "Actual") { IsRequired = true, Error = "Not a number", Placeholder = "e.g. 95 %", Value = "9x" },
            new TextInput("comment", "Comment") { Multiline = true, MaxLength = 500, Value = "Trucks late" },
            new ChoiceInput("delegate", "Delegate to", [new Choice("Ben", "b"), new Choice("Cy", "c")]) { Value = "b" },
            new ActionBar([
                new MessageAction("actual.submit", "Submit") { Data = new Dictionary<string, string> { ["kpi"] = "k1", ["period"] = "2026-10" }, Style = ActionStyle.Primary, SubmitsInputs = true },
                new MessageAction("open", "Open") { Url = "https://bot.example/s/1", Style = ActionStyle.Danger },
            ]),
        ],
        "October actuals for Ana")
    {
        Kind = "prompt",
        ReplacesSource = true,
    };

    [Fact]
    public void A_KPI_without_a_target_and_a_picture_without_bytes_read_back()
    {
        var digest = new Message(
            [new KpiTable([new KpiRow(Guid.NewGuid(), "Churn", "4 %", null, Status.NoData, TrendDirection.Unknown)]), new Image("Trends", Url: "https://bot.example/c.png")],
            "Digest")
        { Kind = "digest" };

        var back = MessageJson.Deserialize(MessageJson.Serialize(digest));

        var row = Assert.Single(Assert.IsType<KpiTable>(back.Blocks[0]).Rows);
        Assert.Equal(("Churn", null, null, null), (row.Name, row.Target, row.Owner, row.Note));
        Assert.Null(Assert.IsType<Image>(back.Blocks[1]).Png);
    }

    [Fact]
    public void Every_block_type_survives_a_round_trip()
    {
        var original = EveryBlock();
        var json = MessageJson.Serialize(original);
        var back = MessageJson.Deserialize(json);

        Assert.Equal(json, MessageJson.Serialize(back));
        Assert.Equal(original.Blocks.Select(b => b.GetType()), back.Blocks.Select(b => b.GetType()));
        Assert.Equal("prompt", back.Kind);
        Assert.True(back.ReplacesSource);
        Assert.Equal(original.Summary, back.Summary);

        var paragraph = Assert.IsType<Paragraph>(back.Blocks[1]);
        Assert.Equal(TextTone.Attention, paragraph.Tone);
        Assert.Equal(original.Blocks[1] is Paragraph p ? p.Inlines.Select(i => i.GetType()) : [], paragraph.Inlines.Select(i => i.GetType()));
        Assert.Equal(new Mention(Guid.Parse("6f1c0b8e-7a51-4a0e-9b7e-1f2a3b4c5d6e"), "Ana", "29:abc", "U123"), paragraph.Inlines[3]);
        Assert.Equal(new Run("Ana", true, true), paragraph.Inlines[1]);

        var row = Assert.Single(Assert.IsType<KpiTable>(back.Blocks[5]).Rows);
        Assert.Equal((Status.Amber, TrendDirection.Improving, "late trucks"), (row.Status, row.Trend, row.Note));
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, Assert.IsType<Image>(back.Blocks[6]).Png);

        var number = Assert.IsType<NumberInput>(back.Blocks[7]);
        Assert.Equal((true, "Not a number", "e.g. 95 %", "9x"), (number.IsRequired, number.Error, number.Placeholder, number.Value));
        var text = Assert.IsType<TextInput>(back.Blocks[8]);
        Assert.Equal((true, 500, "Trucks late"), (text.Multiline, text.MaxLength, text.Value));
        Assert.Equal(["b", "c"], Assert.IsType<ChoiceInput>(back.Blocks[9]).Choices.Select(c => c.Value));

        var actions = Assert.IsType<ActionBar>(back.Blocks[10]).Actions;
        Assert.Equal("2026-10", actions[0].Data["period"]);
        Assert.Equal((ActionStyle.Primary, true), (actions[0].Style, actions[0].SubmitsInputs));
        Assert.Equal("https://bot.example/s/1", actions[1].Url);
    }

    [Fact]
    public void Enums_and_types_are_stored_by_name()
    {
        var json = MessageJson.Serialize(EveryBlock());

        Assert.Contains("\"$type\":\"kpiTable\"", json, StringComparison.Ordinal);
        Assert.Contains("\"$type\":\"mention\"", json, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"Amber\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void The_plain_text_message_round_trips()
    {
        var back = MessageJson.Deserialize(MessageJson.Serialize(Message.Text("Thanks, recorded.", "recorded")));

        Assert.Equal("Thanks, recorded.", back.Summary);
        Assert.Equal("Thanks, recorded.", Assert.IsType<Run>(Assert.Single(Assert.IsType<Paragraph>(Assert.Single(back.Blocks)).Inlines)).Text);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("null")]
    [InlineData("{\"blocks\":[{\"$type\":\"hologram\"}],\"summary\":\"x\"}")]
    [InlineData("{\"blocks\":[{\"$type\":\"heading\"}],\"summary\":\"x\"}")]
    public void Unreadable_payloads_are_a_format_error(string json)
    {
        var error = Assert.Throws<FormatException>(() => MessageJson.Deserialize(json));
        Assert.Contains("stored message", error.Message, StringComparison.Ordinal);
    }
}
