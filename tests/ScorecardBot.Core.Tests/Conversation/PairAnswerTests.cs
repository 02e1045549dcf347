using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Tests.Conversation;

/// <summary>The answer about either KPI of a pair that moved apart says so in one sentence.</summary>
public sealed class PairAnswerTests
{
    private readonly EngineFixture _f = new();

    [Fact]
    public async Task The_answer_about_either_KPI_of_a_pair_that_moved_apart_says_check_the_pair()
    {
        var otd = _f.Sample.Kpi("on-time-delivery");
        var accuracy = _f.Sample.Kpi("order-accuracy");
        otd.PairKpiId = accuracy.Id;
        var latest = accuracy.Actuals.Single(a => a.Period == SampleOrganization.LastMonth);
        var before = accuracy.Actuals.Single(a => a.Period == SampleOrganization.LastMonth.Previous).Value!.Value;
        latest.Value = before - 6m;

        // On-time delivery fell from 91.5 % to 79.0 % while its pair, order accuracy, fell 6 points too: both worse, no sentence.
        var both = (await _f.SayAsync(_f.Sample.Victor, "how is on time delivery doing")).Single();
        Assert.Equal("Order accuracy", both.Fact("Pair"));
        Assert.DoesNotContain("check the pair", both.Summary, StringComparison.Ordinal);

        latest.Value = before + 6m;
        var sentence = $"Order accuracy up 6.0 pts while On-time delivery fell 12.5 pts: check the pair.";
        var aboutOtd = (await _f.SayAsync(_f.Sample.Victor, "how is on time delivery doing")).Single();
        var aboutAccuracy = (await _f.SayAsync(_f.Sample.Victor, "how is order accuracy doing")).Single();

        Assert.Contains(sentence, aboutOtd.Summary, StringComparison.Ordinal);
        Assert.Contains(sentence, aboutAccuracy.Summary, StringComparison.Ordinal);
        Assert.Equal("On-time delivery", aboutAccuracy.Fact("Pair"));
        Assert.Contains(aboutOtd.Blocks.OfType<Paragraph>(), p => p.Tone == TextTone.Warning && ReviewFixtureText(p) == sentence);
    }

    private static string ReviewFixtureText(Paragraph p) => string.Concat(p.Inlines.OfType<Run>().Select(r => r.Text));
}
