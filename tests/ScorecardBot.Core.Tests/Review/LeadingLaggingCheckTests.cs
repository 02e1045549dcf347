using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Review;

namespace ScorecardBot.Core.Tests.Review;

public class LeadingLaggingCheckTests
{
    private static readonly Period UpTo = Period.Month(2026, 12);

    private sealed class Map
    {
        public Scorecard Scorecard { get; } = new() { Key = "map", Name = "Strategy" };
        public Objective Cause { get; }
        public Objective Effect { get; }
        public ObjectiveLink Link { get; }

        public Map()
        {
            Cause = new Objective { ScorecardId = Scorecard.Id, Key = "deliver", Name = "Deliver on time" };
            Effect = new Objective { ScorecardId = Scorecard.Id, Key = "keep", Name = "Keep customers" };
            Scorecard.Objectives.AddRange([Cause, Effect]);
            Link = new ObjectiveLink { ScorecardId = Scorecard.Id, CauseObjectiveId = Cause.Id, EffectObjectiveId = Effect.Id };
            Scorecard.Links.Add(Link);
        }

        public Kpi Add(string name, Objective objective, IndicatorType indicator, IReadOnlyList<double> values, Direction direction = Direction.HigherIsBetter)
        {
            var kpi = new Kpi { ScorecardId = Scorecard.Id, ObjectiveId = objective.Id, Key = name, Name = name, Indicator = indicator, Direction = direction };
            for (var i = 0; i < values.Count; i++)
            {
                kpi.Actuals.Add(new Actual { KpiId = kpi.Id, Period = UpTo.AddPeriods(i - values.Count + 1), Value = (decimal)Math.Round(values[i], 3) });
            }

            Scorecard.Kpis.Add(kpi);
            return kpi;
        }
    }

    /// <summary>A random walk: its changes are independent noise.</summary>
    private static List<double> Walk(int seed, int count, double start = 100)
    {
        var random = new Random(seed);
        var values = new List<double> { start };
        for (var i = 1; i < count; i++)
        {
            values.Add(values[^1] + ((random.NextDouble() * 2) - 1));
        }

        return values;
    }

    /// <summary>A series whose change in month t is <paramref name="gain"/> times the leader's change in month t−lag, plus a little noise.</summary>
    private static List<double> Follow(IReadOnlyList<double> leader, int lag, double gain, int seed)
    {
        var random = new Random(seed);
        var values = new List<double> { 50 };
        for (var t = 1; t < leader.Count; t++)
        {
            var driver = t - lag >= 1 ? leader[t - lag] - leader[t - lag - 1] : 0;
            values.Add(values[^1] + (gain * driver) + (((random.NextDouble() * 2) - 1) * 0.5));
        }

        return values;
    }

    [Fact]
    public void Run_finds_a_planted_two_month_lag_and_says_so_in_plain_words()
    {
        var map = new Map();
        var leader = Walk(seed: 11, count: 24);
        map.Add("On-time delivery", map.Cause, IndicatorType.Leading, leader);
        map.Add("Customer retention", map.Effect, IndicatorType.Lagging, Follow(leader, lag: 2, gain: 0.8, seed: 5));

        var finding = Assert.Single(LeadingLaggingCheck.Run(map.Scorecard, UpTo).Findings);

        Assert.Equal(LinkEvidence.Evidence, finding.Evidence);
        Assert.Equal(2, finding.LagMonths);
        Assert.Equal(21, finding.Points);
        Assert.True(finding.R is >= 0.7 and < 1.0, finding.Text);
        Assert.Equal(Math.Round(finding.R.Value, 1), finding.R.Value);
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(finding.Text, @"^On-time delivery tends to move with Customer retention about 2 months later \(strong, r≈0\.\d, 21 months\)\.$"), finding.Text);
    }

    [Fact]
    public void Run_reads_falling_costs_as_improvement_when_pairing_changes()
    {
        var map = new Map();
        var leader = Walk(seed: 3, count: 20);
        map.Add("Training hours", map.Cause, IndicatorType.Leading, leader);
        // Defects fall when training rises, a month later: lower is better, so this supports the link.
        var defects = Follow(leader, lag: 1, gain: -1, seed: 9);
        map.Add("Defects", map.Effect, IndicatorType.Lagging, defects, Direction.LowerIsBetter);

        var finding = Assert.Single(LeadingLaggingCheck.Run(map.Scorecard, UpTo).Findings);
        Assert.Equal((LinkEvidence.Evidence, 1), (finding.Evidence, finding.LagMonths));
        Assert.True(finding.R > 0, finding.Text);
        Assert.Contains("about 1 month later", finding.Text);
    }

    [Fact]
    public void Run_reports_not_enough_data_for_short_series()
    {
        var map = new Map();
        var leader = Walk(seed: 1, count: 7);
        map.Add("On-time delivery", map.Cause, IndicatorType.Leading, leader);
        map.Add("Customer retention", map.Effect, IndicatorType.Lagging, Follow(leader, 0, 1, seed: 2));

        var finding = Assert.Single(LeadingLaggingCheck.Run(map.Scorecard, UpTo).Findings);
        Assert.Equal(LinkEvidence.NotEnoughData, finding.Evidence);
        Assert.Null(finding.R);
        Assert.Equal("Not enough data to check whether On-time delivery moves Customer retention: 6 of the 8 months of changes needed.", finding.Text);
    }

    [Fact]
    public void Run_says_there_is_no_sign_when_the_series_move_independently()
    {
        var map = new Map();
        map.Add("On-time delivery", map.Cause, IndicatorType.Leading, Walk(seed: 21, count: 24));
        map.Add("Customer retention", map.Effect, IndicatorType.Lagging, Walk(seed: 42, count: 24, start: 50));

        var finding = Assert.Single(LeadingLaggingCheck.Run(map.Scorecard, UpTo).Findings);
        Assert.Equal(LinkEvidence.NoEvidence, finding.Evidence);
        Assert.Matches(@"^No sign that On-time delivery moves Customer retention \(best r≈-?0\.\d over \d+ months\): revisit this link\.$", finding.Text);
    }

    [Fact]
    public void Links_without_a_leading_or_lagging_KPI_are_listed_as_having_nothing_to_compare()
    {
        var map = new Map();
        map.Add("Customer retention", map.Effect, IndicatorType.Lagging, Walk(1, 24));
        var report = LeadingLaggingCheck.Run(map.Scorecard, UpTo);
        Assert.Empty(report.Findings);
        Assert.Equal([map.Link], report.LinksWithoutPairs);
    }

    [Fact]
    public void CheckBuilder_groups_findings_by_link_in_a_check_message()
    {
        var map = new Map();
        var leader = Walk(seed: 11, count: 24);
        map.Add("On-time delivery", map.Cause, IndicatorType.Leading, leader);
        map.Add("Customer retention", map.Effect, IndicatorType.Lagging, Follow(leader, 2, 0.8, 5));
        map.Add("Revenue", map.Effect, IndicatorType.Lagging, Walk(4, 5));
        var report = LeadingLaggingCheck.Run(map.Scorecard, UpTo);

        var message = Assert.Single(new CheckBuilder().Build(map.Scorecard, report, ReviewFixture.Calendar, Period.Quarter(2026, 4)));

        Assert.Equal("check", message.Kind);
        Assert.Equal("Strategy: do the strategy map's links hold? (FY2026-Q4 (Oct–Dec 2026))", ((Heading)message.Blocks[0]).Text);
        var texts = message.Blocks.Select(b => b switch { Paragraph p => ReviewFixture.TextOf(p), Note n => n.Text, _ => string.Empty }).ToList();
        Assert.Equal("Links with evidence", texts[2]);
        Assert.Equal("Deliver on time → Keep customers", texts[3]);
        Assert.StartsWith("On-time delivery tends to move with Customer retention about 2 months later", texts[4]);
        Assert.Contains("Not enough data yet", texts);
        Assert.Contains(texts, t => t.StartsWith("Not enough data to check whether On-time delivery moves Revenue", StringComparison.Ordinal));
    }
}
