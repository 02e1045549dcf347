using Microsoft.Extensions.Time.Testing;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;
using ScorecardBot.Core.Rhythm;
using Xunit.Abstractions;

namespace ScorecardBot.Core.Tests.Rhythm;

/// <summary>
/// A whole quarter in simulated time for two organizations: Berlin (fiscal year from April) and
/// Chicago (fiscal year from January), each with a holiday and a person in another time zone.
/// </summary>
public class QuarterSimulationTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset End = new(2027, 1, 31, 0, 0, 0, TimeSpan.Zero);

    internal static RhythmWorld Berlin()
    {
        var world = new RhythmWorld("Berlin", "Europe/Berlin", fiscalStart: 4);
        world.Holidays.Add(new Holiday { Date = new DateOnly(2026, 12, 8), Name = "Company day" });
        world.Holidays.Add(new Holiday { Date = new DateOnly(2027, 1, 1), Name = "New Year" });
        var max = world.Person("Max");
        var anna = world.Person("Anna", habit: _ => (RhythmDecisionKind.Prompt, 0, TimeSpan.FromHours(1)));
        var priya = world.Person("Priya", "Asia/Kolkata", habit: _ => (RhythmDecisionKind.Remind, 1, TimeSpan.FromHours(2)));
        var bernd = world.Person("Bernd");
        // Clara reports for Bernd after the second reminder, except in the November review: she never does.
        var clara = world.Person("Clara", habit: p => p == Period.Month(2026, 11) ? null : (RhythmDecisionKind.Remind, 2, TimeSpan.FromMinutes(30)));
        world.Scorecard.ManagerId = max.Id;

        var operations = new Objective { ScorecardId = world.Scorecard.Id, Key = "ops", Name = "Deliver reliably" };
        var customers = new Objective { ScorecardId = world.Scorecard.Id, Key = "keep", Name = "Keep customers" };
        world.Scorecard.Objectives.AddRange([operations, customers]);
        world.Scorecard.Links.Add(new ObjectiveLink { ScorecardId = world.Scorecard.Id, CauseObjectiveId = operations.Id, EffectObjectiveId = customers.Id });

        world.Kpi("On-time delivery", anna).ObjectiveId = operations.Id;
        world.Kpi("Customer retention", priya).ObjectiveId = customers.Id;
        world.Kpi("Unit cost", bernd, delegateTo: clara);
        world.Kpi("NPS", anna, frequency: Frequency.Quarterly);
        world.Kpi("Web orders", anna, fedByApi: true);
        return world;
    }

    internal static RhythmWorld Chicago()
    {
        var world = new RhythmWorld("Chicago", "America/Chicago", fiscalStart: 1);
        world.Holidays.Add(new Holiday { Date = new DateOnly(2026, 11, 3), Name = "Election Day" });
        world.Holidays.Add(new Holiday { Date = new DateOnly(2027, 1, 1), Name = "New Year" });
        var cycle = world.Scorecard.ReviewCycles[0];
        cycle.MeetingTime = new TimeOnly(8, 30);
        cycle.SendTime = new TimeOnly(8, 0);
        var dana = world.Person("Dana");
        var olivia = world.Person("Olivia", "Europe/London", habit: _ => (RhythmDecisionKind.Prompt, 0, TimeSpan.FromHours(3)));
        // Evan is late every month and is only reminded; he reports after the first reminder from December on.
        var evan = world.Person("Evan", habit: p => p >= Period.Month(2026, 12) ? (RhythmDecisionKind.Remind, 1, TimeSpan.FromHours(1)) : null);
        world.Scorecard.ManagerId = dana.Id;
        var grow = new Objective { ScorecardId = world.Scorecard.Id, Key = "grow", Name = "Grow revenue" };
        var keep = new Objective { ScorecardId = world.Scorecard.Id, Key = "keep", Name = "Keep customers" };
        world.Scorecard.Objectives.AddRange([grow, keep]);
        world.Scorecard.Links.Add(new ObjectiveLink { ScorecardId = world.Scorecard.Id, CauseObjectiveId = keep.Id, EffectObjectiveId = grow.Id });
        world.Kpi("Revenue", olivia).ObjectiveId = grow.Id;
        world.Kpi("Churn", evan).ObjectiveId = keep.Id;
        world.Kpi("Quarterly margin", olivia, frequency: Frequency.Quarterly);
        return world;
    }

    private List<string> Simulate(RhythmWorld world, TimeSpan? step = null)
    {
        var clock = new FakeTimeProvider(Start);
        world.Run(clock, End, step);
        var lines = world.Made.Select(m => world.Describe(m.Decision, m.At)).ToList();
        foreach (var line in lines)
        {
            output.WriteLine(line);
        }

        return lines;
    }

    [Fact]
    public void Berlin_quarter_produces_exactly_the_expected_decisions()
    {
        var lines = Simulate(Berlin());
        Assert.Equal(BerlinExpected, lines);
    }

    [Fact]
    public void Chicago_quarter_produces_exactly_the_expected_decisions()
    {
        var lines = Simulate(Chicago());
        Assert.Equal(ChicagoExpected, lines);
    }

    public static TheoryData<string> Worlds => ["Berlin", "Chicago"];

    private static RhythmWorld WorldNamed(string name) => name == "Berlin" ? Berlin() : Chicago();

    [Theory]
    [MemberData(nameof(Worlds))]
    public void Stepping_every_15_minutes_gives_the_same_decisions_as_jumping_to_the_next_due_moment(string name)
    {
        var jumped = Simulate(WorldNamed(name));
        var stepped = Simulate(WorldNamed(name), TimeSpan.FromMinutes(15));
        Assert.Equal(jumped, stepped);
    }

    [Theory]
    [MemberData(nameof(Worlds))]
    public void Every_reporter_is_prompted_exactly_once_per_period(string name)
    {
        var world = WorldNamed(name);
        Simulate(world);
        var reporters = world.Scorecard.Kpis.Select(k => k.DelegateId ?? k.OwnerId!.Value).Distinct().Order().ToList();
        foreach (var month in new[] { Period.Month(2026, 10), Period.Month(2026, 11), Period.Month(2026, 12) })
        {
            var prompted = world.Made.Where(m => m.Decision.Kind == RhythmDecisionKind.Prompt && m.Decision.Key.StartsWith("prompt:", StringComparison.Ordinal) && m.Decision.Period == month)
                .Select(m => m.Decision.Recipient.PersonId!.Value).Order().ToList();
            Assert.Equal(reporters, prompted);
        }

        // Bernd delegated Unit cost to Clara: she is asked, he is not.
        Assert.DoesNotContain(world.Made, m => m.Decision.Recipient.PersonId is { } p && world.People.First(x => x.Id == p).Name == "Bernd");
    }

    [Theory]
    [MemberData(nameof(Worlds))]
    public void Reminders_go_only_to_people_who_have_not_reported_yet(string name)
    {
        var world = WorldNamed(name);
        Simulate(world);
        var reminders = world.Made.Where(m => m.Decision.Kind == RhythmDecisionKind.Remind).ToList();
        Assert.NotEmpty(reminders);
        foreach (var (decision, at) in reminders)
        {
            Assert.DoesNotContain(world.Reports, r => r.Person == decision.Recipient.PersonId && r.Period == decision.Period && r.At <= at);
        }

        // Anna and Olivia answer right after their prompt: never reminded.
        Assert.DoesNotContain(reminders, m => world.People.First(x => x.Id == m.Decision.Recipient.PersonId).Name is "Anna" or "Olivia");
    }

    [Theory]
    [MemberData(nameof(Worlds))]
    public void Nothing_is_sent_at_night_on_weekends_or_on_holidays_in_the_recipients_zone(string name)
    {
        var world = WorldNamed(name);
        Simulate(world);
        var business = BusinessCalendar.For(world.Holidays);
        foreach (var (decision, at) in world.Made)
        {
            var zone = decision.Recipient.PersonId is { } p && world.People.First(x => x.Id == p).TimeZoneId is { } z
                ? TimeZoneInfo.FindSystemTimeZoneById(z)
                : world.Zone;
            var local = TimeZoneInfo.ConvertTime(at, zone);
            Assert.True(business.IsBusinessDay(DateOnly.FromDateTime(local.DateTime)), $"{world.Describe(decision, at)} is not on a business day.");
            Assert.InRange(local.TimeOfDay, TimeSpan.FromHours(7), TimeSpan.FromHours(20));
        }
    }

    [Fact]
    public void Escalation_comes_after_the_due_date_and_names_the_late_owners()
    {
        var world = Berlin();
        Simulate(world);
        var (escalation, at) = Assert.Single(world.Made, m => m.Decision.Kind == RhythmDecisionKind.Escalate);
        var calendar = new ReviewCalendar(world.Scorecard.ReviewCycles[0], FiscalCalendar.For(world.Organization), BusinessCalendar.For(world.Holidays));
        Assert.True(at > calendar.ScheduleOf(Period.Month(2026, 11)).DueAt);
        Assert.Equal(world.Scorecard.ManagerId, escalation.Recipient.PersonId);
        var clara = world.People.First(p => p.Name == "Clara").Id;
        Assert.Equal([clara], escalation.People);
    }

    // Berlin: the meeting of 8 Dec (a holiday) moves to Monday 7 Dec; Priya's moments are her own 09:00 in Kolkata;
    // Clara never reports in the November review, so Max gets the escalation; the quarter FY2027-Q3 ends in December.
    private static readonly string[] BerlinExpected =
    [
        "Mon 2026-11-02 09:00 Prompt prompt:sc:2026-10:Priya -> Priya [Customer retention]",
        "Mon 2026-11-02 09:00 Prompt prompt:sc:2026-10:Anna -> Anna [On-time delivery]",
        "Mon 2026-11-02 09:00 Prompt prompt:sc:2026-10:Clara -> Clara [Unit cost]",
        "Mon 2026-11-02 09:00 OpenWindow window:sc:2026-10 -> #channel",
        "Wed 2026-11-04 09:00 Remind remind:sc:2026-10:Priya:1 -> Priya [Customer retention]",
        "Wed 2026-11-04 09:00 Remind remind:sc:2026-10:Clara:1 -> Clara [Unit cost]",
        "Thu 2026-11-05 09:00 FeedLate feedlate:sc:2026-10 -> Max [Web orders]",
        "Thu 2026-11-05 09:00 Remind remind:sc:2026-10:Clara:2 -> Clara [Unit cost]",
        "Mon 2026-11-09 09:00 Digest digest:sc:2026-10 -> #channel",
        "Tue 2026-11-10 09:00 Agenda agenda:sc:2026-10 -> #channel",
        "Tue 2026-12-01 09:00 Prompt prompt:sc:2026-11:Priya -> Priya [Customer retention]",
        "Tue 2026-12-01 09:00 Prompt prompt:sc:2026-11:Anna -> Anna [On-time delivery]",
        "Tue 2026-12-01 09:00 Prompt prompt:sc:2026-11:Clara -> Clara [Unit cost]",
        "Tue 2026-12-01 09:00 OpenWindow window:sc:2026-11 -> #channel",
        "Wed 2026-12-02 09:00 FeedLate feedlate:sc:2026-11 -> Max [Web orders]",
        "Thu 2026-12-03 09:00 Remind remind:sc:2026-11:Priya:1 -> Priya [Customer retention]",
        "Thu 2026-12-03 09:00 Escalate escalate:sc:2026-11 -> Max [Unit cost]",
        "Thu 2026-12-03 09:00 Remind remind:sc:2026-11:Clara:1 -> Clara [Unit cost]",
        "Fri 2026-12-04 09:00 Digest digest:sc:2026-11 -> #channel [Unit cost]",
        "Fri 2026-12-04 09:00 Remind remind:sc:2026-11:Clara:2 -> Clara [Unit cost]",
        "Mon 2026-12-07 09:00 Agenda agenda:sc:2026-11 -> #channel",
        "Mon 2027-01-04 09:00 Prompt prompt:sc:2026-12:Priya -> Priya [Customer retention]",
        "Mon 2027-01-04 09:00 Prompt prompt:sc:2026-12:Anna -> Anna [On-time delivery, NPS FY2027-Q3]",
        "Mon 2027-01-04 09:00 Prompt prompt:sc:2026-12:Clara -> Clara [Unit cost]",
        "Mon 2027-01-04 09:00 OpenWindow window:sc:2026-12 -> #channel",
        "Wed 2027-01-06 09:00 Remind remind:sc:2026-12:Priya:1 -> Priya [Customer retention]",
        "Wed 2027-01-06 09:00 Remind remind:sc:2026-12:Clara:1 -> Clara [Unit cost]",
        "Thu 2027-01-07 09:00 FeedLate feedlate:sc:2026-12 -> Max [Web orders]",
        "Thu 2027-01-07 09:00 Remind remind:sc:2026-12:Clara:2 -> Clara [Unit cost]",
        "Mon 2027-01-11 09:00 QuarterlyCheck check:sc:FY2027-Q3 -> #channel",
        "Mon 2027-01-11 09:00 Digest digest:sc:2026-12 -> #channel",
        "Tue 2027-01-12 09:00 Agenda agenda:sc:2026-12 -> #channel",
    ];

    // Chicago: sends at 08:00, the 08:30 meeting's agenda at 07:30; Election Day pushes the first reminder to 5 Nov;
    // New Year's Day moves the December window to 4 Jan; Olivia's moments are her own 08:00 in London.
    private static readonly string[] ChicagoExpected =
    [
        "Mon 2026-11-02 08:00 Prompt prompt:sc:2026-10:Olivia -> Olivia [Revenue]",
        "Mon 2026-11-02 08:00 Prompt prompt:sc:2026-10:Evan -> Evan [Churn]",
        "Mon 2026-11-02 08:00 OpenWindow window:sc:2026-10 -> #channel",
        "Thu 2026-11-05 08:00 Remind remind:sc:2026-10:Evan:1 -> Evan [Churn]",
        "Fri 2026-11-06 08:00 Escalate escalate:sc:2026-10 -> Dana [Churn]",
        "Fri 2026-11-06 08:00 Remind remind:sc:2026-10:Evan:2 -> Evan [Churn]",
        "Mon 2026-11-09 08:00 Digest digest:sc:2026-10 -> #channel [Churn]",
        "Tue 2026-11-10 07:30 Agenda agenda:sc:2026-10 -> #channel",
        "Tue 2026-12-01 08:00 Prompt prompt:sc:2026-11:Olivia -> Olivia [Revenue]",
        "Tue 2026-12-01 08:00 Prompt prompt:sc:2026-11:Evan -> Evan [Churn]",
        "Tue 2026-12-01 08:00 TargetsMissing targets:sc:FY2027 -> Dana [Revenue, Churn, Quarterly margin]",
        "Tue 2026-12-01 08:00 OpenWindow window:sc:2026-11 -> #channel",
        "Thu 2026-12-03 08:00 Remind remind:sc:2026-11:Evan:1 -> Evan [Churn]",
        "Fri 2026-12-04 08:00 Escalate escalate:sc:2026-11 -> Dana [Churn]",
        "Fri 2026-12-04 08:00 Remind remind:sc:2026-11:Evan:2 -> Evan [Churn]",
        "Mon 2026-12-07 08:00 Digest digest:sc:2026-11 -> #channel [Churn]",
        "Tue 2026-12-08 07:30 Agenda agenda:sc:2026-11 -> #channel",
        "Mon 2027-01-04 08:00 Prompt prompt:sc:2026-12:Olivia -> Olivia [Revenue, Quarterly margin FY2026-Q4]",
        "Mon 2027-01-04 08:00 Prompt prompt:sc:2026-12:Evan -> Evan [Churn]",
        "Mon 2027-01-04 08:00 OpenWindow window:sc:2026-12 -> #channel",
        "Wed 2027-01-06 08:00 Remind remind:sc:2026-12:Evan:1 -> Evan [Churn]",
        "Mon 2027-01-11 08:00 QuarterlyCheck check:sc:FY2026-Q4 -> #channel",
        "Mon 2027-01-11 08:00 Digest digest:sc:2026-12 -> #channel",
        "Tue 2027-01-12 07:30 Agenda agenda:sc:2026-12 -> #channel",
    ];
}
