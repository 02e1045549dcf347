using System.Globalization;
using ScorecardBot.Core.Conversation.Answers;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Values;

namespace ScorecardBot.Core.Conversation.Submission;

/// <summary>
/// The inputs and buttons every prompt carries, whether the rhythm sends it or the conversation
/// shows it again: per KPI the quick answer, the value, the ETA and the comment; then Submit,
/// "Check status" (the live preview) and "I'm away".
/// </summary>
public static class PromptFields
{
    /// <summary>The inputs of one KPI; <paramref name="single"/> cards use the plain input ids.</summary>
    public static IReadOnlyList<Block> For(Kpi kpi, Period period, bool single, ValueFormatter formatter, CultureInfo culture, PromptItem? typed = null)
    {
        var last = AnswerCheck.LastValue(kpi, period);
        var choices = new List<Choice> { new("Report a value", CardActions.Answers.Value) };
        if (last is not null)
        {
            choices.Add(new($"No change: {formatter.Format(last.Value, kpi)} as in {ValueText.Period(last.Period, culture)}", CardActions.Answers.NoChange));
        }

        choices.Add(new("No data (say why in the comment)", CardActions.Answers.NoData));
        choices.Add(new("Data late (give the ETA)", CardActions.Answers.Late));

        var blocks = new List<Block>
        {
            new ChoiceInput(single ? CardActions.Keys.Answer : CardActions.AnswerInput(kpi.Id), "Answer", choices)
            {
                Value = AnswerCheck.Choice(typed?.TypedAnswer ?? QuickAnswer.Value),
                OnChange = CardActions.PreviewActual,
            },
            new NumberInput(single ? CardActions.Keys.Value : CardActions.ValueInput(kpi.Id), string.IsNullOrEmpty(kpi.Unit) ? "Value" : $"Value ({kpi.Unit})")
            {
                Placeholder = kpi.Format == KpiFormat.Percent ? $"e.g. {94.5m.ToString("0.0", culture)}" : $"e.g. {1250.5m.ToString("N1", culture)}",
                Value = typed?.TypedValue,
                Error = typed?.Error,
                OnChange = CardActions.PreviewActual,
            },
            new TextInput(single ? CardActions.Keys.Eta : CardActions.EtaInput(kpi.Id), "ETA if the data is late")
            {
                Placeholder = "e.g. 12 Nov",
                MaxLength = 40,
                Value = typed?.TypedEta,
                Error = typed?.EtaError,
            },
            new TextInput(single ? CardActions.Keys.Comment : CardActions.CommentInput(kpi.Id), "Comment: cause and countermeasure if red or amber")
            {
                Multiline = true,
                MaxLength = 2000,
                Placeholder = "What happened, and what you do about it",
                Value = typed?.TypedComment,
                Error = typed?.CommentError,
            },
        };

        if (typed?.Preview is { } preview)
        {
            blocks.Add(Paragraph.Of(preview, typed.PreviewTone));
        }

        return blocks;
    }

    /// <summary>Submit, the preview button and "I'm away", all carrying the card's KPIs and periods.</summary>
    public static ActionBar Actions(IReadOnlyDictionary<string, string> data) => new(
    [
        new MessageAction(CardActions.SubmitActual, "Submit") { Data = data, SubmitsInputs = true, Style = ActionStyle.Primary },
        new MessageAction(CardActions.PreviewActual, "Check status") { Data = data, SubmitsInputs = true },
        new MessageAction(CardActions.ShowAway, "I'm away"),
    ]);
}
