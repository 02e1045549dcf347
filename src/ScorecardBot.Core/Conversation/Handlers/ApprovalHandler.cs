using System.Globalization;
using ScorecardBot.Core.Conversation.Answers;
using ScorecardBot.Core.Conversation.Submission;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Conversation.Handlers;

/// <summary>
/// The approve/reject card of a scorecard that requires approval. Approving lets the value count;
/// rejecting removes it, with the reason, and sends the reporter the prompt again with what they
/// had typed and why it was turned down. A rejection without a reason comes back on the same card.
/// </summary>
internal static class ApprovalHandler
{
    public const string ApprovedKind = "approved";
    public const string RejectedKind = "rejected";

    public static async Task<TurnResult> ApproveAsync(TurnContext context, CardAction action, CancellationToken cancellationToken)
    {
        if (Read(context, action) is not var (kpi, period, version, pending))
        {
            return Stale();
        }

        var result = await context.Services.Commands.ApproveActualAsync(context.Change, kpi.Id, period, version, cancellationToken);
        if (!result.Result.Succeeded)
        {
            return Replies.Refused(result.Result.Message ?? "That value cannot be approved.");
        }

        var label = ValueText.Period(period, context.Culture);
        var shown = Shown(context, kpi, result.Actual ?? pending);
        var text = result.Status == CommandStatus.Unchanged
            ? $"{kpi.Name}, {label}: {shown} was already approved."
            : $"Approved {kpi.Name}, {label}: {shown}. It counts now.";
        if (result.Status == CommandStatus.Done && (result.Actual ?? pending)?.SubmittedById is { } reporter && reporter != context.Person.Id && context.Services.Messenger is { } messenger)
        {
            await messenger.SendToPersonAsync(context.Snapshot.Organization.Id, reporter,
                Message.Text($"{context.Person.Name} approved {kpi.Name}, {label}: {shown}.", ApprovedKind), cancellationToken);
        }

        return TurnResult.Of(Message.Text(text, ApprovedKind) with { ReplacesSource = true });
    }

    public static async Task<TurnResult> RejectAsync(TurnContext context, CardAction action, CancellationToken cancellationToken)
    {
        if (Read(context, action) is not var (kpi, period, version, pending))
        {
            return Stale();
        }

        var reason = action.Get(CardActions.Keys.Reason)?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            if (pending is null)
            {
                return Stale();
            }

            var again = ApprovalCards.For(context.Snapshot, kpi, pending, context.Snapshot.FindPerson(pending.SubmittedById), reason,
                "Say why you reject it: the reason goes back to the person who reported it.");
            return TurnResult.Of(again with { ReplacesSource = true });
        }

        var result = await context.Services.Commands.RejectActualAsync(context.Change, kpi.Id, period, version, cancellationToken);
        if (!result.Result.Succeeded || result.Actual is not { } rejected)
        {
            return Replies.Refused(result.Result.Message ?? "That value cannot be rejected.");
        }

        var label = ValueText.Period(period, context.Culture);
        var shown = Shown(context, kpi, rejected);
        var reporter = context.Snapshot.FindPerson(rejected.SubmittedById);
        if (reporter is not null && context.Services.Messenger is { } messenger)
        {
            var prompt = PromptCards.For(context.Snapshot,
            [
                new PromptItem(kpi, period)
                {
                    TypedValue = rejected.Value is { } v ? v.ToString(CultureInfo.InvariantCulture) : "n/a",
                    TypedComment = rejected.Value is null ? rejected.NoDataReason : rejected.Comment,
                    TypedAnswer = rejected.CarriedForward ? QuickAnswer.NoChange : QuickAnswer.Value,
                    Notice = $"{context.Person.Name} rejected {shown} for {label}: {reason}",
                },
            ]);
            await messenger.SendToPersonAsync(context.Snapshot.Organization.Id, reporter.Id, prompt with { Summary = $"{context.Person.Name} rejected {shown} for {kpi.Name}, {label}: {reason}" }, cancellationToken);
        }

        var back = reporter is null ? string.Empty : $" {reporter.Name} is asked again, with your reason.";
        return TurnResult.Of(Message.Text($"Rejected {kpi.Name}, {label}: {shown}.{back}", RejectedKind) with { ReplacesSource = true });
    }

    private static (Kpi Kpi, Period Period, uint Version, Actual? Pending)? Read(TurnContext context, CardAction action)
    {
        if (!Guid.TryParse(action.Get(CardActions.Keys.Kpi), out var kpiId) || context.Snapshot.FindKpi(kpiId) is not { } kpi ||
            !Period.TryParse(action.Get(CardActions.Keys.Period), out var period) ||
            !uint.TryParse(action.Get(CardActions.Keys.Version), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return null;
        }

        return (kpi, period, version, kpi.Actuals.FirstOrDefault(a => a.Period == period));
    }

    private static string Shown(TurnContext context, Kpi kpi, Actual? actual) =>
        actual is null ? "the value" : actual.Value is null ? "no data" : Readings.Format(context.Snapshot, actual.Value, kpi);

    private static TurnResult Stale() =>
        TurnResult.Of(Message.Text("This card is out of date: the value was changed or decided since.", ActualSubmission.InvalidKind));
}
