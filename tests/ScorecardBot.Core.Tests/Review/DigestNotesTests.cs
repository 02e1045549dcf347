using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;
using ScorecardBot.Core.Review;
using ScorecardBot.Core.Rhythm;

namespace ScorecardBot.Core.Tests.Review;

/// <summary>What the digest says besides the numbers: away, late with an ETA, integrity markers, changes, and the drivers of a red lagging KPI.</summary>
public class DigestNotesTests
{
    /// <summary>October's review: window Mon 2 Nov, due Thu 5 Nov, digest Mon 9 Nov, meeting Tue 10 Nov.</summary>
    private static readonly ReviewSchedule October = new ReviewCalendar(new ReviewCycle(), ReviewFixture.Calendar, BusinessCalendar.Default).ScheduleOf(ReviewFixture.Oct);

    private static ReviewRequest Request(ReviewFixture fixture, ReviewNotes notes) => fixture.Request() with
    {
        Notes = notes,
        Schedule = October,
        Since = new DateTimeOffset(2026, 10, 13, 11, 0, 0, TimeSpan.FromHours(2)), // the September review ended
    };

    private static List<string> Paragraphs(ReviewRequest request) =>
        [.. new DigestBuilder(ReviewFixture.Formatter).Build(request).SelectMany(m => m.Blocks).OfType<Paragraph>().Select(ReviewFixture.TextOf)];

    [Fact]
    public void An_owner_away_during_the_collection_is_listed_as_away_not_missing_and_not_mentioned()
    {
        var fixture = new ReviewFixture();
        var notes = new ReviewNotes { Absences = [new Absence { PersonId = fixture.Anna.Id, From = new DateOnly(2026, 11, 2), To = new DateOnly(2026, 11, 6), DelegateId = fixture.Max.Id }] };

        var request = Request(fixture, notes);
        var paragraphs = Paragraphs(request);

        Assert.DoesNotContain(paragraphs, p => p.StartsWith("Missing actuals", StringComparison.Ordinal));
        var away = paragraphs.IndexOf("Away (1)");
        Assert.Equal("Anna (away 2 Nov – 6 Nov, Max covered): NPS", paragraphs[away + 1]);
        var line = new DigestBuilder(ReviewFixture.Formatter).Build(request).SelectMany(m => m.Blocks).OfType<Paragraph>().Single(p => ReviewFixture.TextOf(p).StartsWith("Anna (away", StringComparison.Ordinal));
        Assert.DoesNotContain(line.Inlines, i => i is Mention);
    }

    [Fact]
    public void An_absence_outside_the_collection_leaves_the_KPI_missing()
    {
        var fixture = new ReviewFixture();
        var notes = new ReviewNotes { Absences = [new Absence { PersonId = fixture.Anna.Id, From = new DateOnly(2026, 11, 16), To = new DateOnly(2026, 11, 20) }] };

        Assert.Contains("@Anna: NPS", Paragraphs(Request(fixture, notes)));
    }

    [Fact]
    public void Data_announced_late_shows_its_ETA_among_the_missing()
    {
        var fixture = new ReviewFixture();
        var notes = new ReviewNotes { LateNotices = [new LateNotice { KpiId = fixture.Nps.Id, Period = ReviewFixture.Oct, Eta = new DateOnly(2026, 11, 12) }] };

        Assert.Contains("@Anna: NPS (late, ETA 12 Nov)", Paragraphs(Request(fixture, notes)));
    }

    [Fact]
    public void Values_carried_forward_or_submitted_late_are_marked()
    {
        var fixture = new ReviewFixture();
        fixture.Retention.Actuals.Single(a => a.Period == ReviewFixture.Oct).CarriedForward = true;
        var late = fixture.Revenue.Actuals.Single(a => a.Period == ReviewFixture.Oct);
        late.FirstSubmittedAt = new DateTimeOffset(2026, 11, 6, 10, 0, 0, TimeSpan.FromHours(1));

        var paragraphs = Paragraphs(Request(fixture, ReviewNotes.Empty));

        Assert.Contains("Changes and data notes (2)", paragraphs);
        Assert.Contains("• Revenue: submitted late, on 6 Nov.", paragraphs);
        Assert.Contains("• Customer retention: carried forward, no change reported.", paragraphs);
    }

    [Fact]
    public void History_imported_after_the_due_date_is_not_called_late()
    {
        var fixture = new ReviewFixture();
        var imported = fixture.Revenue.Actuals.Single(a => a.Period == ReviewFixture.Oct);
        imported.FirstSubmittedAt = new DateTimeOffset(2026, 12, 5, 8, 0, 0, TimeSpan.Zero);
        imported.Source = EntrySource.Import;

        var paragraphs = Paragraphs(Request(fixture, ReviewNotes.Empty));

        Assert.DoesNotContain(paragraphs, p => p.Contains("submitted late", StringComparison.Ordinal));
    }

    [Fact]
    public void Target_changes_and_edits_after_the_MBR_since_the_last_review_say_who_and_when()
    {
        var fixture = new ReviewFixture();
        var at = new DateTimeOffset(2026, 10, 21, 14, 0, 0, TimeSpan.FromHours(2));
        var notes = new ReviewNotes
        {
            Changes =
            [
                new RecordedChange(ChangedField.Target, fixture.Retention.Id, ReviewFixture.Oct, 97, 95, "Ana", at),
                new RecordedChange(ChangedField.Target, fixture.Retention.Id, ReviewFixture.Oct.Next, 97, 95, "Ana", at),
                new RecordedChange(ChangedField.RedThreshold, fixture.Retention.Id, ReviewFixture.Oct, 85, 80, "Ana", at),
                new RecordedChange(ChangedField.Actual, fixture.Revenue.Id, ReviewFixture.Oct.Previous, 95, 93, "Max", new DateTimeOffset(2026, 10, 20, 9, 0, 0, TimeSpan.Zero)),
                // Before the last review: reported then, not again.
                new RecordedChange(ChangedField.Target, fixture.Delivery.Id, ReviewFixture.Oct, 90, 95, "Ana", new DateTimeOffset(2026, 9, 1, 9, 0, 0, TimeSpan.Zero)),
            ],
        };

        var paragraphs = Paragraphs(Request(fixture, notes));

        Assert.Contains("• Customer retention: target for 2 periods from Oct 2026 changed 97 → 95 by Ana on 21 Oct.", paragraphs);
        Assert.Contains("• Customer retention: red threshold changed 85 → 80 by Ana on 21 Oct.", paragraphs);
        Assert.Contains("• Revenue, Sep 2026: edited after the MBR by Max on 20 Oct (95 → 93).", paragraphs);
        Assert.DoesNotContain(paragraphs, p => p.StartsWith("• On-time delivery", StringComparison.Ordinal));
    }

    [Fact]
    public void A_red_lagging_KPI_shows_its_leading_drivers_through_the_strategy_map_with_their_trend()
    {
        var fixture = new ReviewFixture();
        // Delivering on time drives revenue too; its leading KPI rose for three months.
        fixture.Scorecard.Links.Add(new ObjectiveLink { CauseObjectiveId = fixture.Delivery.ObjectiveId, EffectObjectiveId = fixture.Revenue.ObjectiveId });

        var paragraphs = Paragraphs(Request(fixture, ReviewNotes.Empty));
        Assert.Contains("Revenue is red; on-time delivery, its driver, is green and improving: rose 3 months in a row (+9 since Jul 2026).", paragraphs);

        foreach (var (actual, value) in fixture.Delivery.Actuals.Zip(new decimal[] { 99, 96, 93, 90 }))
        {
            actual.Value = value;
        }

        paragraphs = Paragraphs(Request(fixture, ReviewNotes.Empty));
        Assert.Contains(paragraphs, p => p.StartsWith("Revenue is red; on-time delivery, its driver, ", StringComparison.Ordinal) && p.EndsWith("getting worse: fell 3 months in a row (-9 since Jul 2026).", StringComparison.Ordinal));
    }

    [Fact]
    public void Only_the_worst_three_drivers_are_shown_under_a_red_KPI()
    {
        var fixture = new ReviewFixture();
        fixture.Scorecard.Links.Add(new ObjectiveLink { CauseObjectiveId = fixture.Delivery.ObjectiveId, EffectObjectiveId = fixture.Revenue.ObjectiveId });
        var deliver = fixture.Scorecard.Objectives.Single(o => o.Id == fixture.Delivery.ObjectiveId);
        foreach (var (name, last) in new[] { ("Pickups", 60m), ("Dock time", 97m), ("Claims", 98m), ("Returns", 99m) })
        {
            fixture.Kpi(name, deliver, fixture.Anna, [90, 95, last], target: 95).Indicator = IndicatorType.Leading;
        }

        var drivers = Paragraphs(Request(fixture, ReviewNotes.Empty)).Where(p => p.StartsWith("Revenue is red;", StringComparison.Ordinal) || p.StartsWith('…')).ToList();

        Assert.Equal(4, drivers.Count);
        Assert.StartsWith("Revenue is red; pickups, its driver, is red", drivers[0], StringComparison.Ordinal);
        Assert.Equal("… and 2 more leading KPIs drive it.", drivers[3]);
    }

    [Fact]
    public void A_red_KPI_without_links_or_a_leading_KPI_has_no_driver_line()
    {
        var fixture = new ReviewFixture();

        Assert.DoesNotContain(Paragraphs(Request(fixture, ReviewNotes.Empty)), p => p.Contains("its driver", StringComparison.Ordinal));
    }
}
