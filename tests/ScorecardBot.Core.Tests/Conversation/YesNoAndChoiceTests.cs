using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Tests.Conversation;

/// <summary>
/// A yes/no question gets the yes or no it asked for, and the sentence after it bears it out;
/// options that would read alike are told apart.
/// </summary>
public sealed class YesNoAndChoiceTests
{
    private readonly EngineFixture _f = new();

    [Theory]
    [InlineData("are we on track for on time delivery?", "No — On-time delivery (Logistics) was 79.0 % in Oct 2026 against a target of 95.0 % — Red")]
    [InlineData("is OTD behind target?", "Yes — On-time delivery (Logistics) was 79.0 % in Oct 2026 against a target of 95.0 % — Red")]
    [InlineData("is on time delivery red", "Yes — On-time delivery (Logistics) was 79.0 % in Oct 2026")]
    [InlineData("is OTD not on track", "Yes — On-time delivery (Logistics) was 79.0 % in Oct 2026")]
    [InlineData("is on-time delivery meeting its target", "No — On-time delivery (Logistics) was 79.0 % in Oct 2026")]
    public async Task An_on_track_question_is_answered_yes_or_no_by_the_status_the_answer_states(string question, string start)
    {
        var reply = (await _f.SayAsync(_f.Sample.Victor, question)).Single();

        Assert.Equal("kpi", reply.Kind);
        Assert.StartsWith(start, reply.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_green_kpi_is_on_track()
    {
        var green = (await _f.SnapshotAsync()).Kpis.Select(k => (Kpi: k, Status: Core.Scoring.KpiSnapshot.Compute(k, SampleOrganization.LastMonth).Status))
            .First(x => x.Status == Status.Green).Kpi;

        var reply = (await _f.SayAsync(_f.Sample.Victor, $"are we on track for {green.Name}?")).Single();

        Assert.StartsWith($"Yes — {green.Name} (", reply.Summary, StringComparison.Ordinal);
        Assert.Contains("— Green", reply.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_question_without_yes_or_no_gets_no_yes_or_no()
    {
        var reply = (await _f.SayAsync(_f.Sample.Victor, "how is on time delivery doing")).Single();

        Assert.StartsWith("On-time delivery (Logistics) was 79.0 %", reply.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_objectives_of_the_same_name_in_one_scorecard_are_offered_with_their_perspectives()
    {
        var logistics = _f.Sample.Logistics;
        var process = logistics.Perspectives.Single(p => p.Name == "Internal Process");
        logistics.Objectives.Add(new Objective { ScorecardId = logistics.Id, PerspectiveId = process.Id, Key = "keep-shippers-process", Name = "Keep our shippers", Order = 99 });

        var reply = (await _f.SayAsync(_f.Sample.Victor, "status objective keep our shippers")).Single();

        Assert.Equal("choose", reply.Kind);
        var labels = reply.Buttons().Select(b => b.Title).ToList();
        Assert.Equal(labels.Count, labels.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Contains("the objective Keep our shippers (Logistics, Customer perspective)", labels);
        Assert.Contains("the objective Keep our shippers (Logistics, Internal Process perspective)", labels);
    }

    [Fact]
    public async Task Two_objectives_of_the_same_name_in_two_scorecards_are_offered_with_their_scorecards()
    {
        var manufacturing = _f.Sample.Manufacturing;
        var customer = manufacturing.Perspectives.Single(p => p.Name == "Customer");
        manufacturing.Objectives.Add(new Objective { ScorecardId = manufacturing.Id, PerspectiveId = customer.Id, Key = "keep-shippers", Name = "Keep our shippers", Order = 99 });

        var reply = (await _f.SayAsync(_f.Sample.Victor, "status objective keep our shippers")).Single();

        Assert.Equal("choose", reply.Kind);
        var labels = reply.Buttons().Select(b => b.Title).ToList();
        Assert.Contains("the objective Keep our shippers (Logistics)", labels);
        Assert.Contains("the objective Keep our shippers (Manufacturing)", labels);
    }
}
