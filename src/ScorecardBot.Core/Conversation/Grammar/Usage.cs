namespace ScorecardBot.Core.Conversation.Grammar;

/// <summary>Who may use a command: help lists each person what they can do.</summary>
internal enum Who
{
    /// <summary>Anyone in the organization, viewers too.</summary>
    Everyone = 0,

    /// <summary>Owners and delegates of KPIs (and everyone above).</summary>
    Reporter = 1,

    /// <summary>Scorecard managers (by role or as a scorecard's manager) and admins.</summary>
    Manager = 2,

    /// <summary>Admins only.</summary>
    Admin = 3,
}

/// <summary>The command grammar's usage lines and examples: one place, used by help and by every rejection.</summary>
internal static class Usage
{
    /// <summary>One form of a command. A command used by several audiences has a line for each (digest, action).</summary>
    public sealed record Line(string Command, string Syntax, string Example, string Purpose, Who Who = Who.Everyone);

    public static IReadOnlyList<Line> Lines { get; } =
    [
        new("help", "help [command]", "help actual", "what I can do"),
        new("status", "status [scorecard|perspective|kpi] [period]", "status customer", "how things are doing"),
        new("my", "my", "my", "the KPIs you report and what is still due", Who.Reporter),
        new("assign", "assign <kpi> <@person|email>", "assign OTD @Ana", "make someone the owner of a KPI", Who.Manager),
        new("delegate", "delegate <kpi> <@person>", "delegate NPS @Ben", "let someone report a KPI for its owner", Who.Reporter),
        new("target", "target <kpi> <period> <value> · target <kpi> <value> for <period>", "target retention 92% for 2027", "set a target", Who.Manager),
        new("actual", "actual <kpi> [period] <value> [comment]", "actual OTD last month 94.5% two late trucks", "report a value", Who.Reporter),
        new("nodata", "nodata <kpi> [period] <reason>", "nodata NPS Oct survey postponed", "say why there is no value", Who.Reporter),
        new("remind", "remind [scorecard]", "remind logistics", "remind owners who have not reported", Who.Manager),
        new("digest", "digest [scorecard] [month]", "digest logistics for September", "post the status digest", Who.Manager),
        new("agenda", "agenda [scorecard] [month]", "agenda", "post the review agenda", Who.Manager),
        new("review", "review start|end [scorecard]", "review start logistics", "run the review meeting in the team channel: one card per agenda item, decisions, actions, minutes", Who.Manager),
        new("map", "map [scorecard] [month]", "map", "the strategy map"),
        new("lint", "lint [scorecard]", "lint", "hygiene problems of a scorecard"),
        new("action", "action add \"<text>\" @owner due <date>", "action add \"Fix the dock schedule\" @Ben due 2026-12-15", "add a review action", Who.Manager),
        new("action", "action done <id>", "action done 7", "close a review action you own", Who.Reporter),
        new("window", "window open|close [scorecard]", "window open", "open or close the collection window", Who.Manager),
        new("cycle", "cycle [quarterly] [scorecard] <1st–4th|last> <weekday> <HH:mm> [minutes n] [window_opens n] [due n] [reminders n,n] [escalate_after n] [digest_before n] [send_time HH:mm]", "cycle logistics 2nd Tuesday 10:00 due 3", "change when a scorecard's review meets, and its collection days", Who.Manager),
        new("kpi", "kpi add \"<name>\" objective <objective> unit <unit> direction up|down target <value> owner @person [indicator leading|lagging] · kpi rename <kpi> \"<new name>\" · kpi retire <kpi> · kpi move <kpi> objective <objective>", "kpi add \"Fuel per mile\" objective \"Run efficient routes\" unit USD direction down target 2.10 owner @Ben", "add, rename, retire or move a KPI (pieces left out are asked for on a card)", Who.Manager),
        new("objective", "objective add \"<verb phrase>\" perspective <perspective> [scorecard <scorecard>]", "objective add \"Reduce fuel cost\" perspective financial", "add an objective", Who.Manager),
        new("link", "link <cause objective> -> <effect objective>", "link \"Develop drivers\" -> \"Deliver on time\"", "say on the strategy map that one objective drives another", Who.Manager),
        new("threshold", "threshold <kpi> amber <value> red <value>", "threshold OTD amber 92% red 88%", "where amber and red start on a KPI's current targets", Who.Manager),
        new("channel", "channel here [scorecard]", "channel here", "post a scorecard's digests and agendas in this channel", Who.Manager),
        new("undo", "undo", "undo", "revert your last scorecard change (within 10 minutes)", Who.Manager),
        new("export", "export", "export", "the scorecard file (YAML), in a direct chat", Who.Manager),
        new("ooo", "ooo <from> <to> [delegate @person] · ooo · ooo cancel", "ooo 16 Nov 20 Nov delegate @Ben", "be away: no prompts; your delegate reports"),
        new("who", "who owns <kpi>", "who owns OTD", "who is responsible for a KPI"),
        new("people", "people · people add <@person|email> [role owner|viewer] · people remove <@person> · role <@person> owner|viewer", "people add @Ana role owner", "who is in the organization; add owners and viewers", Who.Manager),
    ];

    /// <summary>Commands only an admin may use; help lists them to admins.</summary>
    public static IReadOnlyList<Line> AdminLines { get; } =
    [
        new("digest", "digest layout summary|thread|full · digest mentions on|off", "digest layout thread", "how digests are posted in the team channels", Who.Admin),
        new("people", "people add <@person|email> [role owner|scorecard_manager|viewer|admin] · people remove <@person> · role <@person> <role>", "role @Ben scorecard_manager", "add and remove people, change anyone's role", Who.Admin),
        new("apikey", "apikey create \"<name>\" [scope read|write|manage] · apikey list · apikey revoke <id>", "apikey create \"SAP monthly close\" scope write", "API keys for systems that feed or read the scorecard", Who.Admin),
    ];

    public static IReadOnlyList<Line> All { get; } = [.. Lines, .. AdminLines];

    /// <summary>The lines someone of that standing may use, in the order help lists them.</summary>
    public static IReadOnlyList<Line> For(Who who) => [.. All.Where(l => l.Who <= who)];

    /// <summary>A command's usage: every form of it in one line ("digest [scorecard] [month] · digest layout …").</summary>
    public static Line For(string command)
    {
        var forms = All.Where(l => l.Command == command).ToList();
        return forms.Count == 1
            ? forms[0]
            : forms[0] with { Syntax = string.Join(" · ", forms.Select(f => f.Syntax)), Who = forms.Min(f => f.Who) };
    }

    public static string Describe(string command)
    {
        var line = For(command);
        return $"Usage: {line.Syntax} — e.g. {line.Example}";
    }

    /// <summary>The command word nearest to a mistyped one, if any is close enough to be a guess.</summary>
    public static string? Nearest(string word)
    {
        var w = word.ToLowerInvariant();
        if (w.Length < 3)
        {
            return null;
        }

        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var line in All)
        {
            // A command word's plural ("links", "targets") is an ordinary word of a question, not a typo.
            if (w == line.Command + "s")
            {
                return null;
            }

            var distance = Matching.FuzzyToken.Distance(w, line.Command, 3);
            if (distance < bestDistance)
            {
                best = line.Command;
                bestDistance = distance;
            }
        }

        var allowed = w.Length switch { < 4 => 1, < 6 => 1, _ => 2 };
        return bestDistance <= allowed ? best : null;
    }
}
