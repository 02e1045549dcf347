using System.Globalization;
using System.Text;

namespace ScorecardBot.Core.Conversation.Matching;

/// <summary>
/// Turns what people type into comparable tokens: lower case, no accents, apostrophes dropped
/// ("what's" → "whats"), split on everything that is not a letter or digit, light plural stemming.
/// Names of KPIs and questions go through the same steps so they meet in the middle.
/// </summary>
internal static class TextTokens
{
    public static List<string> Words(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var raw in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(raw) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (raw is '\'' or '’' or '‘')
            {
                continue;
            }

            if (char.IsLetterOrDigit(raw))
            {
                current.Append(char.ToLowerInvariant(raw));
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words;
    }

    /// <summary>Plural to singular, only where it is safe enough for matching ("deliveries" → "delivery").</summary>
    public static string Stem(string word)
    {
        if (word.Length > 4 && word.EndsWith("ies", StringComparison.Ordinal))
        {
            return string.Concat(word.AsSpan(0, word.Length - 3), "y");
        }

        if (word.Length > 3 && word[^1] == 's' && word[^2] is not ('s' or 'u' or 'i'))
        {
            return word[..^1];
        }

        return word;
    }

    public static bool IsStopWord(string word) => StopWords.Contains(word);

    /// <summary>Words that carry no subject: question words, fillers, and the names of things in general.</summary>
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "of", "for", "on", "in", "at", "to", "by", "from", "with", "and", "or", "as",
        "is", "are", "was", "were", "be", "been", "being", "am", "its", "it", "this", "that", "these", "those",
        "how", "hows", "what", "whats", "which", "when", "where", "why", "whos", "hw",
        "do", "does", "did", "doing", "done", "going", "goes", "go", "look", "looks", "looking", "like",
        "our", "we", "us", "me", "i", "you", "your", "my", "mine", "im", "ive", "they", "their",
        "show", "tell", "give", "get", "see", "let", "lets", "know", "check", "please", "pls", "plz",
        "can", "could", "would", "will", "should", "any", "some", "about", "re", "regarding",
        "kpi", "kpis", "metric", "metrics", "measure", "measures", "indicator", "number", "numbers", "figure", "figures",
        "current", "currently", "now", "today", "latest", "recent", "recently", "lately", "so", "far",
        "status", "update", "updates", "performance", "performing", "perform", "result", "results", "value", "values",
        "hey", "hi", "hello", "bot", "quick", "quickly", "just", "there", "here", "anything", "stand", "standing", "stands",
        "trend", "trending", "trends", "improving", "improve", "improved", "improvement", "getting", "better", "worse",
        "worsening", "declining", "decline", "up", "down", "over", "time", "compared", "vs", "versus",
        "everything", "things", "overall", "happened", "happening", "fare", "fared", "faring", "track", "tracking", "coming", "along", "shape",
        "much", "many", "have", "has", "had", "take", "takes", "taking", "running", "r", "u", "ur", "doin", "really", "still", "yet", "ever", "lot", "lots",
        "until", "till", "enough",
    };

    /// <summary>
    /// Words of descriptions and formulas that say how a KPI is counted, not what it is about
    /// ("share", "divided", "total"): left out of what the matcher reads from them.
    /// </summary>
    public static bool IsContextStopWord(string word) => ContextStopWords.Contains(word);

    private static readonly HashSet<string> ContextStopWords = new(StringComparer.Ordinal)
    {
        "share", "shares", "divided", "total", "sum", "average", "mean", "median", "ratio", "rate", "rates", "percent", "percentage",
        "number", "count", "counted", "per", "each", "every", "all", "than", "that", "who", "which", "whose", "into", "out", "not", "no",
        "x", "less", "more", "plus", "minus", "within", "after", "before", "between", "last", "first", "months", "month", "year", "years",
        "weeks", "week", "days", "day", "only", "also", "excluding", "including", "incl", "excl", "other", "own", "one", "two", "three",
        "system", "monthly", "quarterly", "annual", "yearly", "daily", "weekly", "based", "rather", "instead", "least", "most", "via", "etc",
    };

    /// <summary>Words that are stop words in questions but real parts of KPI names ("On-time", "Cycle time").</summary>
    public static bool IsNameStopWord(string word) => word is "a" or "an" or "the" or "of" or "for" or "on" or "in" or "at" or "to" or "by" or "and" or "per" or "with";
}
