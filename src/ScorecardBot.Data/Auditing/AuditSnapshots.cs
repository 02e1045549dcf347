using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Data.Auditing;

/// <summary>
/// The audited fields of each subject, and how their old or new state is written into
/// <see cref="AuditEntry.OldValue"/> / <see cref="AuditEntry.NewValue"/>: compact JSON for an
/// actual or a target, the person's id for an owner.
/// </summary>
internal static class AuditSnapshots
{
    public const string ActualSubject = "Actual";
    public const string TargetSubject = "Target";
    public const string KpiOwnerSubject = "KpiOwner";
    public const string KpiDelegateSubject = "KpiDelegate";
    public const string ObjectiveOwnerSubject = "ObjectiveOwner";
    public const string InitiativeOwnerSubject = "InitiativeOwner";
    public const string LateNoticeSubject = "LateNotice";
    public const string PreReadSubject = "PreRead";
    public const string AbsenceSubject = "Absence";

    /// <summary>Approval and "carried forward" are part of an actual's story: who approved it is audited like a change of its value.</summary>
    public static readonly string[] ActualFields =
    [
        nameof(Actual.Value), nameof(Actual.NoDataReason), nameof(Actual.Comment), nameof(Actual.CarriedForward), nameof(Actual.PendingApproval),
    ];

    public static readonly string[] LateNoticeFields = [nameof(LateNotice.Eta), nameof(LateNotice.Reason)];
    public static readonly string[] PreReadFields =
        [nameof(PreRead.Cause), nameof(PreRead.Countermeasure), nameof(PreRead.CountermeasureOwnerId), nameof(PreRead.CountermeasureDue), nameof(PreRead.Need)];

    public static readonly string[] AbsenceFields = [nameof(Absence.PersonId), nameof(Absence.From), nameof(Absence.To), nameof(Absence.DelegateId)];

    public static readonly string[] TargetFields =
    [
        nameof(Target.Value), nameof(Target.BandLow), nameof(Target.BandHigh),
        nameof(Target.ThresholdStyle), nameof(Target.Amber), nameof(Target.Red),
    ];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string OfActual(PropertyValues values) => JsonSerializer.Serialize(
        new ActualSnapshot(
            Plain(values.GetValue<decimal?>(nameof(Actual.Value))),
            values.GetValue<string?>(nameof(Actual.NoDataReason)),
            values.GetValue<string?>(nameof(Actual.Comment)),
            values.GetValue<bool>(nameof(Actual.CarriedForward)) ? true : null,
            values.GetValue<bool>(nameof(Actual.PendingApproval)) ? true : null),
        Json);

    public static string OfLateNotice(PropertyValues values) => JsonSerializer.Serialize(
        new LateNoticeSnapshot(values.GetValue<DateOnly>(nameof(LateNotice.Eta)), values.GetValue<string?>(nameof(LateNotice.Reason))),
        Json);

    public static string OfPreRead(PropertyValues values) => JsonSerializer.Serialize(
        new PreReadSnapshot(
            values.GetValue<string>(nameof(PreRead.Cause)),
            values.GetValue<string>(nameof(PreRead.Countermeasure)),
            values.GetValue<Guid?>(nameof(PreRead.CountermeasureOwnerId)),
            values.GetValue<DateOnly>(nameof(PreRead.CountermeasureDue)),
            values.GetValue<PreReadNeed>(nameof(PreRead.Need)).ToString()),
        Json);

    public static string OfAbsence(PropertyValues values) => JsonSerializer.Serialize(
        new AbsenceSnapshot(
            values.GetValue<Guid>(nameof(Absence.PersonId)),
            values.GetValue<DateOnly>(nameof(Absence.From)),
            values.GetValue<DateOnly>(nameof(Absence.To)),
            values.GetValue<Guid?>(nameof(Absence.DelegateId))),
        Json);

    public static string OfTarget(PropertyValues values) => JsonSerializer.Serialize(
        new TargetSnapshot(
            Plain(values.GetValue<decimal>(nameof(Target.Value))),
            Plain(values.GetValue<decimal?>(nameof(Target.BandLow))),
            Plain(values.GetValue<decimal?>(nameof(Target.BandHigh))),
            values.GetValue<ThresholdStyle>(nameof(Target.ThresholdStyle)),
            Plain(values.GetValue<decimal?>(nameof(Target.Amber))),
            Plain(values.GetValue<decimal?>(nameof(Target.Red)))),
        Json);

    public static string? Person(Guid? id) => id?.ToString("D");

    /// <summary>
    /// The changes of values an "updated" entry of a target or an actual tells: the target, each
    /// threshold or band edge, or the actual's value (approving, which changes none, tells nothing).
    /// </summary>
    public static IEnumerable<RecordedChange> Changes(AuditEntry entry)
    {
        if (entry.Change != "updated" || entry.KpiId is not { } kpiId || entry.Period is not { } period || entry.OldValue is null || entry.NewValue is null)
        {
            yield break;
        }

        if (entry.Subject == TargetSubject)
        {
            var before = JsonSerializer.Deserialize<TargetSnapshot>(entry.OldValue, Json);
            var after = JsonSerializer.Deserialize<TargetSnapshot>(entry.NewValue, Json);
            if (before is null || after is null)
            {
                yield break;
            }

            foreach (var (field, old, @new) in new (ChangedField, decimal?, decimal?)[]
            {
                (ChangedField.Target, before.Value, after.Value),
                (ChangedField.AmberThreshold, before.Amber, after.Amber),
                (ChangedField.RedThreshold, before.Red, after.Red),
                (ChangedField.BandLow, before.BandLow, after.BandLow),
                (ChangedField.BandHigh, before.BandHigh, after.BandHigh),
            })
            {
                if (old != @new)
                {
                    yield return new RecordedChange(field, kpiId, period, old, @new, entry.ActorName, entry.At);
                }
            }
        }
        else if (entry.Subject == ActualSubject)
        {
            var before = JsonSerializer.Deserialize<ActualSnapshot>(entry.OldValue, Json);
            var after = JsonSerializer.Deserialize<ActualSnapshot>(entry.NewValue, Json);
            if (before is not null && after is not null && (before.Value != after.Value || before.NoDataReason != after.NoDataReason))
            {
                yield return new RecordedChange(ChangedField.Actual, kpiId, period, before.Value, after.Value, entry.ActorName, entry.At);
            }
        }
    }

    /// <summary>
    /// 91.5 stays 91.5 whatever scale the provider returned (91.500000 from numeric(20,6)), so
    /// the trail reads the same on every database. Dividing by 1.000… drops trailing zeros.
    /// </summary>
    private static decimal Plain(decimal value) => value / 1.000000000000000000000000000000000m;

    private static decimal? Plain(decimal? value) => value is { } v ? Plain(v) : null;

    /// <summary>The flags are written only when set, so entries of plain values read as they always did.</summary>
    private sealed record ActualSnapshot(decimal? Value, string? NoDataReason, string? Comment, bool? CarriedForward, bool? PendingApproval);

    private sealed record LateNoticeSnapshot(DateOnly Eta, string? Reason);

    private sealed record PreReadSnapshot(string Cause, string Countermeasure, Guid? CountermeasureOwner, DateOnly Due, string Need);

    private sealed record AbsenceSnapshot(Guid PersonId, DateOnly From, DateOnly To, Guid? DelegateId);

    private sealed record TargetSnapshot(
        decimal Value, decimal? BandLow, decimal? BandHigh, ThresholdStyle ThresholdStyle, decimal? Amber, decimal? Red);
}
