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
    private static readonly HashSet<string> TrendWords = ["improving", "improve", "improved", "improvement", "trend", "trending", "trends", "better", "worse", "worsening", "declining", "decline", "progressing", "progress", "up", "down", "rising", "falling", "moving",
        "dropping", "dropped", "slipping", "sliding", "growing", "shrinking", "increasing", "decreasing", "climbing", "deteriorating", "recovering", "rise", "fall", "drop",
        "changed", "changing", "moved", "shifted"];
    private static readonly HashSet<string> MyListWords = ["kpis", "kpi", "tasks", "list", "measures", "metrics", "numbers", "items", "stuff"];
    private static readonly HashSet<string> DueWords = ["due", "owe", "outstanding", "pending", "overdue", "todo", "plate", "assigned"];
    private static readonly HashSet<string> MeWords = ["me", "i", "my", "mine", "im"];
    private static readonly HashSet<string> ReportVerbs = ["report", "submit", "enter", "fill", "send", "provide"];
    private static readonly HashSet<string> ForecastWords = ["forecast", "forecasts", "forecasting", "projection", "projected", "project", "predict", "prediction", "outlook"];
    private static readonly HashSet<string> ReachWords = ["hit", "reach", "meet", "make", "miss", "achieve"];
    private static readonly HashSet<string> OffTrackWords = ["underperforming", "failing", "struggling", "offtrack", "problems", "problem", "worst", "concerns", "issues", "attention", "trouble"];

    public static Interpretation Interpret(string text, OrganizationSnapshot snapshot, DateTimeOffset now)
    {
        var words = Synonyms.JoinPhrases(TextTokens.Words(text));
        if (Phrases.IsGreeting(words))
        {
            return new Interpretation(QuestionIntent.Greeting, null, null);
        }

        var asked = QuestionPeriods.Take(words, snapshot, now);
        return Interpret(words, snapshot, asked?.Period) with { Asked = asked };
    }

    private static Interpretation Interpret(List<string> words, OrganizationSnapshot snapshot, Period? period)
    {
        var set = new HashSet<string>(words, StringComparer.Ordinal);

        if (set.Contains("help") || set.Contains("commands") || (set.Contains("can") && set.Contains("you") && set.Contains("do") && words.Count <= 6) ||
            Phrases.IsAboutTheBot(words, snapshot.Matcher))
        {
            return new Interpretation(QuestionIntent.Help, null, period);
        }

        if (set.Contains("map") || Phrases.AsksHowThingsRelate(words, snapshot.Matcher))
        {
            return new Interpretation(QuestionIntent.StrategyMap, Optional(snapshot, Without(words, [.. Phrases.MapWords]), SubjectKind.Scorecard), period);
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
            (set.Contains("my") && set.Overlaps(MyListWords))))
        {
            return new Interpretation(QuestionIntent.MyDue, null, period);
        }

        if (set.Overlaps(OwnerWords) || set.Contains("whose") || (set.Contains("who") && set.Overlaps(["manages", "runs", "looks", "handles"])))
        {
            var subjectWords = Without(words, [.. OwnerWords, "who", "whos", "whose", "manages", "runs", "handles", "after"]);
            return new Interpretation(QuestionIntent.WhoOwns, Match(snapshot, subjectWords, SubjectKind.Kpi), period, SubjectText: Phrase(subjectWords));
        }

        // "Will we hit the retention target", "forecast NPS": the words about reaching go, the KPI stays.
        var forecast = set.Overlaps(ForecastWords) || (set.Overlaps(ReachWords) && (set.Contains("will") || set.Contains("target") || set.Contains("goal")));
        if (forecast)
        {
            words = Without(words, [.. ForecastWords, .. ReachWords, "target", "targets", "goal", "goals", "pace"]);
            set = new HashSet<string>(words, StringComparer.Ordinal);
        }

        if (!forecast && Phrases.StatusList(words) is { } list)
        {
            var rest = Without(words, [.. Phrases.StatusListWords]);
            rest = Without(rest, [.. OffTrackWords]);
            var scope = Optional(snapshot, rest, null);

            // "Is NPS behind target?" asks about NPS, not for a list.
            if (list.Filter != Status.Green && scope?.Best is { Kind: SubjectKind.Kpi })
            {
                return new Interpretation(QuestionIntent.Status, scope, period, SubjectText: Phrase(rest));
            }

            return new Interpretation(QuestionIntent.Red, scope, period, list.Filter, list.OrAmber);
        }

        var trend = !forecast && IsTrend(words, set);
        var (kind, hinted) = KindHint(words);
        hinted = hinted.Where(w => !TrendWords.Contains(w) || snapshot.Matcher.Knows(w) || TextTokens.IsStopWord(w)).ToList();
        var subject = Significant(hinted);
        SubjectMatch match;
        if (subject.Count == 0)
        {
            // Only small words: still a name when they are a KPI's ("on time performance").
            match = hinted.Exists(snapshot.Matcher.Knows) ? Match(snapshot, hinted, kind) : SubjectMatch.Nothing;
            if (match.Verdict != MatchVerdict.Found || match.Candidates[0].Score < KpiMatcher.Confident)
            {
                return new Interpretation(set.Overlaps(OffTrackWords) ? QuestionIntent.Red : QuestionIntent.Overview, null, period, set.Overlaps(OffTrackWords) ? Status.Red : null);
            }
        }
        else
        {
            match = Match(snapshot, hinted, kind);
        }

        // "Improve operating margin" is an objective's name, not a question about a trend; nor is
        // "falling" in a question about patient falls.
        if (trend && match.Best is { } best)
        {
            var nameRoots = TextTokens.Words(best.Name).Select(Synonyms.Root).ToHashSet(StringComparer.Ordinal);
            trend = words.Exists(w => TrendWords.Contains(w) && !nameRoots.Contains(Synonyms.Root(w)) && !Synonyms.Related(w).Any(r => nameRoots.Contains(Synonyms.Root(r)))) ||
                (set.Contains("getting") && !nameRoots.Contains("getting"));
        }

        if (match.Verdict == MatchVerdict.None && set.Overlaps(OffTrackWords))
        {
            return new Interpretation(QuestionIntent.Red, null, period, Status.Red);
        }

        return new Interpretation(forecast ? QuestionIntent.Forecast : trend ? QuestionIntent.Trend : QuestionIntent.Status, match, period, SubjectText: Phrase(subject.Count > 0 ? subject : hinted));
    }

    private static bool IsTrend(List<string> words, HashSet<string> set) =>
        set.Overlaps(TrendWords) || (set.Contains("getting") && words.Count > 2);

    /// <summary>The words a question named its subject with, as typed (for "There is no KPI called ...").</summary>
    private static string Phrase(List<string> words) => string.Join(' ', words.Where(w => !TextTokens.IsStopWord(w) || w is "time")).Trim();

    /// <summary>Resolves the free argument of a command ("status customer perspective", "who owns OTD").</summary>
    public static SubjectMatch ResolveSubject(string text, OrganizationSnapshot snapshot, SubjectKind? kind = null)
    {
        var (hinted, words) = KindHint(TextTokens.Words(text));
        return Match(snapshot, words, hinted ?? kind);
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

    /// <summary>
    /// Matches, then treats perspectives of one kind that the words name alike in several
    /// scorecards ("Customer", "Patient" and "Patients") as one answer, and reads everyday names
    /// of perspectives ("finance", "ops", "people", "L&amp;G") when no name of the organization's fits.
    /// </summary>
    internal static SubjectMatch Match(OrganizationSnapshot snapshot, List<string> words, SubjectKind? kind)
    {
        var match = snapshot.Matcher.Match(words, kind);

        // A KPI and the objective it measures are no real choice: the KPI answers for both.
        if (match.Verdict == MatchVerdict.Ambiguous)
        {
            var nearest = snapshot.Matcher.Nearest(words, kind, 12);
            // Only where the KPI fits about as well as its objective: a KPI reached by its objective's
            // name in what the scorecard says about it does not stand in for the objective named.
            var kpiScores = nearest.Where(c => c.Subject.Kind == SubjectKind.Kpi && c.Score >= KpiMatcher.Plausible && c.Subject.ObjectiveId is not null)
                .GroupBy(c => c.Subject.ObjectiveId!.Value).ToDictionary(g => g.Key, g => g.Max(c => c.Score));
            var remaining = nearest.Where(c => !(c.Subject.Kind == SubjectKind.Objective && kpiScores.TryGetValue(c.Subject.Id, out var kpiScore) && kpiScore >= c.Score - KpiMatcher.Margin)).ToList();
            if (remaining.Count < nearest.Count && KpiMatcher.Decide(remaining) is { Verdict: MatchVerdict.Found } decided)
            {
                return decided;
            }

            if (remaining.Count > 0 && remaining[0].Subject.Kind == SubjectKind.Kpi && remaining[0].Score >= KpiMatcher.Clear &&
                (remaining.Count == 1 || remaining[1].Score < KpiMatcher.Plausible))
            {
                return new SubjectMatch(MatchVerdict.Found, [remaining[0]]);
            }
        }

        // An objective's name said in other words ("are we keeping our shippers") asks for the
        // number that measures it: the objective's one KPI that fits nearly as well answers.
        if (kind is null && match.Verdict != MatchVerdict.None && match.Candidates[0] is { Subject.Kind: SubjectKind.Objective, Score: < 0.99 } objective &&
            !NamedLiterally(words, objective.Subject.Name))
        {
            var measures = snapshot.Matcher.Nearest(words, null, 12)
                .Where(c => c.Subject.Kind == SubjectKind.Kpi && c.Subject.ObjectiveId == objective.Subject.Id &&
                    c.Score >= Math.Max(KpiMatcher.Plausible, objective.Score - 0.3))
                .ToList();
            if (measures.Count == 1)
            {
                return new SubjectMatch(MatchVerdict.Found, measures);
            }
        }

        // "How many parts are right first time" asks for a number: an objective with one KPI answers with it.
        if (kind is null && match is { Verdict: MatchVerdict.Found, Best: { Kind: SubjectKind.Objective } named } && AsksForANumber(words) &&
            snapshot.FindScorecard(named.ScorecardId) is { } owning)
        {
            var measured = owning.Kpis.Where(k => k.ObjectiveId == named.Id).Take(2).ToList();
            if (measured.Count == 1)
            {
                return new SubjectMatch(MatchVerdict.Found, [new SubjectCandidate(
                    new Subject(SubjectKind.Kpi, measured[0].Id, measured[0].Name, owning.Id, owning.Name, named.Id), match.Candidates[0].Score)]);
            }
        }

        // A KPI that explains the words against perspectives or scorecards that do not ("customer
        // ratings" is NPS, not the Customer perspective): the KPI answers.
        if (match.Verdict == MatchVerdict.Ambiguous && match.Candidates[0] is { Subject.Kind: SubjectKind.Kpi, Score: >= KpiMatcher.Confident } kpiFirst &&
            match.Candidates.Skip(1).All(c => c.Subject.Kind is SubjectKind.Perspective or SubjectKind.Scorecard && c.Score < kpiFirst.Score))
        {
            return new SubjectMatch(MatchVerdict.Found, [kpiFirst]);
        }

        // Two things of the same name in different scorecards ("Keep patients safe"): words naming
        // one's scorecard ("in the hospital") have already raised it; that decides.
        if (match.Verdict == MatchVerdict.Ambiguous && match.Candidates.Count > 1 &&
            string.Equals(match.Candidates[0].Subject.Name, match.Candidates[1].Subject.Name, StringComparison.OrdinalIgnoreCase) &&
            match.Candidates[0].Subject.Kind == match.Candidates[1].Subject.Kind &&
            match.Candidates[0].Score - match.Candidates[1].Score >= 0.02 && match.Candidates[0].Score >= KpiMatcher.Confident &&
            (match.Candidates.Count == 2 || match.Candidates[0].Score - match.Candidates[2].Score >= KpiMatcher.Margin))
        {
            return new SubjectMatch(MatchVerdict.Found, [match.Candidates[0]]);
        }

        if (match.Verdict == MatchVerdict.Ambiguous && match.Candidates.Count > 1 &&
            match.Candidates[0].Subject.Kind == SubjectKind.Perspective &&
            match.Candidates[0].Score >= KpiMatcher.Confident)
        {
            var first = snapshot.FindPerspective(match.Candidates[0].Subject.Id)!;
            var top = match.Candidates.Where(c => match.Candidates[0].Score - c.Score < 0.01).ToList();
            if (top.All(c => c.Subject.Kind == SubjectKind.Perspective && snapshot.FindPerspective(c.Subject.Id)!.Kind == first.Kind))
            {
                return new SubjectMatch(MatchVerdict.Found, top);
            }
        }

        if (match.Verdict != MatchVerdict.Found && kind is null or SubjectKind.Perspective &&
            Phrases.EverydayPerspective(Significant(words)) is { } everyday)
        {
            var perspectives = snapshot.Scorecards.SelectMany(s => s.Perspectives.Where(p => p.Kind == everyday).Select(p => new SubjectCandidate(
                new Subject(SubjectKind.Perspective, p.Id, p.Name, s.Id, s.Name), 1))).ToList();
            if (perspectives.Count > 0)
            {
                return new SubjectMatch(MatchVerdict.Found, perspectives);
            }
        }

        return match;
    }

    /// <summary>"How many", "how much", "what percentage", "what share": the question wants a number.</summary>
    private static bool AsksForANumber(List<string> words)
    {
        for (var i = 0; i + 1 < words.Count; i++)
        {
            if ((words[i] == "how" && words[i + 1] is "many" or "much") ||
                (words[i] is "what" or "whats" && words[i + 1] is "percentage" or "percent" or "share" or "proportion" or "fraction"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether every word of the question that could name something is a word of this name, as typed.</summary>
    private static bool NamedLiterally(List<string> words, string name)
    {
        var nameWords = TextTokens.Words(name).Select(TextTokens.Stem).ToHashSet(StringComparer.Ordinal);
        var significant = Significant(words);
        return significant.Count > 0 && significant.TrueForAll(w => nameWords.Contains(TextTokens.Stem(w)));
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
        words.Where(w => !TextTokens.IsStopWord(w) && !TextTokens.IsNameStopWord(w) && !TrendWords.Contains(w) && !Phrases.OverviewWords.Contains(w)).ToList();

    private static List<string> Without(List<string> words, params string[] remove)
    {
        var set = new HashSet<string>(remove, StringComparer.Ordinal);
        return words.Where(w => !set.Contains(w)).ToList();
    }

    /// <summary>Finds and removes the words of a period ("last quarter", "in Oct 2026", "Q3", "2026-10").</summary>
    internal static Period? TakePeriod(List<string> words, OrganizationSnapshot snapshot, DateTimeOffset now)
    {
        for (var length = 2; length >= 1; length--)
        {
            for (var i = 0; i + length <= words.Count; i++)
            {
                var slice = words.GetRange(i, length);
                if (length == 1 && (!LooksLikeSinglePeriodWord(slice[0]) ||
                    (i + 1 < words.Count && snapshot.Matcher.Knows(slice[0]) && snapshot.Matcher.Knows(words[i + 1]))))
                {
                    // "SEP-1" is a name, not September.
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
    internal static bool LooksLikeSinglePeriodWord(string word) =>
        word is "jan" or "january" or "feb" or "february" or "mar" or "march" or "apr" or "april" or "jun" or "june" or
            "jul" or "july" or "aug" or "august" or "sep" or "sept" or "september" or "oct" or "october" or "nov" or
            "november" or "dec" or "december" or "q1" or "q2" or "q3" or "q4" or "ytd" or "mtd" or "qtd";
}
