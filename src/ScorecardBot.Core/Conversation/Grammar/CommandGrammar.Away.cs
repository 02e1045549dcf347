namespace ScorecardBot.Core.Conversation.Grammar;

/// <summary><c>ooo</c>: list one's absences (<see cref="Dates"/> null), end them (<see cref="Cancel"/>), or set one from a day to a day with an optional delegate.</summary>
internal sealed record AwayRequest(DateOnly? From, DateOnly? To, PersonToken? Delegate, bool Cancel = false) : Request
{
    public bool Lists => !Cancel && From is null;
}

internal static partial class CommandGrammar
{
    private static readonly string[] RangeWords = ["to", "until", "till", "-", "–", "through"];

    /// <summary>
    /// "ooo 16 Nov 20 Nov delegate @Ben", "ooo 2026-11-16 to 2026-11-20", "ooo until friday",
    /// "ooo tomorrow", "ooo cancel", "ooo".
    /// </summary>
    private static Request Away(List<CommandToken> args, GrammarContext context)
    {
        if (args.Count == 0)
        {
            return new AwayRequest(null, null, null);
        }

        if (args.Count == 1 && args[0].Text.ToLowerInvariant() is "cancel" or "off" or "back" or "end" or "stop")
        {
            return new AwayRequest(null, null, null, Cancel: true);
        }

        PersonToken? stand = null;
        var dates = args;
        var at = args.FindIndex(t => !t.Quoted && t.Text.Equals("delegate", StringComparison.OrdinalIgnoreCase));
        if (at >= 0)
        {
            if (at + 1 >= args.Count || args[at + 1].Person is null)
            {
                return new UsageRequest("ooo", "Name the delegate with @name or an e-mail address after \"delegate\".");
            }

            stand = args[at + 1].Person!;
            if (stand.Kind == PersonTokenKind.Name && at + 2 < args.Count)
            {
                stand = stand with { Value = stand.Value + " " + CommandTokens.Join(args.Skip(at + 2)) };
            }
            else if (at + 2 < args.Count)
            {
                return new UsageRequest("ooo", $"I did not understand \"{CommandTokens.Join(args.Skip(at + 2))}\" after the delegate.");
            }

            dates = [.. args.Take(at)];
        }

        if (dates.Count == 0)
        {
            return new UsageRequest("ooo", "Say from which day to which day you are away.");
        }

        var today = context.Today;
        if (ReadRange(dates, today) is not var (from, to))
        {
            return new UsageRequest("ooo", $"\"{CommandTokens.Join(dates)}\" are not two dates I know: use 2026-11-16 2026-11-20, 16 Nov to 20 Nov, or until friday.");
        }

        if (to < from)
        {
            return new UsageRequest("ooo", $"The last day ({to:yyyy-MM-dd}) is before the first ({from:yyyy-MM-dd}).");
        }

        if (to < today)
        {
            return new UsageRequest("ooo", $"That absence ended on {to:yyyy-MM-dd}, before today.");
        }

        return new AwayRequest(from, to, stand);
    }

    /// <summary>Two dates with "to"/"until" between them, or split where both halves read as dates; one date is a single day.</summary>
    private static (DateOnly From, DateOnly To)? ReadRange(List<CommandToken> tokens, DateOnly today)
    {
        var words = tokens.Select(t => t.Text).ToList();
        if (words.Count > 1 && words[0].ToLowerInvariant() is "until" or "till" or "to" && DueDates.Read(string.Join(' ', words.Skip(1)), today) is { } end)
        {
            return (today, end);
        }

        var middle = words.FindIndex(w => RangeWords.Contains(w.ToLowerInvariant()));
        if (middle > 0 && middle < words.Count - 1)
        {
            var from = DueDates.Read(string.Join(' ', words.Take(middle)), today);
            var to = from is { } f ? EndOf(string.Join(' ', words.Skip(middle + 1)), f, today) : null;
            return from is { } a && to is { } b ? (a, b) : null;
        }

        for (var split = 1; split < words.Count; split++)
        {
            if (DueDates.Read(string.Join(' ', words.Take(split)), today) is { } from &&
                EndOf(string.Join(' ', words.Skip(split)), from, today) is { } to)
            {
                return (from, to);
            }
        }

        return DueDates.Read(string.Join(' ', words), today) is { } day ? (day, day) : null;
    }

    /// <summary>
    /// The last day: as read from today, unless that falls before the first day and reading it from
    /// the first day gives a day within a month of it ("monday friday", "28 Dec 3 Jan"). So
    /// "20 Nov 16 Nov" stays a mistake to point out, not an absence of a year.
    /// </summary>
    private static DateOnly? EndOf(string text, DateOnly from, DateOnly today)
    {
        var end = DueDates.Read(text, today);
        if (end is { } e && e < from && DueDates.Read(text, from) is { } later && later.DayNumber - from.DayNumber <= 31)
        {
            return later;
        }

        return end;
    }
}
