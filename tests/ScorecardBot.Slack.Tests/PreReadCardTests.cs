using System.Globalization;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;
using ScorecardBot.Core.Review;
using ScorecardBot.Core.Scoring;
using ScorecardBot.Core.Values;
using ScorecardBot.Slack.Rendering;

namespace ScorecardBot.Slack.Tests;

/// <summary>The presenter's pre-read within Block Kit's limits: every field of every KPI on the card, under 50 blocks.</summary>
public sealed class PreReadCardTests
{
    private static readonly Period October = Period.Month(2026, 10);

    private static Message Card(int kpis)
    {
        var organization = new Organization { Name = "Contoso", TimeZoneId = "Europe/Berlin" };
        var ana = new Person { OrganizationId = organization.Id, Name = "Ana Lima", Email = "ana@contoso.example", Role = Role.Owner };
        var scorecard = new Scorecard { OrganizationId = organization.Id, Key = "sales", Name = "Sales" };
        var items = new List<PreReadItem>();
        for (var i = 0; i < kpis; i++)
        {
            var kpi = new Kpi { Key = $"k{i}", Name = $"KPI number {i} with a long name to fill the line " + new string('x', 80), Unit = "%", Format = KpiFormat.Percent, OwnerId = ana.Id };
            kpi.Targets.Add(new Target { KpiId = kpi.Id, Period = October, Value = 95, Amber = 93, Red = 90, ThresholdStyle = ThresholdStyle.Absolute });
            kpi.Actuals.Add(new Actual { KpiId = kpi.Id, Period = October, Value = 80, Comment = new string('c', 2500), SubmittedAt = DateTimeOffset.UnixEpoch });
            scorecard.Kpis.Add(kpi);
            items.Add(new PreReadItem(kpi, KpiSnapshot.Compute(kpi, October), PreReadReason.Red));
        }

        var culture = CultureInfo.GetCultureInfo("en-US");
        return new PreReadBuilder(FiscalCalendar.For(organization), new ValueFormatter(culture, "USD"), culture)
            .Build(ana, scorecard, October, items, [ana], new DateTimeOffset(2026, 11, 10, 8, 0, 0, TimeSpan.Zero));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(PreReadBuilder.MaxKpis)]
    [InlineData(PreReadBuilder.MaxKpis + 3)]
    public void Every_field_of_every_KPI_on_the_card_fits_a_Slack_message(int kpis)
    {
        var message = Card(kpis);

        var blocks = BlockKitRenderer.Render(message);

        Assert.True(blocks.Count <= 50, $"{blocks.Count} blocks");
        var shown = Math.Min(kpis, PreReadBuilder.MaxKpis);
        var inputs = message.Blocks.OfType<Input>().Count();
        Assert.Equal(shown * 5, inputs);
        var inputBlocks = blocks.Count(b => b!["type"]!.ToString() == "input");
        var json = blocks.ToJsonString();
        // Either every field is in the message with the submit button, or the button opens them all in a modal.
        Assert.True(inputBlocks == inputs ? json.Contains(CardActions.SubmitPreRead, StringComparison.Ordinal) : inputBlocks == 0 && json.Contains(BlockKitRenderer.OpenFormActionPrefix, StringComparison.Ordinal), json);
        var submit = message.Blocks.OfType<ActionBar>().SelectMany(b => b.Actions).Single(a => a.Id == CardActions.SubmitPreRead);
        Assert.Equal(shown, submit.Data[CardActions.Keys.Kpis].Split(',').Length);
        Assert.All(blocks.Where(b => b!["type"]!.ToString() == "section" && b["text"] is not null), b => Assert.True(b!["text"]!["text"]!.ToString().Length <= 3000));
    }
}
