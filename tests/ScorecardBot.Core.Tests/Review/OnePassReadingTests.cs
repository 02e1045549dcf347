using System.Globalization;
using System.Text.RegularExpressions;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Review;
using ScorecardBot.Core.Values;

namespace ScorecardBot.Core.Tests.Review;

/// <summary>The digest and the agenda as a manager reads them in one pass: every number says what it is.</summary>
public partial class OnePassReadingTests
{
    /// <summary>Every text a reader sees in the messages: headings, paragraphs, notes, facts, table rows and the summaries.</summary>
    internal static IEnumerable<string> TextsOf(IEnumerable<Message> messages)
    {
        foreach (var message in messages)
        {
            yield return message.Summary;
            foreach (var block in message.Blocks)
            {
                switch (block)
                {
                    case Heading h:
                        yield return h.Text;
                        break;
                    case Paragraph p:
                        yield return ReviewFixture.TextOf(p);
                        break;
                    case Note n:
                        yield return n.Text;
                        break;
                    case FactList f:
                        foreach (var fact in f.Facts)
                        {
                            yield return $"{fact.Label}: {fact.Value}";
                        }

                        break;
                    case KpiTable t:
                        foreach (var row in t.Rows)
                        {
                            yield return $"{row.Name} | {row.Value} | {row.Target} | {row.Owner} | {row.Note}";
                        }

                        break;
                }
            }
        }
    }

    [GeneratedRegex(@"(?<score>\d+[.,]\d)(?<scale> / 10)? \((?:green|amber|red)\)")]
    private static partial Regex ScoreWithStatus();

    [Theory]
    [InlineData("en-US", "6.9 / 10 (amber)")]
    [InlineData("de-DE", "6,9 / 10 (amber)")]
    public void Every_score_in_the_digest_states_its_scale_in_every_layout(string locale, string customer)
    {
        var fixture = new ReviewFixture();
        var culture = CultureInfo.GetCultureInfo(locale);
        var formatter = new ValueFormatter(culture, "EUR");
        var texts = new List<string>();
        foreach (var layout in new[] { DigestLayout.SummaryAndThread, DigestLayout.SummaryOnly, DigestLayout.Full })
        {
            texts.AddRange(TextsOf(new ChannelDigest(formatter, culture: culture).Build(fixture.Request(), layout).Select(p => p.Message)));
        }

        texts.AddRange(TextsOf(new DigestBuilder(formatter, culture: culture).Build(fixture.Request())));

        var scores = texts.SelectMany(t => ScoreWithStatus().Matches(t)).ToList();
        Assert.NotEmpty(scores);
        Assert.All(scores, m => Assert.True(m.Groups["scale"].Success, $"a score without its scale: \"{m.Value}\""));
        Assert.Contains(texts, t => t.Contains("Score 5.6 / 10 (amber)".Replace(".", culture.NumberFormat.NumberDecimalSeparator, StringComparison.Ordinal), StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("Customer: " + customer, StringComparison.Ordinal));
    }
}
