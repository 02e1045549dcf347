using ScorecardBot.Core.Conversation.Answers;
using ScorecardBot.Core.Conversation.Grammar;
using ScorecardBot.Core.Conversation.Submission;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Conversation.Handlers;

/// <summary>
/// <c>actual</c>, <c>nodata</c> and the prompt card's Submit: all hand over to
/// <see cref="ActualSubmission"/>, so a card and a command are checked and stored the same way.
/// </summary>
internal static class ActualHandler
{
    public static async Task<TurnResult> ActualAsync(TurnContext context, ActualRequest request, CancellationToken cancellationToken)
    {
        var (kpi, reply) = Resolve.Kpi(context, request.KpiText, "actual");
        if (kpi is null)
        {
            return reply!;
        }

        var period = request.Period ?? ReportingPeriod.For(kpi, context.Snapshot, context.Now);
        return await SubmitAsync(context, [new SubmittedActual(kpi.Id, period, request.ValueText, request.Comment)], confirmed: false, cancellationToken);
    }

    public static async Task<TurnResult> NoDataAsync(TurnContext context, NoDataRequest request, CancellationToken cancellationToken)
    {
        var (kpi, reply) = Resolve.Kpi(context, request.KpiText, "nodata");
        if (kpi is null)
        {
            return reply!;
        }

        var period = request.Period ?? ReportingPeriod.For(kpi, context.Snapshot, context.Now);
        return await SubmitAsync(context, [new SubmittedActual(kpi.Id, period, "n/a", request.Reason)], confirmed: false, cancellationToken);
    }

    /// <summary>The Submit of a prompt card (one KPI or several) or the confirm button of "are you sure?".</summary>
    public static async Task<TurnResult> CardSubmitAsync(TurnContext context, CardAction action, CancellationToken cancellationToken)
    {
        var confirmed = string.Equals(action.Get(CardActions.Keys.Confirm), "true", StringComparison.OrdinalIgnoreCase);
        var items = new List<SubmittedActual>();
        var leftEmpty = new List<SubmittedActual>();
        if (action.Get(CardActions.Keys.Kpis) is { } list)
        {
            foreach (var part in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!Guid.TryParse(part, out var kpiId) || !Period.TryParse(action.Get(CardActions.PeriodKey(kpiId)), out var period))
                {
                    return Stale();
                }

                var value = action.Get(CardActions.ValueInput(kpiId));
                var comment = action.Get(CardActions.CommentInput(kpiId));
                if (string.IsNullOrWhiteSpace(value) && !string.IsNullOrWhiteSpace(comment) &&
                    context.Snapshot.FindKpi(kpiId) is { } fed && ActualSubmission.FedNumber(fed, period) is not null)
                {
                    // A KPI fed by the API: its card asks only for the comment on the number that arrived.
                    items.Add(new SubmittedActual(kpiId, period, string.Empty, comment) { CommentOnly = true });
                    continue;
                }

                if (string.IsNullOrWhiteSpace(value))
                {
                    // Left empty: reported later, not an error; kept on the card if it comes back.
                    leftEmpty.Add(new SubmittedActual(kpiId, period, string.Empty, action.Get(CardActions.CommentInput(kpiId))));
                    continue;
                }

                items.Add(new SubmittedActual(kpiId, period, value, action.Get(CardActions.CommentInput(kpiId))));
            }

            if (items.Count == 0)
            {
                return TurnResult.Of(Message.Text("Nothing to record: every value was empty.", ActualSubmission.InvalidKind));
            }
        }
        else
        {
            if (!Guid.TryParse(action.Get(CardActions.Keys.Kpi), out var kpiId) || !Period.TryParse(action.Get(CardActions.Keys.Period), out var period))
            {
                return Stale();
            }

            items.Add(new SubmittedActual(kpiId, period, action.Get(CardActions.Keys.Value) ?? string.Empty, action.Get(CardActions.Keys.Comment)));
        }

        return await SubmitAsync(context, items, confirmed, cancellationToken, leftEmpty);
    }

    /// <summary>"No, change it": the prompt card again.</summary>
    public static TurnResult ShowPrompt(TurnContext context, CardAction action)
    {
        if (!Guid.TryParse(action.Get(CardActions.Keys.Kpi), out var kpiId) || context.Snapshot.FindKpi(kpiId) is not { } kpi ||
            !Period.TryParse(action.Get(CardActions.Keys.Period), out var period))
        {
            return Stale();
        }

        return TurnResult.Of(PromptCards.For(context.Snapshot, [new PromptItem(kpi, period)]) with { ReplacesSource = true });
    }

    private static async Task<TurnResult> SubmitAsync(
        TurnContext context, IReadOnlyList<SubmittedActual> items, bool confirmed, CancellationToken cancellationToken, IReadOnlyList<SubmittedActual>? leftEmpty = null)
    {
        var mode = new SubmissionMode(context.Via, confirmed, FromCard: context.Turn.Action is not null, context.Now);
        var message = await context.Services.Submission.SubmitAsync(context.Snapshot, context.Person, items, mode, cancellationToken, leftEmpty);
        return TurnResult.Of(message);
    }

    private static TurnResult Stale() =>
        TurnResult.Of(Message.Text("This card is out of date. Type my to get your current KPIs.", ActualSubmission.InvalidKind));
}
