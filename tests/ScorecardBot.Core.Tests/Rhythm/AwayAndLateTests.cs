using Microsoft.Extensions.Time.Testing;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;
using ScorecardBot.Core.Rhythm;
using Xunit.Abstractions;

namespace ScorecardBot.Core.Tests.Rhythm;

/// <summary>Out of office, holidays per organization and late data, lived through the October review of 2026 (meeting Tue 10 Nov).</summary>
public class AwayAndLateTests(ITestOutputHelper output)
{
    private static DateTimeOffset Berlin(int month, int day, int hour, int minute = 0) =>
        new(2026, month, day, hour, minute, 0, TimeSpan.FromHours(1));

    private List<string> Run(RhythmWorld world, DateTimeOffset from, DateTimeOffset to)
    {
        world.Run(new FakeTimeProvider(from), to);
        var lines = world.Made.Select(m => world.Describe(m.Decision, m.At)).ToList();
        lines.ForEach(output.WriteLine);
        return lines;
    }

    [Fact]
    public void A_person_away_for_a_week_inside_the_window_gets_nothing_while_away_and_their_delegate_is_prompted_and_reminded()
    {
        var world = QuarterSimulationTests.Berlin();
        var anna = world.People.Single(p => p.Name == "Anna");
        var bernd = world.People.Single(p => p.Name == "Bernd");
        world.Absences.Add(new Absence { PersonId = anna.Id, From = new DateOnly(2026, 11, 2), To = new DateOnly(2026, 11, 6), DelegateId = bernd.Id });

        var lines = Run(world, Berlin(11, 1, 0), Berlin(11, 10, 12));

        var toAnna = world.Made.Where(m => m.Decision.Recipient.PersonId == anna.Id).ToList();
        Assert.DoesNotContain(toAnna, m => TimeZoneInfo.ConvertTime(m.At, world.Zone).Date <= new DateTime(2026, 11, 6));
        Assert.Contains("Mon 2026-11-02 09:00 Prompt cover:sc:2026-10:Bernd:Anna -> Bernd [On-time delivery]", lines);
        Assert.Contains("Wed 2026-11-04 09:00 Remind remind:sc:2026-10:Bernd:for:Anna:1 -> Bernd [On-time delivery]", lines);
        Assert.Contains("Thu 2026-11-05 09:00 Remind remind:sc:2026-10:Bernd:for:Anna:2 -> Bernd [On-time delivery]", lines);
        var cover = world.Made.Single(m => m.Decision.Key.StartsWith("cover:", StringComparison.Ordinal)).Decision;
        Assert.Equal([anna.Id], cover.People);

        // Back on Monday, after the due date, with On-time delivery still open: a prompt would come
        // too late to be true, so the reminder (it says the number was due) takes over, not before.
        Assert.Contains("Mon 2026-11-09 09:00 Remind remind:sc:2026-10:Anna:2 -> Anna [On-time delivery]", lines);
        Assert.DoesNotContain(lines, l => l.Contains("Prompt prompt:sc:2026-10:Anna", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_decision_carries_its_deadline_a_prompt_its_due_date_a_digest_its_meeting_start_an_agenda_its_meeting_end()
    {
        var world = QuarterSimulationTests.Berlin();
        world.Kpi("Returns", world.People.Single(p => p.Name == "Bernd")); // never reported: there is something to escalate
        Run(world, Berlin(11, 1, 0), Berlin(11, 10, 12));
        var review = ReviewCalendar.For(world.Organization, world.Scorecard.ReviewCycles.Single(c => c.Kind == ReviewKind.Monthly), world.Holidays)
            .ScheduleOf(Period.Month(2026, 10));

        var made = world.Made.Select(m => m.Decision).Where(d => d.Period == Period.Month(2026, 10)).ToList();
        Assert.All(made, d => Assert.NotNull(d.Deadline));
        Assert.All(made, d => Assert.True(world.Made.Single(m => m.Decision.Key == d.Key).At < d.Deadline, d.Key));
        Assert.All(made.Where(d => d.Key.StartsWith("prompt:", StringComparison.Ordinal)), d => Assert.Equal(review.DueAt, d.Deadline));
        Assert.Equal(review.MeetingAt, made.Single(d => d.Kind == RhythmDecisionKind.Digest).Deadline);
        Assert.Equal(review.MeetingAt, made.Single(d => d.Kind == RhythmDecisionKind.Escalate).Deadline);
        Assert.All(made.Where(d => d.Kind == RhythmDecisionKind.Remind), d => Assert.Equal(review.MeetingAt, d.Deadline));
        Assert.Equal(review.MeetingEndsAt, made.Single(d => d.Kind == RhythmDecisionKind.Agenda).Deadline);
    }

    [Fact]
    public void An_owner_prompted_before_going_away_over_the_due_date_has_their_delegate_prompted_and_reminded_in_their_place()
    {
        var world = QuarterSimulationTests.Berlin();
        var eva = world.Person("Eva"); // never answers
        var bernd = world.People.Single(p => p.Name == "Bernd");
        world.Kpi("Returns", eva);
        var review = ReviewCalendar.For(world.Organization, world.Scorecard.ReviewCycles.Single(c => c.Kind == ReviewKind.Monthly), world.Holidays);
        var october = review.ScheduleOf(Period.Month(2026, 10));

        // A cycle that fits its month: Eva is prompted on the first day of the window, then away
        // from the first reminder until after the due date.
        Assert.Null(ReviewCycleFit.Check(review, Period.Month(2026, 10)));
        var away = new Absence { PersonId = eva.Id, From = october.Days.Reminders[0], To = october.Days.Due.AddDays(1), DelegateId = bernd.Id };
        Assert.True(october.Days.WindowOpens < away.From && away.To < october.Days.Meeting);
        world.Absences.Add(away);

        var lines = Run(world, Berlin(11, 1, 0), Berlin(11, 10, 12));

        Assert.Contains(lines, l => l.StartsWith($"{Day(october.Days.WindowOpens)} 09:00 Prompt prompt:sc:2026-10:Eva -> Eva", StringComparison.Ordinal));
        var toEva = world.Made.Where(m => m.Decision.Recipient.PersonId == eva.Id).ToList();
        Assert.DoesNotContain(toEva, m => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(m.At, world.Zone).DateTime) is var d && d >= away.From && d <= away.To);
        var reminders = world.Made.Where(m => m.Decision.Kind == RhythmDecisionKind.Remind && m.Decision.Key.Contains(eva.Id.ToString(), StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(reminders);
        Assert.All(reminders.Where(m => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(m.At, world.Zone).DateTime) <= away.To), m => Assert.Equal(bernd.Id, m.Decision.Recipient.PersonId));

        // The delegate has not seen these KPIs: on the first reminder's day they get the prompt for
        // Eva's KPIs (saying whose), then the next reminder, before the due date.
        Assert.Contains($"{Day(october.Days.Reminders[0])} 09:00 Prompt cover:sc:2026-10:Bernd:Eva -> Bernd [Returns]", lines);
        Assert.Contains($"{Day(october.Days.Reminders[1])} 09:00 Remind remind:sc:2026-10:Bernd:for:Eva:2 -> Bernd [Returns]", lines);
        Assert.True(october.Days.Reminders[1] <= october.Days.Due);
    }

    private static string Day(DateOnly day) => day.ToString("ddd yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void An_absence_without_a_delegate_defers_the_prompt_to_the_first_day_back()
    {
        var world = QuarterSimulationTests.Berlin();
        var anna = world.People.Single(p => p.Name == "Anna");
        world.Absences.Add(new Absence { PersonId = anna.Id, From = new DateOnly(2026, 10, 30), To = new DateOnly(2026, 11, 3) });

        var lines = Run(world, Berlin(11, 1, 0), Berlin(11, 6, 0));

        Assert.Contains("Wed 2026-11-04 09:00 Prompt prompt:sc:2026-10:Anna -> Anna [On-time delivery]", lines);
        Assert.DoesNotContain(lines, l => l.Contains("cover:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_manager_away_on_the_escalation_day_hands_it_to_their_delegate()
    {
        var world = QuarterSimulationTests.Berlin();
        var max = world.People.Single(p => p.Name == "Max");
        var clara = world.People.Single(p => p.Name == "Clara");
        world.Kpi("Returns", world.People.Single(p => p.Name == "Bernd")); // never reported: there is something to escalate
        world.Absences.Add(new Absence { PersonId = max.Id, From = new DateOnly(2026, 11, 6), To = new DateOnly(2026, 11, 13), DelegateId = clara.Id });

        var lines = Run(world, Berlin(11, 1, 0), Berlin(11, 7, 0));

        Assert.Contains(lines, l => l.StartsWith("Fri 2026-11-06 09:00 Escalate escalate:sc:2026-10 -> Clara", StringComparison.Ordinal));
    }

    [Fact]
    public void A_holiday_on_the_due_date_moves_the_due_date_to_the_next_business_day_in_that_organization_only()
    {
        var cycle = new ReviewCycle();
        var berlin = new Organization { Name = "Berlin", TimeZoneId = "Europe/Berlin" };
        var vienna = new Organization { Name = "Vienna", TimeZoneId = "Europe/Berlin" };
        Holiday[] holidays = [new() { OrganizationId = berlin.Id, Date = new DateOnly(2026, 11, 5), Name = "Plant shutdown" }];

        var inBerlin = ReviewCalendar.For(berlin, cycle, holidays).DaysOf(Period.Month(2026, 10));
        var inVienna = ReviewCalendar.For(vienna, cycle, holidays).DaysOf(Period.Month(2026, 10));

        // Three business days before the meeting on Tue 10 Nov is Thu 5 Nov; in Berlin that is a holiday.
        Assert.Equal(new DateOnly(2026, 11, 6), inBerlin.Due);
        Assert.Equal(new DateOnly(2026, 11, 5), inVienna.Due);
        Assert.DoesNotContain(new DateOnly(2026, 11, 5), inBerlin.Reminders);
        Assert.Equal(new DateOnly(2026, 11, 9), inBerlin.Escalation);
        Assert.Equal(new DateOnly(2026, 11, 6), inVienna.Escalation);
    }

    [Fact]
    public void The_rhythm_escalates_after_the_moved_due_date_and_sends_nothing_on_the_holiday()
    {
        var world = QuarterSimulationTests.Berlin();
        world.Holidays.Add(new Holiday { OrganizationId = world.Organization.Id, Date = new DateOnly(2026, 11, 5), Name = "Plant shutdown" });
        world.Kpi("Returns", world.People.Single(p => p.Name == "Bernd")); // never reported: there is something to escalate

        var lines = Run(world, Berlin(11, 1, 0), Berlin(11, 10, 12));

        Assert.DoesNotContain(lines, l => l.Contains("2026-11-05", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Mon 2026-11-09 09:00 Escalate escalate:sc:2026-10", StringComparison.Ordinal));
    }

    [Fact]
    public void Weekend_days_are_the_organizations_own()
    {
        var organization = new Organization { Name = "Dubai", TimeZoneId = "Asia/Dubai", WeekendDays = [DayOfWeek.Saturday, DayOfWeek.Sunday] };
        organization.WeekendDays = [.. BusinessCalendar.ReadWeekend("Fri, Sat", out _)!];
        var calendar = BusinessCalendar.For(organization, []);

        Assert.False(calendar.IsBusinessDay(new DateOnly(2026, 11, 6)));  // Friday
        Assert.True(calendar.IsBusinessDay(new DateOnly(2026, 11, 8)));   // Sunday
        Assert.Null(BusinessCalendar.ReadWeekend("Sat, Funday", out var error));
        Assert.Contains("\"Funday\" is not a day of the week", error);
    }

    [Fact]
    public void Data_late_with_an_ETA_is_not_reminded_before_it_and_followed_up_exactly_on_the_ETA_date()
    {
        var world = new RhythmWorld("Late", "Europe/Berlin", fiscalStart: 1);
        var olga = world.Person("Olga");
        var fuel = world.Kpi("Fuel efficiency", olga);
        world.Kpi("Claims", olga);
        world.LateNotices.Add(new LateNotice { KpiId = fuel.Id, Period = Period.Month(2026, 10), Eta = new DateOnly(2026, 11, 12), ReportedById = olga.Id });

        var lines = Run(world, Berlin(11, 1, 0), Berlin(11, 14, 0));

        Assert.Contains("Wed 2026-11-04 09:00 Remind remind:sc:2026-10:Olga:1 -> Olga [Claims]", lines);
        Assert.Contains("Thu 2026-11-12 09:00 FollowUp followup:sc:2026-10:Olga:2026-11-12 -> Olga [Fuel efficiency]", lines);
        Assert.Single(lines, l => l.Contains("FollowUp", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("Remind", StringComparison.Ordinal) && l.Contains("Fuel efficiency", StringComparison.Ordinal));
    }
}
