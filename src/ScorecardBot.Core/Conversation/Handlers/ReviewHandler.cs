using ScorecardBot.Core.Conversation.Grammar;
using ScorecardBot.Core.Conversation.Matching;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Conversation.Handlers;

/// <summary>
/// <c>remind</c>, <c>digest</c>, <c>agenda</c>, <c>map</c>, <c>lint</c>. Reminding, digests and agendas
/// speak to others, so they belong to the scorecard's managers; the map and lint anyone may see.
/// </summary>
internal static class ReviewHandler
{
    public static async Task<TurnResult> HandleAsync(TurnContext context, ReviewWork work, string? scorecardText, CancellationToken cancellationToken, Period? asked = null)
    {
        var command = work.ToString().ToLowerInvariant();
        if (asked is null && work is ReviewWork.Digest or ReviewWork.Agenda or ReviewWork.Map)
        {
            (scorecardText, asked) = TakeMonth(context, scorecardText);
        }

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
        if (asked is { } month && work is ReviewWork.Digest or ReviewWork.Agenda or ReviewWork.Map)
        {
            if (month.Kind != PeriodKind.Month)
            {
                return TurnResult.Of(Message.Text($"A {command} is made for one month: name a month, like \"{command} {scorecard.Name} {Answers.ValueText.Period(period, context.Culture)}\".", Replies.RefusedKind));
            }

            if (month > period)
            {
                return TurnResult.Of(Message.Text($"{Answers.ValueText.Period(month, context.Culture)} is not reported yet: the latest month of {scorecard.Name} is {Answers.ValueText.Period(period, context.Culture)}.", Replies.RefusedKind));
            }

            period = month;
        }

        switch (work)
        {
            case ReviewWork.Digest:
                return TurnResult.Of([.. services.Digest.Compose(context.Snapshot, scorecard, period, context.Now)]);
            case ReviewWork.Agenda:
                return TurnResult.Of([.. services.Agenda.Compose(context.Snapshot, scorecard, period, context.Now)]);
            case ReviewWork.Map:
                return TurnResult.Of(services.Map.Render(context.Snapshot, scorecard, period));
            case ReviewWork.Lint:
                var findings = Hygiene.ScorecardLint.Check(scorecard, context.Snapshot.Locale.Calendar, period.Next, context.Snapshot.Scorecards.Where(s => s.Id != scorecard.Id),
                    Periods.BusinessCalendar.For(context.Snapshot.Organization, context.Snapshot.Holidays), context.Culture);
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

    public static Task<TurnResult> FromQuestionAsync(TurnContext context, ReviewWork work, SubjectMatch? subject, Period? period, CancellationToken cancellationToken)
    {
        var name = subject is { Verdict: MatchVerdict.Found, Best: { } best } ? context.Snapshot.FindScorecard(best.ScorecardId)?.Key : null;
        return HandleAsync(context, work, name, cancellationToken, period);
    }

    /// <summary>
    /// "digest Operations October 2026", "agenda for Oct", "map 2026-09": a month at the end of the
    /// command's text (after an optional "for") is the month asked for; the rest names the scorecard.
    /// </summary>
    private static (string? Text, Period? Month) TakeMonth(TurnContext context, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (text, null);
        }

        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (var length = Math.Min(2, words.Length); length >= 1; length--)
        {
            if (context.Snapshot.Locale.ReadPeriod(string.Join(' ', words[^length..]), context.Now) is { } period)
            {
                var rest = words[..^length];
                if (rest.Length > 0 && rest[^1].Equals("for", StringComparison.OrdinalIgnoreCase))
                {
                    rest = rest[..^1];
                }

                return (rest.Length == 0 ? null : string.Join(' ', rest), period);
            }
        }

        return (text, null);
    }
}
