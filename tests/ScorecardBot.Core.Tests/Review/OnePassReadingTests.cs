using System.Globalization;
using System.Text.RegularExpressions;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Review;
using ScorecardBot.Core.Scoring;
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
                    case ChoiceInput c:
                        yield return c.Label;
                        foreach (var choice in c.Choices)
                        {
                            yield return choice.Title;
                        }

                        break;
                    case Input i:
                        yield return i.Label;
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
        Assert.StartsWith($"Agenda for Operations (Oct 2026): 8 items, {plan.TotalMinutes} of 60 minutes.", message.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Direction.HigherIsBetter, "45 · amber below 42 · red below 38")]
    [InlineData(Direction.LowerIsBetter, "45 · amber above 48 · red above 52")]
    public void The_prompt_card_shows_where_amber_and_red_start_in_the_KPIs_direction(Direction direction, string expected)
    {
        var fixture = new ReviewFixture();
        fixture.Nps.Direction = direction;
        foreach (var target in fixture.Nps.Targets)
        {
            (target.ThresholdStyle, target.Amber, target.Red) = direction == Direction.HigherIsBetter
                ? (ThresholdStyle.Absolute, 42m, 38m)
                : (ThresholdStyle.Absolute, 48m, 52m);
        }

        var card = new PromptBuilder(ReviewFixture.Calendar, ReviewFixture.Formatter).Prompt(fixture.Anna, ReviewFixture.Oct, [new(fixture.Nps, ReviewFixture.Oct)]);
        Assert.Contains($"Target: {expected}", TextsOf([card]));
    }

    [Fact]
    public void A_band_shows_both_sides()
    {
        var fixture = new ReviewFixture();
        fixture.Nps.Direction = Direction.WithinBand;
        foreach (var target in fixture.Nps.Targets)
        {
            (target.Value, target.BandLow, target.BandHigh) = (50m, 40m, 60m);
        }

        var card = new PromptBuilder(ReviewFixture.Calendar, ReviewFixture.Formatter).Prompt(fixture.Anna, ReviewFixture.Oct, [new(fixture.Nps, ReviewFixture.Oct)]);
        Assert.Contains("Target: 40–60 · amber below 40 or above 60 · red below 38 or above 62", TextsOf([card]));
    }

    [GeneratedRegex(@"(?<status>amber|red) (?:(?: or )?(?<side>below|above) (?<line>-?[\d.,]+))+")]
    private static partial Regex StatusLine();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Every_line_the_card_states_is_where_that_status_really_starts(int seed)
    {
        // Random targets, threshold styles, directions and decimals: a value on a stated line keeps
        // the better status, and a step past it has the stated one.
        var random = new Random(seed);
        var formatter = new ValueFormatter(CultureInfo.GetCultureInfo("en-US"), "USD");
        for (var draw = 0; draw < 500; draw++)
        {
            var direction = (Direction)random.Next(3);
            var decimals = random.Next(0, 3);
            var value = decimal.Round((decimal)(random.NextDouble() * 200), decimals);
            var target = new Target { Value = value, ThresholdStyle = random.Next(2) == 0 ? ThresholdStyle.Absolute : ThresholdStyle.PercentOfTarget };
            if (direction == Direction.WithinBand)
            {
                (target.BandLow, target.BandHigh) = (value, value + decimal.Round((decimal)(random.NextDouble() * 30), decimals));
            }

            if (random.Next(3) > 0)
            {
                (target.Amber, target.Red) = (target.ThresholdStyle, direction) switch
                {
                    (ThresholdStyle.Absolute, Direction.HigherIsBetter) => (value - 2, value - 5),
                    (ThresholdStyle.Absolute, Direction.LowerIsBetter) => (value + 2, value + 5),
                    (ThresholdStyle.Absolute, _) => ((decimal?)null, (decimal?)null),
                    _ => (random.Next(90, 100), random.Next(75, 90)),
                };
            }

            var kpi = new Kpi { Key = "k", Name = "K", Direction = direction, Decimals = decimals };
            var text = StatusLineText.Target(target, kpi, formatter);
            var lines = StatusLine().Matches(text)
                .SelectMany(m => m.Groups["line"].Captures.Zip(m.Groups["side"].Captures, (l, side) => (Status: m.Groups["status"].Value, Side: side.Value, At: l.Value, m.Value)))
                .ToList();
            Assert.True(lines.Count >= (direction == Direction.WithinBand ? 2 : 1), $"draw {draw}: {text}");
            Assert.Contains(" · red ", text, StringComparison.Ordinal);
            foreach (var line in lines)
            {
                var at = decimal.Parse(line.At.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
                var step = 0.0001m * (line.Side == "below" ? -1 : 1);
                var stated = line.Status == "red" ? Status.Red : Status.Amber;
                var better = stated == Status.Red ? Status.Amber : Status.Green;
                var onLine = StatusRules.Assess(at, target, direction).Status;
                var past = StatusRules.Assess(at + step, target, direction).Status;
                var context = $"draw {draw}: {direction} {target.ThresholdStyle} {target.Value} [{target.BandLow}–{target.BandHigh}] a={target.Amber} r={target.Red}: {text}";
                Assert.True(past == stated, $"{context}: past {line.Value} is {past}");
                Assert.True(onLine != stated && (onLine == better || (stated == Status.Red && onLine == Status.Green)), $"{context}: on {line.Value} is {onLine}");
            }
        }
    }
}
