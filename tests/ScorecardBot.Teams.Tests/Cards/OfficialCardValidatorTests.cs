using System.Text.Json;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Teams.Cards;

namespace ScorecardBot.Teams.Tests.Cards;

/// <summary>
/// Every kind of card the renderer produces is parsed by Microsoft's own adaptivecards library
/// (tools/validators/validate-card.js), which also enforces the 28 KB payload limit.
/// </summary>
public sealed class OfficialCardValidatorTests
{
    private static IEnumerable<(string Name, Message Message)> EveryKindOfCard()
    {
        yield return ("prompt", SampleMessages.Prompt());
        yield return ("prompt-quick-answers", CoreCards.Prompt());
        yield return ("prompt-preview", CoreCards.Preview());
        yield return ("prompt-comment-missing", CoreCards.CommentMissing());
        yield return ("prompt-rhythm-cover", CoreCards.RhythmPrompt());
        yield return ("approval", CoreCards.Approval());
        yield return ("preread", CoreCards.PreRead());
        yield return ("preread-bad-input", CoreCards.PreRead(typed: true));
        yield return ("targets-new-year", CoreCards.YearTargets());
        yield return ("meeting", CoreCards.Meeting().Card);
        yield return ("meeting-refused-input", CoreCards.Meeting().Refused);
        yield return ("meeting-minutes", CoreCards.Meeting().Minutes);
        yield return ("recorded", SampleMessages.Recorded());
        yield return ("error", SampleMessages.PromptWithError());
        yield return ("kpi-status", SampleMessages.KpiStatus());
        yield return ("digest", SampleMessages.Digest());
        yield return ("digest-60-rows", SampleMessages.Digest(rows: 60));
        yield return ("digest-500-rows", SampleMessages.Digest(rows: 500));
        yield return ("help", SampleMessages.Help());
        yield return ("welcome", Hosting.TeamsTexts.Welcome(ConversationKind.Channel));
        yield return ("plain-text", Message.Text("Done."));
        yield return ("empty", new Message([], "Nothing here"));
        yield return ("empty-facts", new Message([new Heading("Facts"), new FactList([]), new KpiTable([], "Empty table")], "empty"));
        yield return ("long-text", new Message(
            [new Heading(new string('H', 5000)), Paragraph.Of(string.Concat(Enumerable.Repeat("Lorem ipsum dolor sit amet. ", 800))), new Note(new string('n', 6000))],
            new string('s', 5000)));
        yield return ("unicode", new Message(
            [
                new Heading("Zufriedenheit — Q3 ✓ 顧客満足度 😀"),
                new Paragraph([new Run("Ümsatz "), new Run("↑ 12 %", Bold: true), new Run(" — "), new Run("naïve café", Italic: true), new Link("[docs] (v2)", "https://example.com/a b)c")]),
                new FactList([new Fact("Ελληνικά", "١٢٣٫٤"), new Fact("emoji", "🚀🔥")]),
            ],
            "unicode ✓"));
        yield return ("tones", new Message(
            [.. Enum.GetValues<TextTone>().Select(t => (Block)Paragraph.Of($"tone {t}", t)), new Divider(), new Divider()],
            "tones"));
        yield return ("inputs", new Message(
            [
                new NumberInput("n", "Number") { Value = "1.2k", Placeholder = "1.2k" },
                new TextInput("t", "Text") { IsRequired = true, MaxLength = 20, Error = "Too long" },
                new TextInput("m", "Multiline") { Multiline = true },
                new ChoiceInput("c", "Choice", [new Choice("Green", "green"), new Choice("Amber", "amber"), new Choice("Red", "red")]) { IsRequired = true, Value = "amber" },
                new ChoiceInput("c2", "Empty choice", []),
                new ActionBar(
                [
                    new MessageAction("a", "Primary") { Style = ActionStyle.Primary, SubmitsInputs = true },
                    new MessageAction("b", "Danger") { Style = ActionStyle.Danger },
                    new MessageAction("c", "Link") { Url = "https://example.com/x" },
                ]),
            ],
            "inputs"));
        yield return ("images", new Message(
            [
                new Image("By URL", Url: "https://example.com/chart.png"),
                new Image("Small bytes", Png: new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }),
                new Image("Big bytes", Png: new byte[200_000]),
                new Image("Nothing"),
                new Image("Relative URL", Url: "/charts/x.png"),
            ],
            "images"));
        yield return ("mentions", new Message(
            [
                new Paragraph([SampleMessages.Ana, new Run(" and "), SampleMessages.Ana, new Run(" and "), new Mention(Guid.NewGuid(), "No Teams")]),
                new KpiTable([new KpiRow(Guid.NewGuid(), "NPS", "41", null, Status.Red, TrendDirection.Unknown, Note: "no owner")]),
            ],
            "mentions"));
        yield return ("many-long-rows", new Message(
            [new KpiTable([.. Enumerable.Range(0, 120).Select(i => new KpiRow(Guid.NewGuid(), new string('K', 300) + i, "1", "2", Status.Amber, TrendDirection.Improving, new string('o', 200), new string('x', 400)))])],
            "long rows"));
    }

    [Fact]
    public void Every_kind_of_card_passes_the_official_adaptive_cards_validator()
    {
        var folder = Directory.CreateTempSubdirectory("scorecard-cards-");
        try
        {
            foreach (var (name, message) in EveryKindOfCard())
            {
                File.WriteAllText(Path.Combine(folder.FullName, name + ".json"), AdaptiveCardRenderer.Render(message));
            }

            var (exitCode, output) = RepositoryPaths.RunValidator("validate-card.js", folder.FullName);

            var results = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Where(l => l.StartsWith('{'))
                .Select(l => JsonDocument.Parse(l).RootElement)
                .ToList();
            Assert.Equal(EveryKindOfCard().Count(), results.Count);
            var failures = results.Where(r => r.GetProperty("errors").GetArrayLength() > 0).Select(r => r.GetRawText()).ToList();
            Assert.True(failures.Count == 0, "validator errors:\n" + string.Join("\n", failures));
            Assert.True(exitCode == 0, $"validator exited {exitCode}:\n{output}");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
