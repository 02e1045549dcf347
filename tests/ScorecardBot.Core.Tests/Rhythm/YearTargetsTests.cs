using Microsoft.Extensions.Time.Testing;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;
using ScorecardBot.Core.Review;
using ScorecardBot.Core.Rhythm;
using ScorecardBot.Core.Scoring;
using ScorecardBot.Core.Tests.Conversation;
using ScorecardBot.Core.Tests.Review;
using ScorecardBot.Core.Values;

namespace ScorecardBot.Core.Tests.Rhythm;

/// <summary>A new fiscal year without targets: the card a month before, carrying last year's forward, and the digest that says why KPIs are unscored.</summary>
public class YearTargetsTests
{
    private static readonly DateTimeOffset November = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset February = new(2027, 2, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_month_before_the_fiscal_year_the_manager_gets_one_card_listing_only_the_KPIs_without_its_targets()
    {
        var world = QuarterSimulationTests.Chicago();
        var revenue = world.Scorecard.Kpis.Single(k => k.Name == "Revenue");
        revenue.Targets.Add(new Target { KpiId = revenue.Id, Period = Period.FiscalYear(2027), Value = 100 });

        world.Run(new FakeTimeProvider(November), February);

        var card = Assert.Single(world.Made, m => m.Decision.Kind == RhythmDecisionKind.TargetsMissing);
        Assert.Equal("Tue 2026-12-01 08:00 TargetsMissing targets:sc:FY2027 -> Dana [Churn, Quarterly margin]", world.Describe(card.Decision, card.At));
        Assert.Equal(Period.FiscalYear(2027), card.Decision.Period);
        Assert.Equal(FiscalCalendar.For(world.Organization).StartOfDay(new DateOnly(2027, 2, 1)), card.Decision.Deadline);
    }

    [Fact]
    public void With_every_target_of_the_new_year_set_no_card_is_sent()
    {
        var world = QuarterSimulationTests.Chicago();
        foreach (var kpi in world.Scorecard.Kpis)
        {
            kpi.Targets.Add(new Target { KpiId = kpi.Id, Period = Period.FiscalYear(2027), Value = 100 });
        }

        world.Run(new FakeTimeProvider(November), February);

        Assert.DoesNotContain(world.Made, m => m.Decision.Kind == RhythmDecisionKind.TargetsMissing);
    }

    [Fact]
    public void Carrying_forward_copies_each_target_of_last_year_with_its_thresholds_to_the_same_period_a_year_later()
    {
        var calendar = FiscalCalendar.Create(4, "Europe/Berlin"); // FY2027 = April 2026 to March 2027
        var kpi = new Kpi { Key = "otd", Name = "On-time delivery" };
        kpi.Targets.Add(new Target { KpiId = kpi.Id, Period = Period.FiscalYear(2027), Value = 95, Amber = 93, Red = 90, ThresholdStyle = ThresholdStyle.Absolute });
        kpi.Targets.Add(new Target { KpiId = kpi.Id, Period = Period.Quarter(2027, 4), Value = 96 });
        kpi.Targets.Add(new Target { KpiId = kpi.Id, Period = Period.Month(2027, 3), BandLow = 94, BandHigh = 98, Value = 96 });
        kpi.Targets.Add(new Target { KpiId = kpi.Id, Period = Period.Month(2027, 4), Value = 97 }); // FY2028 already: kept, not copied over
        kpi.Targets.Add(new Target { KpiId = kpi.Id, Period = Period.Month(2026, 3), Value = 80 }); // FY2026: not last year

        var carried = TargetCarry.Plan(kpi, kpi.Targets, Period.FiscalYear(2028), calendar);

        Assert.Equal([Period.Month(2028, 3), Period.Quarter(2028, 4), Period.FiscalYear(2028)], carried.Select(t => t.Period).OrderBy(p => p.Kind));
        var year = carried.Single(t => t.Period == Period.FiscalYear(2028));
        Assert.Equal((95m, 93m, 90m, ThresholdStyle.Absolute), (year.Value, year.Amber!.Value, year.Red!.Value, year.ThresholdStyle));
        var march = carried.Single(t => t.Period == Period.Month(2028, 3));
        Assert.Equal((94m, 98m), (march.BandLow!.Value, march.BandHigh!.Value));
    }

    [Fact]
    public async Task The_manager_carries_last_years_targets_forward_with_one_press_audited_and_nobody_else_may()
    {
        var f = new EngineFixture();
        var scorecard = f.Sample.Manufacturing;
        var calendar = FiscalCalendar.For(f.Sample.Organization);
        var card = new YearTargetsBuilder(calendar, new ValueFormatter(System.Globalization.CultureInfo.GetCultureInfo("en-US"), "EUR"))
            .Build(scorecard, Period.FiscalYear(2027), ReviewRhythm.KpisWithoutTargets(scorecard, Period.FiscalYear(2027), calendar));
        var carry = card.Blocks.OfType<ActionBar>().SelectMany(b => b.Actions).Single(a => a.Id == CardActions.CarryTargets);
        Assert.Equal("Carry FY2026's targets forward", carry.Title);
        Assert.Contains(card.Blocks.OfType<FactList>().SelectMany(l => l.Facts), fact => fact.Label == "Gross margin" && fact.Value == "FY2026: 32.0 %");

        var refused = await f.PressAsync(f.Sample.Ben, carry);
        Assert.Equal(ScorecardBot.Core.Conversation.Handlers.Replies.RefusedKind, refused.Replies[0].Message.Kind);
        Assert.DoesNotContain(f.Sample.Store.Audit, e => e.Subject == "Target");

        var done = await f.PressAsync(f.Sample.Ana, carry);
        Assert.StartsWith("FY2026's targets carried forward to FY2027 for ", done.Replies[0].Message.Summary, StringComparison.Ordinal);
        var margin = f.Sample.Kpi("gross-margin");
        var january = Assert.Single(margin.Targets, t => t.Period == Period.Month(2027, 1));
        var lastJanuary = margin.Targets.Single(t => t.Period == Period.Month(2026, 1));
        Assert.Equal((lastJanuary.Value, lastJanuary.Amber, lastJanuary.Red), (january.Value, january.Amber, january.Red));
        Assert.Contains(f.Sample.Store.Audit, e => e.Subject == "Target" && e.KpiId == margin.Id && e.Period == Period.Month(2027, 1) && e.Change == "created" && e.ActorId == f.Sample.Ana.Id);

        // Pressed again: nothing more to carry, nothing changed.
        var audited = f.Sample.Store.Audit.Count;
        var again = await f.PressAsync(f.Sample.Ana, carry);
        Assert.StartsWith("Nothing to carry forward", again.Replies[0].Message.Summary, StringComparison.Ordinal);
        Assert.Equal(audited, f.Sample.Store.Audit.Count);
    }

    [Fact]
    public void The_digest_says_which_reported_KPIs_are_unscored_for_want_of_a_target_instead_of_calling_them_no_data()
    {
        var fixture = new ReviewFixture();
        foreach (var kpi in new[] { fixture.Revenue, fixture.Retention, fixture.Delivery })
        {
            kpi.Targets.RemoveAll(t => t.Period == ReviewFixture.Oct);
        }

        var summary = new ChannelDigest(ReviewFixture.Formatter).Build(fixture.Request(), DigestLayout.SummaryAndThread)[0].Message;
        var lines = summary.Blocks.OfType<Paragraph>().Select(ReviewFixture.TextOf).ToList();

        Assert.Contains("Score – (no targets to score by) · 0 green · 0 amber · 0 red · 3 without target · 1 no data", lines);
        Assert.Contains("Unscored, no target for FY2026 (3): Revenue, Customer retention, On-time delivery. Reported, but not in the score until a target is set.", lines);
    }
}
