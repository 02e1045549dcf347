namespace ScorecardBot.Core.Conversation.Grammar;

/// <summary>The command grammar's usage lines and examples: one place, used by help and by every rejection.</summary>
internal static class Usage
{
    public sealed record Line(string Command, string Syntax, string Example, string Purpose);

    public static IReadOnlyList<Line> Lines { get; } =
    [
        new("help", "help [command]", "help actual", "what I can do"),
        new("status", "status [scorecard|perspective|kpi] [period]", "status customer", "how things are doing"),
        new("my", "my", "my", "the KPIs you report and what is still due"),
        new("assign", "assign <kpi> <@person|email>", "assign OTD @Ana", "make someone the owner of a KPI"),
        new("delegate", "delegate <kpi> <@person>", "delegate NPS @Ben", "let someone report a KPI for its owner"),
        new("target", "target <kpi> <period> <value> · target <kpi> <value> for <period>", "target retention 92% for 2027", "set a target"),
        new("actual", "actual <kpi> [period] <value> [comment]", "actual OTD last month 94.5% two late trucks", "report a value"),
        new("nodata", "nodata <kpi> [period] <reason>", "nodata NPS Oct survey postponed", "say why there is no value"),
        new("remind", "remind [scorecard]", "remind logistics", "remind owners who have not reported"),
        new("digest", "digest [scorecard] [month] · digest layout summary|thread|full · digest mentions on|off", "digest layout thread", "the status digest; admins choose how it is posted"),
        new("agenda", "agenda [scorecard] [month]", "agenda", "the review agenda"),
        new("map", "map [scorecard] [month]", "map", "the strategy map"),
        new("lint", "lint [scorecard]", "lint", "hygiene problems of a scorecard"),
        new("action", "action add \"<text>\" @owner due <date> · action done <id>", "action add \"Fix the dock schedule\" @Ben due 2026-12-15", "review actions"),
        new("window", "window open|close [scorecard]", "window open", "open or close the collection window"),
        new("ooo", "ooo <from> <to> [delegate @person] · ooo · ooo cancel", "ooo 16 Nov 20 Nov delegate @Ben", "be away: no prompts; your delegate reports"),
        new("who", "who owns <kpi>", "who owns OTD", "who is responsible for a KPI"),
    ];

    /// <summary>Commands only an admin may use; help lists them to admins.</summary>
    public static IReadOnlyList<Line> AdminLines { get; } =
    [
        new("apikey", "apikey create \"<name>\" [scope read|write|manage] · apikey list · apikey revoke <id>", "apikey create \"SAP monthly close\" scope write", "API keys for systems that feed or read the scorecard"),
    ];

    public static IReadOnlyList<Line> All { get; } = [.. Lines, .. AdminLines];

    public static Line For(string command) => All.First(l => l.Command == command);

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
