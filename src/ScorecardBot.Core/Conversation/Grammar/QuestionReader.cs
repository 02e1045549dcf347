using ScorecardBot.Core.Conversation.Matching;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Conversation.Grammar;

/// <summary>
/// Reads a question in plain words: finds the period it names, the intent (how is, is it
/// improving, who owns, what is red, the strategy map, what is due from me, …) from its cue
/// words, and then what it is about with the organization's <see cref="KpiMatcher"/>.
/// </summary>
internal static class QuestionReader
{
    private static readonly HashSet<string> OwnerWords = ["own", "owns", "owner", "owners", "ownership", "responsible", "accountable", "charge", "reports", "reporting"];
    private static readonly HashSet<string> TrendWords = ["improving", "improve", "improved", "improvement", "trend", "trending", "trends", "better", "worse", "worsening", "declining", "decline", "progressing", "progress", "up", "down", "rising", "falling", "moving"];
    private static readonly HashSet<string> DueWords = ["due", "owe", "outstanding", "pending", "overdue", "todo", "plate", "assigned"];
    private static readonly HashSet<string> MeWords = ["me", "i", "my", "mine", "im"];
    private static readonly HashSet<string> ReportVerbs = ["report", "submit", "enter", "fill", "send", "provide"];
    private static readonly HashSet<string> OffTrackWords = ["underperforming", "failing", "struggling", "offtrack", "problems", "problem", "worst", "concerns", "issues", "attention", "trouble"];

    public static Interpretation Interpret(string text, OrganizationSnapshot snapshot, DateTimeOffset now)
    {
        var words = TextTokens.Words(text);
        var period = TakePeriod(words, snapshot, now);
        var set = new HashSet<string>(words, StringComparer.Ordinal);

        if (set.Contains("help") || set.Contains("commands") || (set.Contains("can") && set.Contains("you") && set.Contains("do") && words.Count <= 6))
        {
            return new Interpretation(QuestionIntent.Help, null, period);
        }

        if (set.Contains("map"))
        {
            return new Interpretation(QuestionIntent.StrategyMap, Optional(snapshot, Without(words, "map", "strategy", "strategic"), SubjectKind.Scorecard), period);
        }

        if (set.Contains("agenda"))
        {
            return new Interpretation(QuestionIntent.Agenda, Optional(snapshot, Without(words, "agenda", "meeting", "review", "next"), SubjectKind.Scorecard), period);
        }

        if (set.Contains("digest"))
        {
            return new Interpretation(QuestionIntent.Digest, Optional(snapshot, Without(words, "digest"), SubjectKind.Scorecard), period);
        }

        var mine = set.Overlaps(MeWords);
        if (mine && (set.Overlaps(DueWords) || (set.Overlaps(ReportVerbs) && !set.Overlaps(OwnerWords)) ||
            (set.Contains("my") && (set.Contains("kpis") || set.Contains("kpi") || set.Contains("tasks") || set.Contains("list")))))
        {
            return new Interpretation(QuestionIntent.MyDue, null, period);
        }

        if (set.Overlaps(OwnerWords) || set.Contains("whose") || (set.Contains("who") && set.Overlaps(["manages", "runs", "looks", "handles"])))
        {
            var subjectWords = Without(words, [.. OwnerWords, "who", "whos", "whose", "manages", "runs", "handles", "after"]);
            return new Interpretation(QuestionIntent.WhoOwns, Match(snapshot, subjectWords, SubjectKind.Kpi), period);
        }

        if (StatusWord(set) is { } filter)
        {
            var rest = Without(words, "red", "reds", "amber", "yellow", "green", "off", "track", "offtrack", "in", "which", "ones", "items", "everything", "anything", "all", "list");
            rest = Without(rest, [.. OffTrackWords]);
            return new Interpretation(QuestionIntent.Red, Optional(snapshot, rest, null), period, filter);
        }

        var trend = set.Overlaps(TrendWords) || (set.Contains("getting") && words.Count > 2);
        var (kind, hinted) = KindHint(words);
        var subject = Significant(hinted);
        SubjectMatch match;
        if (subject.Count == 0)
        {
            // Only small words: still a name when they are a KPI's ("on time performance").
            match = hinted.Exists(snapshot.Matcher.Knows) ? Match(snapshot, hinted, kind) : SubjectMatch.Nothing;
            if (match.Verdict != MatchVerdict.Found)
            {
                return new Interpretation(set.Overlaps(OffTrackWords) ? QuestionIntent.Red : QuestionIntent.Overview, null, period, set.Overlaps(OffTrackWords) ? Status.Red : null);
            }
        }
        else
        {
            match = Match(snapshot, hinted, kind);
        }

        // "Improve operating margin" is an objective's name, not a question about a trend.
        if (trend && match.Best is { } best)
        {
            var nameWords = TextTokens.Words(best.Name);
            trend = words.Exists(w => TrendWords.Contains(w) && !nameWords.Contains(w)) || (set.Contains("getting") && !nameWords.Contains("getting"));
        }

        if (match.Verdict == MatchVerdict.None && set.Overlaps(OffTrackWords))
        {
            return new Interpretation(QuestionIntent.Red, null, period, Status.Red);
        }

        return new Interpretation(trend ? QuestionIntent.Trend : QuestionIntent.Status, match, period);
    }

    /// <summary>Resolves the free argument of a command ("status customer perspective", "who owns OTD").</summary>
    public static SubjectMatch ResolveSubject(string text, OrganizationSnapshot snapshot, SubjectKind? kind = null)
    {
        var (hinted, words) = KindHint(TextTokens.Words(text));
        return Match(snapshot, words, hinted ?? kind);
    }

    private static Status? StatusWord(HashSet<string> set)
    {
        if (set.Contains("red") || set.Contains("reds") || (set.Contains("off") && set.Contains("track")) || set.Contains("offtrack"))
        {
            return Status.Red;
        }

        if (set.Contains("amber") || set.Contains("yellow"))
        {
            return Status.Amber;
        }

        if (set.Contains("green") && (set.Contains("which") || set.Contains("what") || set.Contains("whats") || set.Contains("is") || set.Contains("everything")))
        {
            return Status.Green;
        }

        return null;
    }

    /// <summary>A subject is optional for some intents (the map of one scorecard, what is red in one perspective).</summary>
    private static SubjectMatch? Optional(OrganizationSnapshot snapshot, List<string> words, SubjectKind? kind)
    {
        var (hintedKind, hinted) = KindHint(words);
        if (Significant(hinted).Count == 0)
        {
            return null;
        }

        var match = Match(snapshot, hinted, hintedKind ?? kind);
        return match.Verdict == MatchVerdict.None ? null : match;
    }

    /// <summary>Matches and then treats perspectives of the same name in several scorecards as one answer.</summary>
    internal static SubjectMatch Match(OrganizationSnapshot snapshot, List<string> words, SubjectKind? kind)
    {
        var match = snapshot.Matcher.Match(words, kind);

        // A KPI and the objective it measures are no real choice: the KPI answers for both.
        if (match.Verdict == MatchVerdict.Ambiguous)
        {
            var objectivesOfKpis = match.Candidates.Where(c => c.Subject.Kind == SubjectKind.Kpi).Select(c => c.Subject.ObjectiveId).ToHashSet();
            var remaining = match.Candidates.Where(c => !(c.Subject.Kind == SubjectKind.Objective && objectivesOfKpis.Contains(c.Subject.Id))).ToList();
            if (remaining.Count == 1 && remaining[0].Score >= KpiMatcher.Confident)
            {
                return new SubjectMatch(MatchVerdict.Found, remaining);
            }
        }

        if (match.Verdict == MatchVerdict.Ambiguous && match.Candidates.Count > 1 &&
            match.Candidates[0].Subject.Kind == SubjectKind.Perspective &&
            match.Candidates.All(c => c.Subject.Kind == SubjectKind.Perspective &&
                string.Equals(c.Subject.Name, match.Candidates[0].Subject.Name, StringComparison.OrdinalIgnoreCase)) &&
            match.Candidates[0].Score >= KpiMatcher.Confident)
        {
            return new SubjectMatch(MatchVerdict.Found, match.Candidates);
        }

        return match;
    }

    private static (SubjectKind? Kind, List<string> Words) KindHint(List<string> words)
    {
        SubjectKind? kind = null;
        var rest = new List<string>(words.Count);
        foreach (var word in words)
        {
            SubjectKind? hint = word switch
            {
                "perspective" or "perspectives" => SubjectKind.Perspective,
                "objective" or "objectives" or "goal" or "goals" => SubjectKind.Objective,
                "scorecard" or "scorecards" or "bsc" => SubjectKind.Scorecard,
                _ => null,
            };
            if (hint is not null)
            {
                kind = hint;
            }
            else
            {
                rest.Add(word);
            }
        }

        return (kind, rest);
    }

    private static List<string> Significant(List<string> words) =>
        words.Where(w => !TextTokens.IsStopWord(w) && !TextTokens.IsNameStopWord(w) && !TrendWords.Contains(w)).ToList();

    private static List<string> Without(List<string> words, params string[] remove)
    {
        var set = new HashSet<string>(remove, StringComparer.Ordinal);
        return words.Where(w => !set.Contains(w)).ToList();
    }

    /// <summary>Finds and removes the words of a period ("last quarter", "in Oct 2026", "Q3", "2026-10").</summary>
    private static Period? TakePeriod(List<string> words, OrganizationSnapshot snapshot, DateTimeOffset now)
    {
        for (var length = 2; length >= 1; length--)
        {
            for (var i = 0; i + length <= words.Count; i++)
            {
                var slice = words.GetRange(i, length);
                if (length == 1 && !LooksLikeSinglePeriodWord(slice[0]))
                {
                    continue;
                }

                if (length == 2 && !LooksLikePeriodPair(slice[0], slice[1]))
                {
                    continue;
                }

                var phrase = length == 2 && slice[0].All(char.IsDigit) && slice[1].All(char.IsDigit) ? $"{slice[0]}-{slice[1]}" : string.Join(' ', slice);
                if (snapshot.Locale.ReadPeriod(phrase, now) is { } period)
                {
                    words.RemoveRange(i, length);
                    return period;
                }
            }
        }

        return null;
    }

    private static bool LooksLikePeriodPair(string first, string second) =>
        (first is "this" or "last" or "previous" or "current" && second is "month" or "quarter" or "year") ||
        (second.Length == 4 && second.All(char.IsDigit) && (LooksLikeSinglePeriodWord(first) || first == "may")) ||
        (first.Length == 4 && first.All(char.IsDigit) && second.Length <= 2 && second.All(char.IsDigit));

    /// <summary>"may" is left out: as a single word it is far more often the verb.</summary>
    private static bool LooksLikeSinglePeriodWord(string word) =>
        word is "jan" or "january" or "feb" or "february" or "mar" or "march" or "apr" or "april" or "jun" or "june" or
            "jul" or "july" or "aug" or "august" or "sep" or "sept" or "september" or "oct" or "october" or "nov" or
            "november" or "dec" or "december" or "q1" or "q2" or "q3" or "q4" or "ytd" or "mtd" or "qtd";
}
