using ScorecardBot.Core.Conversation.Grammar;

namespace ScorecardBot.Core.Tests.Conversation;

/// <summary>
/// The period words of a question read as a span with its comparison; "now" is 10 Nov 2026 and the
/// sample's fiscal year is the calendar year, so this quarter is FY2026-Q4.
/// </summary>
public sealed class QuestionPeriodTests
{
    private static readonly Lazy<GrammarContext> Context = new(() =>
    {
        var sample = new SampleOrganization();
        var snapshot = sample.Store.GetAsync(sample.Organization.Id, CancellationToken.None).AsTask().GetAwaiter().GetResult()!;
        return new GrammarContext(snapshot, SampleOrganization.Now);
    });

    [Theory]
    [InlineData("otd q3", "FY2026-Q3")]
    [InlineData("how was otd last month", "2026-10")]
    [InlineData("otd last 3 months", "2026-08..2026-10")]
    [InlineData("on time delivery over the past two quarters", "FY2026-Q2..FY2026-Q3")]
    [InlineData("otd ttm", "2025-11..2026-10")]
    [InlineData("otd ytd", "2026-01..2026-11")]
    [InlineData("on time delivery year to date", "2026-01..2026-11")]
    [InlineData("otd so far this year", "2026-01..2026-11")]
    [InlineData("otd since the start of the quarter", "2026-10..2026-11")]
    [InlineData("otd since march", "2026-03..2026-11")]
    [InlineData("otd from jan to mar", "2026-01..2026-03")]
    [InlineData("otd between q1 and q2", "FY2026-Q1..FY2026-Q2")]
    [InlineData("otd nov to feb", "2025-11..2026-02")]
    [InlineData("otd this quarter vs last", "FY2026-Q4 vs FY2026-Q3")]
    [InlineData("otd q3 vs q2", "FY2026-Q3 vs FY2026-Q2")]
    [InlineData("otd compared to last quarter", "FY2026-Q4 vs FY2026-Q3")]
    [InlineData("is otd better than last month", "2026-11 vs 2026-10")]
    [InlineData("has otd improved since last year", "2026-11 vs 2025-11")]
    [InlineData("otd last quarter vs the same quarter last year", "FY2026-Q3 vs FY2025-Q3")]
    [InlineData("otd yoy", "2026-11 vs 2025-11")]
    [InlineData("otd q3 year over year", "FY2026-Q3 vs FY2025-Q3")]
    [InlineData("otd month over month", "2026-11 vs 2026-10")]
    [InlineData("otd vs plan", "-")]
    [InlineData("otd against target", "-")]
    public void Period_words_are_read_as_a_span_and_a_comparison(string question, string expected)
    {
        var request = Assert.IsType<QuestionRequest>(TurnReader.Read(question, Context.Value));
        Assert.Equal(expected, request.Interpretation.Asked?.ToString() ?? "-");
        Assert.Equal(request.Interpretation.Asked?.Span.Last, request.Interpretation.Period);
    }

    [Theory]
    [InlineData("otd last 3 months")]
    [InlineData("otd this quarter vs last")]
    [InlineData("has otd improved since last year")]
    [InlineData("otd from jan to mar")]
    public void Period_words_leave_the_subject_to_the_matcher(string question)
    {
        var request = Assert.IsType<QuestionRequest>(TurnReader.Read(question, Context.Value));
        Assert.Equal("On-time delivery", request.Interpretation.Subject?.Best?.Name);
    }
}
