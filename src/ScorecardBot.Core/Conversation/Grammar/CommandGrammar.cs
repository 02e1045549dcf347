using ScorecardBot.Core.Conversation.Matching;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Conversation.Grammar;

/// <summary>What the grammar needs to know: the organization's subjects, how to read periods, and today.</summary>
internal sealed record GrammarContext(OrganizationSnapshot Snapshot, DateTimeOffset Now)
{
    public Period? ReadPeriod(string text) => Snapshot.Locale.ReadPeriod(text, Now);

    public DateOnly Today => Snapshot.Locale.Calendar.DateOf(Now);
}

/// <summary>
/// The command grammar shared by Slack's /scorecard, Teams messages and the local chat. Returns
/// null when the text does not start with a command word, so it can be read as a question.
/// KPI names may be quoted or not; where an unquoted name could end at several places the split
/// whose name matches a KPI best wins.
/// </summary>
internal static partial class CommandGrammar
{
    public static Request? Parse(string text, GrammarContext context)
    {
        var tokens = CommandTokens.Split(text);
        if (tokens.Count == 0)
        {
            return new HelpRequest(null);
        }

        var word = tokens[0].Quoted ? string.Empty : tokens[0].Text.ToLowerInvariant().TrimEnd(':', ',', '?', '!');
        var args = tokens.Skip(1).ToList();
        if (word == "no" && args.Count > 0 && args[0].Text.Equals("data", StringComparison.OrdinalIgnoreCase))
        {
            word = "nodata";
            args.RemoveAt(0);
        }

        return word switch
        {
            "help" or "?" => new HelpRequest(args.Count > 0 && Usage.All.Any(l => l.Command.Equals(args[0].Text, StringComparison.OrdinalIgnoreCase)) ? args[0].Text.ToLowerInvariant() : null),
            "status" => Status(args, context),
            "my" => new MyRequest(),
            "assign" => Assign(args, delegating: false),
            "delegate" => Assign(args, delegating: true),
            "target" => Target(args, context),
            "actual" => Actual(args, context),
            "nodata" or "no-data" => NoData(args, context),
            "remind" => new ReviewRequest(ReviewWork.Remind, Rest(args)),
            "digest" => SettingsGrammar.IsDigestSettings(args) ? SettingsGrammar.Digest(args) : new ReviewRequest(ReviewWork.Digest, Rest(args)),
            "agenda" => new ReviewRequest(ReviewWork.Agenda, Rest(args)),
            "map" => new ReviewRequest(ReviewWork.Map, Rest(args)),
            "lint" => new ReviewRequest(ReviewWork.Lint, Rest(args)),
            "ooo" or "away" or "out-of-office" => Away(args, context),
            "action" or "actions" => Action(args, context),
            "window" => Window(args),
            CycleGrammar.Command => CycleGrammar.Parse(args),
            MeetingGrammar.Command => MeetingGrammar.Parse(args),
            ApiKeyGrammar.Command or "apikeys" => ApiKeyGrammar.Parse(args),
            "kpi" or "kpis" or "objective" or "objectives" or "link" or "threshold" or "thresholds" or "channel" or "undo" or "export" => EditGrammar.Parse(word, args),
            PeopleGrammar.Command => PeopleGrammar.Parse(args),
            PeopleGrammar.RoleCommand => PeopleGrammar.ParseRole(args),
            "who" when args.Count > 0 && args[0].Text.Equals("owns", StringComparison.OrdinalIgnoreCase) =>
                args.Count > 1 ? new WhoOwnsRequest(CommandTokens.Join(args.Skip(1)).TrimEnd('?').Trim()) : new UsageRequest("who", "Name the KPI."),
            _ => null,
        };
    }

    private static string? Rest(List<CommandToken> args) => args.Count == 0 ? null : CommandTokens.Join(args);

    private static Request Status(List<CommandToken> args, GrammarContext context)
    {
        var (rest, period) = TrailingPeriod(args, context, keepOne: false);
        return new StatusRequest(rest.Count == 0 ? null : CommandTokens.Join(rest).TrimEnd('?'), period);
    }

    private static Request Assign(List<CommandToken> args, bool delegating)
    {
        var command = delegating ? "delegate" : "assign";
        var at = args.FindIndex(t => t.Person is not null);
        if (args.Count == 0)
        {
            return new UsageRequest(command, "Name the KPI and the person.");
        }

        if (at < 0)
        {
            return new UsageRequest(command, "Name the person with @name or an e-mail address.");
        }

        if (at == 0)
        {
            return new UsageRequest(command, "Name the KPI before the person.");
        }

        var person = args[at].Person!;
        if (person.Kind == PersonTokenKind.Name && at + 1 < args.Count)
        {
            // "@Ana Costa": the rest of the line is the name.
            person = person with { Value = person.Value + " " + CommandTokens.Join(args.Skip(at + 1)) };
        }
        else if (at + 1 < args.Count)
        {
            return new UsageRequest(command, $"I did not understand \"{CommandTokens.Join(args.Skip(at + 1))}\" after the person.");
        }

        var kpi = KpiText(args.Take(at));
        return delegating ? new DelegateRequest(kpi, person) : new AssignRequest(kpi, person);
    }

    private static Request Target(List<CommandToken> args, GrammarContext context)
    {
        var tokens = MergePercent(args);
        if (tokens.Count == 0)
        {
            return new UsageRequest("target", "Name the KPI, the period and the value.");
        }

        // "for" after a value marks the period: "target retention 92% for 2027" is not a target of 2027 for "retention 92% for".
        if (ValueThenPeriod(tokens, context, requireFor: true) is { } marked)
        {
            return marked;
        }

        if (!CommandTokens.LooksLikeValue(tokens[^1].Text))
        {
            return ValueThenPeriod(tokens, context, requireFor: false) ?? new UsageRequest("target", "End with the target value.");
        }

        var value = tokens[^1].Text;
        var before = tokens.Take(tokens.Count - 1).ToList();
        if (before.Count > 0 && !before.Exists(t => t.Quoted) && context.ReadPeriod(CommandTokens.Join(before)) is not null)
        {
            return new UsageRequest("target", "Name the KPI.");
        }

        var (rest, period) = TrailingPeriod(before, context, keepOne: true);
        if (period is null)
        {
            return ValueThenPeriod(tokens, context, requireFor: false) ?? new UsageRequest("target", "Say which period the target is for (2026-10, Oct, Q3, this quarter).");
        }

        if (rest.Count == 0)
        {
            return new UsageRequest("target", "Name the KPI.");
        }

        return new TargetRequest(KpiText(rest), period.Value, value);
    }

    /// <summary>
    /// The other order people write a target in: the value, then the period, "for" between them
    /// or not ("target retention 92% for 2027", "target OTD 95% Q3"). After "for" a bare year is
    /// the fiscal year (a target for 2027 is FY2027's). Null when the words do not read that way.
    /// </summary>
    private static Request? ValueThenPeriod(List<CommandToken> tokens, GrammarContext context, bool requireFor)
    {
        for (var v = 1; v < tokens.Count - 1; v++)
        {
            if (tokens[v].Quoted || !CommandTokens.LooksLikeValue(tokens[v].Text))
            {
                continue;
            }

            var after = tokens.Skip(v + 1).ToList();
            var marked = !after[0].Quoted && after[0].Text.Equals("for", StringComparison.OrdinalIgnoreCase);
            if (marked)
            {
                after.RemoveAt(0);
            }
            else if (requireFor)
            {
                continue;
            }

            if (after.Count is 0 or > 3 || after.Exists(t => t.Quoted))
            {
                continue;
            }

            var period = context.ReadPeriod(CommandTokens.Join(after))
                ?? (marked && after.Count == 1 && FiscalYear(after[0].Text) is { } year ? year : null);
            if (period is not null)
            {
                return new TargetRequest(KpiText(tokens.Take(v)), period.Value, tokens[v].Text);
            }
        }

        return null;
    }

    private static Period? FiscalYear(string text) =>
        text.Length == 4 && int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var year) && year is >= Period.MinYear and <= Period.MaxYear
            ? Period.FiscalYear(year)
            : null;

    private static Request Actual(List<CommandToken> args, GrammarContext context)
    {
        var tokens = MergePercent(args);
        if (tokens.Count == 0)
        {
            return new UsageRequest("actual", "Name the KPI and the value.");
        }

        var splits = new List<(string Kpi, Period? Period, int ValueIndex)>();
        for (var i = 1; i < tokens.Count; i++)
        {
            if (tokens[i].Quoted || !CommandTokens.LooksLikeValue(tokens[i].Text))
            {
                continue;
            }

            // The year of "oct 2025" or "q1 2027" belongs to the period, not the value.
            if (tokens[i].Text.Length == 4 && !tokens[i - 1].Quoted && context.ReadPeriod($"{tokens[i - 1].Text} {tokens[i].Text}") is not null)
            {
                continue;
            }

            if (tokens[0].Quoted)
            {
                var between = tokens.Skip(1).Take(i - 1).ToList();
                var period = between.Count == 0 ? null : context.ReadPeriod(CommandTokens.Join(between));
                if (between.Count == 0 || period is not null)
                {
                    splits.Add((tokens[0].Text, period, i));
                }

                continue;
            }

            var (rest, p) = TrailingPeriod(tokens.Take(i).ToList(), context, keepOne: true);
            if (rest.Count > 0)
            {
                splits.Add((KpiText(rest), p, i));
            }
        }

        if (splits.Count == 0)
        {
            return new UsageRequest("actual", UnreadableValue(tokens, context) is { } bad
                ? $"\"{bad}\" is not a number. Type a value like 1,234.5, 1.2k, 95% or n/a."
                : "I could not find the value.");
        }

        var chosen = splits.FirstOrDefault(s => context.Snapshot.Matcher.Match(s.Kpi, SubjectKind.Kpi).Verdict == MatchVerdict.Found);
        if (chosen.Kpi is null)
        {
            chosen = splits[0];
        }

        var comment = chosen.ValueIndex + 1 < tokens.Count ? CommandTokens.Join(tokens.Skip(chosen.ValueIndex + 1)) : null;
        return new ActualRequest(chosen.Kpi, chosen.Period, tokens[chosen.ValueIndex].Text, comment);
    }

    /// <summary>
    /// With the KPI quoted, what follows it (after an optional period) is where the value should
    /// be: the word standing there is named back, so "actual "NPS" Oct abc" says what is wrong.
    /// </summary>
    private static string? UnreadableValue(List<CommandToken> tokens, GrammarContext context)
    {
        if (!tokens[0].Quoted || tokens.Count < 2)
        {
            return null;
        }

        var next = 1;
        for (var end = tokens.Count - 1; end >= 1; end--)
        {
            if (context.ReadPeriod(CommandTokens.Join(tokens.Skip(1).Take(end))) is not null)
            {
                next = end + 1;
                break;
            }
        }

        return next < tokens.Count ? tokens[next].Text : null;
    }

    private static Request NoData(List<CommandToken> args, GrammarContext context)
    {
        if (args.Count == 0)
        {
            return new UsageRequest("nodata", "Name the KPI and say why there is no data.");
        }

        if (args.Count == 1)
        {
            return new UsageRequest("nodata", "Say why there is no data.");
        }

        (string Kpi, Period? Period, string Reason, double Score)? best = null;
        var maxKpiWords = args[0].Quoted ? 1 : args.Count - 1;
        for (var k = 1; k <= maxKpiWords; k++)
        {
            var kpi = args[0].Quoted ? args[0].Text : KpiText(args.Take(k));
            var score = args[0].Quoted ? 1 : context.Snapshot.Matcher.Nearest(Matching.TextTokens.Words(kpi), SubjectKind.Kpi, 1) is [var top, ..] ? top.Score : 0;
            foreach (var periodLength in new[] { 2, 1, 0 })
            {
                if (k + periodLength >= args.Count)
                {
                    continue;
                }

                var period = periodLength == 0 ? null : context.ReadPeriod(CommandTokens.Join(args.Skip(k).Take(periodLength)));
                if (periodLength > 0 && period is null)
                {
                    continue;
                }

                var reason = CommandTokens.Join(args.Skip(k + periodLength));
                if (best is null || score > best.Value.Score + 1e-9)
                {
                    best = (kpi, period, reason, score);
                }

                break;
            }
        }

        return best is { } b ? new NoDataRequest(b.Kpi, b.Period, b.Reason) : new UsageRequest("nodata", "Say why there is no data.");
    }

    private static Request Action(List<CommandToken> args, GrammarContext context)
    {
        var sub = args.Count > 0 ? args[0].Text.ToLowerInvariant() : string.Empty;
        if (sub is "done" or "close" or "closed" or "complete")
        {
            if (args.Count == 2 && int.TryParse(args[1].Text.TrimStart('#'), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) && number > 0)
            {
                return new ActionDoneRequest(number);
            }

            return new UsageRequest("action", "Give the number of the action, e.g. action done 12.");
        }

        if (sub != "add")
        {
            return new UsageRequest("action", "Say add or done.");
        }

        var rest = args.Skip(1).ToList();
        var at = rest.FindIndex(t => t.Person is not null);
        var dueAt = rest.FindIndex(t => !t.Quoted && t.Text.Equals("due", StringComparison.OrdinalIgnoreCase));
        if (rest.Count == 0 || at == 0)
        {
            return new UsageRequest("action", "Say what is to be done, in quotes.");
        }

        if (at < 0)
        {
            return new UsageRequest("action", "Name the owner with @name or an e-mail address.");
        }

        if (dueAt < 0 || dueAt < at || dueAt == rest.Count - 1)
        {
            return new UsageRequest("action", "Give a due date after the owner: due 2026-12-15.");
        }

        var text = CommandTokens.Join(rest.Take(at));
        var owner = rest[at].Person!;
        if (owner.Kind == PersonTokenKind.Name && dueAt > at + 1)
        {
            owner = owner with { Value = owner.Value + " " + CommandTokens.Join(rest.Skip(at + 1).Take(dueAt - at - 1)) };
        }

        var dueText = CommandTokens.Join(rest.Skip(dueAt + 1));
        if (DueDates.Read(dueText, context.Today) is not { } due)
        {
            return new UsageRequest("action", $"\"{dueText}\" is not a date I know: use 2026-12-15, 15 Dec, friday or in 2 weeks.");
        }

        if (due < context.Today)
        {
            return new UsageRequest("action", $"The due date {due:yyyy-MM-dd} is in the past.");
        }

        return new ActionAddRequest(text, owner, due);
    }

    private static Request Window(List<CommandToken> args)
    {
        var sub = args.Count > 0 ? args[0].Text.ToLowerInvariant() : string.Empty;
        return sub switch
        {
            "open" => new WindowRequest(true, Rest(args.Skip(1).ToList())),
            "close" or "closed" => new WindowRequest(false, Rest(args.Skip(1).ToList())),
            _ => new UsageRequest("window", "Say open or close."),
        };
    }

    /// <summary>Splits off a period at the end of some words ("… last month", "… Oct", "… 2026-10").</summary>
    private static (List<CommandToken> Words, Period? Period) TrailingPeriod(List<CommandToken> tokens, GrammarContext context, bool keepOne)
    {
        var minimum = keepOne ? 1 : 0;
        foreach (var length in new[] { 2, 1 })
        {
            if (tokens.Count - length < minimum || tokens.Count < length)
            {
                continue;
            }

            var tail = tokens.Skip(tokens.Count - length).ToList();
            if (tail.Exists(t => t.Quoted))
            {
                continue;
            }

            if (context.ReadPeriod(CommandTokens.Join(tail)) is { } period)
            {
                return (tokens.Take(tokens.Count - length).ToList(), period);
            }
        }

        return (tokens, null);
    }

    /// <summary>"94.5 %" typed with a space is one value.</summary>
    private static List<CommandToken> MergePercent(List<CommandToken> args)
    {
        var merged = new List<CommandToken>(args.Count);
        foreach (var token in args)
        {
            if (!token.Quoted && token.Text == "%" && merged.Count > 0 && !merged[^1].Quoted)
            {
                merged[^1] = merged[^1] with { Text = merged[^1].Text + "%" };
                continue;
            }

            merged.Add(token);
        }

        return merged;
    }

    private static string KpiText(IEnumerable<CommandToken> tokens) => CommandTokens.Join(tokens).Trim();
}
