using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;
using ScorecardBot.Core.Review;
using ScorecardBot.Core.Rhythm;
using ScorecardBot.Core.Scoring;
using ScorecardBot.Core.Values;

namespace ScorecardBot.Core.Tests.Conversation;

/// <summary>The presenter's pre-read: which KPIs, the card, what a bad answer gets, and the agenda lines.</summary>
public sealed class PreReadTests
{
    private readonly EngineFixture _f = new();

    private FiscalCalendar Calendar => FiscalCalendar.For(_f.Sample.Organization);

    private Message Card(Person presenter)
    {
        var items = PreReadSelection.For(_f.Sample.Logistics, SampleOrganization.LastMonth, Calendar).Where(i => i.Kpi.OwnerId == presenter.Id).ToList();
        var culture = System.Globalization.CultureInfo.GetCultureInfo("en-US");
        return new PreReadBuilder(Calendar, new ValueFormatter(culture, "USD"), culture)
            .Build(presenter, _f.Sample.Logistics, SampleOrganization.LastMonth, items, _f.Sample.People, SampleOrganization.Now.AddDays(3));
    }

    [Fact]
    public void Red_KPIs_are_picked_and_green_ones_on_course_are_not()
    {
        var items = PreReadSelection.For(_f.Sample.Logistics, SampleOrganization.LastMonth, Calendar);

        var otd = Assert.Single(items, i => i.Kpi.Key == "on-time-delivery");
        Assert.Equal(PreReadReason.Red, otd.Reason);
        Assert.All(items, i => Assert.True(
            i.Reason switch
            {
                PreReadReason.Red => i.Snapshot.Status == Status.Red,
                PreReadReason.AmberWorsening => i.Snapshot.Status == Status.Amber && i.Snapshot.Trend.Direction == TrendDirection.Worsening,
                _ => i.Forecast is { Verdict: ForecastVerdict.LikelyShort },
            }, i.Kpi.Name));
        Assert.DoesNotContain(items, i => i.Snapshot.Status == Status.Green && i.Forecast is null);
    }

    [Fact]
    public void The_card_shows_the_data_with_its_status_lines_and_asks_for_cause_countermeasure_and_need()
    {
        var card = Card(_f.Sample.Eva);
        var otd = _f.Sample.Kpi("on-time-delivery");

        Assert.Equal(PreReadBuilder.Kind, card.Kind);
        Assert.Contains(card.Blocks.OfType<FactList>(), f => f.Facts.Any(x => x.Label == "Target" && x.Value.Contains("amber below", StringComparison.Ordinal) && x.Value.Contains("red below", StringComparison.Ordinal)));
        Assert.Contains(card.Blocks.OfType<FactList>(), f => f.Facts.Any(x => x.Label == "Your comment" && x.Value.Contains("Two carriers failed", StringComparison.Ordinal)));
        var ids = card.Blocks.OfType<Input>().Select(i => i.Id).ToList();
        Assert.Contains(PreReadBuilder.InputId(PreReadBuilder.Fields.Cause, otd.Id), ids);
        Assert.Contains(PreReadBuilder.InputId(PreReadBuilder.Fields.What, otd.Id), ids);
        Assert.Contains(PreReadBuilder.InputId(PreReadBuilder.Fields.Who, otd.Id), ids);
        Assert.Contains(PreReadBuilder.InputId(PreReadBuilder.Fields.Due, otd.Id), ids);
        var need = card.Blocks.OfType<ChoiceInput>().Single(i => i.Id == PreReadBuilder.InputId(PreReadBuilder.Fields.Need, otd.Id));
        Assert.Equal(["A decision", "Resources", "Nothing"], need.Choices.Select(c => c.Title));
        Assert.Single(card.Buttons(), b => b.Id == CardActions.SubmitPreRead && b.SubmitsInputs);
    }

    [Fact]
    public async Task Bad_input_comes_back_on_the_card_with_a_specific_message_and_what_was_typed()
    {
        var otd = _f.Sample.Kpi("on-time-delivery");
        var submit = Card(_f.Sample.Eva).Buttons().Single(b => b.Id == CardActions.SubmitPreRead);
        var typed = Inputs(otd, cause: "", what: "Two backup carriers", due: "2026-11-02");

        var reply = (await _f.PressAsync(_f.Sample.Eva, submit, typed)).Single();

        Assert.True(reply.ReplacesSource);
        Assert.StartsWith("Please check: Give the cause", reply.Summary, StringComparison.Ordinal);
        var due = reply.Blocks.OfType<TextInput>().Single(i => i.Id == PreReadBuilder.InputId(PreReadBuilder.Fields.Due, otd.Id));
        Assert.Equal("2026-11-02", due.Value);
        Assert.Equal("2 Nov 2026 is in the past: give today or a later day.", due.Error);
        Assert.Equal("Two backup carriers", reply.Blocks.OfType<TextInput>().Single(i => i.Id == PreReadBuilder.InputId(PreReadBuilder.Fields.What, otd.Id)).Value);

        var malformed = (await _f.PressAsync(_f.Sample.Eva, submit, Inputs(otd, cause: "Storm week", what: "Two backup carriers", due: "someday"))).Single();
        Assert.Equal("Please check: \"someday\" is not a date I know: use 20 Nov or 2026-11-20.", malformed.Summary);
        Assert.Equal("Storm week", malformed.Blocks.OfType<TextInput>().Single(i => i.Id == PreReadBuilder.InputId(PreReadBuilder.Fields.Cause, otd.Id)).Value);
        Assert.Empty((await _f.SnapshotAsync()).PreReads);
    }

    [Fact]
    public async Task An_answer_is_stored_audited_and_shown_in_the_agenda_under_its_KPI()
    {
        var otd = _f.Sample.Kpi("on-time-delivery");
        var submit = Card(_f.Sample.Eva).Buttons().Single(b => b.Id == CardActions.SubmitPreRead);
        var inputs = new Dictionary<string, string>();
        foreach (var id in submit.Data[CardActions.Keys.Kpis].Split(','))
        {
            var kpi = Guid.Parse(id);
            foreach (var (key, value) in Inputs(_f.Sample.Logistics.Kpis.Single(k => k.Id == kpi), cause: "Two carriers failed in the storm week", what: "Contract two backup carriers", due: "20 Nov", need: "Decision"))
            {
                inputs[key] = value;
            }
        }

        var reply = (await _f.PressAsync(_f.Sample.Eva, submit, inputs)).Single();

        Assert.StartsWith("Thanks: your pre-read for On-time delivery", reply.Summary, StringComparison.Ordinal);
        var stored = Assert.Single((await _f.SnapshotAsync()).PreReads, r => r.KpiId == otd.Id);
        Assert.Equal((PreReadNeed.Decision, new DateOnly(2026, 11, 20), _f.Sample.Eva.Id), (stored.Need, stored.CountermeasureDue, stored.AnsweredById));
        Assert.Contains(_f.Sample.Store.Audit, a => a.Subject == "PreRead" && a.KpiId == otd.Id && a.Change == "created" && a.ActorId == _f.Sample.Eva.Id);

        // A viewer may not answer for the owner.
        var refused = (await _f.PressAsync(_f.Sample.Victor, submit, inputs)).Single();
        Assert.Contains("Only the owner of", refused.Summary, StringComparison.Ordinal);

        var agenda = new AgendaBuilder(new ValueFormatter(System.Globalization.CultureInfo.GetCultureInfo("en-US"), "USD"), System.Globalization.CultureInfo.GetCultureInfo("en-US"))
            .Plan(ReviewRequest.For(_f.Sample.Organization, _f.Sample.Logistics, SampleOrganization.LastMonth, _f.Sample.People, [], SampleOrganization.Now,
                ScorecardBot.Core.Conversation.Review.DigestComposer.NotesOf(await _f.SnapshotAsync())));
        var item = agenda.Items.Single(i => i.KpiId == otd.Id && i.Section == AgendaSection.RedKpis);
        Assert.Equal("Pre-read by Eva Lind: cause: Two carriers failed in the storm week. Countermeasure: Contract two backup carriers (Eva Lind, by 20 Nov). Needs a decision.", item.PreRead);
    }

    [Fact]
    public async Task A_KPI_whose_presenter_did_not_answer_by_the_agenda_says_no_pre_read()
    {
        _f.Sample.Logistics.ReviewCycles.Add(new ReviewCycle { ScorecardId = _f.Sample.Logistics.Id });
        var snapshot = await _f.SnapshotAsync();
        var schedule = PeriodLock.ReviewOf(_f.Sample.Organization, _f.Sample.Logistics, SampleOrganization.LastMonth, [])!;
        var culture = System.Globalization.CultureInfo.GetCultureInfo("en-US");
        var builder = new AgendaBuilder(new ValueFormatter(culture, "USD"), culture);

        var atAgenda = builder.Plan(ReviewRequest.For(_f.Sample.Organization, _f.Sample.Logistics, SampleOrganization.LastMonth, _f.Sample.People, [], schedule.AgendaAt,
            ScorecardBot.Core.Conversation.Review.DigestComposer.NotesOf(snapshot)));
        var beforeDue = builder.Plan(ReviewRequest.For(_f.Sample.Organization, _f.Sample.Logistics, SampleOrganization.LastMonth, _f.Sample.People, [], schedule.WindowOpensAt,
            ScorecardBot.Core.Conversation.Review.DigestComposer.NotesOf(snapshot)));

        var otd = _f.Sample.Kpi("on-time-delivery");
        Assert.Equal("No pre-read from Eva Lind.", atAgenda.Items.Single(i => i.KpiId == otd.Id && i.Section == AgendaSection.RedKpis).PreRead);
        Assert.Null(beforeDue.Items.Single(i => i.KpiId == otd.Id && i.Section == AgendaSection.RedKpis).PreRead);
    }

    private static Dictionary<string, string> Inputs(Kpi kpi, string cause, string what, string due, string need = "Nothing") => new()
    {
        [PreReadBuilder.InputId(PreReadBuilder.Fields.Cause, kpi.Id)] = cause,
        [PreReadBuilder.InputId(PreReadBuilder.Fields.What, kpi.Id)] = what,
        [PreReadBuilder.InputId(PreReadBuilder.Fields.Due, kpi.Id)] = due,
        [PreReadBuilder.InputId(PreReadBuilder.Fields.Need, kpi.Id)] = need,
        [PreReadBuilder.InputId(PreReadBuilder.Fields.Who, kpi.Id)] = kpi.OwnerId!.Value.ToString("N"),
    };
}
