using ScorecardBot.Core.Conversation.Grammar;
using ScorecardBot.Data.Tests.AsCode;
using ScorecardBot.Data.Tests.Infrastructure;

namespace ScorecardBot.Data.Tests.Understanding;

/// <summary>
/// One question for each general rule of the question grammar, over the samples as the host reads
/// them; the corpus measures them together, these say which rule a reading rests on.
/// </summary>
public sealed class UnderstandingRulesTests(SqliteTestDatabase database) : IClassFixture<SqliteTestDatabase>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    // A long name's first two words by their initials.
    [InlineData("logistics", "pm on time", "status", "fleet/pm-compliance", "-")]
    // Two objectives named alike: the scorecard the words name decides.
    [InlineData("hospital", "keep patients safe in the hospital", "status", "objective:hospital/keep-patients-safe", "-")]
    [InlineData("hospital", "keep patients safe in the emergency department", "status", "objective:emergency/ed-keep-patients-safe", "-")]
    // "How many" about an objective with one KPI: the KPI.
    [InlineData("manufacturing", "how many parts are right first time", "status", "operations/first-pass-yield", "-")]
    // "Going out" is dispatching.
    [InlineData("manufacturing", "are orders going out late", "status", "enterprise/on-time-delivery", "-")]
    // "Changed" asks for a trend; "since last year" compares with a year earlier.
    [InlineData("manufacturing", "how has nps changed since last year", "trend", "enterprise/nps", "2026-11 vs 2025-11")]
    // Fiscal year from April: year to date runs from April.
    [InlineData("manufacturing", "scrap rate year to date", "status", "enterprise/scrap-rate", "2026-04..2026-11")]
    // "vs plan" compares with the target, not a period.
    [InlineData("manufacturing", "headcount vs plan", "status", "hr/headcount", "-")]
    public async Task A_question_is_read_by_its_rule(string sample, string question, string intent, string subject, string period)
    {
        var snapshot = (await database.SampleSnapshotsAsync(sample))[sample];
        var got = UnderstandingCorpusTests.Label(TurnReader.Read(question, new GrammarContext(snapshot, Now)), snapshot);
        Assert.Equal((intent, subject, period), got);
    }
}
