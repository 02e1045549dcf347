using ScorecardBot.Core.Conversation.Grammar;
using ScorecardBot.Core.Conversation.Submission;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Review;
using ScorecardBot.Core.Periods;

namespace ScorecardBot.Core.Conversation.Handlers;

/// <summary>
/// The presenter's pre-read card sent back: every KPI needs a cause, a countermeasure and a day
/// by when (today or later); a countermeasure owner must be an active member. Anything wrong
/// brings the same card back with what was typed and the reason beside each field; else the
/// answers are stored (audited) and shown in the agenda under their KPI.
/// </summary>
internal static class PreReadHandler
{
    public const string Kind = "preread";

    public static async Task<TurnResult> SubmitAsync(TurnContext context, CardAction action, CancellationToken cancellationToken)
    {
        var snapshot = context.Snapshot;
        if (!Guid.TryParse(action.Get(CardActions.Keys.Id), out var scorecardId) || snapshot.FindScorecard(scorecardId) is not { } scorecard
            || !Period.TryParse(action.Get(CardActions.Keys.Period) ?? string.Empty, out var period))
        {
            return TurnResult.Of(Message.Text("This pre-read card is out of date: its scorecard or review is no longer there.", ActualSubmission.InvalidKind));
        }

        var listed = (action.Get(CardActions.Keys.Kpis) ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(id => Guid.TryParse(id, out var kpiId) ? snapshot.FindKpi(kpiId) : null)
            .Where(k => k is not null && k.ScorecardId == scorecard.Id)
            .Select(k => k!)
            .Distinct()
            .ToList();
        if (listed.Count == 0)
        {
            return TurnResult.Of(Message.Text("This pre-read card is out of date: none of its KPIs is on the scorecard any more.", ActualSubmission.InvalidKind));
        }

        var today = context.Grammar.Today;
        var typed = new Dictionary<Guid, PreReadTyped>();
        var entries = new List<PreReadEntry>();
        foreach (var kpi in listed)
        {
            string? Input(string field) => action.Get(PreReadBuilder.InputId(field, kpi.Id))?.Trim();
            var t = new PreReadTyped(Input(PreReadBuilder.Fields.Cause), Input(PreReadBuilder.Fields.What), Input(PreReadBuilder.Fields.Who), Input(PreReadBuilder.Fields.Due), Input(PreReadBuilder.Fields.Need));
            var due = string.IsNullOrEmpty(t.Due) ? null : DueDates.Read(t.Due, today);
            Guid? who = Guid.TryParse(t.Who, out var whoId) && whoId != Guid.Empty ? whoId : null;
            t = t with
            {
                CauseError = string.IsNullOrEmpty(t.Cause) ? $"Give the cause: what is behind {kpi.Name}'s number." : null,
                WhatError = string.IsNullOrEmpty(t.What) ? "Give the countermeasure: what will be done about it." : null,
                DueError = string.IsNullOrEmpty(t.Due) ? "Give the day by when, like 20 Nov or 2026-11-20."
                    : due is null ? $"\"{t.Due}\" is not a date I know: use 20 Nov or 2026-11-20."
                    : due < today ? $"{DayText.WithYear(due.Value, context.Culture)} is in the past: give today or a later day."
                    : null,
                WhoError = who is { } w && snapshot.FindPerson(w) is not { IsActive: true } ? "That person is not an active member here; choose someone else." : null,
            };
            typed[kpi.Id] = t;
            var need = Enum.TryParse<PreReadNeed>(t.Need, ignoreCase: true, out var n) && Enum.IsDefined(n) ? n : PreReadNeed.Nothing;
            if (!t.HasError)
            {
                entries.Add(new PreReadEntry(kpi.Id, PeriodOf(snapshot, kpi, period), t.Cause!, t.What!, who ?? context.Person.Id, due!.Value, need));
            }
        }

        if (typed.Values.Any(t => t.HasError))
        {
            var first = typed.Values.First(t => t.HasError);
            var problem = "Please check: " + (first.CauseError ?? first.WhatError ?? first.WhoError ?? first.DueError);
            return TurnResult.Of(Card(context, scorecard, period, listed, typed, problem) with { ReplacesSource = true });
        }

        var result = await context.Services.Commands.SavePreReadsAsync(context.Change, entries, cancellationToken);
        if (!result.Succeeded)
        {
            return Replies.Refused(result.Message ?? "That change is not allowed.");
        }

        var names = string.Join(", ", listed.Select(k => k.Name));
        var text = result.Status == CommandStatus.Unchanged
            ? $"Your pre-read for {names} was already in, unchanged."
            : $"Thanks: your pre-read for {names} is in the agenda of the {snapshot.Locale.Calendar.Label(period, context.Culture)} review of {scorecard.Name}.";
        return TurnResult.Of(Message.Text(text, Kind) with { ReplacesSource = true });
    }

    /// <summary>The card for the KPIs listed, with what was typed; also what the rhythm sends first (without typing).</summary>
    private static Message Card(TurnContext context, Scorecard scorecard, Period period, IReadOnlyList<Kpi> listed, IReadOnlyDictionary<Guid, PreReadTyped> typed, string problem)
    {
        var snapshot = context.Snapshot;
        var calendar = snapshot.Locale.Calendar;
        var snapshots = ReviewText.Snapshots(scorecard, period, calendar);
        var selected = PreReadSelection.For(scorecard, snapshots, calendar).ToDictionary(i => i.Kpi.Id);
        var items = listed.Select(k => selected.GetValueOrDefault(k.Id) ?? Fallback(k, snapshots)).OfType<PreReadItem>().ToList();
        var schedule = Rhythm.PeriodLock.ReviewOf(snapshot.Organization, scorecard, period, snapshot.Holidays);
        var builder = new PreReadBuilder(calendar, snapshot.Locale.Formatter, context.Culture);
        return builder.Build(context.Person, scorecard, period, items, snapshot.People, schedule?.AgendaAt ?? context.Grammar.Now, typed: typed, problem: problem);
    }

    /// <summary>A KPI on the card the rule no longer picks (its value was corrected since): still shown, by its status.</summary>
    private static PreReadItem? Fallback(Kpi kpi, IReadOnlyList<Scoring.KpiSnapshot> snapshots) =>
        snapshots.FirstOrDefault(s => s.KpiId == kpi.Id) is { } s
            ? new PreReadItem(kpi, s, s.Status == Status.Red ? PreReadReason.Red : s.Status == Status.Amber ? PreReadReason.AmberWorsening : PreReadReason.LikelyToMiss)
            : null;

    /// <summary>The KPI's own period in the review: the month, or the quarter of a quarterly KPI.</summary>
    private static Period PeriodOf(OrganizationSnapshot snapshot, Kpi kpi, Period reviewed) =>
        kpi.Frequency == Frequency.Quarterly && reviewed.Kind == PeriodKind.Month ? snapshot.Locale.Calendar.QuarterOf(reviewed) : reviewed;
}
