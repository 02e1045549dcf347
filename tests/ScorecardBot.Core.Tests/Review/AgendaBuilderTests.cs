using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Review;
using ScorecardBot.Core.Scoring;

namespace ScorecardBot.Core.Tests.Review;

public class AgendaBuilderTests
{
    private static readonly AgendaBuilder Builder = new(ReviewFixture.Formatter);

    [Fact]
    public void Plan_orders_actions_red_amber_gaps_decisions_leading_signals_and_close()
    {
        var fixture = new ReviewFixture();
        var plan = Builder.Plan(fixture.Request());

        Assert.Equal(
        [
            (AgendaSection.OpenActions, "Open actions from last time (1)", fixture.Max.Id, 5),
            (AgendaSection.RedKpis, "Revenue", fixture.Olivia.Id, 5),
            (AgendaSection.WorseningAmberKpis, "Customer retention", fixture.Priya.Id, 3),
            (AgendaSection.DataGaps, "1 KPI without an actual", fixture.Anna.Id, 2),
            (AgendaSection.InitiativeDecisions, "New CRM", fixture.Olivia.Id, 5),
            (AgendaSection.LeadingWithoutLagging, "On-time delivery", fixture.Anna.Id, 3),
            (AgendaSection.Close, "Agree actions, owners and due dates", fixture.Max.Id, 5),
        ], plan.Items.Select(i => (i.Section, i.Title, i.OwnerId!.Value, i.Minutes)));
        Assert.Equal(28, plan.TotalMinutes);
        Assert.Equal(0, plan.OverBy);
        Assert.Equal("#7 Call Berger about renewal", plan.Items[0].Detail);
        // The presenter's line says where amber and red start, as the prompt card does.
        Assert.StartsWith("70 vs target 100 · amber below ", plan.Items[1].Detail, StringComparison.Ordinal);
        Assert.Contains(" · red below ", plan.Items[1].Detail, StringComparison.Ordinal);
        Assert.EndsWith(". “Lost the Berger account”", plan.Items[1].Detail, StringComparison.Ordinal);
        Assert.StartsWith("Customer retention", plan.Items[2].Title, StringComparison.Ordinal);
        Assert.Contains(" · amber below ", plan.Items[2].Detail, StringComparison.Ordinal);
        Assert.Equal("Extend the budget by 20 %?", plan.Items[4].Detail);
    }

    [Fact]
    public void A_KPI_on_target_whose_forecast_is_likely_short_gets_an_item_after_the_amber_ones_with_its_forecast()
    {
        var fixture = new ReviewFixture();

        // Green in October (88 against 85) but sliding, while the quarter's November and December ask 95.
        var uptime = fixture.Kpi("Fleet uptime", fixture.Scorecard.Objectives[0], fixture.Priya, [96.0m, 95.3m, 94.4m, 93.8m, 93.1m, 92.2m, 91.6m, 90.7m, 90.1m, 89.2m, 88.6m, 87.8m], target: 85);
        uptime.Targets.Single(t => t.Period == Period.Month(2026, 11)).Value = 95;
        uptime.Targets.Add(new Target { KpiId = uptime.Id, Period = Period.Month(2026, 12), Value = 95 });
        Assert.Equal(Status.Green, KpiSnapshot.Compute(uptime, ReviewFixture.Oct).Status);

        var plan = Builder.Plan(fixture.Request());

        var item = Assert.Single(plan.Items, i => i.KpiId == uptime.Id);
        Assert.Equal((AgendaSection.LikelyToMiss, "Fleet uptime", fixture.Priya.Id, AgendaBuilder.MinutesPerLikelyMiss), (item.Section, item.Title, item.OwnerId!.Value, item.Minutes));
        Assert.StartsWith("88 vs target 85 · amber below", item.Detail, StringComparison.Ordinal);
        Assert.Matches(@"At this pace FY2026-Q4 \(Oct–Dec 2026\) ends near \d+ on average \(80 % range \d+–\d+\) against a target of \d+ — likely short\.", item.Detail);
        var sections = plan.Items.Select(i => i.Section).ToList();
        Assert.True(sections.LastIndexOf(AgendaSection.WorseningAmberKpis) < sections.IndexOf(AgendaSection.LikelyToMiss), string.Join(", ", sections));
        Assert.True(sections.IndexOf(AgendaSection.LikelyToMiss) < sections.IndexOf(AgendaSection.DataGaps), string.Join(", ", sections));

        var message = Assert.Single(Builder.Build(fixture.Request()));
        Assert.Contains(message.Blocks.OfType<Paragraph>(), p => ReviewFixture.TextOf(p) == "Likely to miss the target: the owner presents");
    }

    [Fact]
    public void Build_numbers_the_items_with_owner_and_minutes_and_offers_to_add_an_action_per_KPI()
    {
        var fixture = new ReviewFixture();
        var message = Assert.Single(Builder.Build(fixture.Request()));

        Assert.Equal("agenda", message.Kind);
        var items = message.Blocks.OfType<Paragraph>().Select(ReviewFixture.TextOf).Where(t => System.Text.RegularExpressions.Regex.IsMatch(t, @"^\d+\. ")).ToList();
        Assert.Equal(
        [
            "1. Open actions from last time (1) · 5 min · @Max",
            "2. Revenue · 5 min · @Olivia",
            "3. Customer retention · 3 min · @Priya",
            "4. @Anna: 1 KPI without an actual — NPS · 2 min",
            "5. New CRM · 5 min · @Olivia",
            "6. On-time delivery · 3 min · @Anna",
            "7. Agree actions, owners and due dates · 5 min · @Max",
        ], items);
        var add = message.Blocks.OfType<ActionBar>().SelectMany(b => b.Actions).Where(a => a.Id == AgendaBuilder.AddActionId).ToList();
        Assert.Equal(4, add.Count);
        Assert.Equal(fixture.Revenue.Id.ToString(), add[0].Data["kpi"]);
        Assert.Equal("Revenue: ", add[0].Data["text"]);
        Assert.Equal("28 of 60 minutes planned.", ReviewFixture.TextOf(message.Blocks.OfType<Paragraph>().First()));
    }

    [Fact]
    public void Build_says_so_when_the_agenda_does_not_fit_the_meeting()
    {
        var fixture = new ReviewFixture();
        var message = Assert.Single(Builder.Build(fixture.Request(meetingMinutes: 20)));
        var fit = message.Blocks.OfType<Paragraph>().First();
        Assert.Equal(TextTone.Warning, fit.Tone);
        Assert.StartsWith("28 minutes planned for a 20-minute meeting: over by 8 minutes.", ReviewFixture.TextOf(fit));
    }

    [Fact]
    public void Leading_KPIs_are_not_flagged_when_their_lagging_KPI_moved_the_same_way()
    {
        var fixture = new ReviewFixture();
        // Retention now improves along with delivery.
        fixture.Retention.Actuals.Clear();
        foreach (var (month, value) in new[] { (7, 87m), (8, 90m), (9, 93m), (10, 96m) })
        {
            fixture.Retention.Actuals.Add(new Model.Actual { KpiId = fixture.Retention.Id, Period = Model.Period.Month(2026, month), Value = value });
        }

        var plan = Builder.Plan(fixture.Request());
        Assert.DoesNotContain(plan.Items, i => i.Section == AgendaSection.LeadingWithoutLagging);
    }

    [Fact]
    public void Actions_raised_in_the_period_under_review_or_closed_are_not_carried_over()
    {
        var fixture = new ReviewFixture();
        fixture.Actions.Add(new Model.ReviewAction { ScorecardId = fixture.Scorecard.Id, Number = 9, Text = "Raised this time", RaisedInPeriod = ReviewFixture.Oct });
        var plan = Builder.Plan(fixture.Request());
        Assert.Equal("#7 Call Berger about renewal", plan.Items.Single(i => i.Section == AgendaSection.OpenActions).Detail);
    }

    [Fact]
    public void ReviewRequest_For_takes_minutes_from_the_cycle_and_today_from_the_organizations_zone()
    {
        var fixture = new ReviewFixture();
        fixture.Scorecard.ReviewCycles.Add(new Model.ReviewCycle { MeetingMinutes = 90 });
        var organization = new Model.Organization { Name = "Org", TimeZoneId = "Europe/Berlin", MentionOwners = false };
        var request = ReviewRequest.For(organization, fixture.Scorecard, ReviewFixture.Oct, fixture.People, fixture.Actions,
            new DateTimeOffset(2026, 11, 8, 23, 30, 0, TimeSpan.Zero));

        Assert.Equal(90, request.MeetingMinutes);
        Assert.Equal(new DateOnly(2026, 11, 9), request.Today); // 00:30 in Berlin
        Assert.False(request.MentionOwners);
        Assert.Equal(90, Builder.Plan(request).MeetingMinutes);
    }
}

