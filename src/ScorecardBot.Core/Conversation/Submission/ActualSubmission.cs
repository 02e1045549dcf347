using System.Globalization;
using ScorecardBot.Core.Conversation.Answers;
using ScorecardBot.Core.Conversation.Review;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;
using ScorecardBot.Core.Scoring;

namespace ScorecardBot.Core.Conversation.Submission;

/// <summary>An answer (as typed) for one KPI and period, from a card or a command: a value, or a quick answer with its ETA.</summary>
public sealed record SubmittedActual(Guid KpiId, Period Period, string ValueText, string? Comment, QuickAnswer Answer = QuickAnswer.Value, string? EtaText = null)
{
    /// <summary>Only the comment, on the number a system already sent for a KPI fed by the API.</summary>
    public bool CommentOnly { get; init; }
}

/// <summary>How a submission arrived: through which door, whether "are you sure?" was already answered, and whether a card is to be replaced.</summary>
public sealed record SubmissionMode(EntrySource Via, bool Confirmed, bool FromCard, DateTimeOffset At);

/// <summary>
/// The one path by which answers are submitted, whether from a prompt card or a command: check
/// the person may report the KPI, read the answer (a value in the organization's locale, no
/// change, no data, data late), check it fits the KPI and is plausible (a value ten times off the
/// last twelve months' median is asked about once), that a red or amber value comes with a
/// comment, store it idempotently, and answer with a confirmation that replaces the prompt. Bad
/// input comes back as the same card with the message beside the field and everything typed kept.
/// A value that needs the manager's approval is sent to them on an approve/reject card.
/// </summary>
public sealed class ActualSubmission
{
    public const string RecordedKind = "recorded";
    public const string ConfirmKind = "confirm";
    public const string RefusedKind = "refused";
    public const string InvalidKind = "invalid";
    public const string PreviewKind = "preview";

    private readonly IScorecardCommands _commands;
    private readonly IProactiveMessenger? _messenger;

    public ActualSubmission(IScorecardCommands commands, IProactiveMessenger? messenger = null)
    {
        _commands = commands;
        _messenger = messenger;
    }

    /// <param name="leftEmpty">KPIs of the same card whose value was left empty: an error card shows them again, so nothing on it is lost.</param>
    public async Task<Message> SubmitAsync(
        OrganizationSnapshot snapshot, Person actor, IReadOnlyList<SubmittedActual> items, SubmissionMode mode, CancellationToken cancellationToken,
        IReadOnlyList<SubmittedActual>? leftEmpty = null)
    {
        ArgumentOutOfRangeException.ThrowIfZero(items.Count);
        var culture = snapshot.Locale.Culture;
        var checkedItems = new List<CheckedAnswer>();
        foreach (var item in items)
        {
            if (snapshot.FindKpi(item.KpiId) is not { } kpi)
            {
                return Message.Text("That KPI is not part of this organization's scorecards.", InvalidKind);
            }

            var scorecard = snapshot.ScorecardOf(kpi);
            var ask = ScorecardPermissions.WhomToAsk(scorecard, snapshot.People);
            var refusal = ScorecardPermissions.RequireReporter(actor, scorecard, kpi, snapshot.FindPerson(kpi.OwnerId)?.Name, ask?.Name == actor.Name ? null : ask?.Name);
            if (refusal is not null)
            {
                return Message.Text(refusal, RefusedKind);
            }

            checkedItems.Add(AnswerCheck.Check(snapshot, kpi, item, mode));
        }

        // What cannot be read comes back first; then "are you sure?" about a value ten times off
        // (it may be a typo, and then its status and comment are moot); then a missing comment.
        if (checkedItems.Exists(c => c.ValueError is not null || c.EtaError is not null))
        {
            return Invalid(snapshot, checkedItems, leftEmpty ?? [], mode);
        }

        var doubtful = checkedItems.Where(c => !mode.Confirmed && c.Answer == QuickAnswer.Value && !c.Item.CommentOnly && ActualRules.Implausible(c.Kpi, c.Item.Period, c.Value) is not null).ToList();
        if (doubtful.Count > 0)
        {
            return Confirm(snapshot, checkedItems, doubtful.Select(d => (d.Kpi, ActualRules.Implausible(d.Kpi, d.Item.Period, d.Value)!)).ToList(), culture);
        }

        if (checkedItems.Exists(c => c.HasError))
        {
            return Invalid(snapshot, checkedItems, leftEmpty ?? [], mode);
        }

        var context = new ChangeContext(snapshot.Organization.Id, actor.Id, mode.Via, mode.At);
        var blocks = new List<Block>();
        var lines = new List<string>();
        foreach (var answer in checkedItems)
        {
            var kpi = answer.Kpi;
            var period = ValueText.Period(answer.Item.Period, culture);
            if (answer.Answer == QuickAnswer.Late)
            {
                var noted = await _commands.RecordLateAsync(context, new LateEntry(kpi.Id, answer.Item.Period, answer.Eta!.Value, answer.Item.Comment?.Trim()), cancellationToken);
                if (!noted.Succeeded)
                {
                    return Message.Text(noted.Message ?? "That change is not allowed.", RefusedKind);
                }

                var lateLine = $"Noted: {kpi.Name}, {period} comes late. I'll ask again on {DayText.WithWeekday(answer.Eta.Value, culture)}.";
                lines.Add(lateLine);
                blocks.Add(Paragraph.Of(lateLine, TextTone.Default));
                continue;
            }

            var result = await _commands.RecordActualAsync(context, answer.Entry(), cancellationToken);
            if (result.Status is CommandStatus.Refused or CommandStatus.NotFound)
            {
                return Message.Text(result.Result.Message ?? "That change is not allowed.", RefusedKind);
            }

            var shown = answer.NoData ? "no data" : Readings.Format(snapshot, answer.Value, kpi);
            var carried = answer.RepeatedFrom is { } from ? $" (no change from {ValueText.Period(from.Period, culture)}, carried forward)" : string.Empty;
            var line = answer.Item.CommentOnly && result.Status == CommandStatus.Done
                ? $"Your comment on {kpi.Name}, {period} ({shown}) is recorded."
                : result.Status == CommandStatus.Unchanged
                ? $"{kpi.Name}, {period}: {shown} was already recorded; nothing changed."
                : result.Corrected
                    ? $"Corrected {kpi.Name}, {period}: {Readings.Format(snapshot, result.PreviousValue, kpi)} → {shown}{carried}."
                    : $"Recorded {kpi.Name}, {period}: {shown}{carried}.";
            if (result.PendingApproval)
            {
                var manager = ApprovalCards.Approver(snapshot, snapshot.ScorecardOf(kpi));
                line += manager is null ? " It counts once a scorecard manager approves it." : $" It counts once {manager.Name} approves it.";
                if (result.Status == CommandStatus.Done && manager is not null && _messenger is not null)
                {
                    var pending = new Actual
                    {
                        KpiId = kpi.Id,
                        Period = answer.Item.Period,
                        Value = answer.Value,
                        Comment = answer.Entry().Comment,
                        NoDataReason = answer.Entry().NoDataReason,
                        CarriedForward = answer.Answer == QuickAnswer.NoChange,
                        SubmittedById = actor.Id,
                        SubmittedAt = mode.At,
                        PendingApproval = true,
                        Version = result.Version,
                    };
                    await _messenger.SendToPersonAsync(snapshot.Organization.Id, manager.Id, ApprovalCards.For(snapshot, kpi, pending, actor), cancellationToken);
                }
            }

            lines.Add(line);
            var status = answer.NoData ? Status.NoData : answer.Status;
            blocks.Add(new Paragraph([new Run(line)], status switch { Status.Green => TextTone.Good, Status.Red => TextTone.Attention, Status.Amber => TextTone.Warning, _ => TextTone.Default }));
            var facts = new List<Fact>();
            if (answer.Target is { } target && !answer.NoData)
            {
                facts.Add(new Fact("Target", StatusLineText.Target(target, kpi, snapshot.Locale.Formatter)));
                facts.Add(new Fact("Status", result.PendingApproval ? $"{ValueText.Status(status)} once approved" : ValueText.Status(status)));
            }

            if (!string.IsNullOrWhiteSpace(answer.Item.Comment))
            {
                facts.Add(new Fact(answer.NoData ? "Reason" : "Comment", answer.Item.Comment.Trim()));
            }

            if (facts.Count > 0)
            {
                blocks.Add(new FactList(facts));
            }
        }

        return new Message(blocks, string.Join(" ", lines)) { Kind = RecordedKind, ReplacesSource = mode.FromCard };
    }

    /// <summary>The number a system sent for a KPI fed by the API, when one arrived for the period.</summary>
    public static decimal? FedNumber(Kpi kpi, Period period) =>
        kpi.FedByApi ? kpi.Actuals.Where(a => a.Period == period && a.Value is not null).OrderByDescending(a => a.SubmittedAt).FirstOrDefault()?.Value : null;

    /// <summary>
    /// The same card again with the status each typed answer would get (and what it still lacks),
    /// storing nothing; empty fields stay empty.
    /// </summary>
    public static Message Preview(OrganizationSnapshot snapshot, IReadOnlyList<SubmittedActual> items, SubmissionMode mode)
    {
        var cards = new List<PromptItem>();
        foreach (var item in items)
        {
            if (snapshot.FindKpi(item.KpiId) is not { } kpi)
            {
                continue;
            }

            var answer = AnswerCheck.Check(snapshot, kpi, item, mode);
            var preview = AnswerCheck.Preview(snapshot, answer);
            cards.Add(Typed(kpi, item) with { Preview = preview?.Text, PreviewTone = preview?.Tone ?? TextTone.Default });
        }

        if (cards.Count == 0)
        {
            return Message.Text("This card is out of date. Type my to get your current KPIs.", InvalidKind);
        }

        // Its own kind, so a channel can tell a preview (shown, not kept) from the card itself.
        return PromptCards.For(snapshot, cards) with { ReplacesSource = true, Kind = PreviewKind };
    }

    private static PromptItem Typed(Kpi kpi, SubmittedActual item) => new(kpi, item.Period)
    {
        TypedAnswer = item.Answer,
        TypedValue = item.ValueText,
        TypedComment = item.Comment,
        TypedEta = item.EtaText,
    };

    private static Message Invalid(OrganizationSnapshot snapshot, List<CheckedAnswer> items, IReadOnlyList<SubmittedActual> leftEmpty, SubmissionMode mode)
    {
        if (!mode.FromCard)
        {
            var first = items.First(i => i.HasError);
            return Message.Text($"{first.Kpi.Name}: {first.FirstError} Nothing was recorded.", InvalidKind);
        }

        var submitted = items.Select(i => Typed(i.Kpi, i.Item) with { Error = i.ValueError, CommentError = i.CommentError, EtaError = i.EtaError });
        var empty = leftEmpty.Select(e => snapshot.FindKpi(e.KpiId) is { } kpi ? Typed(kpi, e) : null).OfType<PromptItem>();
        var card = PromptCards.For(snapshot, [.. submitted, .. empty]);
        return card with { ReplacesSource = true };
    }

    private static Message Confirm(OrganizationSnapshot snapshot, List<CheckedAnswer> items, List<(Kpi Kpi, string How)> doubtful, CultureInfo culture)
    {
        var blocks = new List<Block> { new Heading("Are you sure?") };
        var lines = new List<string>();
        foreach (var (kpi, how) in doubtful)
        {
            var item = items.First(i => i.Kpi == kpi);
            var line = $"{Readings.Format(snapshot, item.Value, kpi)} for {kpi.Name} in {ValueText.Period(item.Item.Period, culture)} is {how} its usual level (median of the last 12 periods).";
            lines.Add(line);
            blocks.Add(Paragraph.Of(line, TextTone.Warning));
        }

        var data = new Dictionary<string, string>(StringComparer.Ordinal) { [CardActions.Keys.Confirm] = "true" };
        if (items.Count == 1)
        {
            data[CardActions.Keys.Kpi] = items[0].Kpi.Id.ToString("N");
            data[CardActions.Keys.Period] = items[0].Item.Period.ToString();
            data[CardActions.Keys.Value] = items[0].Item.ValueText;
            data[CardActions.Keys.Comment] = items[0].Item.Comment ?? string.Empty;
        }
        else
        {
            data[CardActions.Keys.Kpis] = string.Join(',', items.Select(i => i.Kpi.Id.ToString("N")));
            foreach (var item in items)
            {
                var id = item.Kpi.Id;
                data[CardActions.PeriodKey(id)] = item.Item.Period.ToString();
                data[CardActions.ValueInput(id)] = item.Item.ValueText;
                data[CardActions.CommentInput(id)] = item.Item.Comment ?? string.Empty;
                data[CardActions.AnswerInput(id)] = AnswerCheck.Choice(item.Item.Answer);
                data[CardActions.EtaInput(id)] = item.Item.EtaText ?? string.Empty;
            }
        }

        var first = doubtful[0].Kpi;
        var change = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [CardActions.Keys.Kpi] = first.Id.ToString("N"),
            [CardActions.Keys.Period] = items.First(i => i.Kpi == first).Item.Period.ToString(),
        };
        blocks.Add(new ActionBar(
        [
            new MessageAction(CardActions.SubmitActual, items.Count == 1 ? $"Yes, record {items[0].Item.ValueText.Trim()}" : "Yes, record these") { Data = data, Style = ActionStyle.Primary },
            new MessageAction(CardActions.ShowPrompt, "No, change it") { Data = change },
        ]));
        return new Message(blocks, string.Join(" ", lines) + " Is that right?") { Kind = ConfirmKind, ReplacesSource = true };
    }
}
