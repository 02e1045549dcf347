using ScorecardBot.Core.Model;
using ScorecardBot.Core.Review;
using ScorecardBot.Core.Scoring;

namespace ScorecardBot.Core.Tests.Review;

public class ReviewSnapshotTests
{
    [Fact]
    public void The_one_pass_snapshot_equals_KpiSnapshot_Compute_for_long_histories_with_corrections_and_gaps()
    {
        var random = new Random(3);
        var end = Period.Month(2026, 10);
        foreach (var direction in new[] { Direction.HigherIsBetter, Direction.LowerIsBetter })
        {
            var kpi = new Kpi { Key = "k", Name = "K", Direction = direction, OwnerId = Guid.NewGuid() };
            for (var m = 0; m < 40; m++)
            {
                var period = end.AddPeriods(-m);
                kpi.Targets.Add(new Target { KpiId = kpi.Id, Period = period, Value = 100 });
                if (m % 7 == 3)
                {
                    continue; // a gap
                }

                var at = DateTimeOffset.UnixEpoch.AddDays(m);
                kpi.Actuals.Add(new Actual { KpiId = kpi.Id, Period = period, Value = 80 + random.Next(40), SubmittedAt = at, Comment = "first" });
                if (m % 5 == 0)
                {
                    // A correction submitted later wins; one awaiting approval does not count.
                    kpi.Actuals.Add(new Actual { KpiId = kpi.Id, Period = period, Value = 80 + random.Next(40), SubmittedAt = at.AddHours(1), Comment = "corrected" });
                    kpi.Actuals.Add(new Actual { KpiId = kpi.Id, Period = period, Value = 1, SubmittedAt = at.AddHours(2), PendingApproval = m == 0 });
                }
            }

            for (var m = 0; m < 14; m++)
            {
                var period = end.AddPeriods(-m);
                Assert.Equal(KpiSnapshot.Compute(kpi, period), ReviewText.Snapshot(kpi, period));
            }
        }
    }
}
