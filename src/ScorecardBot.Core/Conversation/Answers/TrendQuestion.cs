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

    /// <summary>"Yes — ", "No — " or nothing, for the trend as judged; the trend's sentence follows it.</summary>
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
            true => "Yes — ",
            false => "No — ",
            null when asked != TrendAsked.Open => "I cannot tell yet — ",
            _ => string.Empty,
        };
    }

    private static readonly HashSet<string> OnTrackWords = ["track", "green", "meeting", "hitting", "making", "reaching", "ahead", "above", "achieving"];
    private static readonly HashSet<string> OffTrackWords = ["behind", "red", "missing", "below", "short", "failing", "off", "offtrack", "under", "amber", "lagging"];

    /// <summary>
    /// What a yes/no question asks about a KPI's status: "are we on track for retention", "is
    /// NPS meeting its target" (on track: green), "is OTD behind target", "is scrap red" (off
    /// track: amber or red, or red when it says red). Null for any other question.
    /// </summary>
    public static bool? ReadOnTrack(string? question, out bool redOnly)
    {
        redOnly = false;
        if (string.IsNullOrWhiteSpace(question) || !IsYesNo(question))
        {
            return null;
        }

        var words = Words(question);
        var negated = words.Any(w => w is "not" or "isnt" or "arent" or "no");
        if (words.Contains("off") && words.Contains("track") || words.Any(OffTrackWords.Contains) && !words.Contains("track"))
        {
            redOnly = words.Contains("red") && !words.Contains("amber");
            return negated;
        }

        if (words.Any(OnTrackWords.Contains) && (words.Contains("track") || words.Contains("green") || words.Any(w => w is "target" or "targets" or "goal" or "plan" or "budget")))
        {
            return !negated;
        }

        return null;
    }

    /// <summary>"Yes — ", "No — " for an on-track question by the KPI's status; "I cannot tell yet — " without a colour.</summary>
    public static string OnTrackAnswer(bool asksOnTrack, bool redOnly, Status status)
    {
        if (status == Status.NoData)
        {
            return "I cannot tell yet — ";
        }

        var off = redOnly ? status == Status.Red : status is Status.Red or Status.Amber;
        return off != asksOnTrack ? "Yes — " : "No — ";
    }

    private static string[] Words(string question) =>
        question.ToLowerInvariant().Replace("'", "", StringComparison.Ordinal)
            .Split((char[])[' ', '?', '!', '.', ',', ';', ':', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);

    private static bool Known(KpiTrend trend) => trend.Direction != TrendDirection.Unknown;
}
