using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Scoring;

/// <summary>
/// One KPI for one period, ready to show: its value, target, status, score and trends. Digests,
/// agendas and answers ("how is retention doing") are built from these.
/// </summary>
public sealed record KpiSnapshot
{
    public required Guid KpiId { get; init; }
    public required Guid ObjectiveId { get; init; }
    public required string Key { get; init; }
    public required string Name { get; init; }
    public required Period Period { get; init; }
    public Guid? OwnerId { get; init; }

    /// <summary>How to show and judge the values (copied from the KPI so a snapshot stands alone).</summary>
    public KpiFormat Format { get; init; }

    public string? Unit { get; init; }
    public int Decimals { get; init; }
    public Direction Direction { get; init; }
    public IndicatorType Indicator { get; init; }

    /// <summary>The value that counts; null when none was reported, it was "no data", or it awaits approval.</summary>
    public decimal? Actual { get; init; }

    /// <summary>Someone answered for the period, possibly with "no data".</summary>
    public bool Reported { get; init; }

    public string? NoDataReason { get; init; }
    public string? Comment { get; init; }

    /// <summary>The system that wrote <see cref="Comment"/> (an API key and its source), so it is not read as the owner's; null when a person wrote it.</summary>
    public string? CommentBySystem { get; init; }

    /// <summary>A value was submitted but waits for the scorecard manager's approval; it does not count yet.</summary>
    public bool PendingApproval { get; init; }

    public bool CarriedForward { get; init; }

    public Target? Target { get; init; }
    public decimal? TargetValue => Target?.Value;

    public required KpiAssessment Assessment { get; init; }
    public Status Status => Assessment.Status;
    public decimal? Score => Assessment.Score;

    /// <summary>There is an actual but no target to judge it by.</summary>
    public bool NoTarget => Assessment.NoTarget;

    public required KpiTrend Trend { get; init; }

    /// <summary>
    /// Summarises a KPI for a period from its own <see cref="Kpi.Actuals"/> and
    /// <see cref="Kpi.Targets"/>. <paramref name="period"/> should be of the KPI's frequency
    /// (a month for monthly KPIs, a fiscal quarter for quarterly ones).
    /// </summary>
    public static KpiSnapshot Compute(Kpi kpi, Period period)
    {
        var actual = kpi.Actuals
            .Where(a => a.Period == period)
            .OrderByDescending(a => a.SubmittedAt)
            .FirstOrDefault();
        var target = kpi.Targets.FirstOrDefault(t => t.Period == period);
        return From(kpi, period, actual, target, Scoring.Trend.SeriesOf(kpi.Actuals));
    }

    /// <summary>
    /// The snapshot from what was already looked up: the latest actual of the period, its target and
    /// the KPI's value series. Builders that scan many KPIs in one pass call this directly.
    /// </summary>
    internal static KpiSnapshot From(
        Kpi kpi, Period period, Actual? actual, Target? target, IReadOnlyDictionary<Period, decimal> series)
    {
        var counts = actual is { PendingApproval: false, Value: not null };
        var value = counts ? actual!.Value : null;

        return new KpiSnapshot
        {
            KpiId = kpi.Id,
            ObjectiveId = kpi.ObjectiveId,
            Key = kpi.Key,
            Name = kpi.Name,
            Period = period,
            OwnerId = kpi.OwnerId,
            Format = kpi.Format,
            Unit = kpi.Unit,
            Decimals = kpi.Decimals,
            Direction = kpi.Direction,
            Indicator = kpi.Indicator,
            Actual = value,
            Reported = actual is not null && !actual.PendingApproval,
            NoDataReason = actual?.NoDataReason,
            Comment = actual?.Comment,
            CommentBySystem = actual is null ? null : Conversation.ActualStore.SystemCommentAuthor(actual),
            PendingApproval = actual?.PendingApproval ?? false,
            CarriedForward = actual?.CarriedForward ?? false,
            Target = target,
            Assessment = StatusRules.Assess(value, target, kpi.Direction),
            Trend = Scoring.Trend.Compute(series, period, kpi.Direction, target),
        };
    }
}
