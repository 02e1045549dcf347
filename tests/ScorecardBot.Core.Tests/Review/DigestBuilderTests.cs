using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Review;

namespace ScorecardBot.Core.Tests.Review;

public class DigestBuilderTests
{
    private static IReadOnlyList<Message> Digest(ReviewFixture fixture, bool mention = true) =>
        new DigestBuilder(ReviewFixture.Formatter, id => $"https://bot.example.com/charts/multiples/{id}.png?sig=abc")
            .Build(fixture.Request(mention: mention));

    [Fact]
    public void A_comment_a_system_sent_through_the_api_is_shown_as_the_systems_in_the_digest_and_the_agenda()
    {
        var fixture = new ReviewFixture();
        var october = fixture.Revenue.Actuals[^1];
        (october.Source, october.SubmittedById, october.SubmittedByName, october.SourceSystem) = (EntrySource.Api, null, "SAP close", "SAP S/4HANA");

        var blocks = Assert.Single(Digest(fixture)).Blocks.ToList();
        var red = blocks.OfType<Paragraph>().Single(p => p.Inlines.Count > 0 && p.Inlines[0] is Run { Text: "Revenue", Bold: true });
        Assert.Equal("“Lost the Berger account” — SAP close (API, SAP S/4HANA)", Assert.IsType<Note>(blocks[blocks.IndexOf(red) + 1]).Text);

        var agenda = new AgendaBuilder(ReviewFixture.Formatter).Plan(fixture.Request());
        Assert.EndsWith(". “Lost the Berger account” — SAP close (API, SAP S/4HANA)", agenda.Items.Single(i => i.Title == "Revenue").Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_lists_every_red_KPI_with_its_owner_mentioned_and_the_comment()
    {
        var fixture = new ReviewFixture();
        var message = Assert.Single(Digest(fixture));

        Assert.Equal("digest", message.Kind);
        var blocks = message.Blocks.ToList();
        var red = blocks.OfType<Paragraph>().Single(p => p.Inlines.Count > 0 && p.Inlines[0] is Run { Text: "Revenue", Bold: true });
        Assert.Equal("Revenue: 70 vs target 100 · @Olivia", ReviewFixture.TextOf(red));
        var mention = Assert.IsType<Mention>(red.Inlines[^1]);
        Assert.Equal(("U0OLIVIA", fixture.Olivia.Id), (mention.SlackUserId, mention.PersonId));
        var comment = Assert.IsType<Note>(blocks[blocks.IndexOf(red) + 1]);
        Assert.Equal("“Lost the Berger account”", comment.Text);
    }

    [Fact]
    public void Build_mentions_the_owners_of_missing_actuals()
    {
        var fixture = new ReviewFixture();
        var paragraphs = Digest(fixture).SelectMany(m => m.Blocks).OfType<Paragraph>().Select(ReviewFixture.TextOf).ToList();
        var heading = paragraphs.IndexOf("Missing actuals (1)");
        Assert.True(heading >= 0, string.Join(" | ", paragraphs));
        Assert.Equal("@Anna: NPS", paragraphs[heading + 1]);
        Assert.Contains(ReviewFixture.Inlines(Digest(fixture)), i => i is Mention m && m.PersonId == fixture.Anna.Id);
    }

    [Fact]
    public void Build_shows_counts_by_status_and_the_score_of_each_perspective()
    {
        var fixture = new ReviewFixture();
        var facts = Digest(fixture).SelectMany(m => m.Blocks).OfType<FactList>().SelectMany(f => f.Facts).ToList();
        Assert.Contains(new Fact("Status", "1 green · 1 amber · 1 red · 1 no data"), facts);
        // Revenue alone is red (0); retention is amber and NPS missing, so Customer is retention's score; delivery is green (10).
        Assert.Equal("0.0 / 10 (red), 1/1 scored", facts.Single(f => f.Label == "Financial").Value);
        Assert.StartsWith("6.9", facts.Single(f => f.Label == "Customer").Value);
        Assert.EndsWith(" / 10 (amber), 1/2 scored", facts.Single(f => f.Label == "Customer").Value);
        Assert.Equal("10.0 / 10 (green), 1/1 scored", facts.Single(f => f.Label == "Internal Process").Value);
    }

    [Fact]
    public void Build_shows_top_movers_initiatives_at_risk_and_the_chart()
    {
        var fixture = new ReviewFixture();
        var messages = Digest(fixture);
        var movers = messages.SelectMany(m => m.Blocks).OfType<KpiTable>().Single();
        // Retention fell by 1 every month: that is beyond its noise (it has none), so it moved; the fall of
        // revenue by 25 against moves of about ±8 ranks first among the falls.
        Assert.Equal(["On-time delivery", "Revenue", "Customer retention"], movers.Rows.Select(r => r.Name));
        Assert.Equal("worse than Sep 2026 (95): -25 (-26.3 %)", movers.Rows[1].Note);
        Assert.Equal("better than Sep 2026 (96): +3 (+3.1 %)", movers.Rows[0].Note);

        var paragraphs = messages.SelectMany(m => m.Blocks).OfType<Paragraph>().Select(ReviewFixture.TextOf).ToList();
        // Initiative owners are named, not notified: only red and missing KPIs call people.
        Assert.Contains("Second warehouse, overdue: Lease signed (due 15 Oct) · Anna", paragraphs);
        Assert.Contains("Customer app, off track · Priya", paragraphs);
        Assert.DoesNotContain(paragraphs, p => p.StartsWith("New CRM", StringComparison.Ordinal) || p.StartsWith("Old ERP", StringComparison.Ordinal));

        var image = messages.SelectMany(m => m.Blocks).OfType<Image>().Single();
        Assert.Equal($"https://bot.example.com/charts/multiples/{fixture.Scorecard.Id}.png?sig=abc", image.Url);
    }

    [Fact]
    public void Build_lists_the_KPIs_whose_forecast_is_likely_short_of_target_with_the_range()
    {
        var fixture = new ReviewFixture();
        // Retention slides about 0.8 a month against a year target of 97 (calendar fiscal year).
        fixture.Retention.Actuals.Clear();
        decimal[] values = [96.0m, 95.3m, 94.4m, 93.8m, 93.1m, 92.2m, 91.6m, 90.7m, 90.1m, 89.2m, 88.6m, 87.8m];
        for (var i = 0; i < values.Length; i++)
        {
            fixture.Retention.Actuals.Add(new Actual { KpiId = fixture.Retention.Id, Period = ReviewFixture.Oct.AddPeriods(i - 11), Value = values[i], SubmittedAt = DateTimeOffset.UnixEpoch });
        }

        fixture.Retention.Targets.Add(new Target { KpiId = fixture.Retention.Id, Period = Period.FiscalYear(2026), Value = 97 });

        var paragraphs = Digest(fixture).SelectMany(m => m.Blocks).OfType<Paragraph>().Select(ReviewFixture.TextOf).ToList();
        var heading = paragraphs.IndexOf("Likely to miss (1)");
        Assert.True(heading >= 0, string.Join(" | ", paragraphs));
        Assert.Matches(@"^• Customer retention: at this pace FY2026 \(Jan–Dec 2026\) ends near \d+ on average \(80 % range \d+–\d+\) against a target of 97 — likely short\.$", paragraphs[heading + 1]);
    }

    [Fact]
    public void Build_without_mentions_names_owners_in_plain_text()
    {
        var fixture = new ReviewFixture();
        var messages = Digest(fixture, mention: false);
        Assert.DoesNotContain(ReviewFixture.Inlines(messages), i => i is Mention);
        Assert.Contains(messages.SelectMany(m => m.Blocks).OfType<Paragraph>(), p => ReviewFixture.TextOf(p) == "Anna: NPS");
    }

    [Fact]
    public void A_large_scorecard_splits_into_messages_within_the_chat_limits_and_loses_no_red_KPI()
    {
        var fixture = new ReviewFixture();
        var objective = fixture.Scorecard.Objectives[0];
        for (var i = 0; i < 300; i++)
        {
            var kpi = fixture.Kpi($"Plant {i:D3} output", objective, fixture.Olivia, [100, 50], target: 100);
            kpi.Actuals[^1].Comment = new string('x', 120) + $" plant {i}";
        }

        var messages = Digest(fixture);

        Assert.True(messages.Count > 1);
        Assert.All(messages, m =>
        {
            Assert.Equal("digest", m.Kind);
            Assert.True(m.Blocks.Sum(MessageSplitter.CostOf) <= MessageSplitter.MaxBlocks, $"{m.Blocks.Sum(MessageSplitter.CostOf)} blocks");
            Assert.True(m.Blocks.Sum(MessageSplitter.TextBytesOf) <= MessageSplitter.MaxTextBytes);
            Assert.IsType<Heading>(m.Blocks[0]);
        });
        Assert.StartsWith("Operations: digest for Oct 2026 (continued, 2/", ((Heading)messages[1].Blocks[0]).Text);
        var reds = messages.SelectMany(m => m.Blocks).OfType<Paragraph>()
            .Where(p => p.Inlines.Count > 0 && p.Inlines[0] is Run { Bold: true, Text: var t } && t.StartsWith("Plant", StringComparison.Ordinal))
            .ToList();
        Assert.Equal(300, reds.Count);
        // A red KPI and its comment stay in the same message.
        foreach (var message in messages)
        {
            var blocks = message.Blocks.ToList();
            foreach (var red in blocks.OfType<Paragraph>().Where(reds.Contains))
            {
                Assert.IsType<Note>(blocks[blocks.IndexOf(red) + 1]);
            }
        }
    }
}
