using System.Globalization;
using System.Text.RegularExpressions;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Rhythm;

namespace ScorecardBot.Core.Conversation.Grammar;

/// <summary>
/// <c>cycle [quarterly] [scorecard] "2nd Tuesday 10:00" [minutes 90] [window_opens 6] [due 2]
/// [reminders 2,3] [escalate_after 1] [digest_before 1] [send_time 07:30] [pre_read 2]</c>: the meeting's rule
/// and the keys of the scorecard file's <c>review:</c> (with or without a colon; "window", "escalate",
/// "digest", "send" and "preread" for short).
/// </summary>
internal static partial class CycleGrammar
{
    public const string Command = "cycle";

    private const string Options = "minutes, window_opens, due, reminders, escalate_after, digest_before, send_time, pre_read";

    [GeneratedRegex(@"(?:\bmeeting\s*:?\s*)?""?\b(?<week>1st|2nd|3rd|4th|last)\s+(?<day>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s+(?<time>\d{1,2}:\d{2})\b""?", RegexOptions.IgnoreCase)]
    private static partial Regex MeetingPattern();

    [GeneratedRegex(@"^\s*,?\s*(?<key>[a-z_]+)\s*[:=]?\s*(?<value>\[[^\]]*\]|""[^""]*""|\d{1,2}:\d{2}\b|\d+(?:\s*,\s*\d+)*|\S+)\s*", RegexOptions.IgnoreCase)]
    private static partial Regex Option();

    public static Request Parse(List<CommandToken> args)
    {
        var text = string.Join(' ', args.Select(t => t.Text)).Trim();
        var kind = ReviewKind.Monthly;
        foreach (var (word, k) in new[] { ("quarterly", ReviewKind.Quarterly), ("monthly", ReviewKind.Monthly) })
        {
            if (text.StartsWith(word + " ", StringComparison.OrdinalIgnoreCase))
            {
                kind = k;
                text = text[word.Length..].Trim();
            }
        }

        var meeting = MeetingPattern().Match(text);
        if (!meeting.Success)
        {
            return new UsageRequest(Command, "Give the meeting like \"2nd Tuesday 10:00\" or \"last Friday 14:30\" (1st–4th or last, a weekday, a time).");
        }

        if (!MeetingRule.TryParseTime(meeting.Groups["time"].Value, out var time))
        {
            return new UsageRequest(Command, $"'{meeting.Groups["time"].Value}' is not a time of day; write it like 10:00 or 14:30.");
        }

        var week = MeetingRule.WeekOf(meeting.Groups["week"].Value) ?? -1;
        var day = Enum.Parse<DayOfWeek>(meeting.Groups["day"].Value, ignoreCase: true);
        var settings = new CycleSettings(week, day, time);
        var scorecard = text[..meeting.Index].Trim().Trim('"').Trim();
        var rest = text[(meeting.Index + meeting.Length)..];
        while (rest.Trim().Length > 0)
        {
            var option = Option().Match(rest);
            if (!option.Success)
            {
                return new UsageRequest(Command, $"I don't understand '{rest.Trim()}'. After the meeting come the review's settings: {Options}.");
            }

            var key = option.Groups["key"].Value.ToLowerInvariant();
            var value = option.Groups["value"].Value.Trim('"');
            var (next, problem) = Apply(settings, key, value);
            if (problem is not null)
            {
                return new UsageRequest(Command, problem);
            }

            settings = next!;
            rest = rest[option.Length..];
        }

        return new CycleRequest(scorecard.Length == 0 ? null : scorecard, kind, settings);
    }

    private static (CycleSettings? Settings, string? Problem) Apply(CycleSettings settings, string key, string value)
    {
        // The bounds are the scorecard file's (one table, ReviewCycleBounds): what one accepts, the other does.
        (CycleSettings? Settings, string? Problem) Bounded(CycleBound bound, Func<int, CycleSettings> apply) =>
            bound.Read(value) is { } n ? (apply(n), null) : (null, bound.Problem(value) + ".");
        switch (key)
        {
            case "minutes":
                return Bounded(ReviewCycleBounds.Minutes, n => settings with { Minutes = n });
            case "window_opens" or "window":
                return Bounded(ReviewCycleBounds.WindowOpens, n => settings with { WindowOpens = n });
            case "due":
                return Bounded(ReviewCycleBounds.Due, n => settings with { Due = n });
            case "escalate_after" or "escalate":
                return Bounded(ReviewCycleBounds.EscalateAfter, n => settings with { EscalateAfter = n });
            case "digest_before" or "digest":
                return Bounded(ReviewCycleBounds.DigestBefore, n => settings with { DigestBefore = n });
            case "pre_read" or "preread":
                return Bounded(ReviewCycleBounds.PreRead, n => settings with { PreRead = n });
            case "send_time" or "send":
                return MeetingRule.TryParseTime(value, out var send)
                    ? (settings with { SendTime = send }, null)
                    : (null, $"send_time takes a time of day like 07:30, not '{value}'.");
            case "reminders":
                var days = new List<int>();
                foreach (var part in value.Trim('[', ']').Split([',', ' '], StringSplitOptions.RemoveEmptyEntries))
                {
                    if (ReviewCycleBounds.Reminder.Read(part) is not { } d)
                    {
                        return (null, ReviewCycleBounds.Reminder.Problem(part) + "; write them like 2,3.");
                    }

                    days.Add(d);
                }

                return (settings with { Reminders = days }, null);
            default:
                return (null, $"'{key}' is not a setting of a review; use {Options}.");
        }
    }
}
