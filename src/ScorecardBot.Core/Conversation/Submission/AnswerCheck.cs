using System.Globalization;
using ScorecardBot.Core.Conversation.Answers;
using ScorecardBot.Core.Conversation.Grammar;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Scoring;
using ScorecardBot.Core.Values;
using ScorecardBot.Core.Periods;

namespace ScorecardBot.Core.Conversation.Submission;

/// <summary>The answers a prompt offers besides a number.</summary>
public enum QuickAnswer
{
    /// <summary>A value typed in the value field (or n/a).</summary>
    Value = 0,

    /// <summary>"No change": the last reported value again, marked as carried forward.</summary>
    NoChange = 1,

    /// <summary>"No data", with the reason in the comment.</summary>
    NoData = 2,

    /// <summary>"Data late", with the ETA: no reminders before it, a follow-up on that day.</summary>
    Late = 3,
}

/// <summary>One KPI's answer as read and checked against the KPI, its target and its history; nothing stored.</summary>
internal sealed record CheckedAnswer(Kpi Kpi, SubmittedActual Item)
{
    public QuickAnswer Answer { get; init; }
    public decimal? Value { get; init; }
    public bool NoData => Answer == QuickAnswer.NoData;

    /// <summary>The earlier actual a "No change" repeats.</summary>
    public Actual? RepeatedFrom { get; init; }

    public DateOnly? Eta { get; init; }
    public Target? Target { get; init; }
    public Status Status { get; init; }

    /// <summary>What is wrong with the value (or the choice); shown beside the value field.</summary>
    public string? ValueError { get; init; }

    /// <summary>What the comment lacks (a reason for no data; cause and countermeasure for red or amber).</summary>
    public string? CommentError { get; init; }

    public string? EtaError { get; init; }

    public bool HasError => ValueError is not null || CommentError is not null || EtaError is not null;

    public string? FirstError => ValueError ?? EtaError ?? CommentError;

    public ActualEntry Entry() => new(Kpi.Id, Item.Period, Value, NoData ? Item.Comment?.Trim() : null, NoData ? null : Item.Comment, Answer == QuickAnswer.NoChange);
}

/// <summary>
/// Reads a prompt's answer for one KPI: a number, n/a, "No change", "No data" or "Data late".
/// A red or amber value needs a comment with the cause and the countermeasure when a person
/// answers (card or command); a green one does not, nor does a value fed by a system or an import.
/// </summary>
internal static class AnswerCheck
{
    /// <summary>Words typed as the value that mean "No change".</summary>
    private static readonly string[] NoChangeWords = ["same", "no change", "unchanged", "as before"];

    public static QuickAnswer Read(string? choice) => choice?.Trim() switch
    {
        CardActions.Answers.NoChange => QuickAnswer.NoChange,
        CardActions.Answers.NoData => QuickAnswer.NoData,
        CardActions.Answers.Late => QuickAnswer.Late,
        _ => QuickAnswer.Value,
    };

    public static string Choice(QuickAnswer answer) => answer switch
    {
        QuickAnswer.NoChange => CardActions.Answers.NoChange,
        QuickAnswer.NoData => CardActions.Answers.NoData,
        QuickAnswer.Late => CardActions.Answers.Late,
        _ => CardActions.Answers.Value,
    };

    /// <summary>The latest earlier value of the KPI that counts (same kind of period, not waiting for approval): what "No change" repeats.</summary>
    public static Actual? LastValue(Kpi kpi, Period period) =>
        kpi.Actuals
            .Where(a => a.Period < period && a.Period.Kind == period.Kind && a.Value is not null && !a.PendingApproval)
            .OrderByDescending(a => a.Period).ThenByDescending(a => a.SubmittedAt)
            .FirstOrDefault();

    public static CheckedAnswer Check(OrganizationSnapshot snapshot, Kpi kpi, SubmittedActual item, SubmissionMode mode)
    {
        var answer = item.Answer;
        if (answer == QuickAnswer.Value && NoChangeWords.Contains(item.ValueText.Trim().ToLowerInvariant()))
        {
            answer = QuickAnswer.NoChange;
        }

        var target = kpi.Targets.FirstOrDefault(t => t.Period == item.Period);
        var result = new CheckedAnswer(kpi, item) { Answer = answer, Target = target };
        if (item.CommentOnly && ActualSubmission.FedNumber(kpi, item.Period) is { } fed)
        {
            // A KPI fed by the API: the number arrived from the system, the owner adds the comment.
            return Judged(snapshot, result with { Value = fed }, mode);
        }

        switch (answer)
        {
            case QuickAnswer.NoData:
                return result with { CommentError = string.IsNullOrWhiteSpace(item.Comment) ? "Say in the comment why there is no data." : null };
            case QuickAnswer.Late:
                return Late(snapshot, result, mode);
            case QuickAnswer.NoChange:
                if (LastValue(kpi, item.Period) is not { } last)
                {
                    return result with { ValueError = "There is no earlier value to repeat: type this period's value." };
                }

                return Judged(snapshot, result with { Value = last.Value, RepeatedFrom = last }, mode);
        }

        var reading = snapshot.Locale.Values.Parse(item.ValueText, kpi);
        if (reading.IsNoData)
        {
            return result with { Answer = QuickAnswer.NoData, CommentError = string.IsNullOrWhiteSpace(item.Comment) ? "Say in the comment why there is no data." : null };
        }

        if ((reading.Error ?? ActualRules.Problem(kpi, reading, item.Comment)) is { } error)
        {
            return result with { ValueError = error };
        }

        return Judged(snapshot, result with { Value = reading.Value }, mode);
    }

    /// <summary>The status the value gets, and whether its comment says enough for it.</summary>
    private static CheckedAnswer Judged(OrganizationSnapshot snapshot, CheckedAnswer answer, SubmissionMode mode)
    {
        var status = StatusRules.Assess(answer.Value, answer.Target, answer.Kpi.Direction).Status;
        var byPerson = mode.Via is EntrySource.Card or EntrySource.Command;
        string? commentError = null;
        if (byPerson && status is Status.Red or Status.Amber && string.IsNullOrWhiteSpace(answer.Item.Comment))
        {
            var target = Readings.Format(snapshot, answer.Target!.Value, answer.Kpi);
            commentError = $"{ValueText.Status(status)} against the target of {target}: say in the comment what caused it and what you will do about it.";
        }

        return answer with { Status = status, CommentError = commentError };
    }

    private static CheckedAnswer Late(OrganizationSnapshot snapshot, CheckedAnswer answer, SubmissionMode mode)
    {
        var kpi = answer.Kpi;
        var culture = snapshot.Locale.Culture;
        var today = snapshot.Locale.Calendar.DateOf(mode.At);
        if (kpi.Actuals.Exists(a => a.Period == answer.Item.Period))
        {
            return answer with { EtaError = $"{kpi.Name} already has an actual for {ValueText.Period(answer.Item.Period, culture)}: type the new value instead." };
        }

        var text = answer.Item.EtaText?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return answer with { EtaError = "Give the day the data will be ready, like 12 Nov or 2026-11-12." };
        }

        if (DueDates.Read(text, today) is not { } eta)
        {
            return answer with { EtaError = $"\"{text}\" is not a date I know: use 12 Nov, 2026-11-12, friday or in 2 weeks." };
        }

        if (eta < today)
        {
            return answer with { EtaError = $"The ETA {DayText.WithYear(eta, culture)} is in the past." };
        }

        if (eta > today.AddMonths(6))
        {
            return answer with { EtaError = "Give an ETA within the next six months." };
        }

        return answer with { Eta = eta };
    }

    /// <summary>The line a live preview shows under a KPI: the status the answer would get, or what is missing.</summary>
    public static (string Text, TextTone Tone)? Preview(OrganizationSnapshot snapshot, CheckedAnswer answer)
    {
        var culture = snapshot.Locale.Culture;
        var kpi = answer.Kpi;
        if (answer.Answer == QuickAnswer.Value && string.IsNullOrWhiteSpace(answer.Item.ValueText))
        {
            return null;
        }

        if ((answer.ValueError ?? answer.EtaError) is { } problem)
        {
            return ($"⚠ {problem}", TextTone.Warning);
        }

        switch (answer.Answer)
        {
            case QuickAnswer.NoData:
                return answer.CommentError is { } why ? ($"No data — {why}", TextTone.Warning) : ("No data — the comment says why.", TextTone.Subtle);
            case QuickAnswer.Late:
                return ($"Data late — I'll ask again on {DayText.WithWeekday(answer.Eta!.Value, culture)}.", TextTone.Subtle);
        }

        var shown = Readings.Format(snapshot, answer.Value, kpi);
        var repeated = answer.RepeatedFrom is { } from ? $"No change: {shown} as in {ValueText.Period(from.Period, culture)}" : shown;
        if (answer.Target is null)
        {
            return ($"{repeated} — no target for {ValueText.Period(answer.Item.Period, culture)}, so no status.", TextTone.Subtle);
        }

        var target = StatusLineText.Target(answer.Target, kpi, snapshot.Locale.Formatter);
        var line = $"Would be {ValueText.Status(answer.Status)}: {repeated} vs target {target}.";
        if (answer.CommentError is not null)
        {
            line += " Add the cause and your countermeasure in the comment.";
        }

        return (line, answer.Status switch { Status.Green => TextTone.Good, Status.Red => TextTone.Attention, Status.Amber => TextTone.Warning, _ => TextTone.Default });
    }
}
