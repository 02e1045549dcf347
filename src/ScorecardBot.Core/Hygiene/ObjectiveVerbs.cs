namespace ScorecardBot.Core.Hygiene;

/// <summary>
/// Whether an objective's name starts with a verb ("Grow revenue in Europe", not "Revenue
/// growth"). A curated list of verbs used in strategy maps plus simple English morphology
/// ("Growing", "Reduces", "Simplified", "Digitalize").
/// </summary>
internal static class ObjectiveVerbs
{
    private static readonly HashSet<string> Verbs = new(StringComparer.Ordinal)
    {
        "accelerate", "achieve", "acquire", "adopt", "advance", "align", "allocate", "analyse", "analyze", "anticipate",
        "attract", "automate", "balance", "be", "become", "boost", "build", "capture", "centralize", "champion", "close",
        "coach", "collaborate", "combine", "commercialize", "communicate", "complete", "comply", "consolidate", "contain",
        "continue", "control", "convert", "create", "cultivate", "cut", "decrease", "deepen", "defend", "define", "delight",
        "deliver", "deploy", "design", "develop", "differentiate", "digitize", "diversify", "double", "drive", "earn",
        "educate", "eliminate", "embed", "embrace", "empower", "enable", "encourage", "energize", "engage", "enhance",
        "enlarge", "ensure", "enter", "establish", "evolve", "exceed", "excel", "execute", "expand", "explore", "extend",
        "facilitate", "foster", "gain", "generate", "get", "go", "grow", "guarantee", "halve", "harmonize", "harness",
        "help", "hire", "implement", "improve", "increase", "innovate", "inspire", "install", "institutionalize",
        "integrate", "introduce", "invest", "keep", "launch", "lead", "leverage", "lift", "limit", "lower", "maintain",
        "make", "manage", "master", "maximize", "measure", "migrate", "minimize", "mitigate", "mobilize", "modernize",
        "monetize", "motivate", "move", "nurture", "obtain", "offer", "open", "operate", "optimise", "optimize",
        "orchestrate", "outperform", "own", "partner", "penetrate", "perform", "pilot", "plan", "position", "prepare",
        "prevent", "prioritize", "produce", "professionalize", "promote", "protect", "provide", "pursue", "raise", "reach",
        "realign", "recruit", "reduce", "refine", "reinforce", "reinvent", "release", "renew", "reposition", "reskill",
        "respond", "restore", "restructure", "retain", "reward", "rollout", "roll", "safeguard", "save", "scale", "secure",
        "sell", "serve", "shape", "share", "shift", "ship", "shorten", "simplify", "speed", "stabilize", "standardize", "start",
        "stay", "steer", "stop", "streamline", "strengthen", "support", "sustain", "target", "train", "transform",
        "triple", "turn", "unify", "upgrade", "upskill", "use", "win", "widen", "work",
    };

    // Words with a verb-like ending that are nouns or adjectives in objective names.
    private static readonly HashSet<string> NotVerbs = new(StringComparer.Ordinal)
    {
        "enterprise", "expertise", "franchise", "merchandise", "premise", "precise", "concise", "otherwise", "size", "prize",
    };

    private static readonly string[] VerbEndings = ["ize", "ise", "ify", "yze", "yse"];

    /// <summary>Whether the name starts with a verb; a leading "To" is skipped ("To grow revenue").</summary>
    public static bool StartsWithVerb(string name)
    {
        var words = name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(w => new string([.. w.Where(char.IsLetter)]).ToLowerInvariant())
            .Where(w => w.Length > 0)
            .ToList();
        if (words.Count == 0)
        {
            return false;
        }

        var first = words[0] == "to" && words.Count > 1 ? words[1] : words[0];
        return Forms(first).Any(IsVerb);
    }

    /// <summary>The first word with a verb's capitalised base form for a suggestion ("Improve").</summary>
    public static string Suggest(string name)
    {
        var trimmed = name.Trim();
        var keepCase = trimmed.Length > 1 && char.IsUpper(trimmed[1]); // acronyms such as "NPS"
        var rest = keepCase || trimmed.Length == 0 ? trimmed : char.ToLowerInvariant(trimmed[0]) + trimmed[1..];
        return $"Improve {rest}";
    }

    private static bool IsVerb(string word) =>
        !NotVerbs.Contains(word) &&
        (Verbs.Contains(word) || (word.Length >= 6 && VerbEndings.Any(e => word.EndsWith(e, StringComparison.Ordinal))));

    /// <summary>The word and the base forms it may come from: growing → grow, reduces → reduce, simplified → simplify.</summary>
    private static IEnumerable<string> Forms(string word)
    {
        yield return word;
        if (word.EndsWith("ing", StringComparison.Ordinal) && word.Length > 5)
        {
            var stem = word[..^3];
            yield return stem;
            yield return stem + "e";
            if (stem.Length > 2 && stem[^1] == stem[^2])
            {
                yield return stem[..^1];
            }
        }

        if (word.EndsWith("ied", StringComparison.Ordinal) || word.EndsWith("ies", StringComparison.Ordinal))
        {
            yield return word[..^3] + "y";
        }

        if (word.EndsWith("ed", StringComparison.Ordinal) && word.Length > 4)
        {
            yield return word[..^2];
            yield return word[..^1];
            var stem = word[..^2];
            if (stem.Length > 2 && stem[^1] == stem[^2])
            {
                yield return stem[..^1];
            }
        }

        if (word.EndsWith("es", StringComparison.Ordinal) && word.Length > 3)
        {
            yield return word[..^2];
        }

        if (word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) && word.Length > 3)
        {
            yield return word[..^1];
        }
    }
}
