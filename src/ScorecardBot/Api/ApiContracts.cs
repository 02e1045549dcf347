using System.ComponentModel;

namespace ScorecardBot.Api;

// The JSON of the REST API. Names are camelCase on the wire; periods are their canonical keys
// ("2026-10" for a month, "FY2027-Q1" for a fiscal quarter); statuses are Green, Amber, Red, NoData.

[Description("The organization's scorecards with their status for the last complete month.")]
public sealed record ScorecardListResponse(string Organization, string Period, IReadOnlyList<ScorecardSummary> Scorecards);

public sealed record ScorecardSummary(
    Guid Id, string Key, string Name, string? Description, Guid? ParentScorecardId, string Status, decimal? Score, int KpiCount);

[Description("A scorecard: its perspectives with their objectives and KPIs (each with its current status), and the strategy map's cause-and-effect links.")]
public sealed record ScorecardDetail(
    Guid Id, string Key, string Name, string? Description, Guid? ParentScorecardId, string Period, string Status, decimal? Score,
    IReadOnlyList<PerspectiveView> Perspectives, IReadOnlyList<LinkView> Links);

public sealed record PerspectiveView(Guid Id, string Name, string Kind, string Status, decimal? Score, IReadOnlyList<ObjectiveView> Objectives);

public sealed record ObjectiveView(Guid Id, string Key, string Name, string? Owner, string Status, decimal? Score, IReadOnlyList<KpiView> Kpis);

[Description("A KPI with its value, target and status for its last complete period.")]
public sealed record KpiView(
    Guid Id, string Key, string Name, string? Unit, string Format, string Direction, string Frequency, bool FedByApi, string? Owner,
    string Period, decimal? Actual, decimal? Target, string Status, decimal? Score, string Trend);

public sealed record LinkView(Guid CauseObjectiveId, Guid EffectObjectiveId, string? Rationale);

[Description("A KPI's actuals, targets and status per period, oldest first.")]
public sealed record SeriesResponse(KpiDefinition Kpi, string From, string To, IReadOnlyList<SeriesPoint> Points);

public sealed record KpiDefinition(Guid Id, string Key, string Name, Guid ScorecardId, string? Unit, string Format, string Direction, string Frequency, bool FedByApi);

/// <param name="Actual">Null when nothing was reported or "no data" was (then <paramref name="NoDataReason"/> says why).</param>
/// <param name="Source">Card, Command, Import or Api: the door the actual came through.</param>
public sealed record SeriesPoint(
    string Period, decimal? Actual, string? NoDataReason, string? Comment, decimal? Target, string Status, decimal? Score,
    string? Source, string? SourceSystem, string? SubmittedBy, DateTimeOffset? SubmittedAt);

[Description("One actual. Give value (a number in the KPI's unit) or text (read like a card: \"1.2k\", \"95%\", \"n/a\" with the reason as comment), not both.")]
public sealed record ActualPut(
    [property: Description("The number, in the KPI's unit (percent KPIs: 94.5 for 94.5 %).")] decimal? Value = null,
    [property: Description("The value as people type it, read in the organization's locale: \"1.2k\", \"$1,200\", \"95%\", \"2h 30m\", \"n/a\".")] string? Text = null,
    [property: Description("What drove the number. For \"n/a\": why there is no data. Left out: the stored comment stays.")] string? Comment = null,
    [property: Description("The system the number comes from (\"SAP S/4HANA\").")] string? SourceSystem = null,
    [property: Description("True to store a value ten times off the KPI's usual level; without it such a value is refused.")] bool Confirmed = false);

[Description("Many actuals at once; each row names its KPI by kpiId or kpiKey.")]
public sealed record ActualBatch(
    [property: Description("The system the numbers come from, for every row that names none. Optional: left out, the rows carry none (the key's name still says who sent them).")] string? SourceSystem = null,
    [property: Description("The rows, at least one.")] IReadOnlyList<ActualBatchRow>? Actuals = null);

public sealed record ActualBatchRow(
    Guid? KpiId = null,
    [property: Description("The KPI's key, as in the scorecard file (\"revenue\"); unique in the organization.")] string? KpiKey = null,
    [property: Description("\"2026-10\" for a month, \"FY2027-Q1\" for a fiscal quarter; the KPI's frequency decides.")] string? Period = null,
    decimal? Value = null,
    string? Text = null,
    string? Comment = null,
    string? SourceSystem = null,
    bool Confirmed = false);

/// <param name="Change">created, updated or unchanged (the same value was already stored: nothing changed, nothing audited).</param>
/// <param name="PendingApproval">The scorecard requires approval: the value waits for its manager and does not count yet.</param>
public sealed record ActualResult(int Index, Guid KpiId, string KpiKey, string Period, string Change, decimal? Value, string? NoDataReason, string? Comment, bool PendingApproval);

public sealed record RefusedRow(int Index, string? Kpi, string? Period, string Code, string Reason);

[Description("What a write did: counts, every stored row, and with ?partial=true the refused rows.")]
public sealed record ActualWriteResponse(int Created, int Updated, int Unchanged, IReadOnlyList<ActualResult> Actuals, IReadOnlyList<RefusedRow> Refused);

[Description("An outgoing webhook. The secret signs every delivery and is shown only when the webhook is registered.")]
public sealed record WebhookView(Guid Id, string Url, IReadOnlyList<string> Events, string CreatedBy, DateTimeOffset CreatedAt, string? Secret = null);

public sealed record WebhookListResponse(IReadOnlyList<WebhookView> Webhooks);

public sealed record WebhookRegistration(
    [property: Description("An https URL outside private networks.")] string? Url,
    [property: Description("actual.recorded, kpi.status_changed, review.digest_posted; all when left out.")] IReadOnlyList<string>? Events = null);
