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

    [Fact]
    public void The_agenda_asks_each_owner_once_for_all_the_actuals_they_owe_and_budgets_one_item_each()
    {
        var fixture = new ReviewFixture();
        var keep = fixture.Scorecard.Objectives.Single(o => o.Name == "Keep customers");
        // Nine KPIs without an October actual: NPS and five more of Anna's, three of Olivia's (one awaiting approval).
        foreach (var name in new[] { "Cargo claims", "Fuel per mile", "Empty miles", "Driver turnover", "Yard time" })
        {
            fixture.Kpi(name, keep, fixture.Anna, [10, 11, 12], target: 12, endMonth: 9);
        }

        foreach (var name in new[] { "Cash days", "Margin" })
        {
            fixture.Kpi(name, keep, fixture.Olivia, [10, 11, 12], target: 12, endMonth: 9);
        }

        var pending = fixture.Kpi("Invoices", keep, fixture.Olivia, [10, 11, 12, 13], target: 12);
        pending.Actuals[^1].PendingApproval = true;

        var plan = new AgendaBuilder(ReviewFixture.Formatter).Plan(fixture.Request(mention: false));
        var gaps = plan.Items.Where(i => i.Section == AgendaSection.DataGaps).ToList();
        Assert.Equal([fixture.Anna.Id, fixture.Olivia.Id], gaps.Select(g => g.OwnerId!.Value));
        Assert.All(gaps, g => Assert.Equal(AgendaBuilder.MinutesPerGap, g.Minutes));
        var without = plan with { Items = [.. plan.Items.Where(i => i.Section != AgendaSection.DataGaps)] };
        Assert.Equal(without.TotalMinutes + (2 * AgendaBuilder.MinutesPerGap), plan.TotalMinutes);

        var message = Assert.Single(new AgendaBuilder(ReviewFixture.Formatter).Build(fixture.Request(mention: false)));
        var lines = TextsOf([message]).ToList();
        Assert.Contains("4. Anna: 6 KPIs without an actual — NPS, Cargo claims, Fuel per mile, Empty miles, Driver turnover, Yard time · 2 min", lines);
        Assert.Contains("5. Olivia: 2 KPIs without an actual, 1 awaiting approval — Cash days, Margin, Invoices (awaiting approval) · 2 min", lines);
        Assert.DoesNotContain(lines, l => l.Contains("no actual for", StringComparison.Ordinal));
        Assert.StartsWith($"Agenda for Operations (October 2026): 8 items, {plan.TotalMinutes} of 60 minutes.", message.Summary, StringComparison.Ordinal);
    }
}
