using ScorecardBot.Core.Model;
using ScorecardBot.Core.Scoring;

namespace ScorecardBot.Core.Tests.Scoring;

public class RollUpTests
{
    /// <summary>A small scorecard: Financial (grow revenue: 2 KPIs), Customer (retain: 1 KPI, delight: 1 KPI).</summary>
    private sealed class Card
    {
        public Scorecard Scorecard { get; } = new() { Key = "enterprise", Name = "Enterprise" };
        public Perspective Financial { get; }
        public Perspective Customer { get; }
        public Objective Grow { get; }
        public Objective Retain { get; }
        public Objective Delight { get; }
        public Kpi Revenue { get; }
        public Kpi Margin { get; }
        public Kpi Churn { get; }
        public Kpi Nps { get; }

        public Card()
        {
            Financial = AddPerspective("Financial", 0);
            Customer = AddPerspective("Customer", 1);
            Grow = AddObjective(Financial, "Grow revenue");
            Retain = AddObjective(Customer, "Retain customers");
            Delight = AddObjective(Customer, "Delight customers");
            Revenue = AddKpi(Grow, "Revenue", weight: 3);
            Margin = AddKpi(Grow, "Margin", weight: 1);
            Churn = AddKpi(Retain, "Churn");
            Nps = AddKpi(Delight, "NPS");
        }

        public Perspective AddPerspective(string name, int order)
        {
            var p = new Perspective { Name = name, Order = order, ScorecardId = Scorecard.Id };
            Scorecard.Perspectives.Add(p);
            return p;
        }

        public Objective AddObjective(Perspective perspective, string name, decimal weight = 1)
        {
            var o = new Objective { Key = name, Name = name, PerspectiveId = perspective.Id, ScorecardId = Scorecard.Id, Weight = weight };
            Scorecard.Objectives.Add(o);
            return o;
        }

        public Kpi AddKpi(Objective objective, string name, decimal weight = 1)
        {
            var k = new Kpi { Key = name, Name = name, ObjectiveId = objective.Id, ScorecardId = Scorecard.Id, Weight = weight };
            Scorecard.Kpis.Add(k);
            return k;
        }
    }

    private static RollUpNode Find(RollUpNode root, Guid id) => root.Descendants().First(n => n.Id == id);

    [Fact]
    public void Scores_roll_up_as_weighted_means()
    {
        var card = new Card();
        var scores = new Dictionary<Guid, decimal?>
        {
            [card.Revenue.Id] = 10,
            [card.Margin.Id] = 2,
            [card.Churn.Id] = 4,
            [card.Nps.Id] = 8,
        };

        var root = RollUp.Compute(card.Scorecard, scores);

        var grow = Find(root, card.Grow.Id);
        Assert.Equal(8m, grow.Score); // (3·10 + 1·2) / 4
        Assert.Equal(Status.Green, grow.Status);
        Assert.Equal(6m, Find(root, card.Customer.Id).Score); // (4 + 8) / 2
        Assert.Equal(Status.Amber, Find(root, card.Customer.Id).Status);
        Assert.Equal(7m, root.Score); // (8 + 6) / 2
        Assert.Equal(Status.Green, root.Status);
        Assert.Equal(1m, root.Coverage);
        Assert.Empty(root.MissingKpiIds);
        Assert.Equal(RollUpLevel.Scorecard, root.Level);
        Assert.Equal(["Financial", "Customer"], root.Children.Select(c => c.Name));
    }

    [Fact]
    public void Missing_KPIs_are_left_out_listed_and_lower_the_coverage()
    {
        var card = new Card();
        var scores = new Dictionary<Guid, decimal?> { [card.Revenue.Id] = 2, [card.Margin.Id] = null, [card.Churn.Id] = 9 };

        var root = RollUp.Compute(card.Scorecard, scores);

        var grow = Find(root, card.Grow.Id);
        Assert.Equal(2m, grow.Score); // the missing margin does not count as green
        Assert.Equal(Status.Red, grow.Status);
        Assert.Equal([card.Margin.Id], grow.MissingKpiIds);
        Assert.Equal(0.5m, grow.Coverage);
        Assert.Equal([card.Margin.Id, card.Nps.Id], root.MissingKpiIds);
        Assert.Equal(4, root.KpiCount);
        Assert.Equal(2, root.ScoredKpiCount);
        Assert.Equal(0.5m, root.Coverage);
    }

    [Fact]
    public void An_objective_with_only_missing_KPIs_is_no_data()
    {
        var card = new Card();
        var root = RollUp.Compute(card.Scorecard, new Dictionary<Guid, decimal?> { [card.Churn.Id] = 8 });

        var delight = Find(root, card.Delight.Id);
        Assert.Null(delight.Score);
        Assert.Equal(Status.NoData, delight.Status);
        Assert.Equal(Status.NoData, Find(root, card.Financial.Id).Status);
        Assert.Equal(8m, Find(root, card.Customer.Id).Score);
        Assert.Equal(8m, root.Score);
    }

    [Fact]
    public void Nothing_reported_is_no_data_everywhere()
    {
        var root = RollUp.Compute(new Card().Scorecard, new Dictionary<Guid, decimal?>());
        Assert.All(root.Descendants(), n => Assert.Equal(Status.NoData, n.Status));
        Assert.Equal(0m, root.Coverage);
    }

    [Fact]
    public void A_team_scorecard_rolls_into_the_objective_it_supports()
    {
        var enterprise = new Card();
        var sales = new Card();
        sales.Scorecard.Key = "sales";
        sales.Scorecard.Name = "Sales";
        sales.Scorecard.ParentScorecardId = enterprise.Scorecard.Id;
        sales.Scorecard.SupportsObjectiveId = enterprise.Grow.Id;
        sales.Scorecard.Weight = 2;

        var scores = new Dictionary<Guid, decimal?>
        {
            [enterprise.Revenue.Id] = 10,
            [enterprise.Margin.Id] = 10,
            [enterprise.Churn.Id] = 10,
            [enterprise.Nps.Id] = 10,
            [sales.Revenue.Id] = 1,
            [sales.Margin.Id] = 1,
            [sales.Churn.Id] = 1,
            [sales.Nps.Id] = null,
        };

        var root = RollUp.Compute(enterprise.Scorecard, scores, [sales.Scorecard]);

        var grow = Find(root, enterprise.Grow.Id);
        var team = Assert.Single(grow.Children, c => c.Level == RollUpLevel.TeamScorecard);
        Assert.Equal("Sales", team.Name);
        Assert.Equal(1m, team.Score);
        Assert.Equal(2m, team.Weight);
        // KPIs: revenue 10 (w3), margin 10 (w1), sales 1 (w2) → (30 + 10 + 2) / 6 = 7
        Assert.Equal(7m, grow.Score);
        Assert.Equal(6, grow.KpiCount); // its own 2 and the team's 4
        Assert.Contains(sales.Nps.Id, root.MissingKpiIds);
        Assert.Equal(8, root.KpiCount);
    }

    [Fact]
    public void Cascades_roll_up_through_several_levels()
    {
        var enterprise = new Card();
        var sales = new Card();
        sales.Scorecard.SupportsObjectiveId = enterprise.Grow.Id;
        var emea = new Card();
        emea.Scorecard.SupportsObjectiveId = sales.Grow.Id;

        var scores = emea.Scorecard.Kpis.ToDictionary(k => k.Id, _ => (decimal?)0m);
        var root = RollUp.Compute(enterprise.Scorecard, scores, [emea.Scorecard, sales.Scorecard]);

        Assert.Equal(0m, Find(root, enterprise.Grow.Id).Score);
        Assert.Equal(12, root.KpiCount);
        Assert.Equal(4, root.ScoredKpiCount);
    }

    [Fact]
    public void A_cascade_that_loops_back_stops()
    {
        var a = new Card();
        var b = new Card();
        b.Scorecard.SupportsObjectiveId = a.Grow.Id;
        a.Scorecard.SupportsObjectiveId = b.Grow.Id;

        var root = RollUp.Compute(a.Scorecard, new Dictionary<Guid, decimal?>(), [a.Scorecard, b.Scorecard]);
        Assert.Equal(8, root.KpiCount);
    }

    [Fact]
    public void Scorecards_that_support_no_objective_here_are_ignored()
    {
        var enterprise = new Card();
        var other = new Card();
        other.Scorecard.SupportsObjectiveId = Guid.NewGuid();
        Assert.Equal(4, RollUp.Compute(enterprise.Scorecard, new Dictionary<Guid, decimal?>(), [other.Scorecard]).KpiCount);
    }

    [Fact]
    public void Objective_and_perspective_weights_count()
    {
        var card = new Card();
        card.Retain.Weight = 3;
        card.Financial.Weight = 0.5m;
        var scores = new Dictionary<Guid, decimal?> { [card.Revenue.Id] = 10, [card.Margin.Id] = 10, [card.Churn.Id] = 2, [card.Nps.Id] = 10 };

        var root = RollUp.Compute(card.Scorecard, scores);

        Assert.Equal(4m, Find(root, card.Customer.Id).Score); // (3·2 + 1·10) / 4
        Assert.Equal(6m, root.Score); // (0.5·10 + 1·4) / 1.5
    }

    [Fact]
    public void KPIs_weighing_nothing_still_give_a_score_when_they_are_all_there_is()
    {
        var card = new Card();
        card.Churn.Weight = 0;
        var root = RollUp.Compute(card.Scorecard, new Dictionary<Guid, decimal?> { [card.Churn.Id] = 5 });
        Assert.Equal(5m, Find(root, card.Retain.Id).Score);
    }

    [Fact]
    public void Objectives_without_a_known_perspective_still_count()
    {
        var card = new Card();
        var stray = new Objective { Key = "x", Name = "Cut waste", PerspectiveId = Guid.NewGuid(), ScorecardId = card.Scorecard.Id };
        card.Scorecard.Objectives.Add(stray);
        var kpi = card.AddKpi(stray, "Waste");

        var root = RollUp.Compute(card.Scorecard, new Dictionary<Guid, decimal?> { [kpi.Id] = 3 });
        var other = Assert.Single(root.Children, c => c.Name == "Other");
        Assert.Equal(3m, other.Score);
    }

    [Fact]
    public void Compute_from_snapshots_uses_their_scores()
    {
        var card = new Card();
        var oct = Period.Month(2026, 10);
        card.Churn.Direction = Direction.LowerIsBetter;
        card.Churn.Actuals.Add(new Actual { Period = oct, Value = 2 });
        card.Churn.Targets.Add(new Target { Period = oct, Value = 3 });
        card.Nps.Actuals.Add(new Actual { Period = oct, Value = 20 });
        card.Nps.Targets.Add(new Target { Period = oct, Value = 50 });

        var root = RollUp.Compute(card.Scorecard, card.Scorecard.Kpis.Select(k => KpiSnapshot.Compute(k, oct)));

        Assert.Equal(Status.Green, Find(root, card.Retain.Id).Status);
        Assert.Equal(Status.Red, Find(root, card.Delight.Id).Status);
        Assert.Equal(5m, Find(root, card.Customer.Id).Score);
        Assert.Equal([card.Revenue.Id, card.Margin.Id], root.MissingKpiIds);
    }
}
