using ScorecardBot.Core.Model;
using ScorecardBot.Core.Rhythm;

namespace ScorecardBot.Core.Tests.Rhythm;

public class ReviewRhythmTests
{
    private static DateTimeOffset BerlinTime(int month, int day, int hour, int minute = 0) =>
        new(2026, month, day, hour, minute, 0, TimeSpan.FromHours(1));

    private static string[] Keys(RhythmWorld world, IEnumerable<RhythmDecision> decisions, DateTimeOffset at) =>
        [.. decisions.Select(d => world.Describe(d, at))];

    [Fact]
    public void After_downtime_past_the_meeting_nothing_of_that_review_is_sent()
    {
        var world = QuarterSimulationTests.Berlin();
        // The October review's meeting was 10 Nov 10:00–11:00; the bot comes back at 12:00.
        Assert.Empty(world.DecideNow(BerlinTime(11, 10, 12)));
    }

    [Fact]
    public void After_downtime_a_late_prompt_covers_the_reminders_that_were_already_due()
    {
        var world = QuarterSimulationTests.Berlin();
        var now = BerlinTime(11, 5, 10); // both reminders (4 and 5 Nov, 09:00) have passed
        var first = world.DecideNow(now);
        Assert.Equal(
        [
            "Thu 2026-11-05 14:30 Prompt prompt:sc:2026-10:Priya -> Priya [Customer retention]",
            "Thu 2026-11-05 10:00 Prompt prompt:sc:2026-10:Anna -> Anna [On-time delivery]",
            "Thu 2026-11-05 10:00 Prompt prompt:sc:2026-10:Clara -> Clara [Unit cost]",
            "Thu 2026-11-05 10:00 OpenWindow window:sc:2026-10 -> #channel",
            "Thu 2026-11-05 10:00 FeedLate feedlate:sc:2026-10 -> Max [Web orders]",
        ], Keys(world, first, now));

        world.Record(first, now);
        Assert.Empty(world.DecideNow(now));
        // Nor the next day: both reminders were due before the prompt went out. The escalation still comes.
        var nextDay = BerlinTime(11, 6, 9);
        Assert.Equal(["Fri 2026-11-06 09:00 Escalate escalate:sc:2026-10 -> Max [On-time delivery, Customer retention, Unit cost]"], Keys(world, world.DecideNow(nextDay), nextDay));
    }

    [Fact]
    public void Without_send_times_only_the_latest_due_reminder_is_sent()
    {
        var world = QuarterSimulationTests.Berlin();
        var promptAt = BerlinTime(11, 2, 9);
        world.Record(world.DecideNow(BerlinTime(11, 2, 4, 30)), BerlinTime(11, 2, 4, 30));
        world.Record(world.DecideNow(promptAt), promptAt);
        var input = world.Input() with { MadeAt = null };

        var later = BerlinTime(11, 5, 11); // reminders 1 (4 Nov) and 2 (5 Nov) are both due
        var reminders = ReviewRhythm.Decide(input, later).Where(d => d.Kind == RhythmDecisionKind.Remind).Select(d => world.Describe(d, later));
        Assert.Equal(
        [
            "Thu 2026-11-05 11:00 Remind remind:sc:2026-10:Anna:2 -> Anna [On-time delivery]",
            "Thu 2026-11-05 11:00 Remind remind:sc:2026-10:Clara:2 -> Clara [Unit cost]",
            "Thu 2026-11-05 15:30 Remind remind:sc:2026-10:Priya:2 -> Priya [Customer retention]",
        ], reminders.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_missed_send_waits_for_the_morning_instead_of_going_out_at_night()
    {
        var world = QuarterSimulationTests.Berlin();
        var night = BerlinTime(11, 2, 22);
        // Priya's 09:00 in Kolkata is long past, but it is 02:30 there now; the others' evening is over too.
        Assert.Empty(world.DecideNow(night));
        Assert.Equal(new DateTimeOffset(2026, 11, 3, 9, 0, 0, new TimeSpan(5, 30, 0)), ReviewRhythm.NextDueAt(world.Input(), night));
    }

    [Fact]
    public void Nothing_is_sent_on_a_weekend_even_when_it_is_overdue()
    {
        var world = QuarterSimulationTests.Berlin();
        var saturday = BerlinTime(11, 7, 11);
        Assert.Empty(world.DecideNow(saturday));
        Assert.Equal(new DateTimeOffset(2026, 11, 9, 9, 0, 0, new TimeSpan(5, 30, 0)), ReviewRhythm.NextDueAt(world.Input(), saturday));
    }

    [Fact]
    public void A_window_closed_by_the_manager_stops_prompts_reminders_and_escalation_but_not_the_digest()
    {
        var world = QuarterSimulationTests.Berlin();
        world.Scorecard.ReviewCycles[0].WindowOverride = false;
        Assert.Empty(world.DecideNow(BerlinTime(11, 2, 9)));
        var digestDay = BerlinTime(11, 9, 9);
        Assert.Equal(["Mon 2026-11-09 09:00 Digest digest:sc:2026-10 -> #channel [On-time delivery, Customer retention, Unit cost]"], Keys(world, world.DecideNow(digestDay), digestDay));
    }

    [Fact]
    public void A_window_opened_by_the_manager_prompts_now_instead_of_on_the_scheduled_day()
    {
        var world = QuarterSimulationTests.Berlin();
        world.Scorecard.ReviewCycles[0].WindowOverride = true;
        // 11 Nov, after the October review; November's window would open on 1 Dec.
        var now = BerlinTime(11, 11, 15);
        var kinds = world.DecideNow(now).Select(d => (d.Kind, d.Period)).ToList();
        Assert.Contains((RhythmDecisionKind.OpenWindow, Period.Month(2026, 11)), kinds);
        // Anna, Clara and Priya (19:30 in Kolkata, still before the evening).
        Assert.Equal(3, kinds.Count(k => k.Kind == RhythmDecisionKind.Prompt && k.Period == Period.Month(2026, 11)));
    }

    [Fact]
    public void Inactive_delegates_hand_the_prompt_back_to_the_owner_and_unowned_KPIs_are_escalated()
    {
        var world = QuarterSimulationTests.Berlin();
        world.People.First(p => p.Name == "Clara").IsActive = false;
        world.People.First(p => p.Name == "Priya").IsActive = false;
        var now = BerlinTime(11, 2, 9);
        var prompts = world.DecideNow(now).Where(d => d.Kind == RhythmDecisionKind.Prompt).Select(d => world.Describe(d, now)).ToList();
        Assert.Equal(
        [
            "Mon 2026-11-02 09:00 Prompt prompt:sc:2026-10:Anna -> Anna [On-time delivery]",
            "Mon 2026-11-02 09:00 Prompt prompt:sc:2026-10:Bernd -> Bernd [Unit cost]",
        ], prompts);

        var escalation = Assert.Single(world.DecideNow(BerlinTime(11, 6, 9)), d => d.Kind == RhythmDecisionKind.Escalate);
        Assert.Equal(3, escalation.Kpis.Count); // Retention has nobody to report it
    }

    [Fact]
    public void With_a_quarterly_cycle_the_check_goes_with_the_quarterly_review_and_collection_stays_monthly()
    {
        var world = QuarterSimulationTests.Berlin();
        world.Scorecard.ReviewCycles.Add(new ReviewCycle { ScorecardId = world.Scorecard.Id, Kind = ReviewKind.Quarterly, MeetingTime = new TimeOnly(14, 0) });
        var now = new DateTimeOffset(2027, 1, 11, 9, 0, 0, TimeSpan.FromHours(1));

        var channel = world.DecideNow(now).Where(d => d.Recipient.PersonId is null && d.Kind != RhythmDecisionKind.OpenWindow).Select(d => world.Describe(d, now));
        Assert.Equal(
        [
            "Mon 2027-01-11 09:00 QuarterlyCheck check:sc:FY2027-Q3 -> #channel",
            "Mon 2027-01-11 09:00 Digest digest:sc:2026-12 -> #channel [On-time delivery, Customer retention, Unit cost, NPS FY2027-Q3]",
            // The quarterly review lists every month of the quarter still missing (nothing was reported in this world).
            "Mon 2027-01-11 09:00 Digest digest:sc:FY2027-Q3 -> #channel [On-time delivery, On-time delivery, On-time delivery, Customer retention, Customer retention, Customer retention, Unit cost, Unit cost, Unit cost, NPS FY2027-Q3]",
        ], channel);
        Assert.DoesNotContain(world.DecideNow(now), d => d.Key.Contains(":FY2027-Q3:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_scorecard_with_only_a_quarterly_cycle_asks_for_every_month_of_the_quarter_in_one_prompt()
    {
        var world = QuarterSimulationTests.Berlin();
        world.Scorecard.ReviewCycles[0].Kind = ReviewKind.Quarterly;
        var now = new DateTimeOffset(2027, 1, 4, 9, 0, 0, TimeSpan.FromHours(1));

        var anna = Assert.Single(world.DecideNow(now), d => world.Describe(d, now).Contains("-> Anna", StringComparison.Ordinal));
        Assert.Equal(RhythmDecisionKind.Prompt, anna.Kind);
        Assert.Equal(Period.Quarter(2027, 3), anna.Period);
        Assert.Equal(
            ["2026-10", "2026-11", "2026-12", "FY2027-Q3"], // Web orders is fed by the API: asked for only once its numbers arrive
            anna.Kpis.Select(k => k.Period.ToString()));
    }

    [Fact]
    public void A_broken_review_cycle_is_reported_with_the_scorecard_it_belongs_to()
    {
        var world = QuarterSimulationTests.Berlin();
        world.Scorecard.ReviewCycles[0].WeekOfMonth = 0;
        var error = Assert.Throws<ArgumentException>(() => world.DecideNow(BerlinTime(11, 2, 9)));
        Assert.StartsWith("Scorecard 'Berlin scorecard' (main): The review cycle's week of the month is 0; it must be 1–4, or -1 for the last.", error.Message);
    }
}


/// <summary>KPIs fed by the API: the owner is asked for the comment once the number arrived; an admin hears when it is late.</summary>
public class FeedRhythmTests
{
    private static DateTimeOffset BerlinTime(int month, int day, int hour, int minute = 0) =>
        new(2026, month, day, hour, minute, 0, TimeSpan.FromHours(1));

    private static (RhythmWorld World, Kpi Web, List<Actual> Actuals) World()
    {
        var world = QuarterSimulationTests.Berlin();
        var web = world.Scorecard.Kpis.Single(k => k.Name == "Web orders");
        return (world, web, []);
    }

    private static string[] Fed(RhythmWorld world, RhythmInput input, DateTimeOffset now) =>
        [.. ReviewRhythm.Decide(input, now).Where(d => d.Key.StartsWith("comment:", StringComparison.Ordinal) || d.Kind == RhythmDecisionKind.FeedLate).Select(d => world.Describe(d, now))];

    [Fact]
    public void A_number_that_arrived_before_the_window_is_asked_about_when_it_opens_and_only_once()
    {
        var (world, web, actuals) = World();
        actuals.Add(new Actual { KpiId = web.Id, Period = Period.Month(2026, 10), Value = 1840m, Source = EntrySource.Api, SubmittedAt = BerlinTime(10, 31, 23) });
        var open = BerlinTime(11, 2, 9);
        var input = world.Input() with { Actuals = actuals };

        var decided = ReviewRhythm.Decide(input, open);
        Assert.Equal(["Mon 2026-11-02 09:00 Prompt comment:sc:2026-10:Anna:1 -> Anna [Web orders]"], Fed(world, input, open));
        Assert.Contains(decided, d => d.Key.StartsWith("prompt:", StringComparison.Ordinal) && d.Recipient.PersonId == web.OwnerId && d.Kpis.All(k => k.KpiId != web.Id));
        Assert.Empty(Fed(world, input, BerlinTime(11, 1, 12))); // nothing before the window opens

        world.Record(decided, open);
        Assert.Empty(Fed(world, world.Input() with { Actuals = actuals }, BerlinTime(11, 3, 10)));
        Assert.Empty(Fed(world, world.Input() with { Actuals = actuals }, BerlinTime(11, 5, 10))); // arrived: no feed-late notice
    }

    [Fact]
    public void A_number_arriving_later_is_asked_about_when_it_arrives_and_a_commented_one_is_not()
    {
        var (world, web, actuals) = World();
        var open = BerlinTime(11, 2, 9);
        world.Record(ReviewRhythm.Decide(world.Input() with { Actuals = actuals }, open), open);
        Assert.Empty(Fed(world, world.Input() with { Actuals = actuals }, BerlinTime(11, 3, 10)));

        var october = new Actual { KpiId = web.Id, Period = Period.Month(2026, 10), Value = 1840m, Source = EntrySource.Api, SubmittedAt = BerlinTime(11, 3, 14, 5) };
        actuals.Add(october);
        var later = BerlinTime(11, 3, 14, 6);
        var input = world.Input() with { Actuals = actuals };
        Assert.Equal(["Tue 2026-11-03 14:06 Prompt comment:sc:2026-10:Anna:1 -> Anna [Web orders]"], Fed(world, input, later));
        world.Record(ReviewRhythm.Decide(input, later), later);
        Assert.Empty(Fed(world, world.Input() with { Actuals = actuals }, later.AddHours(1)));

        // The system corrects the number: asked again, once.
        october.Value = 1870m;
        october.SubmittedAt = BerlinTime(11, 4, 10);
        Assert.Equal(["Wed 2026-11-04 10:01 Prompt comment:sc:2026-10:Anna:2 -> Anna [Web orders]"], Fed(world, world.Input() with { Actuals = actuals }, BerlinTime(11, 4, 10, 1)));

        // Once the owner commented, nothing more is asked.
        october.Comment = "Black Friday pre-orders";
        Assert.Empty(Fed(world, world.Input() with { Actuals = actuals }, BerlinTime(11, 4, 11)));
    }

    [Fact]
    public void A_feed_that_has_not_arrived_by_the_due_day_is_reported_to_an_admin()
    {
        var (world, web, actuals) = World();
        var admin = world.Person("Ines");
        admin.Role = Role.Admin;
        var due = BerlinTime(11, 5, 9);

        Assert.Empty(Fed(world, world.Input() with { Actuals = actuals }, BerlinTime(11, 4, 16)));
        var late = Assert.Single(ReviewRhythm.Decide(world.Input() with { Actuals = actuals }, due), d => d.Kind == RhythmDecisionKind.FeedLate);
        Assert.Equal(admin.Id, late.Recipient.PersonId);
        Assert.Equal([new KpiPeriod(web.Id, Period.Month(2026, 10))], late.Kpis);
        Assert.Equal([web.OwnerId!.Value], late.People);
    }
}
