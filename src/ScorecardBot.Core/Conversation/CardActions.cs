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

    /// <summary>
    /// Show the prompt card again with the status each typed value would get, storing nothing
    /// (same data and inputs as <see cref="SubmitActual"/>). Slack modals send it as the values change.
    /// </summary>
    public const string PreviewActual = "scorecard.actual.preview";

    /// <summary>The scorecard manager approves a pending value (data: kpi, period, <see cref="Keys.Version"/>).</summary>
    public const string ApproveActual = "scorecard.actual.approve";

    /// <summary>The scorecard manager rejects a pending value, with the reason in <see cref="Keys.Reason"/>.</summary>
    public const string RejectActual = "scorecard.actual.reject";

    /// <summary>Show the out-of-office card (the prompt's "I'm away" button).</summary>
    public const string ShowAway = "scorecard.away.show";

    /// <summary>Set an absence from the out-of-office card (inputs <see cref="Keys.From"/>, <see cref="Keys.To"/>, <see cref="Keys.Delegate"/>).</summary>
    public const string SetAway = "scorecard.away.set";

    /// <summary>
    /// The scorecard manager carries last fiscal year's targets forward to a new one (data:
    /// <see cref="Keys.Id"/> the scorecard, <see cref="Keys.Period"/> the fiscal year, "FY2027").
    /// </summary>
    public const string CarryTargets = "scorecard.targets.carry";

    /// <summary>
    /// A presenter sends their pre-read (data: <see cref="Keys.Id"/> the scorecard, <see cref="Keys.Period"/>
    /// the review, <see cref="Keys.Kpis"/> the KPIs; inputs per KPI, <c>Review.PreReadBuilder.InputId</c>).
    /// </summary>
    public const string SubmitPreRead = "scorecard.preread.submit";

    /// <summary>Meeting card: the item is done, on to the next (managers; data: <see cref="Keys.Meeting"/>, <see cref="Keys.Item"/>).</summary>
    public const string MeetingNext = "scorecard.meeting.next";

    /// <summary>Meeting card: put the item aside for later (managers).</summary>
    public const string MeetingPark = "scorecard.meeting.park";

    /// <summary>Meeting card: record the decision typed in <see cref="Keys.Decision"/> (anyone in the channel).</summary>
    public const string MeetingDecide = "scorecard.meeting.decide";

    /// <summary>Meeting card: add the action typed in <see cref="Keys.ActionText"/>, <see cref="Keys.Owner"/>, <see cref="Keys.Due"/> (anyone in the channel).</summary>
    public const string MeetingAddAction = "scorecard.meeting.action";

    /// <summary>Meeting card: end the meeting and post the minutes (managers).</summary>
    public const string MeetingEnd = "scorecard.meeting.end";

    /// <summary>Send a scorecard change's card (data: <see cref="Keys.Command"/>, the change; inputs: its pieces).</summary>
    public const string Edit = "scorecard.edit";

    public static class Keys
    {
        /// <summary>The meeting ("N" format) of a meeting card, and the index of the item it shows.</summary>
        public const string Meeting = "meeting";
        public const string Item = "item";

        /// <summary>Inputs of a meeting card: a decision; an action's text, owner and due date.</summary>
        public const string Decision = "decision";
        public const string ActionText = "actionText";
        public const string Owner = "owner";
        public const string Due = "due";

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

        /// <summary>Input id of the quick answer of a single-KPI card (a value, no change, no data, data late).</summary>
        public const string Answer = "answer";

        /// <summary>Input id of the ETA of a single-KPI card ("Data late — ETA 12 Nov").</summary>
        public const string Eta = "eta";

        /// <summary>The reason of a rejection.</summary>
        public const string Reason = "reason";

        /// <summary>The stored version of the actual an approval card is about; a changed value needs a new decision.</summary>
        public const string Version = "version";

        public const string From = "from";
        public const string To = "to";
        public const string Delegate = "delegate";

        /// <summary>Which scorecard change a card sends.</summary>
        public const string Command = "command";
    }

    /// <summary>The choices of the quick-answer input.</summary>
    public static class Answers
    {
        public const string Value = "value";
        public const string NoChange = "same";
        public const string NoData = "nodata";
        public const string Late = "late";
    }

    /// <summary>Input id of one KPI's quick answer on a card with several KPIs.</summary>
    public static string AnswerInput(Guid kpiId) => $"{Keys.Answer}.{kpiId:N}";

    /// <summary>Input id of one KPI's ETA on a card with several KPIs.</summary>
    public static string EtaInput(Guid kpiId) => $"{Keys.Eta}.{kpiId:N}";

    /// <summary>Input id of one KPI's value on a card with several KPIs.</summary>
    public static string ValueInput(Guid kpiId) => $"{Keys.Value}.{kpiId:N}";

    /// <summary>Input id of one KPI's comment on a card with several KPIs.</summary>
    public static string CommentInput(Guid kpiId) => $"{Keys.Comment}.{kpiId:N}";

    /// <summary>Data key of one KPI's period on a card with several KPIs.</summary>
    public static string PeriodKey(Guid kpiId) => $"{Keys.Period}.{kpiId:N}";
}
