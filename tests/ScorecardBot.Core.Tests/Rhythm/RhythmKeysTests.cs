using ScorecardBot.Core.Model;
using ScorecardBot.Core.Rhythm;

namespace ScorecardBot.Core.Tests.Rhythm;

public class RhythmKeysTests
{
    [Fact]
    public void Every_decision_of_a_quarter_reads_back_its_scorecard_and_period()
    {
        var world = QuarterSimulationTests.Berlin();
        world.Run(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero)), new DateTimeOffset(2027, 1, 31, 0, 0, 0, TimeSpan.Zero));
        var decisions = world.Made.Select(m => m.Decision).ToList();

        Assert.Contains(decisions, d => d.Kind == RhythmDecisionKind.QuarterlyCheck);
        Assert.All(decisions, d =>
        {
            Assert.True(RhythmKeys.TryRead(d.Key + "#2", out var word, out var scorecard, out var period), d.Key);
            Assert.Equal((d.Key.Split(':')[0], d.ScorecardId, d.Period), (word, scorecard, period));
        });
    }

    [Theory]
    [InlineData("fallback:prompt:x")]
    [InlineData("digest:not-a-guid:2026-10")]
    [InlineData("digest")]
    public void A_key_of_another_shape_is_not_read(string key) =>
        Assert.False(RhythmKeys.TryRead(key, out _, out _, out _));
}
