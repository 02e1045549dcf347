using ScorecardBot.Core.Conversation.Matching;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Conversation.Grammar;

/// <summary>
/// The cue words of the question grammar that are not about a subject: greetings, questions
/// about the bot itself, questions about how objectives relate, the many ways to ask for the red
/// or amber list, and the everyday names of the four perspectives.
/// </summary>
internal static class Phrases
{
    private static readonly HashSet<string> GreetingCore =
    [
        "hi", "hello", "hey", "heya", "hiya", "yo", "howdy", "morning", "afternoon", "evening", "gm", "greetings",
        "thanks", "thank", "thx", "ty", "cheers", "ok", "okay", "bye", "goodbye", "hallo", "hola", "sup",
    ];

    private static readonly HashSet<string> GreetingFiller =
    [
        "good", "there", "bot", "all", "team", "everyone", "folks", "you", "a", "lot", "so", "much", "great", "cool", "again", "and", "guys", "mate", "very", "nice", "many",
    ];

    /// <summary>"hi", "good morning", "thanks!", or nothing but punctuation ("?").</summary>
    public static bool IsGreeting(List<string> words) =>
        words.Count == 0 || (words.Count <= 5 && words.Exists(GreetingCore.Contains) && words.TrueForAll(w => GreetingCore.Contains(w) || GreetingFiller.Contains(w)));

    /// <summary>Whether a greeting thanks the bot rather than says hello.</summary>
    public static bool IsThanks(List<string> words) => words.Exists(w => w is "thanks" or "thank" or "thx" or "ty" or "cheers");

    private static readonly HashSet<string> BotWords = ["you", "u", "bot", "yourself", "ya"];

    private static readonly HashSet<string> MetaWords =
    [
        "use", "using", "work", "works", "working", "talk", "ask", "made", "make", "built", "build", "who", "what", "how",
        "can", "could", "do", "does", "are", "is", "supposed", "command", "commands", "able", "understand", "mean", "means",
        "for", "purpose", "point", "job", "used", "this", "thing", "anyway", "exactly", "really", "things", "questions", "question",
    ];

    /// <summary>
    /// A question about the bot ("what can you do", "who are you", "how does this work"): it
    /// speaks to the bot, and names nothing the scorecards hold.
    /// </summary>
    public static bool IsAboutTheBot(List<string> words, KpiMatcher matcher)
    {
        var toBot = words.Exists(BotWords.Contains) || (words.Contains("this") && words.Exists(w => w is "work" or "works" or "bot"));
        return toBot && words.TrueForAll(w => BotWords.Contains(w) || MetaWords.Contains(w) || (TextTokens.IsStopWord(w) && !matcher.Knows(w)));
    }

    private static readonly HashSet<string> RelationWords =
    [
        "relate", "relates", "related", "relation", "relations", "relationship", "relationships", "connect", "connects", "connection",
        "connections", "connected", "link", "links", "linked", "linking", "cause", "causes", "effect", "effects", "drive", "drives",
        "driven", "affect", "affects", "affected", "impact", "impacts", "influence", "influences", "depend", "depends", "feed", "feeds",
    ];

    /// <summary>Words left out when a map question names a scorecard ("map of the ED").</summary>
    public static IEnumerable<string> MapWords => RelationWords.Concat(["map", "strategy", "strategic", "objectives", "objective", "goals", "between", "each", "other", "together"]);

    /// <summary>"How do our objectives relate", "what drives on-time delivery", "cause and effect": the strategy map.</summary>
    public static bool AsksHowThingsRelate(List<string> words, KpiMatcher matcher) =>
        words.Exists(w => RelationWords.Contains(w) && !matcher.Knows(w));

    /// <summary>Words that name a list by status rather than a subject.</summary>
    public static readonly HashSet<string> StatusListWords =
    [
        "red", "reds", "amber", "ambers", "yellow", "green", "greens", "off", "track", "offtrack", "on", "not", "isnt", "arent", "in", "which", "ones", "items",
        "everything", "anything", "all", "list", "behind", "missing", "miss", "missed", "misses", "below", "short", "meeting", "hitting", "hit",
        "target", "targets", "plan", "plans", "budget", "goal", "goals", "or", "and", "we", "are", "where",
    ];

    private static readonly HashSet<string> MissWords = ["behind", "missing", "miss", "missed", "misses", "below", "short", "failing", "failed", "under"];
    private static readonly HashSet<string> TargetWords = ["target", "targets", "plan", "plans", "budget", "goal", "goals"];
    private static readonly HashSet<string> Negations = ["not", "isnt", "arent", "aren", "isn", "no"];

    /// <summary>
    /// The status list a question asks for: red ("what's red", "behind target", "missing
    /// targets", "off track"), amber, green, or red with amber ("amber or red", "not on track").
    /// </summary>
    public static (Status Filter, bool OrAmber)? StatusList(List<string> words)
    {
        var set = new HashSet<string>(words, StringComparer.Ordinal);
        var red = set.Contains("red") || set.Contains("reds");
        var amber = set.Contains("amber") || set.Contains("ambers") || set.Contains("yellow");
        if (red && amber)
        {
            return (Status.Red, true);
        }

        for (var i = 0; i + 2 < words.Count; i++)
        {
            if (Negations.Contains(words[i]) && words[i + 1] == "on" && words[i + 2] == "track")
            {
                return (Status.Red, true);
            }
        }

        if (red || (set.Contains("off") && set.Contains("track")) || set.Contains("offtrack"))
        {
            return (Status.Red, false);
        }

        if (amber)
        {
            return (Status.Amber, false);
        }

        if (set.Overlaps(TargetWords) && (set.Overlaps(MissWords) || (set.Overlaps(Negations) && (set.Contains("meeting") || set.Contains("hitting") || set.Contains("reaching") || set.Contains("making")))))
        {
            return (Status.Red, false);
        }

        if (set.Contains("green") && (set.Contains("which") || set.Contains("what") || set.Contains("whats") || set.Contains("is") || set.Contains("everything")))
        {
            return (Status.Green, false);
        }

        return null;
    }

    /// <summary>Words that ask for everything rather than name a subject.</summary>
    public static readonly HashSet<string> OverviewWords = ["overview", "summary", "dashboard", "scoreboard", "big", "picture"];

    private static readonly Dictionary<string, PerspectiveKind> EverydayNames = new(StringComparer.Ordinal)
    {
        ["finance"] = PerspectiveKind.Financial,
        ["finances"] = PerspectiveKind.Financial,
        ["financial"] = PerspectiveKind.Financial,
        ["financials"] = PerspectiveKind.Financial,
        ["fin"] = PerspectiveKind.Financial,
        ["money"] = PerspectiveKind.Financial,
        ["monetary"] = PerspectiveKind.Financial,
        ["customer"] = PerspectiveKind.Customer,
        ["customers"] = PerspectiveKind.Customer,
        ["client"] = PerspectiveKind.Customer,
        ["clients"] = PerspectiveKind.Customer,
        ["market"] = PerspectiveKind.Customer,
        ["citizens"] = PerspectiveKind.Customer,
        ["residents"] = PerspectiveKind.Customer,
        ["users"] = PerspectiveKind.Customer,
        ["ops"] = PerspectiveKind.InternalProcess,
        ["operations"] = PerspectiveKind.InternalProcess,
        ["operational"] = PerspectiveKind.InternalProcess,
        ["process"] = PerspectiveKind.InternalProcess,
        ["processes"] = PerspectiveKind.InternalProcess,
        ["internal"] = PerspectiveKind.InternalProcess,
        ["learning"] = PerspectiveKind.LearningAndGrowth,
        ["growth"] = PerspectiveKind.LearningAndGrowth,
        ["people"] = PerspectiveKind.LearningAndGrowth,
        ["capacity"] = PerspectiveKind.LearningAndGrowth,
        ["capabilities"] = PerspectiveKind.LearningAndGrowth,
        ["innovation"] = PerspectiveKind.LearningAndGrowth,
        ["lg"] = PerspectiveKind.LearningAndGrowth,
    };

    private static readonly HashSet<string> PerspectiveFillers = ["side", "area", "perspective", "perspectives", "numbers", "measures", "kpis", "l", "g", "stuff", "health"];

    /// <summary>
    /// The perspective kind that everyday words name ("finance", "ops", "people", "L&amp;G"), when
    /// they name one kind and nothing else.
    /// </summary>
    public static PerspectiveKind? EverydayPerspective(List<string> words)
    {
        var rest = words.Where(w => !PerspectiveFillers.Contains(w)).ToList();
        if (rest.Count == 0 && words.Contains("l") && words.Contains("g"))
        {
            return PerspectiveKind.LearningAndGrowth;
        }

        if (rest.Count == 0 || !rest.TrueForAll(EverydayNames.ContainsKey))
        {
            return null;
        }

        var kinds = rest.Select(w => EverydayNames[w]).Distinct().ToList();
        return kinds.Count == 1 ? kinds[0] : null;
    }
}
