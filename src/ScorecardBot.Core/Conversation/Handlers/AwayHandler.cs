using System.Globalization;
using ScorecardBot.Core.Conversation.Grammar;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;

namespace ScorecardBot.Core.Conversation.Handlers;

/// <summary>
/// Out of office: <c>ooo &lt;from&gt; &lt;to&gt; [delegate @person]</c>, <c>ooo</c> (what is set),
/// <c>ooo cancel</c>, and the same through the prompt's "I'm away" card. While away nobody prompts
/// or reminds the person; the delegate named here reports instead.
/// </summary>
internal static class AwayHandler
{
    public const string Kind = "away";
    public const string CardKind = "away-card";

    /// <summary>The choice "nobody reports for me" (choices need a value on every channel).</summary>
    private const string NoDelegate = "none";

    /// <summary>Longer absences are not out-of-office but a change of owner.</summary>
    private const int MaxDays = 366;

    /// <summary>Slack's static select takes 100 options; the command names anyone else.</summary>
    private const int MaxDelegateChoices = 99;

    public static async Task<TurnResult> CommandAsync(TurnContext context, AwayRequest request, CancellationToken cancellationToken)
    {
        if (request.Cancel)
        {
            var cancelled = await context.Services.Commands.CancelAbsencesAsync(context.Change, context.Person.Id, context.Grammar.Today, cancellationToken);
            return cancelled.Status == CommandStatus.Unchanged
                ? TurnResult.Of(Message.Text("You have no absence to cancel.", Kind))
                : cancelled.Succeeded
                    ? TurnResult.Of(Message.Text("Welcome back: your absences are cancelled and prompts reach you again.", Kind))
                    : Replies.Refused(cancelled.Message ?? "That change is not allowed.");
        }

        if (request.Lists)
        {
            return TurnResult.Of(List(context));
        }

        Guid? standIn = null;
        if (request.Delegate is { } token)
        {
            var (person, reply) = Resolve.Person(context, token);
            if (person is null)
            {
                return reply!;
            }

            standIn = person.Id;
        }

        return await SetAsync(context, request.From!.Value, request.To!.Value, standIn, fromCard: false, cancellationToken);
    }

    /// <summary>The "I'm away" card: first and last day, and who reports meanwhile.</summary>
    public static TurnResult ShowCard(TurnContext context) => TurnResult.Of(Card(context, null, null, null, null, null));

    public static async Task<TurnResult> FromCardAsync(TurnContext context, CardAction action, CancellationToken cancellationToken)
    {
        var fromText = action.Get(CardActions.Keys.From)?.Trim() ?? string.Empty;
        var toText = action.Get(CardActions.Keys.To)?.Trim() ?? string.Empty;
        var standText = action.Get(CardActions.Keys.Delegate)?.Trim();
        var today = context.Grammar.Today;
        var from = DueDates.Read(fromText, today);
        if (from is null)
        {
            return Again(context, fromText, toText, standText, fromError: fromText.Length == 0 ? "Give your first day away." : $"\"{fromText}\" is not a date I know: use 16 Nov or 2026-11-16.");
        }

        var to = toText.Length == 0 ? from : DueDates.Read(toText, from.Value);
        if (to is null || to < from || to < today)
        {
            var problem = to is null ? $"\"{toText}\" is not a date I know: use 20 Nov or 2026-11-20."
                : to < from ? "The last day is before the first."
                : "That absence is already over.";
            return Again(context, fromText, toText, standText, toError: problem);
        }

        Guid? standIn = Guid.TryParse(standText, out var id) && id != Guid.Empty ? id : null;
        return await SetAsync(context, from.Value, to.Value, standIn, fromCard: true, cancellationToken, (fromText, toText, standText));
    }

    private static async Task<TurnResult> SetAsync(
        TurnContext context, DateOnly from, DateOnly to, Guid? standIn, bool fromCard, CancellationToken cancellationToken,
        (string From, string To, string? Delegate) typed = default)
    {
        var problem = to.DayNumber - from.DayNumber >= MaxDays ? "An absence can last at most a year; for longer, hand your KPIs to someone else."
            : standIn == context.Person.Id ? "Name someone else as your delegate."
            : standIn is { } s && context.Snapshot.FindPerson(s) is not { IsActive: true } ? "That delegate is not an active member here."
            : null;
        if (problem is not null)
        {
            return fromCard ? Again(context, typed.From ?? string.Empty, typed.To ?? string.Empty, typed.Delegate, delegateError: problem) : TurnResult.Of(Message.Text(problem, Replies.UsageKind));
        }

        var (result, _) = await context.Services.Commands.SetAbsenceAsync(context.Change, context.Person.Id, from, to, standIn, cancellationToken);
        if (!result.Succeeded)
        {
            return Replies.Refused(result.Message ?? "That change is not allowed.");
        }

        var culture = context.Culture;
        var days = from == to ? $"on {DayText.WithWeekday(from, culture)}" : $"from {DayText.WithWeekday(from, culture)} to {DayText.WithWeekdayAndYear(to, culture)}";
        var who = standIn is { } d && context.Snapshot.FindPerson(d) is { } person
            ? $" {person.Name} gets your prompts and reminders meanwhile."
            : " Your prompts wait until you are back.";
        var text = $"You are away {days}: no prompts or reminders reach you then.{who} Type ooo cancel to come back early.";
        return TurnResult.Of(Message.Text(text, Kind) with { ReplacesSource = fromCard });
    }

    private static Message List(TurnContext context)
    {
        var today = context.Grammar.Today;
        var mine = context.Snapshot.Absences.Where(a => a.PersonId == context.Person.Id && a.To >= today).OrderBy(a => a.From).ToList();
        if (mine.Count == 0)
        {
            return Message.Text("You are not set as away. To be away: ooo <from> <to> [delegate @person], e.g. ooo 16 Nov 20 Nov delegate @Ben.", Kind);
        }

        var culture = context.Culture;
        var lines = mine.Select(a =>
            $"{DayText.WithWeekday(a.From, culture)} – {DayText.WithWeekdayAndYear(a.To, culture)}" +
            (context.Snapshot.FindPerson(a.DelegateId) is { } p ? $", {p.Name} reports for you" : string.Empty) +
            (a.Source == AbsenceSource.SlackStatus ? " (from your Slack status)" : string.Empty)).ToList();
        return new Message(
            [new Heading("You are away"), .. lines.Select(l => Paragraph.Of(l)), new Note("Type ooo cancel to come back early.")],
            "You are away: " + string.Join("; ", lines) + ".")
        { Kind = Kind };
    }

    private static TurnResult Again(TurnContext context, string from, string to, string? standIn, string? fromError = null, string? toError = null, string? delegateError = null) =>
        TurnResult.Of(Card(context, from, to, standIn, fromError ?? toError ?? delegateError, fromError is not null ? 0 : toError is not null ? 1 : 2) with { ReplacesSource = true });

    private static Message Card(TurnContext context, string? from, string? to, string? standIn, string? error, int? errorField)
    {
        var people = context.Snapshot.People
            .Where(p => p.IsActive && p.Id != context.Person.Id)
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Take(MaxDelegateChoices)
            .Select(p => new Choice(p.Name, p.Id.ToString("N")));
        var example = DayText.Of(context.Grammar.Today.AddDays(7), CultureInfo.InvariantCulture);
        return new Message(
            [
                new Heading("Out of office"),
                Paragraph.Of("While you are away nobody prompts or reminds you. Name someone to report for you meanwhile, or your prompts wait until you are back."),
                new TextInput(CardActions.Keys.From, "First day away") { IsRequired = true, Placeholder = $"e.g. {example}", MaxLength = 40, Value = from, Error = errorField == 0 ? error : null },
                new TextInput(CardActions.Keys.To, "Last day away") { Placeholder = "e.g. the Friday after", MaxLength = 40, Value = to, Error = errorField == 1 ? error : null },
                new ChoiceInput(CardActions.Keys.Delegate, "Who reports for you", [new Choice("Nobody: my prompts wait", NoDelegate), .. people])
                {
                    Value = standIn ?? NoDelegate,
                    Error = errorField == 2 ? error : null,
                },
                new Note("Or type: ooo 16 Nov 20 Nov delegate @name"),
                new ActionBar([new MessageAction(CardActions.SetAway, "Set me away") { SubmitsInputs = true, Style = ActionStyle.Primary }]),
            ],
            error is null ? "Out of office: give your first and last day away and who reports for you." : $"Please check: {error}")
        { Kind = CardKind };
    }
}
