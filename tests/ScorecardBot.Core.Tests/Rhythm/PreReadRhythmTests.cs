using ScorecardBot.Core.Model;
using ScorecardBot.Core.Rhythm;

namespace ScorecardBot.Core.Tests.Rhythm;

/// <summary>The presenter's pre-read in the rhythm: once per presenter, to the delegate of an owner away, until the agenda goes out.</summary>
public class PreReadRhythmTests
{
    private static DateTimeOffset BerlinTime(int month, int day, int hour, int minute = 0) =>
        new(2026, month, day, hour, minute, 0, TimeSpan.FromHours(1));

    /// <summary>The Berlin world with On-time delivery (Anna's) red in October: 70 % against 95 %, red below 90 %.</summary>
    private static (RhythmWorld World, Kpi Otd) RedOctober()
    {
        var world = QuarterSimulationTests.Berlin();
        var otd = world.Scorecard.Kpis.Single(k => k.Name == "On-time delivery");
        for (var m = 0; m < 8; m++)
        {
            var period = Period.Month(2026, 3 + m);
            otd.Actuals.Add(new Actual { KpiId = otd.Id, Period = period, Value = m == 7 ? 70m : 94m + (m % 2), SubmittedAt = BerlinTime(3 + m, 28, 9) });
            otd.Targets.Add(new Target { KpiId = otd.Id, Period = period, Value = 95, Amber = 93, Red = 90, ThresholdStyle = ThresholdStyle.Absolute });
        }

        return (world, otd);
    }

    [Fact]
    public void The_owner_of_a_red_KPI_gets_one_pre_read_two_business_days_before_the_review_with_the_agenda_as_its_deadline()
    {
        var (world, otd) = RedOctober();
        var anna = world.People.Single(p => p.Name == "Anna");

        Assert.DoesNotContain(world.DecideNow(BerlinTime(11, 5, 12)), d => d.Kind == RhythmDecisionKind.PreRead);
        var at = BerlinTime(11, 6, 9);
        var decided = world.DecideNow(at);
        var preRead = Assert.Single(decided, d => d.Kind == RhythmDecisionKind.PreRead);
        Assert.Equal($"preread:{world.Scorecard.Id}:2026-10:{anna.Id}", preRead.Key);
        Assert.Equal(anna.Id, preRead.Recipient.PersonId);
        Assert.Equal([new KpiPeriod(otd.Id, Period.Month(2026, 10))], preRead.Kpis);
        Assert.Equal(at, preRead.ScheduledAt);
        Assert.Equal(BerlinTime(11, 10, 9), preRead.Deadline);

        world.Record(decided, at);
        Assert.DoesNotContain(world.DecideNow(BerlinTime(11, 9, 9)), d => d.Kind == RhythmDecisionKind.PreRead);
    }

    [Fact]
    public void An_owner_away_on_the_pre_read_day_hands_it_to_the_delegate_of_the_absence()
    {
        var (world, otd) = RedOctober();
        var anna = world.People.Single(p => p.Name == "Anna");
        var max = world.People.Single(p => p.Name == "Max");
        world.Absences.Add(new Absence { PersonId = anna.Id, From = new DateOnly(2026, 11, 5), To = new DateOnly(2026, 11, 7), DelegateId = max.Id });

        var preRead = Assert.Single(world.DecideNow(BerlinTime(11, 6, 9)), d => d.Kind == RhythmDecisionKind.PreRead);

        Assert.Equal(max.Id, preRead.Recipient.PersonId);
        Assert.Equal([anna.Id], preRead.People);
    }

    [Fact]
    public void Nothing_is_asked_once_the_agenda_is_out_or_when_nothing_is_red()
    {
        var (world, _) = RedOctober();
        Assert.DoesNotContain(world.DecideNow(BerlinTime(11, 10, 9, 30)), d => d.Kind == RhythmDecisionKind.PreRead);
        Assert.DoesNotContain(QuarterSimulationTests.Berlin().DecideNow(BerlinTime(11, 6, 9)), d => d.Kind == RhythmDecisionKind.PreRead);
    }
}
