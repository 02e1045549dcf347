using ScorecardBot.Core.Model;
using ScorecardBot.Core.Scoring;

namespace ScorecardBot.Core.Conversation.Answers;

/// <summary>
/// What a trend question asks, so that a yes/no question gets the yes or no it asked for: "is
/// retention getting worse" is answered "Yes" when it is getting worse. Better/worse words are
/// judged by the KPI's direction; up/down words by where the number went (cost going up is a
/// yes to "is cost going up", and worse).
/// </summary>
internal enum TrendAsked
{
    /// <summary>No yes/no about the trend ("how is retention trending").</summary>
    Open = 0,
    Better = 1,
    Worse = 2,
    Up = 3,
    Down = 4,
}

internal static class TrendQuestion
{
    private static readonly HashSet<string> Better = ["improving", "improve", "improved", "improves", "better", "progressing", "recovering"];
    private static readonly HashSet<string> Worse = ["worse", "worsening", "worsen", "worsened", "deteriorating", "slipping", "slip", "slipped", "weakening"];
    private static readonly HashSet<string> Up = ["up", "rising", "rise", "increasing", "increase", "growing", "grow", "climbing", "higher"];
    private static readonly HashSet<string> Down = ["down", "falling", "fall", "dropping", "drop", "decreasing", "decrease", "declining", "decline", "shrinking", "lower"];
    private static readonly HashSet<string> YesNoStarts = ["is", "are", "has", "have", "was", "were", "did", "does", "do", "will", "isnt", "arent", "can", "could", "shall", "would", "are"];

    /// <summary>What the question asks about the trend; Open unless it is a yes/no question with a direction word.</summary>
    public static TrendAsked Read(string? question)
    {
        if (string.IsNullOrWhiteSpace(question))
        {
            return TrendAsked.Open;
        }

        var words = question.ToLowerInvariant().Replace("'", "", StringComparison.Ordinal)
            .Split((char[])[' ', '?', '!', '.', ',', ';', ':', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0 || !YesNoStarts.Contains(words[0]) && !words.Contains("still"))
        {
            return TrendAsked.Open;
        }

        foreach (var word in words)
        {
            if (Worse.Contains(word)) return TrendAsked.Worse;
            if (Better.Contains(word)) return TrendAsked.Better;
            if (Up.Contains(word)) return TrendAsked.Up;
            if (Down.Contains(word)) return TrendAsked.Down;
        }

        return TrendAsked.Open;
    }

    /// <summary>Whether the words are a yes/no question ("is …", "will we …").</summary>
    public static bool IsYesNo(string question)
    {
        var first = question.TrimStart().Split(' ', 2)[0].ToLowerInvariant().Replace("'", "", StringComparison.Ordinal);
        return YesNoStarts.Contains(first);
    }

    /// <summary>"Yes. ", "No. " or nothing, for the trend as judged.</summary>
    public static string Answer(TrendAsked asked, KpiTrend trend)
    {
        bool? yes = asked switch
        {
            TrendAsked.Better => Known(trend) ? trend.Direction == TrendDirection.Improving : null,
            TrendAsked.Worse => Known(trend) ? trend.Direction == TrendDirection.Worsening : null,
            TrendAsked.Up => Known(trend) ? trend.Movement > 0 : null,
            TrendAsked.Down => Known(trend) ? trend.Movement < 0 : null,
            _ => null,
        };
        return yes switch
        {
            true => "Yes. ",
            false => "No. ",
            null when asked != TrendAsked.Open => "I cannot tell yet. ",
            _ => string.Empty,
        };
    }

    private static bool Known(KpiTrend trend) => trend.Direction != TrendDirection.Unknown;
}
