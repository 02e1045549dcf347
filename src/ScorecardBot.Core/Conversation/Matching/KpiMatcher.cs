using System.Runtime.InteropServices;

namespace ScorecardBot.Core.Conversation.Matching;

/// <summary>
/// Finds the KPI (or objective, perspective, scorecard) that some words are about. Built once per
/// organization snapshot: every name, alias, key and set of initials becomes a bag of weighted
/// tokens (rarer words weigh more) in an inverted index, with a trigram, prefix and anagram index
/// over the vocabulary for typos. Matching touches only the names that share a token with the
/// question, so it stays fast with many thousands of KPIs.
/// </summary>
public sealed partial class KpiMatcher
{
    /// <summary>At or above this score a single candidate is taken as the answer.</summary>
    internal const double Confident = 0.62;

    /// <summary>At or above this score a candidate this far (<see cref="ClearLead"/>) ahead of the next is taken too.</summary>
    internal const double Clear = 0.55;

    internal const double ClearLead = 0.25;

    /// <summary>Below this score a candidate is not offered as a choice.</summary>
    internal const double Plausible = 0.45;

    /// <summary>A runner-up within this distance of the best makes the match ambiguous.</summary>
    internal const double Margin = 0.1;

    /// <summary>What a perspective's or scorecard's score keeps when the question has words its name does not explain.</summary>
    internal const double GroupPenalty = 0.75;

    /// <summary>
    /// A question with a word that no name knows ("scrap rate" at a haulier), matched on only part
    /// of a name ("Cargo claims rate"), names something the scorecard may not have: never confident.
    /// </summary>
    internal const double UnknownWordPenalty = 0.9;

    /// <summary>How much a word counts when it is only in what the scorecard says about a KPI (its description, unit, formula, data source), not in a name.</summary>
    internal const double ContextSimilarity = 0.7;

    /// <summary>How much a word counts when it is only in the name of the objective a KPI measures or of its perspective: less than its own description.</summary>
    internal const double PlacementSimilarity = 0.45;

    /// <summary>
    /// The most a subject scores by its names' and descriptions' words together where its names alone
    /// do not carry the question: a question told only by description words (each at
    /// <see cref="ContextSimilarity"/>) stays below <see cref="Confident"/>, so it is answered only when
    /// no other subject comes near, and two alike ask which one.
    /// </summary>
    internal const double ContextCap = 0.85;

    /// <summary>How far below a subject its names answer confidently a subject reached through descriptions stays.</summary>
    internal const double NamesFirst = 0.15;

    /// <summary>
    /// A descriptive word that many subjects share (a perspective's name in a large organization) tells
    /// none of them apart: beyond this many it is not read in the second tier, which keeps a question
    /// over 10,000 KPIs as fast as over forty.
    /// </summary>
    internal const int MaxDescribedSubjects = 48;

    private readonly Subject[] _subjects;
    private readonly IndexedName[] _names;
    private readonly Dictionary<string, int> _vocabulary;
    private readonly string[] _tokens;
    private readonly double[] _weights;
    private readonly int[][] _postings;
    private readonly Dictionary<string, int[]> _trigrams;
    private readonly Dictionary<string, int[]> _anagrams;
    private readonly string[] _sortedTokens;
    private readonly Dictionary<string, int[]> _phrases;
    private readonly Dictionary<string, int[]> _roots;
    private readonly double _unknownWeight;
    private readonly int _nameTokenCount;
    private readonly (int Subject, double Similarity)[][] _contextPostings;

    public int SubjectCount => _subjects.Length;

    /// <summary>Whether a word is part of some name (so it is no mistyped command word).</summary>
    internal bool Knows(string word) => _vocabulary.TryGetValue(TextTokens.Stem(word.ToLowerInvariant()), out var id) && id < _nameTokenCount;

    /// <summary>Matches free words (a question without its intent words, or a command's argument).</summary>
    public SubjectMatch Match(string text, SubjectKind? only = null) => Match(TextTokens.Words(text), only);

    public SubjectMatch Match(IReadOnlyList<string> words, SubjectKind? only = null)
    {
        var scored = Score(words, only);
        return Decide(scored);
    }

    /// <summary>The best candidates by score, best first, without a verdict.</summary>
    public IReadOnlyList<SubjectCandidate> Nearest(IReadOnlyList<string> words, SubjectKind? only, int count)
    {
        var scored = Score(words, only);
        return scored.Count <= count ? scored : scored.GetRange(0, count);
    }

    internal static SubjectMatch Decide(List<SubjectCandidate> scored)
    {
        if (scored.Count == 0)
        {
            return SubjectMatch.Nothing;
        }

        var best = scored[0].Score;
        if (best < Plausible)
        {
            return new SubjectMatch(MatchVerdict.None, scored.Take(3).ToList());
        }

        var close = scored.TakeWhile(c => c.Score >= Plausible && best - c.Score < Margin).Take(5).ToList();
        if (best >= Confident && close.Count == 1)
        {
            return new SubjectMatch(MatchVerdict.Found, close);
        }

        // Not quite confident, but far ahead of anything else: no choice worth asking about.
        if (best >= Clear && (scored.Count == 1 || best - scored[1].Score >= ClearLead))
        {
            return new SubjectMatch(MatchVerdict.Found, [scored[0]]);
        }

        return new SubjectMatch(MatchVerdict.Ambiguous, close.Count > 1 ? close : scored.TakeWhile(c => c.Score >= Plausible).Take(3).ToList());
    }

    private List<SubjectCandidate> Score(IReadOnlyList<string> words, SubjectKind? only)
    {
        var query = ReadQuery(words);
        var result = new List<SubjectCandidate>();
        if (query.Count == 0)
        {
            return result;
        }

        var phrase = string.Join(' ', query.Where(q => !q.Soft).Select(q => q.Text));
        var totalQueryWeight = 0d;
        foreach (var q in query)
        {
            totalQueryWeight += q.Weight;
        }

        var hasUnknownWord = query.Exists(q => !q.Soft && !q.Matches.Exists(m => m.Token < _nameTokenCount));
        var hasWordNothingKnows = query.Exists(q => !q.Soft && q.Matches.Count == 0);
        var accumulators = new Dictionary<int, Accumulator>();
        for (var qi = 0; qi < query.Count; qi++)
        {
            var q = query[qi];
            foreach (var (token, similarity) in q.Matches)
            {
                foreach (var nameId in _postings[token])
                {
                    ref var acc = ref CollectionsMarshal.GetValueRefOrAddDefault(accumulators, nameId, out _);
                    acc.Add(qi, _weights[token] * similarity, q.Weight * similarity, q.Soft);
                }
            }
        }

        var bestBySubject = new Dictionary<int, double>();
        foreach (var (nameId, acc) in accumulators)
        {
            if (!acc.HasFirmHit)
            {
                continue;
            }

            var name = _names[nameId];
            var subject = _subjects[name.Subject];
            if (only is { } kind && subject.Kind != kind)
            {
                continue;
            }

            var recall = Math.Min(1d, acc.Recall / name.TotalWeight);
            var precision = Math.Min(1d, (acc.Explained + ContextExplained(query, acc, subject)) / totalQueryWeight);
            var score = (0.55 * recall) + (0.45 * precision);

            // A perspective or a whole scorecard answers only a question that names nothing
            // else: "customer ratings" is NPS, not the Customer perspective.
            if (subject.Kind is SubjectKind.Perspective or SubjectKind.Scorecard && !ExplainsAllFirm(query, acc))
            {
                score *= GroupPenalty;
            }

            if (hasUnknownWord && acc.Recall < name.TotalWeight * 0.999)
            {
                score *= UnknownWordPenalty;
            }
            if (bestBySubject.TryGetValue(name.Subject, out var previous) && previous >= score)
            {
                continue;
            }

            bestBySubject[name.Subject] = score;
        }

        // Names count first: where some subject's names answer the question confidently, nothing
        // reached through descriptions comes near enough to it to stand in for it or tie with it.
        var bestByName = bestBySubject.Count == 0 ? 0d : bestBySubject.Values.Max();
        ScoreByContext(query, hasWordNothingKnows, only, bestByName >= Confident ? bestByName - NamesFirst : 1d, bestBySubject);

        if (phrase.Length > 0 && _phrases.TryGetValue(phrase, out var exact))
        {
            foreach (var nameId in exact)
            {
                var subjectId = _names[nameId].Subject;
                if (only is null || _subjects[subjectId].Kind == only)
                {
                    bestBySubject[subjectId] = 1d;
                }
            }
        }

        foreach (var (subjectId, score) in bestBySubject)
        {
            result.Add(new SubjectCandidate(_subjects[subjectId], Math.Round(score, 4)));
        }

        result.Sort(static (a, b) =>
        {
            var byScore = b.Score.CompareTo(a.Score);
            return byScore != 0 ? byScore : a.Subject.Kind.CompareTo(b.Subject.Kind);
        });
        return result;
    }

    /// <summary>
    /// Words naming the scorecard ("logistics safety incidents") explain the question without being
    /// part of the KPI's name: they raise precision but never count towards the name's recall.
    /// </summary>
    private double ContextExplained(List<QueryToken> query, Accumulator acc, Subject subject)
    {
        if (subject.Kind == SubjectKind.Scorecard)
        {
            return 0;
        }

        var extra = 0d;
        for (var qi = 0; qi < query.Count && qi < 64; qi++)
        {
            if (acc.Explains(qi))
            {
                continue;
            }

            foreach (var (token, similarity) in query[qi].Matches)
            {
                if (_scorecardTokens.TryGetValue(subject.ScorecardId, out var tokens) && tokens.Contains(token))
                {
                    extra += query[qi].Weight * similarity * 0.6;
                    break;
                }
            }
        }

        return extra;
    }

    /// <summary>
    /// The second tier: each subject scored by how much of the question its names' words (in full)
    /// and its descriptive words (at <see cref="ContextSimilarity"/>) explain together, capped at
    /// <see cref="ContextCap"/>; only subjects that some descriptive word reaches, and only where this
    /// scores above what their names alone did.
    /// </summary>
    private void ScoreByContext(List<QueryToken> query, bool hasWordNothingKnows, SubjectKind? only, double ceiling, Dictionary<int, double> bestBySubject)
    {
        var describedTotal = 0d;
        foreach (var q in query)
        {
            describedTotal += q.DescribedWeight;
        }

        // The subjects some descriptive word reaches.
        var reached = new HashSet<int>();
        foreach (var q in query)
        {
            if (!q.Soft)
            {
                foreach (var (token, _) in q.Matches)
                {
                    if (_contextPostings[token].Length > MaxDescribedSubjects)
                    {
                        continue;
                    }

                    foreach (var (subject, _) in _contextPostings[token])
                    {
                        reached.Add(subject);
                    }
                }
            }
        }

        if (reached.Count == 0)
        {
            return;
        }

        // Their names' words count in full beside their descriptive words; each query token once, at its best.
        var accumulators = new Dictionary<int, ContextAccumulator>();
        for (var qi = 0; qi < query.Count; qi++)
        {
            var q = query[qi];
            if (q.Soft)
            {
                continue;
            }

            foreach (var (token, similarity) in q.Matches)
            {
                if (_contextPostings[token].Length > MaxDescribedSubjects)
                {
                    continue;
                }

                foreach (var (subject, describedSimilarity) in _contextPostings[token])
                {
                    ref var acc = ref CollectionsMarshal.GetValueRefOrAddDefault(accumulators, subject, out _);
                    acc.Add(qi, q.DescribedWeight * similarity * describedSimilarity);
                }

                if (token >= _nameTokenCount)
                {
                    continue;
                }

                foreach (var nameId in _postings[token])
                {
                    var subject = _names[nameId].Subject;
                    if (reached.Contains(subject))
                    {
                        ref var acc = ref CollectionsMarshal.GetValueRefOrAddDefault(accumulators, subject, out _);
                        acc.Add(qi, q.DescribedWeight * similarity);
                    }
                }
            }
        }

        foreach (var (subject, acc) in accumulators)
        {
            if (only is { } kind && _subjects[subject].Kind != kind)
            {
                continue;
            }

            var score = Math.Min(ceiling, ContextCap * Math.Min(1d, acc.Explained / describedTotal));
            if (hasWordNothingKnows)
            {
                score *= UnknownWordPenalty;
            }

            if (score >= Plausible * 0.8 && (!bestBySubject.TryGetValue(subject, out var byName) || byName < score))
            {
                bestBySubject[subject] = score;
            }
        }
    }

    private static bool ExplainsAllFirm(List<QueryToken> query, Accumulator acc)
    {
        for (var qi = 0; qi < query.Count && qi < 64; qi++)
        {
            if (!query[qi].Soft && !acc.Explains(qi))
            {
                return false;
            }
        }

        return true;
    }

    private List<QueryToken> ReadQuery(IReadOnlyList<string> words)
    {
        var query = new List<QueryToken>(words.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in Synonyms.JoinPhrases(words))
        {
            var stem = TextTokens.Stem(word);
            if (!seen.Add(stem))
            {
                continue;
            }

            var stop = TextTokens.IsStopWord(word) || TextTokens.IsNameStopWord(word);
            List<(int Token, double Similarity)> matches;
            if (stop && !_vocabulary.ContainsKey(stem))
            {
                // A small word that stands for a name's word ("quickly" for time) still counts a
                // little, softly: it never makes a match on its own.
                matches = [];
                foreach (var related in Synonyms.Related(word))
                {
                    AddByRoot(matches, Synonyms.Root(related), Synonyms.RelatedSimilarity);
                }

                if (matches.Count == 0)
                {
                    continue;
                }
            }
            else
            {
                matches = Lookup(stem, allowFuzzy: !stop);
            }

            // A word only descriptions know weighs what an unknown word does, so the names' scores stay as they were.
            var weight = matches.Exists(m => m.Token < _nameTokenCount)
                ? matches.Where(m => m.Token < _nameTokenCount).Max(m => _weights[m.Token] * m.Similarity)
                : _unknownWeight;
            if (stop)
            {
                weight *= 0.2;
            }

            var describedWeight = matches.Count == 0 ? weight : matches.Max(m => _weights[m.Token] * m.Similarity);
            if (stop)
            {
                describedWeight = weight;
            }

            query.Add(new QueryToken(stem, weight, stop, matches, describedWeight));
        }

        // Nothing but small words that are part of names ("on time performance"): they are the name.
        if (query.Count > 0 && query.TrueForAll(q => q.Soft))
        {
            return [.. query.Select(q => q with { Soft = false, Weight = q.Weight / 0.2, DescribedWeight = q.DescribedWeight / 0.2 })];
        }

        return query;
    }

    private List<(int Token, double Similarity)> Lookup(string word, bool allowFuzzy)
    {
        var matches = new List<(int, double)>(2);
        var exactFound = _vocabulary.TryGetValue(word, out var exact);
        if (exactFound)
        {
            matches.Add((exact, 1d));
        }

        if (!allowFuzzy)
        {
            return matches;
        }

        // The same word in another form ("shipping", "hiring", "engaged"), then the words that
        // stand for the same thing ("late" for on-time, "ratings" for NPS): each counts for less.
        AddByRoot(matches, Synonyms.Root(word), Synonyms.RootSimilarity);
        foreach (var related in Synonyms.Related(word))
        {
            AddByRoot(matches, Synonyms.Root(related), Synonyms.RelatedSimilarity);
        }

        // A word found only among descriptions' words may still be a typo of a name's word.
        if ((exactFound && exact < _nameTokenCount) || matches.Exists(m => m.Item1 < _nameTokenCount))
        {
            return matches;
        }

        // A three-letter word may be a four-letter one with a letter dropped ("tme" for "time").
        var typos = word.Length == 3 ? 1 : FuzzyToken.AllowedTypos(word.Length);
        if (typos > 0)
        {
            var shared = new Dictionary<int, int>();
            foreach (var trigram in FuzzyToken.Trigrams(word))
            {
                if (_trigrams.TryGetValue(trigram, out var tokens))
                {
                    foreach (var token in tokens)
                    {
                        CollectionsMarshal.GetValueRefOrAddDefault(shared, token, out _)++;
                    }
                }
            }

            foreach (var (token, count) in shared)
            {
                if (count < 1 || _exactOnly.Contains(token) || Math.Abs(_tokens[token].Length - word.Length) > typos || (word.Length == 3 && _tokens[token].Length != 4))
                {
                    continue;
                }

                var distance = FuzzyToken.Distance(word, _tokens[token], typos);
                if (distance <= typos)
                {
                    matches.Add((token, 1d - (0.12 * distance)));
                }
            }
        }

        if (word.Length is >= 3 and <= 6 && _anagrams.TryGetValue(FuzzyToken.Anagram(word), out var anagrams))
        {
            foreach (var token in anagrams)
            {
                if (!_exactOnly.Contains(token) && FuzzyToken.Distance(word, _tokens[token], 1) == 1 && !matches.Exists(m => m.Item1 == token))
                {
                    matches.Add((token, 0.88));
                }
            }
        }

        if (word.Length >= 4)
        {
            var start = Array.BinarySearch(_sortedTokens, word, StringComparer.Ordinal);
            start = start < 0 ? ~start : start;
            for (var i = start; i < _sortedTokens.Length && i < start + 8 && _sortedTokens[i].StartsWith(word, StringComparison.Ordinal); i++)
            {
                var token = _vocabulary[_sortedTokens[i]];
                if (!_exactOnly.Contains(token) && !matches.Exists(m => m.Item1 == token))
                {
                    matches.Add((token, 0.6 + (0.3 * word.Length / _sortedTokens[i].Length)));
                }
            }
        }

        return matches;
    }

    private void AddByRoot(List<(int Token, double Similarity)> matches, string root, double similarity)
    {
        if (!_roots.TryGetValue(root, out var tokens))
        {
            return;
        }

        foreach (var token in tokens)
        {
            if (!_exactOnly.Contains(token) && !matches.Exists(m => m.Token == token))
            {
                matches.Add((token, similarity));
            }
        }
    }

    /// <param name="Weight">What the word weighs against the names (a word only descriptions know weighs what an unknown word does).</param>
    /// <param name="DescribedWeight">What the word weighs in the second tier: the rarest of the names' and descriptions' words it matches.</param>
    private sealed record QueryToken(string Text, double Weight, bool Soft, List<(int Token, double Similarity)> Matches, double DescribedWeight);

    private readonly record struct IndexedName(int Subject, double TotalWeight);

    /// <summary>What one subject has collected from the question in the second tier (each query token counted once, at its best).</summary>
    private struct ContextAccumulator
    {
        private int _lastQuery;
        private double _lastValue;

        public double Explained { get; private set; }

        public void Add(int queryIndex, double value)
        {
            if (_lastQuery == queryIndex + 1)
            {
                if (value <= _lastValue)
                {
                    return;
                }

                Explained += value - _lastValue;
            }
            else
            {
                Explained += value;
            }

            _lastQuery = queryIndex + 1;
            _lastValue = value;
        }
    }

    /// <summary>What one name has collected from the question's tokens (each token counted once, at its best).</summary>
    private struct Accumulator
    {
        private ulong _explainedMask;
        private int _lastQuery;
        private double _lastRecall;
        private double _lastExplained;

        public double Recall { get; private set; }
        public double Explained { get; private set; }
        public bool HasFirmHit { get; private set; }

        public void Add(int queryIndex, double recall, double explained, bool soft)
        {
            if (_explainedMask != 0 && _lastQuery == queryIndex + 1)
            {
                if (recall <= _lastRecall)
                {
                    return;
                }

                Recall += recall - _lastRecall;
                Explained += explained - _lastExplained;
            }
            else
            {
                Recall += recall;
                Explained += explained;
            }

            _lastQuery = queryIndex + 1;
            _lastRecall = recall;
            _lastExplained = explained;
            if (queryIndex < 64)
            {
                _explainedMask |= 1UL << queryIndex;
            }
            else
            {
                _explainedMask |= 1UL << 63;
            }

            HasFirmHit |= !soft;
        }

        public readonly bool Explains(int queryIndex) => (_explainedMask & (1UL << queryIndex)) != 0;
    }
}
