namespace ScorecardBot.Core.Conversation;

/// <summary>
/// The ids of the buttons the conversation puts on its messages and the keys of their data and
/// inputs. Channels send them back unchanged in <see cref="CardAction"/>; nothing else may spell them.
/// </summary>
public static class CardActions
{
    /// <summary>Submit the value(s) and comment(s) of a prompt card; with <see cref="Keys.Confirm"/> = "true" after "are you sure?".</summary>
    public const string SubmitActual = "scorecard.actual.submit";

    /// <summary>Show the prompt card for one KPI and period again (the "change it" of a confirmation).</summary>
    public const string ShowPrompt = "scorecard.actual.prompt";

    /// <summary>Answer about one KPI (the choice buttons of "which one do you mean?").</summary>
    public const string ShowKpi = "scorecard.kpi.show";

    /// <summary>Answer about an objective, perspective or scorecard (data: <see cref="Keys.Kind"/> and <see cref="Keys.Id"/>).</summary>
    public const string ShowSubject = "scorecard.subject.show";

    /// <summary>Close a review action (data: <see cref="Keys.Action"/>).</summary>
    public const string CompleteAction = "scorecard.action.done";

    public static class Keys
    {
        /// <summary>KPI id ("N" format) of a single-KPI card, or of a choice button.</summary>
        public const string Kpi = "kpi";

        /// <summary>Period key ("2026-10") of a single-KPI card.</summary>
        public const string Period = "period";

        /// <summary>Input id of the value of a single-KPI card; also the typed value echoed by a confirm button.</summary>
        public const string Value = "value";

        /// <summary>Input id of the comment of a single-KPI card.</summary>
        public const string Comment = "comment";

        /// <summary>"true" on the confirm button of "are you sure?".</summary>
        public const string Confirm = "confirm";

        /// <summary>Comma-separated KPI ids of a card with several KPIs.</summary>
        public const string Kpis = "kpis";

        public const string Kind = "kind";
        public const string Id = "id";
        public const string Action = "action";
    }

    /// <summary>Input id of one KPI's value on a card with several KPIs.</summary>
    public static string ValueInput(Guid kpiId) => $"{Keys.Value}.{kpiId:N}";

    /// <summary>Input id of one KPI's comment on a card with several KPIs.</summary>
    public static string CommentInput(Guid kpiId) => $"{Keys.Comment}.{kpiId:N}";

    /// <summary>Data key of one KPI's period on a card with several KPIs.</summary>
    public static string PeriodKey(Guid kpiId) => $"{Keys.Period}.{kpiId:N}";
}
