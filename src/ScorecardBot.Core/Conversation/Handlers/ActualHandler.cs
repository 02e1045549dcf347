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
        if (Answers(action, context.Snapshot) is not { } all)
        {
            return Stale();
        }

        // A KPI left on "a value" with an empty field is reported later, not an error; it stays on the card if it comes back.
        var items = all.Where(a => a.Answer != QuickAnswer.Value || a.CommentOnly || !string.IsNullOrWhiteSpace(a.ValueText)).ToList();
        var leftEmpty = all.Except(items).ToList();
        if (items.Count == 0)
        {
            return all.Count == 1
                ? await SubmitAsync(context, all, confirmed, cancellationToken)
                : TurnResult.Of(Message.Text("Nothing to record: every value was empty.", ActualSubmission.InvalidKind));
        }

        return await SubmitAsync(context, items, confirmed, cancellationToken, leftEmpty);
    }

    /// <summary>"Check status": the same card with the status each typed value would get; nothing stored.</summary>
    public static TurnResult Preview(TurnContext context, CardAction action)
    {
        if (Answers(action, context.Snapshot) is not { } all)
        {
            return Stale();
        }

        var mode = new SubmissionMode(EntrySource.Card, Confirmed: false, FromCard: true, context.Now);
        return TurnResult.Of(ActualSubmission.Preview(context.Snapshot, all, mode));
    }

    /// <summary>Every KPI of a prompt card with what was typed for it; null when the card's data is not one of ours.</summary>
    private static List<SubmittedActual>? Answers(CardAction action, OrganizationSnapshot snapshot)
    {
        var result = new List<SubmittedActual>();
        if (action.Get(CardActions.Keys.Kpis) is { } list)
        {
            foreach (var part in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!Guid.TryParse(part, out var kpiId) || !Period.TryParse(action.Get(CardActions.PeriodKey(kpiId)), out var period))
                {
                    return null;
                }

                var value = action.Get(CardActions.ValueInput(kpiId)) ?? string.Empty;
                var comment = action.Get(CardActions.CommentInput(kpiId));
                var answer = AnswerCheck.Read(action.Get(CardActions.AnswerInput(kpiId)));
                result.Add(new SubmittedActual(kpiId, period, value, comment, answer, action.Get(CardActions.EtaInput(kpiId)))
                {
                    // A KPI fed by the API: its card asks only for the comment on the number that arrived.
                    CommentOnly = answer == QuickAnswer.Value && string.IsNullOrWhiteSpace(value) && !string.IsNullOrWhiteSpace(comment) &&
                        snapshot.FindKpi(kpiId) is { } fed && ActualSubmission.FedNumber(fed, period) is not null,
                });
            }

            return result.Count == 0 ? null : result;
        }

        if (!Guid.TryParse(action.Get(CardActions.Keys.Kpi), out var id) || !Period.TryParse(action.Get(CardActions.Keys.Period), out var single))
        {
            return null;
        }

        result.Add(new SubmittedActual(
            id, single, action.Get(CardActions.Keys.Value) ?? string.Empty, action.Get(CardActions.Keys.Comment),
            AnswerCheck.Read(action.Get(CardActions.Keys.Answer)), action.Get(CardActions.Keys.Eta)));
        return result;
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
