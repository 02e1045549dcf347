namespace ScorecardBot.Core.Conversation.Matching;

/// <summary>
/// The everyday words people use for what KPIs measure, so that a question can name a KPI by its
/// subject instead of its name ("are we shipping on time" → on-time delivery, "how fast are we
/// hiring" → time to hire, "ratings" → net promoter score). Two general tools, never a list of
/// questions: <see cref="Root"/> brings the forms of a word together (delivering, delivered,
/// delivery → deliver), and <see cref="Related"/> holds small groups of business words that stand
/// for the same thing. A related word counts for less than the word itself, so a scorecard's own
/// names and aliases always come first.
/// </summary>
internal static class Synonyms
{
    /// <summary>Endings <see cref="Root"/> removes (declared before the tables built from roots).</summary>
    private static readonly string[] Suffixes = ["ations", "ation", "ments", "ment", "ings", "ing", "ions", "ion", "ers", "er", "ed", "ance", "ence"];

    /// <summary>How much a word counts when it only shares its root with a name's word.</summary>
    public const double RootSimilarity = 0.9;

    /// <summary>How much a word counts when it only stands for the same thing as a name's word.</summary>
    public const double RelatedSimilarity = 0.85;

    /// <summary>
    /// Groups of words that stand for the same measured thing, in the words of businesses,
    /// hospitals and public services. A word may sit in more than one group.
    /// </summary>
    private static readonly string[][] Groups =
    [
        ["deliver", "delivery", "ship", "shipping", "shipped", "shipment", "dispatch", "dispatched", "arrive", "arriving", "arrival", "arrived"],
        ["late", "lateness", "delay", "delayed", "delays", "punctual", "punctuality", "ontime"],
        ["retention", "retain", "retaining", "keep", "keeping", "stay", "staying", "churn", "churning", "lose", "losing", "lost", "leave", "leaving", "left", "quit", "quitting", "attrition", "turnover", "leaver", "leavers"],
        ["nps", "promoter", "recommend", "recommending", "recommendation", "rating", "ratings", "rated", "satisfaction", "satisfied", "happy", "happiness", "experience", "loyalty", "sentiment", "think", "opinion", "feedback", "perception"],
        ["profit", "profits", "profitable", "profitability", "margin", "margins", "earnings", "ebit"],
        ["hire", "hiring", "hired", "recruit", "recruiting", "recruitment", "fill", "filling"],
        ["vacancy", "vacancies", "opening", "openings", "unfilled", "job", "jobs", "position", "positions", "open"],
        ["fast", "quick", "quickly", "slow", "slowly", "long", "speed", "time", "length", "duration"],
        ["employ", "employee", "employees", "staff", "workforce", "fte", "ftes", "headcount", "personnel", "workers"],
        ["sell", "selling", "sold", "sales", "revenue", "revenues", "bill", "billed", "billing", "invoice", "invoiced", "invoicing", "income"],
        ["abroad", "export", "exports", "foreign", "international", "overseas"],
        ["waste", "wasting", "wasted", "scrap", "scrapping", "scrapped"],
        ["stock", "stocks", "inventory", "inventories", "warehouse"],
        ["paid", "pay", "payment", "payments", "collect", "collecting", "collection", "collections", "cash"],
        ["damage", "damaged", "damaging", "damages", "claim", "claims"],
        ["breakdown", "breakdowns", "break", "breaking", "broke", "broken"],
        ["fall", "falls", "falling", "fell", "fallen"],
        ["hygiene", "wash", "washing", "washed", "clean", "cleaning", "cleaned", "handwashing"],
        ["provider", "doctor", "doctors", "doc", "physician", "physicians", "clinician", "clinicians"],
        ["equipment", "machine", "machines", "asset", "assets"],
        ["efficiency", "efficient", "economy", "saving", "save", "savings", "productive", "productivity", "effectiveness", "utilization", "utilisation", "utilized", "busy", "usage"],
        ["cost", "costs", "spend", "spending", "spent", "expense", "expenses", "paying", "expensive"],
        ["occupancy", "occupied", "full", "census", "beds"],
        ["readmission", "readmissions", "readmit", "readmitted", "return", "returning", "comeback"],
        ["certification", "certified", "certify", "certificate", "certificates", "accredited"],
        ["sales", "rep", "reps", "salespeople", "salesperson", "seller", "sellers"],
        ["engagement", "engaged", "motivation", "motivated", "morale"],
        ["training", "trained", "train", "course", "courses", "upskill", "upskilling", "coached", "coaching"],
        ["win", "winning", "won", "wins", "hit"],
        ["customer", "customers", "client", "clients", "shipper", "shippers", "account", "accounts"],
        ["infection", "infections", "infected", "hai", "hais"],
        ["operations", "ops", "operational"],
        ["eu", "europe", "european"],
        ["nurse", "nurses", "nursing", "rn", "rns"],
        ["defect", "defects", "fault", "faults", "faulty", "reject", "rejects", "rejected", "ppm", "error", "errors", "mistake", "mistakes"],
        ["fuel", "diesel", "mpg", "gallon", "gallons"],
        ["emergency", "ed", "er"],
        ["accident", "accidents", "incident", "incidents", "injury", "injuries", "injured", "harm", "harmed", "hurt"],

        // General business words, for any scorecard: what people say instead of a KPI's own words.
        ["complaint", "complaints", "complain", "complaining", "complained", "grievance", "grievances"],
        ["resign", "resigning", "resigned", "resignation", "resignations", "quit", "quitting", "leaver", "leavers", "attrition", "turnover"],
        ["wait", "waiting", "waited", "queue", "queues", "queueing", "hold"],
        ["cost", "costs", "spend", "spending", "expense", "expenses", "expenditure", "budget", "budgets", "overspend", "opex"],
        ["capex", "capital", "investment", "investments", "invest", "investing", "project", "projects"],
        ["energy", "electricity", "electric", "power", "kwh", "utilities"],
        ["phone", "phones", "call", "calls", "caller", "callers", "telephone", "hotline"],
        ["outage", "outages", "interruption", "interruptions", "downtime", "disruption", "disruptions", "unavailable"],
        ["fix", "fixing", "fixed", "repair", "repairs", "repairing", "repaired", "restore", "restoring", "restored", "restoration", "resolve", "resolved", "resolution"],
        ["certification", "certified", "certificate", "license", "licenses", "licensed", "licence", "licences", "qualified", "qualification", "qualifications"],
        ["inspection", "inspections", "inspect", "inspected", "audit", "audits", "audited"],
        ["employee", "employees", "staff", "workforce", "crew", "crews", "labour", "labor", "personnel", "workers"],
        ["estimate", "estimates", "estimated", "forecast", "guess"],
    ];

    /// <summary>Two-word phrases that say one thing ("break down", "come back", "walk out").</summary>
    private static readonly Dictionary<(string, string), string> Phrasal = new()
    {
        [("break", "down")] = "breakdown",
        [("breaking", "down")] = "breakdown",
        [("broke", "down")] = "breakdown",
        [("broken", "down")] = "breakdown",
        [("come", "back")] = "comeback",
        [("coming", "back")] = "comeback",
        [("came", "back")] = "comeback",
        [("walk", "out")] = "walkout",
        [("walking", "out")] = "walkout",
        [("walked", "out")] = "walkout",
        [("walk", "outs")] = "walkout",
        [("go", "out")] = "dispatch",
        [("goes", "out")] = "dispatch",
        [("going", "out")] = "dispatch",
        [("went", "out")] = "dispatch",
        [("gone", "out")] = "dispatch",
        [("on", "time")] = "ontime",
        [("in", "time")] = "ontime",
    };

    private static readonly Dictionary<string, string[]> RelatedByRoot = BuildRelated();

    /// <summary>The words related to a word (by its root), without the word's own root.</summary>
    public static IReadOnlyList<string> Related(string word) =>
        RelatedByRoot.TryGetValue(Root(word), out var related) ? related : [];

    /// <summary>Joins the two-word phrases of <see cref="Phrasal"/> into one word; everything else is kept as it is.</summary>
    public static List<string> JoinPhrases(IReadOnlyList<string> words)
    {
        var result = new List<string>(words.Count);
        for (var i = 0; i < words.Count; i++)
        {
            if (i + 1 < words.Count && Phrasal.TryGetValue((words[i], words[i + 1]), out var joined))
            {
                // "on time" stays as its words too: they may be a name's own words ("on time delivery").
                if (joined == "ontime")
                {
                    result.Add(words[i]);
                    result.Add(words[i + 1]);
                }

                result.Add(joined);
                i++;
                continue;
            }

            result.Add(words[i]);
        }

        return result;
    }

    /// <summary>
    /// The root of a word: plural and verb endings and the common noun endings removed, a
    /// doubled final consonant made single ("shipping" → "ship", "delivery" → "deliver",
    /// "engagement" and "engaged" → "engag", "utilization" and "utilized" → "utiliz").
    /// </summary>
    public static string Root(string word)
    {
        var w = TextTokens.Stem(word);
        if (w.Length <= 4)
        {
            return w;
        }

        foreach (var suffix in Suffixes)
        {
            if (w.Length - suffix.Length >= 3 && w.EndsWith(suffix, StringComparison.Ordinal))
            {
                w = w[..^suffix.Length];
                break;
            }
        }

        if (w.Length >= 4 && w[^1] == w[^2] && !IsVowel(w[^1]) && w[^1] is not ('s' or 'l'))
        {
            w = w[..^1];
        }

        if (w.Length >= 4 && (w[^1] == 'e' || (w[^1] == 'y' && !IsVowel(w[^2]))))
        {
            w = w[..^1];
        }

        return w;
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';

    private static Dictionary<string, string[]> BuildRelated()
    {
        var related = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var group in Groups)
        {
            foreach (var word in group)
            {
                var root = Root(word);
                if (!related.TryGetValue(root, out var set))
                {
                    related[root] = set = new HashSet<string>(StringComparer.Ordinal);
                }

                foreach (var other in group)
                {
                    if (Root(other) != root)
                    {
                        set.Add(other);
                    }
                }
            }
        }

        return related.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
    }
}
