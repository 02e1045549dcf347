namespace ScorecardBot.Core.Conversation.Grammar;

/// <summary>The changes of a scorecard's definition that a manager makes in chat.</summary>
internal enum EditKind
{
    KpiAdd = 0,
    KpiRename = 1,
    KpiRetire = 2,
    KpiMove = 3,
    ObjectiveAdd = 4,
    Link = 5,
    Threshold = 6,
    ChannelHere = 7,
}

/// <summary>
/// A scorecard change as typed (or sent from its card): the pieces found, by field name
/// (<see cref="EditFields"/>). Pieces that are missing are asked for on a card that keeps the others.
/// </summary>
internal sealed record EditRequest(EditKind Kind, IReadOnlyDictionary<string, string> Fields) : Request
{
    public string? Get(string field) => Fields.TryGetValue(field, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
}

/// <summary><c>undo</c>: revert my last change of a scorecard.</summary>
internal sealed record UndoRequest : Request;

/// <summary><c>export</c>: the scorecard file, in a direct chat.</summary>
internal sealed record ExportRequest : Request;

/// <summary>The names of an edit's pieces: keywords of the command and input ids of its card.</summary>
internal static class EditFields
{
    public const string Name = "name";
    public const string Objective = "objective";
    public const string Unit = "unit";
    public const string Direction = "direction";
    public const string Target = "target";
    public const string Owner = "owner";
    public const string Indicator = "indicator";
    public const string Kpi = "kpi";
    public const string Perspective = "perspective";
    public const string Scorecard = "scorecard";
    public const string Cause = "cause";
    public const string Effect = "effect";
    public const string Amber = "amber";
    public const string Red = "red";
}

/// <summary>
/// <c>kpi add "&lt;name&gt;" objective &lt;objective&gt; unit &lt;unit&gt; direction up|down target &lt;value&gt; owner @person</c>,
/// <c>kpi rename &lt;kpi&gt; "&lt;new name&gt;"</c>, <c>kpi retire &lt;kpi&gt;</c>, <c>kpi move &lt;kpi&gt; objective &lt;objective&gt;</c>,
/// <c>objective add "&lt;verb phrase&gt;" perspective &lt;p&gt;</c>, <c>link &lt;cause&gt; -&gt; &lt;effect&gt;</c>,
/// <c>threshold &lt;kpi&gt; amber &lt;v&gt; red &lt;v&gt;</c>, <c>channel here</c>, <c>undo</c>, <c>export</c>.
/// The pieces come in any order after the first; what is left out is asked for on the command's card.
/// </summary>
internal static class EditGrammar
{
    private static readonly string[] KpiAddKeys = [EditFields.Objective, EditFields.Unit, EditFields.Direction, EditFields.Target, EditFields.Owner, EditFields.Indicator];

    public static Request? Parse(string word, List<CommandToken> args) => word switch
    {
        "kpi" or "kpis" => Kpi(args),
        "objective" or "objectives" => Objective(args),
        "link" => Link(args),
        "threshold" or "thresholds" => Threshold(args),
        "channel" => Channel(args),
        "undo" => args.Count == 0 ? new UndoRequest() : new UsageRequest("undo", "undo takes nothing after it: it reverts your last change."),
        "export" => args.Count == 0 ? new ExportRequest() : new UsageRequest("export", "export takes nothing after it: it sends the whole scorecard file."),
        _ => null,
    };

    /// <summary>Null (a question, or an unknown command such as "kpi delete") unless a known subcommand follows.</summary>
    private static Request? Kpi(List<CommandToken> args)
    {
        var sub = args.Count > 0 && !args[0].Quoted ? args[0].Text.ToLowerInvariant() : string.Empty;
        var rest = args.Skip(1).ToList();
        switch (sub)
        {
            case "add" or "new" or "create":
                return new EditRequest(EditKind.KpiAdd, Keyed(rest, EditFields.Name, KpiAddKeys));
            case "rename":
                return new EditRequest(EditKind.KpiRename, Split(rest, EditFields.Kpi, EditFields.Name, quotedLast: true, "to", "as"));
            case "retire" or "retired":
                return new EditRequest(EditKind.KpiRetire, Keyed(rest, EditFields.Kpi, []));
            case "move":
                return new EditRequest(EditKind.KpiMove, Split(rest, EditFields.Kpi, EditFields.Objective, quotedLast: false, "objective", "to"));
            default:
                return null;
        }
    }

    /// <summary>"objective deliver reliably" is a question about that objective, not a command.</summary>
    private static Request? Objective(List<CommandToken> args)
    {
        var sub = args.Count > 0 && !args[0].Quoted ? args[0].Text.ToLowerInvariant() : string.Empty;
        return sub is "add" or "new" or "create"
            ? new EditRequest(EditKind.ObjectiveAdd, Keyed([.. args.Skip(1)], EditFields.Name, [EditFields.Perspective, EditFields.Scorecard]))
            : null;
    }

    private static Request Link(List<CommandToken> args)
    {
        // "a->b" typed without spaces is the same as "a -> b".
        var tokens = new List<CommandToken>();
        foreach (var t in args)
        {
            var length = 0;
            var arrow = t.Quoted ? -1 : ArrowIn(t.Text, out length);
            if (arrow < 0 || t.Text.Length == length)
            {
                tokens.Add(t);
                continue;
            }

            if (arrow > 0)
            {
                tokens.Add(t with { Text = t.Text[..arrow] });
            }

            tokens.Add(new CommandToken("->", false));
            if (arrow + length < t.Text.Length)
            {
                tokens.Add(t with { Text = t.Text[(arrow + length)..] });
            }
        }

        var at = tokens.FindIndex(t => !t.Quoted && ArrowIn(t.Text, out var l) == 0 && l == t.Text.Length);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (at < 0)
        {
            if (tokens.Count > 0)
            {
                fields[EditFields.Cause] = CommandTokens.Join(tokens);
            }

            return new EditRequest(EditKind.Link, fields);
        }

        Put(fields, EditFields.Cause, tokens.Take(at));
        Put(fields, EditFields.Effect, tokens.Skip(at + 1));
        return new EditRequest(EditKind.Link, fields);
    }

    private static int ArrowIn(string text, out int length)
    {
        foreach (var arrow in new[] { "->", "→", "=>" })
        {
            var i = text.IndexOf(arrow, StringComparison.Ordinal);
            if (i >= 0)
            {
                length = arrow.Length;
                return i;
            }
        }

        length = 0;
        return -1;
    }

    private static Request Threshold(List<CommandToken> args) =>
        new EditRequest(EditKind.Threshold, Keyed(args, EditFields.Kpi, [EditFields.Amber, EditFields.Red]));

    private static Request Channel(List<CommandToken> args)
    {
        if (args.Count == 0 || args[0].Quoted || !args[0].Text.Equals("here", StringComparison.OrdinalIgnoreCase))
        {
            return new UsageRequest("channel", "Say channel here, in the channel that should get the digests.");
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        Put(fields, EditFields.Scorecard, args.Skip(1));
        return new EditRequest(EditKind.ChannelHere, fields);
    }

    /// <summary>
    /// The words before the first keyword are the <paramref name="first"/> piece; each keyword takes
    /// the words up to the next one. A quoted word is never a keyword.
    /// </summary>
    private static Dictionary<string, string> Keyed(List<CommandToken> tokens, string first, string[] keys)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var field = first;
        var words = new List<CommandToken>();
        foreach (var token in tokens)
        {
            var key = token.Quoted ? null : keys.FirstOrDefault(k => k.Equals(token.Text.TrimEnd(':'), StringComparison.OrdinalIgnoreCase));
            if (key is null)
            {
                words.Add(token);
                continue;
            }

            Put(fields, field, words);
            field = key;
            words = [];
        }

        Put(fields, field, words);
        return fields;
    }

    /// <summary>
    /// Two pieces: a quoted last piece is the second (when <paramref name="quotedLast"/>), else the
    /// last of the separating words splits them ("move on-time delivery to Delight customers").
    /// </summary>
    private static Dictionary<string, string> Split(List<CommandToken> tokens, string first, string second, bool quotedLast, params string[] separators)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var at = tokens.FindLastIndex(t => !t.Quoted && separators.Contains(t.Text.ToLowerInvariant()));
        if (at >= 0)
        {
            Put(fields, first, tokens.Take(at));
            Put(fields, second, tokens.Skip(at + 1));
        }
        else if (quotedLast && tokens.Count > 1 && tokens[^1].Quoted)
        {
            Put(fields, first, tokens.Take(tokens.Count - 1));
            Put(fields, second, tokens.Skip(tokens.Count - 1));
        }
        else
        {
            Put(fields, first, tokens);
        }

        return fields;
    }

    private static void Put(Dictionary<string, string> fields, string field, IEnumerable<CommandToken> tokens)
    {
        // A mention keeps its platform form so the person can be found by their account.
        var text = string.Join(' ', tokens.Select(t => t.Person is { Kind: PersonTokenKind.SlackUser or PersonTokenKind.TeamsMention } p ? p.Raw : t.Text)).Trim();
        if (text.Length > 0)
        {
            fields[field] = text;
        }
    }
}
