using System.Globalization;
using ScorecardBot.Core.Conversation.Answers;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Conversation.Submission;

/// <summary>One KPI and period on a prompt card, with what was typed and what was wrong with it (for the error version).</summary>
public sealed record PromptItem(Kpi Kpi, Period Period)
{
    public string? TypedValue { get; init; }
    public string? TypedComment { get; init; }
    public string? Error { get; init; }
}

/// <summary>
/// The monthly prompt card an owner gets: for each KPI the period, target and last three
/// actuals, a value field and a multi-line comment field, and one Submit button. The error
/// version is the same card with the message beside the field and the typed text kept.
/// </summary>
public static class PromptCards
{
    public const string Kind = "prompt";

    public static Message For(OrganizationSnapshot snapshot, IReadOnlyList<PromptItem> items)
    {
        ArgumentOutOfRangeException.ThrowIfZero(items.Count);
        var culture = snapshot.Locale.Culture;
        var blocks = new List<Block>();
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        if (items.Count == 1)
        {
            var item = items[0];
            blocks.Add(new Heading($"{item.Kpi.Name} — {ValueText.Period(item.Period, culture)}"));
            blocks.Add(Facts(snapshot, item, culture));
            blocks.Add(ValueField(CardActions.Keys.Value, item, culture));
            blocks.Add(CommentField(CardActions.Keys.Comment, item));
            data[CardActions.Keys.Kpi] = item.Kpi.Id.ToString("N");
            data[CardActions.Keys.Period] = item.Period.ToString();
        }
        else
        {
            var periods = items.Select(i => i.Period).Distinct().ToList();
            blocks.Add(new Heading(periods.Count == 1 ? $"Your KPIs for {ValueText.Period(periods[0], culture)}" : "Your KPIs to report"));
            foreach (var item in items)
            {
                blocks.Add(new Divider());
                blocks.Add(new Paragraph([new Run(item.Kpi.Name, Bold: true), new Run($" · {ValueText.Period(item.Period, culture)}")]));
                blocks.Add(Facts(snapshot, item, culture));
                blocks.Add(ValueField(CardActions.ValueInput(item.Kpi.Id), item, culture));
                blocks.Add(CommentField(CardActions.CommentInput(item.Kpi.Id), item));
                data[CardActions.PeriodKey(item.Kpi.Id)] = item.Period.ToString();
            }

            data[CardActions.Keys.Kpis] = string.Join(',', items.Select(i => i.Kpi.Id.ToString("N")));
        }

        blocks.Add(new Note("Type n/a as the value and say why in the comment when there is no data."));
        blocks.Add(new ActionBar([new MessageAction(CardActions.SubmitActual, "Submit") { Data = data, SubmitsInputs = true, Style = ActionStyle.Primary }]));
        var names = string.Join(", ", items.Select(i => i.Kpi.Name));
        var errors = items.Where(i => i.Error is not null).ToList();
        var summary = errors.Count > 0
            ? $"Please check: {string.Join(" ", errors.Select(e => $"{e.Kpi.Name}: {e.Error}"))}"
            : $"Please report {names} for {string.Join(", ", items.Select(i => i.Period).Distinct().Select(p => ValueText.Period(p, culture)))}.";
        return new Message(blocks, summary) { Kind = Kind };
    }

    private static FactList Facts(OrganizationSnapshot snapshot, PromptItem item, CultureInfo culture)
    {
        var facts = new List<Fact>();
        var target = item.Kpi.Targets.FirstOrDefault(t => t.Period == item.Period);
        facts.Add(new Fact("Target", target is null ? "not set" : Readings.Format(snapshot, target.Value, item.Kpi)));
        var last = item.Kpi.Actuals.Where(a => a.Period < item.Period && a.Period.Kind == item.Period.Kind)
            .OrderByDescending(a => a.Period).Take(3).ToList();
        facts.Add(new Fact("Last 3", last.Count == 0 ? "none yet" : string.Join(" · ", last.Select(a => $"{ValueText.ShortPeriod(a.Period, culture)} {Readings.Format(snapshot, a.Value, item.Kpi)}"))));
        if (snapshot.ObjectiveOf(item.Kpi) is { } objective)
        {
            facts.Add(new Fact("Objective", objective.Name));
        }

        return new FactList(facts);
    }

    private static NumberInput ValueField(string id, PromptItem item, CultureInfo culture) =>
        new(id, string.IsNullOrEmpty(item.Kpi.Unit) ? "Value" : $"Value ({item.Kpi.Unit})")
        {
            IsRequired = true,
            Placeholder = item.Kpi.Format == KpiFormat.Percent ? $"e.g. {94.5m.ToString("0.0", culture)}" : $"e.g. {1250.5m.ToString("N1", culture)}",
            Value = item.TypedValue,
            Error = item.Error,
        };

    private static TextInput CommentField(string id, PromptItem item) =>
        new(id, "Comment") { Multiline = true, MaxLength = 2000, Placeholder = "What happened, and what you do about it", Value = item.TypedComment };
}
