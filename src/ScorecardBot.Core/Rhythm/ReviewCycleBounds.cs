using System.Globalization;

namespace ScorecardBot.Core.Rhythm;

/// <summary>One numeric setting of a review cycle: its key (as the scorecard file and the <c>cycle</c> command write it) and the values it takes.</summary>
/// <param name="Unit">What the number counts, in words ("business days before the meeting").</param>
public sealed record CycleBound(string Key, int Min, int Max, string Unit)
{
    /// <summary>The value <paramref name="text"/> gives, when it is a whole number within the bounds.</summary>
    public int? Read(string text) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && Allows(value) ? value : null;

    public bool Allows(int value) => value >= Min && value <= Max;

    /// <summary>Why <paramref name="given"/> is refused, in the same words wherever it was given.</summary>
    public string Problem(string given) => string.Create(CultureInfo.InvariantCulture, $"'{Key}' takes a whole number of {Unit} from {Min} to {Max}, not '{given}'");
}

/// <summary>
/// The values a review cycle's settings take: one table, read by the scorecard file's reader and by
/// the <c>cycle</c> command, so a cycle one of them accepts the other accepts too (and an exported
/// file imports again). Whether the settings then fit the months is <see cref="ReviewCycleFit"/>'s
/// question; these bounds only keep out what can never make sense (an escalation on the due date
/// itself, a due date with no business day after a 20-day window).
/// </summary>
public static class ReviewCycleBounds
{
    public static readonly CycleBound Minutes = new("minutes", 15, 480, "minutes (the meeting's length)");

    public static readonly CycleBound WindowOpens = new("window_opens", 1, 20, "business days before the meeting");

    public static readonly CycleBound Due = new("due", 0, 19, "business days before the meeting");

    /// <summary>Each of the reminders.</summary>
    public static readonly CycleBound Reminder = new("reminders", 1, 20, "business days after the window opens (each reminder)");

    public static readonly CycleBound EscalateAfter = new("escalate_after", 1, 10, "business days after the due date");

    public static readonly CycleBound DigestBefore = new("digest_before", 0, 10, "business days before the meeting");

    /// <summary>When the presenters' pre-read goes out (never on or before the due day: <see cref="ReviewRhythm.PreReadDay"/>).</summary>
    public static readonly CycleBound PreRead = new("pre_read", 1, 20, "business days before the meeting (the presenters' pre-read)");

    public static IReadOnlyList<CycleBound> All { get; } = [Minutes, WindowOpens, Due, Reminder, EscalateAfter, DigestBefore, PreRead];
}
