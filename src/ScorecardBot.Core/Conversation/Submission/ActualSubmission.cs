using System.Globalization;
using ScorecardBot.Core.Conversation.Answers;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Scoring;
using ScorecardBot.Core.Values;

namespace ScorecardBot.Core.Conversation.Submission;

/// <summary>A value (as typed) and comment for one KPI and period, from a card or a command.</summary>
public sealed record SubmittedActual(Guid KpiId, Period Period, string ValueText, string? Comment)
{
    /// <summary>Only the comment, on the number a system already sent for a KPI fed by the API.</summary>
    public bool CommentOnly { get; init; }
}

/// <summary>How a submission arrived: through which door, whether "are you sure?" was already answered, and whether a card is to be replaced.</summary>
public sealed record SubmissionMode(EntrySource Via, bool Confirmed, bool FromCard, DateTimeOffset At);

/// <summary>
/// The one path by which actuals are submitted, whether from a prompt card or a command: check
/// the person may report the KPI, read the value in the organization's locale, check it fits the
/// KPI's format and is plausible (a value ten times off the last twelve months' median is asked
/// about once), store it idempotently, and answer with a confirmation that replaces the prompt.
/// Bad input comes back as the same card with the message beside the field and the typed text kept.
/// </summary>
public sealed class ActualSubmission
{
    public const string RecordedKind = "recorded";
    public const string ConfirmKind = "confirm";
    public const string RefusedKind = "refused";
    public const string InvalidKind = "invalid";

    private readonly IScorecardCommands _commands;

    public ActualSubmission(IScorecardCommands commands)
    {
        _commands = commands;
    }

    /// <param name="leftEmpty">KPIs of the same card whose value was left empty: an error card shows them again, so nothing on it is lost.</param>
    public async Task<Message> SubmitAsync(
        OrganizationSnapshot snapshot, Person actor, IReadOnlyList<SubmittedActual> items, SubmissionMode mode, CancellationToken cancellationToken,
        IReadOnlyList<SubmittedActual>? leftEmpty = null)
    {
        ArgumentOutOfRangeException.ThrowIfZero(items.Count);
        var culture = snapshot.Locale.Culture;
        var checkedItems = new List<(Kpi Kpi, SubmittedActual Item, ValueParseResult Reading, string? Error)>();
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

            var reading = item.CommentOnly && FedNumber(kpi, item.Period) is { } number
                ? ActualRules.Exact(number, kpi)
                : snapshot.Locale.Values.Parse(item.ValueText, kpi);
            checkedItems.Add((kpi, item, reading, ActualRules.Problem(kpi, reading, item.Comment)));
        }

        if (checkedItems.Exists(c => c.Error is not null))
        {
            return Invalid(snapshot, checkedItems, leftEmpty ?? [], mode);
        }

        var doubtful = checkedItems.Where(c => !mode.Confirmed && !c.Item.CommentOnly && ActualRules.Implausible(c.Kpi, c.Item.Period, c.Reading.Value) is not null).ToList();
        if (doubtful.Count > 0)
        {
            return Confirm(snapshot, checkedItems, doubtful.Select(d => (d.Kpi, ActualRules.Implausible(d.Kpi, d.Item.Period, d.Reading.Value)!)).ToList(), culture);
        }

        var context = new ChangeContext(snapshot.Organization.Id, actor.Id, mode.Via, mode.At);
        var blocks = new List<Block>();
        var lines = new List<string>();
        foreach (var (kpi, item, reading, _) in checkedItems)
        {
            var entry = new ActualEntry(kpi.Id, item.Period, reading.Value, reading.IsNoData ? item.Comment?.Trim() : null, reading.IsNoData ? null : item.Comment);
            var result = await _commands.RecordActualAsync(context, entry, cancellationToken);
            if (result.Status is CommandStatus.Refused or CommandStatus.NotFound)
            {
                return Message.Text(result.Result.Message ?? "That change is not allowed.", RefusedKind);
            }

            var period = ValueText.Period(item.Period, culture);
            var shown = reading.IsNoData ? "no data" : Readings.Format(snapshot, reading.Value, kpi);
            var target = kpi.Targets.FirstOrDefault(t => t.Period == item.Period);
            var status = StatusRules.Assess(reading.Value, target, kpi.Direction).Status;
            var line = item.CommentOnly && result.Status == CommandStatus.Done
                ? $"Your comment on {kpi.Name}, {period} ({shown}) is recorded."
                : result.Status == CommandStatus.Unchanged
                ? $"{kpi.Name}, {period}: {shown} was already recorded; nothing changed."
                : result.Corrected
                    ? $"Corrected {kpi.Name}, {period}: {Readings.Format(snapshot, result.PreviousValue, kpi)} → {shown}."
                    : $"Recorded {kpi.Name}, {period}: {shown}.";
            lines.Add(line);
            blocks.Add(new Paragraph([new Run(line)], status switch { Status.Green => TextTone.Good, Status.Red => TextTone.Attention, Status.Amber => TextTone.Warning, _ => TextTone.Default }));
            var facts = new List<Fact>();
            if (target is not null && !reading.IsNoData)
            {
                facts.Add(new Fact("Target", Readings.Format(snapshot, target.Value, kpi)));
                facts.Add(new Fact("Status", ValueText.Status(status)));
            }

            if (!string.IsNullOrWhiteSpace(item.Comment))
            {
                facts.Add(new Fact(reading.IsNoData ? "Reason" : "Comment", item.Comment.Trim()));
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

    private static Message Invalid(
        OrganizationSnapshot snapshot, List<(Kpi Kpi, SubmittedActual Item, ValueParseResult Reading, string? Error)> items, IReadOnlyList<SubmittedActual> leftEmpty, SubmissionMode mode)
    {
        if (!mode.FromCard)
        {
            var first = items.First(i => i.Error is not null);
            return Message.Text($"{first.Kpi.Name}: {first.Error} Nothing was recorded.", InvalidKind);
        }

        var submitted = items.Select(i => new PromptItem(i.Kpi, i.Item.Period) { TypedValue = i.Item.ValueText, TypedComment = i.Item.Comment, Error = i.Error });
        var empty = leftEmpty.Select(e => snapshot.FindKpi(e.KpiId) is { } kpi ? new PromptItem(kpi, e.Period) { TypedComment = e.Comment } : null).OfType<PromptItem>();
        var card = PromptCards.For(snapshot, [.. submitted, .. empty]);
        return card with { ReplacesSource = true };
    }

    private static Message Confirm(OrganizationSnapshot snapshot, List<(Kpi Kpi, SubmittedActual Item, ValueParseResult Reading, string? Error)> items, List<(Kpi Kpi, string How)> doubtful, CultureInfo culture)
    {
        var blocks = new List<Block> { new Heading("Are you sure?") };
        var lines = new List<string>();
        foreach (var (kpi, how) in doubtful)
        {
            var item = items.First(i => i.Kpi == kpi);
            var line = $"{Readings.Format(snapshot, item.Reading.Value, kpi)} for {kpi.Name} in {ValueText.Period(item.Item.Period, culture)} is {how} its usual level (median of the last 12 periods).";
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
            foreach (var (kpi, item, _, _) in items)
            {
                data[CardActions.PeriodKey(kpi.Id)] = item.Period.ToString();
                data[CardActions.ValueInput(kpi.Id)] = item.ValueText;
                data[CardActions.CommentInput(kpi.Id)] = item.Comment ?? string.Empty;
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
