using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Conversation.Answers;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Tests.Conversation;

/// <summary>
/// Missing data is never silent. In the sample, October is still open for Net Promoter Score
/// (Ben Okafor) and Empty miles (Farid Haddad). With a monthly review on the 2nd Tuesday at 10:00
/// Berlin, October's MBR is Tue 10 Nov 10:00–11:00 and actuals were due on Thu 5 Nov; "now" is
/// 10 Nov 09:00 UTC, the meeting's start.
/// </summary>
public sealed class MissingDataTests
{
    private readonly EngineFixture _f = new();

    private void MonthlyReviews()
    {
        foreach (var scorecard in new[] { _f.Sample.Manufacturing, _f.Sample.Logistics })
        {
            scorecard.ReviewCycles.Add(new ReviewCycle { ScorecardId = scorecard.Id });
        }
    }

    private int KpiCount => _f.Sample.Manufacturing.Kpis.Count + _f.Sample.Logistics.Kpis.Count;

    [Fact]
    public async Task A_kpi_whose_month_is_late_shows_the_last_value_and_says_the_month_is_missing_whose_it_is_and_when_it_was_due()
    {
        MonthlyReviews();

        var reply = (await _f.SayAsync(_f.Sample.Victor, "how is NPS doing")).Single();

        Assert.Contains("(Sep 2026)", reply.Fact("Value"), StringComparison.Ordinal);
        const string missing = "No value for Oct 2026 yet: it is Ben Okafor's to report, was due Thu 5 Nov (5 days ago).";
        Assert.Contains(missing, reply.Summary, StringComparison.Ordinal);
        Assert.Contains(reply.Blocks.OfType<Paragraph>(), p => p.Tone == TextTone.Warning && string.Concat(p.Inlines.OfType<Run>().Select(r => r.Text)) == missing);
    }

    [Fact]
    public async Task The_missing_month_names_the_delegate_who_reports_it_and_the_day_they_said_it_comes()
    {
        MonthlyReviews();
        var nps = _f.Sample.Kpi("nps");
        nps.DelegateId = _f.Sample.Chen.Id;
        var snapshot = await _f.SnapshotAsync();
        var withNotice = new OrganizationSnapshot(snapshot.Organization, snapshot.Scorecards, snapshot.People, snapshot.Actions)
        {
            LateNotices = [new LateNotice { KpiId = nps.Id, Period = SampleOrganization.LastMonth, Eta = new DateOnly(2026, 11, 12) }],
        };
        var answer = Outstanding.Sentence(withNotice, Outstanding.Latest(withNotice, nps, SampleOrganization.Now)!, SampleOrganization.Now);

        Assert.Equal("No value for Oct 2026 yet: it is Chen Wei's to report, was due Thu 5 Nov (5 days ago), expected Thu 12 Nov.", answer);
    }

    [Fact]
    public async Task Without_a_review_cycle_a_late_month_is_still_named_without_a_due_day()
    {
        var reply = (await _f.SayAsync(_f.Sample.Victor, "how is empty miles doing")).Single();

        Assert.Contains("No value for Oct 2026 yet: it is Farid Haddad's to report.", reply.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_kpi_reported_for_the_month_says_nothing_is_missing()
    {
        MonthlyReviews();

        var reply = (await _f.SayAsync(_f.Sample.Victor, "how is on time delivery doing")).Single();

        Assert.Equal("79.0 % (Oct 2026)", reply.Fact("Value"));
        Assert.DoesNotContain("No value", reply.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_during_the_open_month_answers_the_last_reviewed_month_and_names_what_is_outstanding()
    {
        MonthlyReviews();

        var reply = (await _f.SayAsync(_f.Sample.Victor, "status")).Single();

        Assert.Equal("Acme Group — Sep 2026", reply.Block<Heading>().Text);
        Assert.StartsWith("Acme Group, Sep 2026.", reply.Summary, StringComparison.Ordinal);
        Assert.EndsWith(
            $"Still outstanding for Oct 2026: 2 of {KpiCount} KPIs, was due Thu 5 Nov (5 days ago) — Net Promoter Score (Ben Okafor), Empty miles (Farid Haddad).",
            reply.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Whats_red_this_month_answers_the_last_reviewed_month_plus_what_is_outstanding_not_nothing_over_an_open_month()
    {
        MonthlyReviews();

        var reply = (await _f.SayAsync(_f.Sample.Victor, "what's red this month")).Single();

        Assert.Contains("in Sep 2026", reply.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("Oct 2026:", reply.Summary.Split("Still outstanding")[0], StringComparison.Ordinal);
        Assert.Contains($"Still outstanding for Oct 2026: 2 of {KpiCount} KPIs, was due Thu 5 Nov (5 days ago)", reply.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_the_review_the_month_is_answered_and_its_missing_kpis_are_still_named()
    {
        MonthlyReviews();
        _f.Time.Advance(TimeSpan.FromDays(1));

        var reply = (await _f.SayAsync(_f.Sample.Victor, "what's red")).Single();

        Assert.Contains("in Oct 2026", reply.Summary, StringComparison.Ordinal);
        Assert.Contains("On-time delivery", reply.Summary, StringComparison.Ordinal);
        Assert.Contains($"Still outstanding for Oct 2026: 2 of {KpiCount} KPIs, was due Thu 5 Nov (6 days ago)", reply.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_perspective_names_only_its_own_outstanding_kpis()
    {
        MonthlyReviews();

        var reply = (await _f.SayAsync(_f.Sample.Victor, "status internal process perspective")).Single();

        Assert.Contains("Sep 2026", reply.Block<Heading>().Text, StringComparison.Ordinal);
        Assert.Contains("Empty miles (Farid Haddad)", reply.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("Net Promoter Score (Ben Okafor)", reply.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_everything_is_in_the_open_month_is_answered_and_nothing_is_outstanding()
    {
        MonthlyReviews();
        foreach (var key in new[] { "nps", "empty-miles" })
        {
            var kpi = _f.Sample.Kpi(key);
            kpi.Actuals.Add(new Actual { KpiId = kpi.Id, OrganizationId = kpi.OrganizationId, Period = SampleOrganization.LastMonth, Value = 10m });
        }

        var reply = (await _f.SayAsync(_f.Sample.Victor, "status")).Single();

        Assert.Equal("Acme Group — Oct 2026", reply.Block<Heading>().Text);
        Assert.DoesNotContain("outstanding", reply.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task My_lists_all_of_the_persons_kpis_and_what_is_due_with_its_period_and_due_day()
    {
        MonthlyReviews();

        var replies = (await _f.SayAsync(_f.Sample.Ben, "my")).Replies.Select(r => r.Message).ToList();
        var mine = replies.Single(m => m.Kind == "my");

        var bens = _f.Sample.Manufacturing.Kpis.Where(k => k.OwnerId == _f.Sample.Ben.Id).ToList();
        Assert.Equal(bens.Count, mine.Block<KpiTable>().Rows.Count);
        Assert.Contains("1 still due: Net Promoter Score: Oct 2026, was due Thu 5 Nov (5 days ago).", mine.Summary, StringComparison.Ordinal);
        Assert.Contains(mine.Blocks.OfType<Paragraph>(), p => string.Concat(p.Inlines.OfType<Run>().Select(r => r.Text)) ==
            "Still due from you: Net Promoter Score: Oct 2026, was due Thu 5 Nov (5 days ago).");
    }
}
