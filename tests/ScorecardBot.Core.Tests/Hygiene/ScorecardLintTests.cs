using ScorecardBot.Core.Hygiene;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;

namespace ScorecardBot.Core.Tests.Hygiene;

public class ScorecardLintTests
{
    private static readonly FiscalCalendar Calendar = FiscalCalendar.Create(1, "UTC");
    private static readonly Period Nov = Period.Month(2026, 11);

    /// <summary>A clean scorecard: learning (leading) → process → customer → financial, all owned and targeted.</summary>
    private sealed class Card
    {
        public Scorecard Scorecard { get; } = new() { Key = "enterprise", Name = "Enterprise" };
        public Dictionary<string, Objective> Objectives { get; } = [];
        public Dictionary<string, Kpi> Kpis { get; } = [];

        public Card()
        {
            var names = new[] { ("Financial", "Grow revenue"), ("Customer", "Retain customers"), ("Internal Process", "Deliver on time"), ("Learning & Growth", "Develop skills") };
            Objective? previous = null;
            foreach (var (perspectiveName, objectiveName) in names.Reverse())
            {
                var perspective = new Perspective { Name = perspectiveName, ScorecardId = Scorecard.Id };
                Scorecard.Perspectives.Add(perspective);
                var objective = AddObjective(perspective, objectiveName);
                AddKpi(objective, objectiveName + " KPI", objectiveName == "Develop skills" ? IndicatorType.Leading : IndicatorType.Lagging);
                if (previous is not null)
                {
                    Link(previous, objective);
                }

                previous = objective;
            }

            // Each lagging KPI has its counterweight.
            Kpis["Grow revenue KPI"].PairKpiId = Kpis["Retain customers KPI"].Id;
            Kpis["Deliver on time KPI"].PairKpiId = Kpis["Retain customers KPI"].Id;
        }

        public Objective AddObjective(Perspective perspective, string name)
        {
            var objective = new Objective { Key = name, Name = name, PerspectiveId = perspective.Id, ScorecardId = Scorecard.Id };
            Scorecard.Objectives.Add(objective);
            Objectives[name] = objective;
            return objective;
        }

        public Kpi AddKpi(Objective objective, string name, IndicatorType indicator = IndicatorType.Lagging)
        {
            var kpi = new Kpi { Key = name, Name = name, ObjectiveId = objective.Id, OwnerId = Guid.NewGuid(), Indicator = indicator };
            kpi.Targets.Add(new Target { Period = Nov, Value = 1 });
            Scorecard.Kpis.Add(kpi);
            Kpis[name] = kpi;
            return kpi;
        }

        public void Link(Objective cause, Objective effect) =>
            Scorecard.Links.Add(new ObjectiveLink { CauseObjectiveId = cause.Id, EffectObjectiveId = effect.Id });

        public IReadOnlyList<LintFinding> Check(IEnumerable<Scorecard>? teams = null) => ScorecardLint.Check(Scorecard, Calendar, Nov, teams);
    }

    [Fact]
    public void A_well_built_scorecard_has_no_findings() => Assert.Empty(new Card().Check());

    [Fact]
    public void More_than_20_KPIs_is_a_warning()
    {
        var card = new Card();
        for (var i = 0; i < 16; i++)
        {
            card.AddKpi(card.Objectives["Grow revenue"], $"Extra {i}");
        }

        Assert.DoesNotContain(card.Check(), f => f.Rule == LintRule.TooManyKpis);
        card.AddKpi(card.Objectives["Grow revenue"], "One too many");

        var finding = Assert.Single(card.Check(), f => f.Rule == LintRule.TooManyKpis);
        Assert.Equal(LintSeverity.Warning, finding.Severity);
        Assert.Equal("Scorecard 'Enterprise' has 21 KPIs; more than 20 is hard to review in one meeting.", finding.Message);
        Assert.Equal(card.Scorecard.Id, finding.SubjectId);
    }

    [Fact]
    public void More_than_3_objectives_in_a_perspective_is_a_warning()
    {
        var card = new Card();
        var customer = card.Scorecard.Perspectives.Single(p => p.Name == "Customer");
        foreach (var name in new[] { "Win new accounts", "Expand in Asia", "Raise prices" })
        {
            var o = card.AddObjective(customer, name);
            card.AddKpi(o, name + " KPI");
            card.Link(o, card.Objectives["Grow revenue"]);
        }

        var finding = Assert.Single(card.Check(), f => f.Rule == LintRule.TooManyObjectivesInPerspective);
        Assert.Equal("Perspective 'Customer' has 4 objectives; 3 or fewer keep the strategy focused.", finding.Message);
        Assert.Equal(customer.Id, finding.SubjectId);
    }

    [Fact]
    public void An_objective_named_as_a_topic_gets_a_suggestion()
    {
        var card = new Card();
        card.Objectives["Retain customers"].Name = "Customer satisfaction";

        var finding = Assert.Single(card.Check(), f => f.Rule == LintRule.ObjectiveNotStartingWithVerb);
        Assert.Equal(LintSeverity.Info, finding.Severity);
        Assert.Contains("'Customer satisfaction' does not start with a verb", finding.Message, StringComparison.Ordinal);
        Assert.Equal("Phrase it as an action, e.g. 'Improve customer satisfaction'.", finding.Suggestion);
    }

    [Fact]
    public void A_KPI_without_owner_is_an_error()
    {
        var card = new Card();
        card.Kpis["Deliver on time KPI"].OwnerId = null;

        var finding = Assert.Single(card.Check(), f => f.Rule == LintRule.KpiWithoutOwner);
        Assert.Equal(LintSeverity.Error, finding.Severity);
        Assert.Equal("KPI 'Deliver on time KPI' has no owner, so nobody will be asked for its actual.", finding.Message);
        Assert.Equal(card.Kpis["Deliver on time KPI"].Id, finding.SubjectId);
    }

    [Fact]
    public void A_KPI_without_a_target_for_the_current_period_is_a_warning()
    {
        var card = new Card();
        var kpi = card.Kpis["Grow revenue KPI"];
        kpi.Targets.Clear();
        kpi.Targets.Add(new Target { Period = Nov.Previous, Value = 1 });

        var finding = Assert.Single(card.Check(), f => f.Rule == LintRule.KpiWithoutTarget);
        Assert.Equal("KPI 'Grow revenue KPI' has no target for Nov 2026, so its status cannot be judged.", finding.Message);
    }

    [Fact]
    public void A_quarterly_KPI_needs_a_target_for_the_quarter()
    {
        var card = new Card();
        var kpi = card.Kpis["Grow revenue KPI"];
        kpi.Frequency = Frequency.Quarterly;

        Assert.Contains(card.Check(), f => f.Rule == LintRule.KpiWithoutTarget && f.Message.Contains("FY2026-Q4", StringComparison.Ordinal));
        kpi.Targets.Add(new Target { Period = Period.Quarter(2026, 4), Value = 1 });
        Assert.DoesNotContain(card.Check(), f => f.Rule == LintRule.KpiWithoutTarget);
    }

    [Fact]
    public void An_objective_without_KPI_is_a_warning_unless_a_team_scorecard_supports_it()
    {
        var card = new Card();
        var grow = card.Objectives["Grow revenue"];
        card.Scorecard.Kpis.Remove(card.Kpis["Grow revenue KPI"]);

        var finding = Assert.Single(card.Check(), f => f.Rule == LintRule.ObjectiveWithoutKpi);
        Assert.Equal("Objective 'Grow revenue' has no KPI, so nobody can tell whether it is being achieved.", finding.Message);

        var sales = new Scorecard { Key = "sales", Name = "Sales", SupportsObjectiveId = grow.Id };
        Assert.DoesNotContain(card.Check([sales]), f => f.Rule == LintRule.ObjectiveWithoutKpi);
    }

    [Fact]
    public void An_objective_with_no_link_is_reported()
    {
        var card = new Card();
        var finance = card.Scorecard.Perspectives.Single(p => p.Name == "Financial");
        var stray = card.AddObjective(finance, "Cut overhead");
        card.AddKpi(stray, "Overhead", IndicatorType.Leading);

        var finding = Assert.Single(card.Check(), f => f.Rule == LintRule.ObjectiveWithoutLink);
        Assert.Equal("Objective 'Cut overhead' has no cause→effect link in the strategy map.", finding.Message);
        Assert.Equal(stray.Id, finding.SubjectId);
    }

    [Fact]
    public void A_single_objective_needs_no_link()
    {
        var scorecard = new Scorecard { Key = "s", Name = "Small" };
        var p = new Perspective { Name = "Financial" };
        scorecard.Perspectives.Add(p);
        var o = new Objective { Key = "o", Name = "Grow revenue", PerspectiveId = p.Id };
        scorecard.Objectives.Add(o);
        Assert.DoesNotContain(ScorecardLint.Check(scorecard, Calendar, Nov), f => f.Rule == LintRule.ObjectiveWithoutLink);
    }

    [Fact]
    public void A_scorecard_without_leading_KPIs_is_told_once()
    {
        var card = new Card();
        card.Kpis["Develop skills KPI"].Indicator = IndicatorType.Lagging;

        var finding = Assert.Single(card.Check(), f => f.Rule == LintRule.NoLeadingIndicator);
        Assert.Equal("Scorecard 'Enterprise' has no leading KPI: every KPI reports results after the fact.", finding.Message);
        Assert.Equal(card.Scorecard.Id, finding.SubjectId);
    }

    [Fact]
    public void Lagging_objectives_cut_off_from_every_leading_KPI_are_reported()
    {
        var card = new Card();
        // Break the chain between process and customer: customer and financial lose their leading driver.
        card.Scorecard.Links.RemoveAll(l => l.CauseObjectiveId == card.Objectives["Deliver on time"].Id);
        card.Link(card.Objectives["Retain customers"], card.Objectives["Grow revenue"]);

        var findings = card.Check().Where(f => f.Rule == LintRule.NoLeadingIndicator).ToList();
        Assert.Equal(
            new HashSet<Guid> { card.Objectives["Grow revenue"].Id, card.Objectives["Retain customers"].Id },
            findings.Select(f => f.SubjectId!.Value).ToHashSet());
        Assert.All(findings, f => Assert.Contains("measured only by lagging KPIs", f.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_finding_names_its_subject_and_suggests_something()
    {
        var card = new Card();
        card.Objectives["Retain customers"].Name = "Customer loyalty";
        card.Kpis["Deliver on time KPI"].OwnerId = null;
        card.Kpis["Deliver on time KPI"].Targets.Clear();

        var findings = card.Check();
        Assert.Equal(3, findings.Count);
        Assert.All(findings, f =>
        {
            Assert.False(string.IsNullOrWhiteSpace(f.Suggestion));
            Assert.NotNull(f.SubjectId);
            Assert.Matches("'[^']+'", f.Message);
        });
    }

    [Fact]
    public void Cause_effect_cycles_do_not_hang_the_check()
    {
        var card = new Card();
        card.Link(card.Objectives["Grow revenue"], card.Objectives["Develop skills"]);
        Assert.Empty(card.Check());
    }

    [Fact]
    public void A_lagging_KPI_without_a_pair_gets_a_counterweight_of_the_opposite_kind_suggested()
    {
        var card = new Card();
        foreach (var k in card.Scorecard.Kpis)
        {
            k.PairKpiId = null;
        }

        var deliver = card.Objectives["Deliver on time"];
        var otd = card.Kpis["Deliver on time KPI"];
        otd.Name = "On-time delivery";
        var claims = card.AddKpi(deliver, "Cargo claims rate");
        claims.Key = "claims-rate";
        claims.PairKpiId = card.Kpis["Grow revenue KPI"].Id;

        var findings = card.Check().Where(f => f.Rule == LintRule.LaggingWithoutPair).ToList();

        var finding = Assert.Single(findings, f => f.SubjectId == otd.Id);
        Assert.Equal(LintSeverity.Info, finding.Severity);
        Assert.Equal("Lagging KPI 'On-time delivery' has no pair, so it could be met at the cost of something nobody watches.", finding.Message);
        Assert.Equal(
            "Pair it with 'Cargo claims rate' (speed against quality): add 'pair: claims-rate' to 'Deliver on time KPI' in the scorecard file, and the review will say when one improves while the other worsens.",
            finding.Suggestion);

        // A KPI that names a pair, or is named as one, has its counterweight; a leading KPI needs none.
        Assert.DoesNotContain(findings, f => f.SubjectId == claims.Id || f.SubjectId == card.Kpis["Grow revenue KPI"].Id);
        Assert.DoesNotContain(findings, f => f.SubjectId == card.Kpis["Develop skills KPI"].Id);
        Assert.Contains(findings, f => f.SubjectId == card.Kpis["Retain customers KPI"].Id);
    }

    [Fact]
    public void A_KPI_with_no_counterweight_of_the_opposite_kind_gets_the_general_rule()
    {
        var card = new Card();
        var kpi = card.Kpis["Retain customers KPI"];
        card.Kpis["Grow revenue KPI"].PairKpiId = null;
        card.Kpis["Deliver on time KPI"].PairKpiId = null;
        kpi.Name = "Widgets";
        kpi.Key = "widgets";

        var finding = Assert.Single(card.Check(), f => f.Rule == LintRule.LaggingWithoutPair && f.SubjectId == kpi.Id);
        Assert.Contains("volume against quality, speed against safety, cost against service", finding.Suggestion, StringComparison.Ordinal);
    }

    [Fact]
    public void Same_objective_counterweights_come_before_those_elsewhere()
    {
        var card = new Card();
        var revenue = card.Kpis["Grow revenue KPI"];
        revenue.PairKpiId = null;
        revenue.Name = "Revenue";
        var elsewhere = card.AddKpi(card.Objectives["Deliver on time"], "Defect rate");
        var here = card.AddKpi(card.Objectives["Grow revenue"], "Operating margin");
        elsewhere.PairKpiId = here.PairKpiId = card.Kpis["Retain customers KPI"].Id;

        var finding = Assert.Single(card.Check(), f => f.Rule == LintRule.LaggingWithoutPair && f.SubjectId == revenue.Id);
        Assert.StartsWith("Pair it with 'Operating margin' (volume against cost)", finding.Suggestion, StringComparison.Ordinal);
    }
}
