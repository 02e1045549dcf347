using ScorecardBot.Core.Conversation.Grammar;

namespace ScorecardBot.Core.Conversation.Handlers;

/// <summary><c>assign</c> and <c>delegate</c>: who owns a KPI and who reports it for the owner.</summary>
internal static class OwnerHandler
{
    public static async Task<TurnResult> AssignAsync(TurnContext context, AssignRequest request, CancellationToken cancellationToken)
    {
        var (kpi, reply) = Resolve.Kpi(context, request.KpiText, "assign");
        if (kpi is null)
        {
            return reply!;
        }

        var scorecard = context.Snapshot.ScorecardOf(kpi);
        var refusal = ScorecardPermissions.RequireManager(context.Person, scorecard, "assign owners", context.AskName(scorecard));
        if (refusal is not null)
        {
            return Replies.Refused(refusal);
        }

        var (person, notFound) = Resolve.Person(context, request.Person);
        if (person is null)
        {
            return notFound!;
        }

        var result = await context.Services.Commands.AssignOwnerAsync(context.Change, kpi.Id, person.Id, cancellationToken);
        return result.Status switch
        {
            CommandStatus.Done => TurnResult.Of(Done([Review.Mentions.Of(person), new Run($" now owns {kpi.Name} ({scorecard.Name}).")], $"{person.Name} now owns {kpi.Name} ({scorecard.Name}).", "assigned")),
            CommandStatus.Unchanged => TurnResult.Of(Message.Text($"{person.Name} already owns {kpi.Name}.", "assigned")),
            _ => TurnResult.Of(Message.Text(result.Message ?? "That did not work.", Replies.RefusedKind)),
        };
    }

    public static async Task<TurnResult> DelegateAsync(TurnContext context, DelegateRequest request, CancellationToken cancellationToken)
    {
        var (kpi, reply) = Resolve.Kpi(context, request.KpiText, "delegate");
        if (kpi is null)
        {
            return reply!;
        }

        var scorecard = context.Snapshot.ScorecardOf(kpi);
        var refusal = ScorecardPermissions.RequireDelegator(context.Person, scorecard, kpi, context.AskName(scorecard));
        if (refusal is not null)
        {
            return Replies.Refused(refusal);
        }

        var (person, notFound) = Resolve.Person(context, request.Person);
        if (person is null)
        {
            return notFound!;
        }

        var result = await context.Services.Commands.SetDelegateAsync(context.Change, kpi.Id, person.Id, cancellationToken);
        return result.Status switch
        {
            CommandStatus.Done => TurnResult.Of(Done([Review.Mentions.Of(person), new Run($" now reports {kpi.Name} for its owner.")], $"{person.Name} now reports {kpi.Name} for its owner.", "delegated")),
            CommandStatus.Unchanged => TurnResult.Of(Message.Text($"{person.Name} already reports {kpi.Name}.", "delegated")),
            _ => TurnResult.Of(Message.Text(result.Message ?? "That did not work.", Replies.RefusedKind)),
        };
    }

    private static Message Done(IReadOnlyList<Inline> inlines, string summary, string kind) =>
        new([new Paragraph(inlines, TextTone.Good)], summary) { Kind = kind };
}
