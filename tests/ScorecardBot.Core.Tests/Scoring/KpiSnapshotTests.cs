using ScorecardBot.Core.Model;
using ScorecardBot.Core.Scoring;

namespace ScorecardBot.Core.Tests.Scoring;

public class KpiSnapshotTests
{
    private static readonly Period Oct = Period.Month(2026, 10);

    private static Kpi OnTimeDelivery()
    {
        var kpi = new Kpi { Key = "otd", Name = "On-time delivery", Format = KpiFormat.Percent, OwnerId = Guid.NewGuid(), ObjectiveId = Guid.NewGuid() };
        foreach (var (month, value) in new[] { (7, 88m), (8, 90m), (9, 92m), (10, 94m) })
        {
            kpi.Actuals.Add(new Actual { KpiId = kpi.Id, Period = Period.Month(2026, month), Value = value, Comment = month == 10 ? "new carrier" : null });
            kpi.Targets.Add(new Target { KpiId = kpi.Id, Period = Period.Month(2026, month), Value = 95 });
        }

        kpi.Actuals.Add(new Actual { KpiId = kpi.Id, Period = Period.Month(2025, 10), Value = 85 });
        return kpi;
    }

    [Fact]
    public void Compute_summarises_value_target_status_score_and_trends()
    {
        var kpi = OnTimeDelivery();
        var snapshot = KpiSnapshot.Compute(kpi, Oct);

        Assert.Equal(kpi.Id, snapshot.KpiId);
        Assert.Equal(kpi.ObjectiveId, snapshot.ObjectiveId);
        Assert.Equal("otd", snapshot.Key);
        Assert.Equal(kpi.OwnerId, snapshot.OwnerId);
        Assert.Equal(94m, snapshot.Actual);
        Assert.Equal(95m, snapshot.TargetValue);
        Assert.Equal(Status.Green, snapshot.Status); // 94 is within 5 % of 95
        Assert.NotNull(snapshot.Score);
        Assert.Equal("new carrier", snapshot.Comment);
        Assert.True(snapshot.Reported);
        Assert.Equal(TrendDirection.Improving, snapshot.Trend.VsPrevious!.Direction);
        Assert.Equal(TrendDirection.Improving, snapshot.Trend.VsLastYear!.Direction);
        Assert.Equal(TrendDirection.Improving, snapshot.Trend.Direction);
    }

    [Fact]
    public void A_period_nobody_reported_is_no_data()
    {
        var snapshot = KpiSnapshot.Compute(OnTimeDelivery(), Period.Month(2026, 11));
        Assert.Equal(Status.NoData, snapshot.Status);
        Assert.False(snapshot.Reported);
        Assert.Null(snapshot.Actual);
        Assert.Null(snapshot.Score);
        Assert.False(snapshot.NoTarget);
    }

    [Fact]
    public void A_no_data_answer_is_reported_but_not_scored()
    {
        var kpi = OnTimeDelivery();
        var nov = Period.Month(2026, 11);
        kpi.Actuals.Add(new Actual { KpiId = kpi.Id, Period = nov, Value = null, NoDataReason = "ERP migration" });
        kpi.Targets.Add(new Target { KpiId = kpi.Id, Period = nov, Value = 95 });

        var snapshot = KpiSnapshot.Compute(kpi, nov);
        Assert.True(snapshot.Reported);
        Assert.Equal("ERP migration", snapshot.NoDataReason);
        Assert.Equal(Status.NoData, snapshot.Status);
    }

    [Fact]
    public void A_value_awaiting_approval_does_not_count_yet()
    {
        var kpi = OnTimeDelivery();
        kpi.Actuals.Single(a => a.Period == Oct).PendingApproval = true;

        var snapshot = KpiSnapshot.Compute(kpi, Oct);
        Assert.True(snapshot.PendingApproval);
        Assert.False(snapshot.Reported);
        Assert.Null(snapshot.Actual);
        Assert.Equal(Status.NoData, snapshot.Status);
    }

    [Fact]
    public void A_value_without_target_is_flagged_no_target()
    {
        var kpi = OnTimeDelivery();
        kpi.Targets.RemoveAll(t => t.Period == Oct);

        var snapshot = KpiSnapshot.Compute(kpi, Oct);
        Assert.Equal(94m, snapshot.Actual);
        Assert.Equal(Status.NoData, snapshot.Status);
        Assert.True(snapshot.NoTarget);
        Assert.Null(snapshot.TargetValue);
    }

    [Fact]
    public void A_red_value_scores_zero()
    {
        var kpi = OnTimeDelivery();
        kpi.Actuals.Single(a => a.Period == Oct).Value = 80;
        var snapshot = KpiSnapshot.Compute(kpi, Oct);
        Assert.Equal(Status.Red, snapshot.Status);
        Assert.Equal(0m, snapshot.Score);
        Assert.Equal(TrendDirection.Worsening, snapshot.Trend.VsPrevious!.Direction);
    }
}
