using ScorecardBot.Core.Conversation.Grammar;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Conversation.Handlers;

/// <summary>
/// The card of each scorecard change: its pieces as inputs, filled with what was typed and with
/// the problem beside each piece that is missing or wrong, and one button that sends them back
/// (<see cref="CardActions.Edit"/>). Teams shows it as an Adaptive Card, Slack as blocks, the local chat as a form.
/// </summary>
internal static class EditForms
{
    /// <summary>One piece: required pieces must be filled; <paramref name="AskedWhenTyped"/> ones are asked for when a typed command leaves them out, but may stay empty on the card.</summary>
    public sealed record Field(string Id, string Label, bool Required, bool AskedWhenTyped = false, string? Placeholder = null);

    public sealed record Form(EditKind Kind, string Command, string Title, string Submit, IReadOnlyList<Field> Fields);

    private static readonly Dictionary<EditKind, Form> Forms = new()
    {
        [EditKind.KpiAdd] = new(EditKind.KpiAdd, "kpi add", "Add a KPI", "Add KPI",
        [
            new(EditFields.Name, "Name", true, Placeholder: "Fuel per mile"),
            new(EditFields.Objective, "Objective it measures", true),
            new(EditFields.Unit, "Unit", false, Placeholder: "%, days, EUR (may stay empty)"),
            new(EditFields.Direction, "Better is", true),
            new(EditFields.Target, "Target for this fiscal year", false, AskedWhenTyped: true, Placeholder: "95%"),
            new(EditFields.Owner, "Owner", false, AskedWhenTyped: true, Placeholder: "@name or e-mail"),
            new(EditFields.Indicator, "Indicator", false),
        ]),
        [EditKind.KpiRename] = new(EditKind.KpiRename, "kpi rename", "Rename a KPI", "Rename",
            [new(EditFields.Kpi, "KPI", true), new(EditFields.Name, "New name", true)]),
        [EditKind.KpiRetire] = new(EditKind.KpiRetire, "kpi retire", "Retire a KPI", "Retire",
            [new(EditFields.Kpi, "KPI (its history is kept)", true)]),
        [EditKind.KpiMove] = new(EditKind.KpiMove, "kpi move", "Move a KPI to another objective", "Move",
            [new(EditFields.Kpi, "KPI", true), new(EditFields.Objective, "Objective it measures from now on", true)]),
        [EditKind.ObjectiveAdd] = new(EditKind.ObjectiveAdd, "objective add", "Add an objective", "Add objective",
            [new(EditFields.Name, "Objective, as a verb phrase", true, Placeholder: "Reduce fuel cost per mile"), new(EditFields.Perspective, "Perspective", true), new(EditFields.Scorecard, "Scorecard", false)]),
        [EditKind.Link] = new(EditKind.Link, "link", "Link two objectives on the strategy map", "Link",
            [new(EditFields.Cause, "Cause (this drives …)", true), new(EditFields.Effect, "Effect (… this)", true)]),
        [EditKind.Threshold] = new(EditKind.Threshold, "threshold", "Set where amber and red start", "Set thresholds",
            [new(EditFields.Kpi, "KPI", true), new(EditFields.Amber, "Amber from", true), new(EditFields.Red, "Red from", true)]),
        [EditKind.ChannelHere] = new(EditKind.ChannelHere, "channel here", "Post this scorecard's digests here", "Use this channel",
            [new(EditFields.Scorecard, "Scorecard", false)]),
    };

    public static Form For(EditKind kind) => Forms[kind];

    /// <summary>The card for a change, holding what was typed, with the problems beside their pieces.</summary>
    public static Message Card(TurnContext context, EditRequest request, IReadOnlyDictionary<string, string> errors)
    {
        var form = For(request.Kind);
        var blocks = new List<Block> { new Heading(form.Title) };
        foreach (var field in form.Fields)
        {
            var typed = request.Get(field.Id);
            var choices = Choices(context, request, field.Id);
            var chosen = typed is null ? null : choices?.FirstOrDefault(c => Names(c, typed));
            Input input = choices is not null && (typed is null || chosen is not null)
                ? new ChoiceInput(field.Id, field.Label, choices) { Value = chosen?.Value }
                : new TextInput(field.Id, field.Label) { Value = typed, MaxLength = 200 };
            blocks.Add(input with { IsRequired = field.Required, Error = errors.GetValueOrDefault(field.Id), Placeholder = field.Placeholder });
        }

        blocks.Add(new ActionBar([new MessageAction(CardActions.Edit, form.Submit)
        {
            Style = ActionStyle.Primary,
            SubmitsInputs = true,
            Data = new Dictionary<string, string> { [CardActions.Keys.Command] = form.Kind.ToString() },
        }]));
        var missing = form.Fields.Where(f => errors.ContainsKey(f.Id)).Select(f => $"{f.Label}: {errors[f.Id]}");
        var summary = $"{form.Title}: fill in what is missing. " + string.Join(" ", missing);
        return new Message(blocks, summary.Trim()) { Kind = EditHandler.CardKind };
    }

    /// <summary>Whether typed words name a choice: its value (a key), its title, or the title without its scorecard.</summary>
    private static bool Names(Choice choice, string typed) =>
        string.Equals(choice.Value, typed, StringComparison.OrdinalIgnoreCase) ||
        string.Equals(choice.Title, typed, StringComparison.OrdinalIgnoreCase) ||
        choice.Title.StartsWith(typed + " (", StringComparison.OrdinalIgnoreCase);

    /// <summary>The choices of a piece that has few enough of them; null for free text.</summary>
    private static List<Choice>? Choices(TurnContext context, EditRequest request, string field)
    {
        var snapshot = context.Snapshot;
        switch (field)
        {
            case EditFields.Direction:
                return [new("Higher (up)", "up"), new("Lower (down)", "down")];
            case EditFields.Indicator:
                return [new("Lagging (an outcome)", "lagging"), new("Leading (a driver)", "leading")];
            case EditFields.Objective or EditFields.Cause or EditFields.Effect:
                var objectives = snapshot.Scorecards.SelectMany(s => s.Objectives.OrderBy(o => o.Order).Select(o => (Scorecard: s, Objective: o))).ToList();
                return objectives.Count is 0 or > 100
                    ? null
                    : [.. objectives.Select(x => new Choice(snapshot.Scorecards.Count > 1 ? $"{x.Objective.Name} ({x.Scorecard.Name})" : x.Objective.Name, x.Objective.Key))];
            case EditFields.Perspective:
                var (scorecard, _) = Resolve.Scorecard(context, request.Get(EditFields.Scorecard), "objective add");
                return scorecard is null ? null : [.. scorecard.Perspectives.OrderBy(p => p.Order).Select(p => new Choice(p.Name, p.Name))];
            case EditFields.Scorecard:
                return snapshot.Scorecards.Count is 0 or > 100 ? null : [.. snapshot.Scorecards.Select(s => new Choice(s.Name, s.Key))];
            default:
                return null;
        }
    }
}

/// <summary>How a new KPI's values are written, from its unit: "%" is a percentage, the organization's currency is money.</summary>
public static class NewKpiFormat
{
    public static KpiFormat Of(string? unit, string currency) =>
        unit?.Trim() switch
        {
            "%" or "percent" => KpiFormat.Percent,
            { } u when string.Equals(u, currency, StringComparison.OrdinalIgnoreCase) || u is "$" or "€" or "£" => KpiFormat.Currency,
            _ => KpiFormat.Number,
        };
}
