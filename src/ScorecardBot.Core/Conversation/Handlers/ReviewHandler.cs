using ScorecardBot.Core.Conversation.Grammar;
using ScorecardBot.Core.Conversation.Matching;

namespace ScorecardBot.Core.Conversation.Handlers;

/// <summary>
/// <c>remind</c>, <c>digest</c>, <c>agenda</c>, <c>map</c>, <c>lint</c>. Reminding, digests and agendas
/// speak to others, so they belong to the scorecard's managers; the map and lint anyone may see.
/// </summary>
internal static class ReviewHandler
{
    public static async Task<TurnResult> HandleAsync(TurnContext context, ReviewWork work, string? scorecardText, CancellationToken cancellationToken)
    {
        var command = work.ToString().ToLowerInvariant();
        var (scorecard, reply) = Resolve.Scorecard(context, scorecardText, command);
        if (scorecard is null)
        {
            return reply!;
        }

        var what = work switch
        {
            ReviewWork.Remind => "send reminders",
            ReviewWork.Digest => "post the digest",
            ReviewWork.Agenda => "post the agenda",
            _ => null,
        };
        if (what is not null && ScorecardPermissions.RequireManager(context.Person, scorecard, what, context.AskName(scorecard)) is { } refusal)
        {
            return Replies.Refused(refusal);
        }

        var services = context.Services;
        var period = context.ReportingMonth;
        switch (work)
        {
            case ReviewWork.Digest:
                return TurnResult.Of([.. services.Digest.Compose(context.Snapshot, scorecard, period, context.Now)]);
            case ReviewWork.Agenda:
                return TurnResult.Of([.. services.Agenda.Compose(context.Snapshot, scorecard, period, context.Now)]);
            case ReviewWork.Map:
                return TurnResult.Of(services.Map.Render(context.Snapshot, scorecard, period));
            case ReviewWork.Lint:
                var findings = Hygiene.ScorecardLint.Check(scorecard, context.Snapshot.Locale.Calendar, period.Next, context.Snapshot.Scorecards.Where(s => s.Id != scorecard.Id));
                if (findings.Count == 0)
                {
                    return TurnResult.Of(Message.Text($"{scorecard.Name} looks tidy: no hygiene problems.", "lint"));
                }

                return TurnResult.Of(new Message(
                    [new Heading($"{scorecard.Name}: {findings.Count} hygiene {(findings.Count == 1 ? "problem" : "problems")}"), .. findings.Select(f => Paragraph.Of($"• {f.Message} {f.Suggestion}".TrimEnd()))],
                    $"{scorecard.Name} has {findings.Count} hygiene problems: " + string.Join(" ", findings.Select(f => f.Message)))
                { Kind = "lint" });
            default:
                if (services.Reminders is null)
                {
                    return TurnResult.Of(Message.Text("Reminders cannot be sent from here: this installation has no channel to reach owners 1:1.", Replies.RefusedKind));
                }

                var reminded = await services.Reminders.RemindAsync(context.Snapshot, scorecard, period, cancellationToken, context.Grammar.Today);
                return TurnResult.Of(Message.Text(
                    reminded.Count == 0
                        ? $"Everyone has reported {scorecard.Name} for {Answers.ValueText.Period(period, context.Culture)}; nobody to remind."
                        : $"Reminded {reminded.Count} {(reminded.Count == 1 ? "person" : "people")}: {string.Join(", ", reminded.Select(p => p.Name))}.",
                    "remind"));
        }
    }

    public static Task<TurnResult> FromQuestionAsync(TurnContext context, ReviewWork work, SubjectMatch? subject, CancellationToken cancellationToken)
    {
        var name = subject is { Verdict: MatchVerdict.Found, Best: { } best } ? context.Snapshot.FindScorecard(best.ScorecardId)?.Key : null;
        return HandleAsync(context, work, name, cancellationToken);
    }
}
