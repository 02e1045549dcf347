namespace ScorecardBot.Core.Conversation.Matching;

public sealed partial class KpiMatcher
{
    private readonly Dictionary<Guid, HashSet<int>> _scorecardTokens;

    /// <summary>Generated initials ("otd"): matched only as typed, never as a typo of another word ("life" is no "ife").</summary>
    private readonly HashSet<int> _exactOnly;

    /// <param name="entries">Each subject with the names people may use for it (name, key, aliases).</param>
    public KpiMatcher(IEnumerable<(Subject Subject, IEnumerable<string> Names)> entries)
        : this(entries.Select(e => (e.Subject, e.Names, Enumerable.Empty<(string, double)>())))
    {
    }

    /// <param name="entries">
    /// Each subject with the names people may use for it (name, key, aliases), which count first, and
    /// what else the scorecard says about it (a KPI's description, unit, formula, data source, its
    /// objective's and perspective's names), each text with how much its words count (at most
    /// <see cref="ContextSimilarity"/>; a word in several texts counts at its most).
    /// </param>
    public KpiMatcher(IEnumerable<(Subject Subject, IEnumerable<string> Names, IEnumerable<(string Text, double Similarity)> Context)> entries)
    {
        var subjects = new List<Subject>();
        var rawNames = new List<(int Subject, List<string> Tokens)>();
        var rawContext = new List<Dictionary<string, double>>();
        var initialsOnly = new HashSet<string>(StringComparer.Ordinal);
        var wordTokens = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (subject, names, context) in entries)
        {
            var subjectIndex = subjects.Count;
            subjects.Add(subject);
            rawContext.Add(ContextWords(context));
            var variants = new HashSet<string>(StringComparer.Ordinal);
            foreach (var name in names.Where(n => !string.IsNullOrWhiteSpace(n)))
            {
                foreach (var (tokens, initials) in Variants(name))
                {
                    (initials ? initialsOnly : wordTokens).UnionWith(tokens);
                    if (tokens.Count > 0 && variants.Add(string.Join(' ', tokens)))
                    {
                        rawNames.Add((subjectIndex, tokens));
                    }
                }
            }
        }

        _subjects = [.. subjects];
        _vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        var documentFrequency = new List<HashSet<int>>();
        foreach (var (subject, tokens) in rawNames)
        {
            foreach (var token in tokens)
            {
                if (!_vocabulary.TryGetValue(token, out var id))
                {
                    id = _vocabulary.Count;
                    _vocabulary[token] = id;
                    documentFrequency.Add([]);
                }

                documentFrequency[id].Add(subject);
            }
        }

        initialsOnly.ExceptWith(wordTokens);
        _exactOnly = [.. initialsOnly.Select(t => _vocabulary[t])];
        _nameTokenCount = _vocabulary.Count;

        // The words of what the scorecard says about a subject beyond its names: known to the
        // vocabulary (so typos and word forms reach them too), weighted by how rare they are among
        // the subjects' descriptions, posted to the subjects that mention them.
        var contextFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var words in rawContext)
        {
            foreach (var word in words.Keys)
            {
                contextFrequency[word] = contextFrequency.GetValueOrDefault(word) + 1;
            }
        }

        foreach (var word in contextFrequency.Keys.Order(StringComparer.Ordinal))
        {
            if (!_vocabulary.ContainsKey(word))
            {
                _vocabulary[word] = _vocabulary.Count;
            }
        }

        _tokens = new string[_vocabulary.Count];
        foreach (var (token, id) in _vocabulary)
        {
            _tokens[id] = token;
        }

        var subjectCount = Math.Max(1, _subjects.Length);
        _weights = [.. documentFrequency.Select(d => Math.Log(1 + ((double)subjectCount / d.Count)))];
        _unknownWeight = _weights.Length == 0 ? 1d : 0.6 * _weights.Average();
        _weights = [.. _weights, .. _tokens.Skip(_nameTokenCount).Select(t => Math.Log(1 + ((double)subjectCount / contextFrequency[t])))];

        var contextPostings = new List<(int, double)>[_tokens.Length];
        for (var subject = 0; subject < rawContext.Count; subject++)
        {
            foreach (var (word, similarity) in rawContext[subject])
            {
                (contextPostings[_vocabulary[word]] ??= []).Add((subject, similarity));
            }
        }

        _contextPostings = [.. contextPostings.Select(p => p?.ToArray() ?? [])];

        var postings = new List<int>[_tokens.Length];
        for (var i = 0; i < postings.Length; i++)
        {
            postings[i] = [];
        }

        _names = new IndexedName[rawNames.Count];
        _phrases = [];
        var phraseLists = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var nameId = 0; nameId < rawNames.Count; nameId++)
        {
            var (subject, tokens) = rawNames[nameId];
            var total = 0d;
            foreach (var token in tokens)
            {
                var id = _vocabulary[token];
                postings[id].Add(nameId);
                total += _weights[id];
            }

            _names[nameId] = new IndexedName(subject, total);
            var phrase = string.Join(' ', tokens);
            if (!phraseLists.TryGetValue(phrase, out var list))
            {
                phraseLists[phrase] = list = [];
            }

            list.Add(nameId);
        }

        foreach (var (phrase, list) in phraseLists)
        {
            _phrases[phrase] = [.. list];
        }

        _postings = [.. postings.Select(p => p.ToArray())];

        var trigrams = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var anagrams = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var id = 0; id < _tokens.Length; id++)
        {
            var token = _tokens[id];
            foreach (var trigram in FuzzyToken.Trigrams(token).Distinct())
            {
                if (!trigrams.TryGetValue(trigram, out var list))
                {
                    trigrams[trigram] = list = [];
                }

                list.Add(id);
            }

            if (token.Length is >= 3 and <= 6)
            {
                var key = FuzzyToken.Anagram(token);
                if (!anagrams.TryGetValue(key, out var list))
                {
                    anagrams[key] = list = [];
                }

                list.Add(id);
            }
        }

        _trigrams = trigrams.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        _anagrams = anagrams.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        _sortedTokens = [.. _tokens.Order(StringComparer.Ordinal)];
        _roots = _tokens.Select((token, id) => (Root: Synonyms.Root(token), Id: id))
            .GroupBy(x => x.Root, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Id).ToArray(), StringComparer.Ordinal);

        _scorecardTokens = [];
        foreach (var subject in _subjects.Where(s => s.Kind == SubjectKind.Scorecard))
        {
            var ids = new HashSet<int>();
            foreach (var (s, tokens) in rawNames.Where(n => _subjects[n.Subject] == subject))
            {
                foreach (var token in tokens)
                {
                    ids.Add(_vocabulary[token]);
                }
            }

            _scorecardTokens[subject.Id] = ids;
        }
    }

    /// <summary>
    /// The token bags a name stands for: its words; its words with hyphenated parts joined
    /// ("ontime delivery"); and its initials ("otd"), with and without small words.
    /// </summary>
    internal static IEnumerable<(List<string> Tokens, bool Initials)> Variants(string name)
    {
        var words = TextTokens.Words(name);
        yield return (Significant(words), false);

        var joined = new List<string>();
        foreach (var part in name.Split([' ', '\t', '/'], StringSplitOptions.RemoveEmptyEntries))
        {
            joined.AddRange(TextTokens.Words(part.Replace("-", string.Empty, StringComparison.Ordinal)));
        }

        if (joined.Count != words.Count)
        {
            yield return (Significant(joined), false);
        }

        // Names go through the same phrase joining as questions ("on time" is also "ontime").
        var phrased = Synonyms.JoinPhrases(words);
        if (phrased.Count != words.Count)
        {
            yield return (Significant(phrased), false);
        }

        // A name's first two words said by their initials, the rest as words ("PM on time",
        // "OR utilization"): how people shorten long names.
        var significant = Significant(words);
        if (significant.Count >= 3 && significant[0].Length > 1 && significant[1].Length > 1 && char.IsLetter(significant[0][0]) && char.IsLetter(significant[1][0]))
        {
            var leading = string.Concat(significant[0][0], significant[1][0]);
            if (!TextTokens.IsStopWord(leading) && !TextTokens.IsNameStopWord(leading))
            {
                yield return ([leading, .. significant.Skip(2)], true);
            }
        }

        if (words.Count >= 2)
        {
            foreach (var initials in new[] { Initials(words), Initials(words.Where(w => !TextTokens.IsNameStopWord(w))) })
            {
                if (initials.Length is >= 2 and <= 6 && !TextTokens.IsStopWord(initials) && !TextTokens.IsNameStopWord(initials))
                {
                    yield return ([initials], true);
                }
            }
        }
    }

    /// <summary>The significant words of a subject's descriptive texts: no small words, no bare numbers.</summary>
    private static Dictionary<string, double> ContextWords(IEnumerable<(string Text, double Similarity)> texts)
    {
        var words = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (text, given) in texts)
        {
            var similarity = Math.Clamp(given, 0, ContextSimilarity);
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            foreach (var word in Synonyms.JoinPhrases(TextTokens.Words(text)))
            {
                if (word.Length < 2 || !char.IsLetter(word[0]) || TextTokens.IsStopWord(word) || TextTokens.IsNameStopWord(word) || TextTokens.IsContextStopWord(word))
                {
                    continue;
                }

                var stem = TextTokens.Stem(word);
                words[stem] = Math.Max(similarity, words.GetValueOrDefault(stem));
            }
        }

        return words;
    }

    private static string Initials(IEnumerable<string> words) =>
        string.Concat(words.Where(w => char.IsLetter(w[0])).Select(w => w[0]));

    private static List<string> Significant(List<string> words)
    {
        var tokens = new List<string>(words.Count);
        foreach (var word in words)
        {
            if (TextTokens.IsNameStopWord(word))
            {
                continue;
            }

            var stem = TextTokens.Stem(word);
            if (!tokens.Contains(stem))
            {
                tokens.Add(stem);
            }
        }

        return tokens;
    }
}
