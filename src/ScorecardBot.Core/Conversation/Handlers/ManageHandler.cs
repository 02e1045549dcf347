using System.Globalization;
using ScorecardBot.Core.Conversation.Answers;
using ScorecardBot.Core.Conversation.Grammar;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Rhythm;
using ScorecardBot.Core.Periods;

namespace ScorecardBot.Core.Conversation.Handlers;

/// <summary>The scorecard manager's commands: <c>target</c>, <c>window</c>, <c>cycle</c>, <c>action add|done</c>, and the new year's targets card.</summary>
internal static class ManageHandler
{
    public static async Task<TurnResult> TargetAsync(TurnContext context, TargetRequest request, CancellationToken cancellationToken)
    {
        var (kpi, reply) = Resolve.Kpi(context, request.KpiText, "target");
        if (kpi is null)
        {
            return reply!;
        }

        var scorecard = context.Snapshot.ScorecardOf(kpi);
        var refusal = ScorecardPermissions.RequireManager(context.Person, scorecard, "set targets", context.AskName(scorecard));
        if (refusal is not null)
        {
            return Replies.Refused(refusal);
        }

        var reading = context.Snapshot.Locale.Values.Parse(request.ValueText, kpi);
        if (!reading.IsValue)
        {
            return Replies.Usage("target", reading.Error ?? "A target needs a number.");
        }

        // A quarter or year for a monthly KPI sets the target of each of its months.
        var calendar = context.Snapshot.Locale.Calendar;
        var periods = kpi.Frequency == Frequency.Monthly && request.Period.Kind != PeriodKind.Month
            ? calendar.MonthsIn(request.Period).ToList()
            : kpi.Frequency == Frequency.Quarterly && request.Period.Kind == PeriodKind.Month
                ? [calendar.QuarterOf(request.Period)]
                : [request.Period];
        var changed = 0;
        foreach (var period in periods)
        {
            var result = await context.Services.Commands.SetTargetAsync(context.Change, kpi.Id, period, reading.Value!.Value, cancellationToken);
            if (!result.Succeeded)
            {
                return TurnResult.Of(Message.Text(result.Message ?? "That did not work.", Replies.RefusedKind));
            }

            changed += result.Status == CommandStatus.Done ? 1 : 0;
        }

        var value = Readings.Format(context.Snapshot, reading.Value, kpi);
        var when = periods.Count == 1
            ? ValueText.Period(periods[0], context.Culture)
            : $"{ValueText.Period(periods[0], context.Culture)} to {ValueText.Period(periods[^1], context.Culture)}";
        var text = changed == 0
            ? $"The target of {kpi.Name} for {when} was already {value}."
            : $"Target of {kpi.Name} for {when} set to {value}.";
        return TurnResult.Of(Message.Text(text, "target"));
    }

    /// <summary>"Carry last year's targets forward" on the new fiscal year's targets card.</summary>
    public static async Task<TurnResult> CarryTargetsAsync(TurnContext context, CardAction action, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(action.Get(CardActions.Keys.Id), out var scorecardId) || context.Snapshot.FindScorecard(scorecardId) is not { } scorecard
            || !Period.TryParse(action.Get(CardActions.Keys.Period), out var year) || year.Kind != PeriodKind.Year)
        {
            return TurnResult.Of(Message.Text("This card is out of date: its scorecard or fiscal year is gone. Set targets with the target command.", Replies.RefusedKind));
        }

        var refusal = ScorecardPermissions.RequireManager(context.Person, scorecard, "set targets", context.AskName(scorecard));
        if (refusal is not null)
        {
            return Replies.Refused(refusal);
        }

        var (result, kpis) = await context.Services.Commands.CarryTargetsForwardAsync(context.Change, scorecard.Id, year, cancellationToken);
        if (!result.Succeeded)
        {
            return TurnResult.Of(Message.Text(result.Message ?? "That did not work.", Replies.RefusedKind));
        }

        var text = kpis.Count == 0
            ? $"Nothing to carry forward: every KPI of {scorecard.Name} that lacks a {year} target has no {year.Previous} target either, or has its {year} targets already."
            : $"{year.Previous}'s targets carried forward to {year} for {kpis.Count} KPI{(kpis.Count == 1 ? "" : "s")} of {scorecard.Name}: {string.Join(", ", kpis)}.";
        return TurnResult.Of(Message.Text(text, "target"));
    }

    /// <summary>
    /// <c>cycle</c>: changes the scorecard's review cycle. A cycle that cannot fit one of the next
    /// months (weekends and holidays included) is refused with the moment that does not fit, in
    /// the words the import uses.
    /// </summary>
    public static async Task<TurnResult> CycleAsync(TurnContext context, CycleRequest request, CancellationToken cancellationToken)
    {
        var (scorecard, reply) = Resolve.Scorecard(context, request.ScorecardText, "cycle");
        if (scorecard is null)
        {
            return reply!;
        }

        var refusal = ScorecardPermissions.RequireManager(context.Person, scorecard, "change the review cycle", context.AskName(scorecard));
        if (refusal is not null)
        {
            return Replies.Refused(refusal);
        }

        var current = scorecard.ReviewCycles.FirstOrDefault(c => c.Kind == request.Kind);
        var cycle = request.Settings.ApplyTo(current, scorecard.Id, request.Kind);
        var review = request.Kind == ReviewKind.Quarterly ? "quarterly review" : "review";
        if (cycle.WindowOpensBusinessDaysBefore <= cycle.DueBusinessDaysBefore)
        {
            return Replies.Usage("cycle", $"The window opens {cycle.WindowOpensBusinessDaysBefore} business days before the meeting and the due date is {cycle.DueBusinessDaysBefore}: the window must open before the due date (window_opens above due).");
        }

        var calendar = ReviewCalendar.For(context.Snapshot.Organization, cycle, context.Snapshot.Holidays);
        var month = calendar.Fiscal.MonthOf(context.Turn.At);
        var count = request.Kind == ReviewKind.Quarterly ? MonthsChecked / 3 : MonthsChecked;
        if (ReviewCycleFit.Check(calendar, month, count) is [var first, ..] misfits)
        {
            var more = misfits.Count > 1 ? $" ({misfits.Count - 1} more review(s) in the next {MonthsChecked} months do not fit either)" : "";
            return TurnResult.Of(Message.Text(
                $"The {review} of '{scorecard.Key}' does not fit its month: {first.Message}{more} Hold the meeting later in the month, or open the window, set the due date and the digest closer to it. Nothing was changed.",
                Replies.RefusedKind));
        }

        var result = await context.Services.Commands.SetReviewCycleAsync(context.Change, scorecard.Id, cycle, cancellationToken);
        if (!result.Succeeded)
        {
            return TurnResult.Of(Message.Text(result.Message ?? "That did not work.", Replies.RefusedKind));
        }

        var described = CycleSettings.Describe(cycle);
        if (result.Status == CommandStatus.Unchanged)
        {
            return TurnResult.Of(Message.Text($"The {review} of {scorecard.Name} already is {described}.", "cycle"));
        }

        var next = calendar.UpcomingReviews(context.Turn.At).First();
        var meeting = DayText.MomentWithYear(TimeZoneInfo.ConvertTime(next.MeetingAt, calendar.Fiscal.TimeZone), context.Culture);
        var tight = ReviewCycleFit.Tight(calendar, month, count);
        var warning = tight.Count == 0 ? "" : $" Tight in {string.Join(", ", tight.Take(3).Select(p => calendar.Fiscal.Label(p, CultureInfo.InvariantCulture)))}{(tight.Count > 3 ? " and more" : "")}: the window opens late or a reminder falls on the due date there.";
        return TurnResult.Of(Message.Text($"The {review} of {scorecard.Name} is now {described}. Next meeting: {meeting}.{warning}", "cycle"));
    }

    /// <summary>How far ahead a new cycle must fit, as at import.</summary>
    private const int MonthsChecked = 24;

    public static async Task<TurnResult> WindowAsync(TurnContext context, WindowRequest request, CancellationToken cancellationToken)
    {
        var (scorecard, reply) = Resolve.Scorecard(context, request.ScorecardText, request.Open ? "window open" : "window close");
        if (scorecard is null)
        {
            return reply!;
        }

        var refusal = ScorecardPermissions.RequireManager(context.Person, scorecard, "open or close the collection window", context.AskName(scorecard));
        if (refusal is not null)
        {
            return Replies.Refused(refusal);
        }

        var result = await context.Services.Commands.SetWindowAsync(context.Change, scorecard.Id, request.Open, cancellationToken);
        if (!result.Succeeded)
        {
            return TurnResult.Of(Message.Text(result.Message ?? "That did not work.", Replies.RefusedKind));
        }

        var state = request.Open ? "open" : "closed";
        return TurnResult.Of(Message.Text(
            result.Status == CommandStatus.Unchanged
                ? $"The collection window of {scorecard.Name} was already {state}."
                : $"The collection window of {scorecard.Name} is now {state}" + (request.Open ? "; owners can report their actuals." : "; late values need a scorecard manager."),
            "window"));
    }

    public static async Task<TurnResult> AddActionAsync(TurnContext context, ActionAddRequest request, CancellationToken cancellationToken)
    {
        var (scorecard, reply) = Resolve.Scorecard(context, null, "action add");
        if (scorecard is null)
        {
            return reply!;
        }

        var refusal = ScorecardPermissions.RequireManager(context.Person, scorecard, "add review actions", context.AskName(scorecard));
        if (refusal is not null)
        {
            return Replies.Refused(refusal);
        }

        var (owner, notFound) = Resolve.Person(context, request.Owner);
        if (owner is null)
        {
            return notFound!;
        }

        var (result, action) = await context.Services.Commands.AddActionAsync(context.Change, scorecard.Id, request.Text, owner.Id, request.Due, null, cancellationToken);
        if (action is null)
        {
            return TurnResult.Of(Message.Text(result.Message ?? "That did not work.", Replies.RefusedKind));
        }

        var summary = $"Action {action.Number} added to {scorecard.Name}: \"{action.Text}\" — {owner.Name}, due {action.Due:yyyy-MM-dd}.";
        return TurnResult.Of(new Message(
            [
                new Paragraph([new Run($"Action {action.Number}: ", Bold: true), new Run(action.Text + " — "), Review.Mentions.Of(owner), new Run($", due {action.Due:yyyy-MM-dd}.")]),
                new ActionBar([new MessageAction(CardActions.CompleteAction, "Mark done") { Data = new Dictionary<string, string> { [CardActions.Keys.Action] = action.Number.ToString(System.Globalization.CultureInfo.InvariantCulture) } }]),
            ],
            summary)
        { Kind = "action" });
    }

    public static async Task<TurnResult> CompleteActionAsync(TurnContext context, int number, CancellationToken cancellationToken)
    {
        var action = context.Snapshot.Actions.FirstOrDefault(a => a.Number == number);
        if (action is null)
        {
            return TurnResult.Of(Message.Text($"There is no action {number}.", Replies.NotFoundKind));
        }

        var scorecard = context.Snapshot.FindScorecard(action.ScorecardId);
        var refusal = scorecard is null ? "That action belongs to no scorecard here." : ScorecardPermissions.RequireActionCloser(context.Person, scorecard, action, context.AskName(scorecard));
        if (refusal is not null)
        {
            return Replies.Refused(refusal);
        }

        var (result, _) = await context.Services.Commands.CompleteActionAsync(context.Change, number, cancellationToken);
        return result.Status switch
        {
            CommandStatus.Done => TurnResult.Of(Message.Text($"Action {number} is done: \"{action.Text}\".", "action") with { ReplacesSource = context.Turn.Action is not null }),
            CommandStatus.Unchanged => TurnResult.Of(Message.Text($"Action {number} was already done.", "action")),
            _ => TurnResult.Of(Message.Text(result.Message ?? "That did not work.", Replies.RefusedKind)),
        };
    }
}
