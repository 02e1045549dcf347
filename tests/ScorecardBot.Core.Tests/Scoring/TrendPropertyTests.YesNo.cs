using ScorecardBot.Core.Conversation.Answers;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Scoring;

namespace ScorecardBot.Core.Tests.Scoring;

/// <summary>
/// A yes/no question about a trend ("is X getting worse", "did X improve", "is X going up")
/// gets the yes or no that the trend sentence after it bears out, on every random series.
/// </summary>
public partial class TrendPropertyTests
{
    public static TheoryData<string, string> YesNoQuestions => new()
    {
        { "is Measure getting worse?", "worse" },
        { "is measure worsening", "worse" },
        { "has Measure slipped", "worse" },
        { "is Measure improving", "better" },
        { "did Measure improve?", "better" },
        { "has Measure gotten better", "better" },
        { "is Measure going up", "up" },
        { "is measure rising", "up" },
        { "is Measure falling", "down" },
        { "did Measure drop", "down" },
    };

    [Theory]
    [MemberData(nameof(YesNoQuestions))]
    public void A_yes_or_no_never_contradicts_the_trend_sentence_after_it(string question, string asks)
    {
        var random = new Random(question.Length * 7919);
        int yes = 0, no = 0;
        for (var draw = 0; draw < Draws; draw++)
        {
            var (values, direction) = Draw(random);
            var s = Snapshot(values, direction, KpiFormat.Number, "units");
            var answer = TrendQuestion.Answer(TrendQuestion.Read(question), s.Trend) + Text.Headline(s);
            var context = $"draw {draw}: {string.Join(", ", values.Values)} ({direction}) → {answer}";
            if (s.Trend.Direction == TrendDirection.Unknown)
            {
                Assert.StartsWith("I cannot tell yet — ", answer, StringComparison.Ordinal);
                continue;
            }

            Assert.Matches("^(Yes|No) — Measure is ", answer);
            var said = answer.StartsWith("Yes", StringComparison.Ordinal);
            if (said)
            {
                yes++;
            }
            else
            {
                no++;
            }

            // What the sentence after the yes or no states.
            var improving = answer.Contains("Measure is improving:", StringComparison.Ordinal);
            var worsening = answer.Contains("Measure is getting worse:", StringComparison.Ordinal);
            var wentUp = (improving || worsening) && (direction == Direction.HigherIsBetter) == improving;
            var wentDown = (improving || worsening) && !wentUp;
            var claim = asks switch
            {
                "better" => improving,
                "worse" => worsening,
                "up" => wentUp,
                _ => wentDown,
            };
            Assert.True(said == claim, context);

            // Up and down words in the grounds agree with the yes or no.
            if (asks is "up" or "down" && (improving || worsening))
            {
                var grounds = answer[(answer.IndexOf(':', StringComparison.Ordinal) + 1)..];
                Assert.Matches(wentUp ? "(rose|up about|\\+)" : "(fell|down about|-)", grounds);
            }
        }

        Assert.True(yes > Draws / 20 && no > Draws / 20, $"{yes} yes and {no} no: the draws do not test both answers");
    }
}
