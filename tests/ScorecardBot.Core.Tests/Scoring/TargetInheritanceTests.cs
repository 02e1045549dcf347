using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;
using ScorecardBot.Core.Scoring;

namespace ScorecardBot.Core.Tests.Scoring;

public class TargetInheritanceTests
{
    // Fiscal year from April: FY2027 runs April 2026 to March 2027; FY2027-Q3 is October to December 2026.
    private static readonly FiscalCalendar April = FiscalCalendar.Create(4, "Europe/Berlin");

    private static Kpi Kpi(Frequency frequency, params Target[] targets)
    {
        var kpi = new Kpi { Key = "otd", Name = "On-time delivery", Frequency = frequency };
        kpi.Targets.AddRange(targets);
        return kpi;
    }

    private static Target T(Period period, decimal value) => new() { Period = period, Value = value, Amber = 95, Red = 90 };

    [Fact]
    public void A_month_takes_its_own_target_before_its_quarter_and_its_year()
    {
        var targets = new[] { T(Period.FiscalYear(2027), 90), T(Period.Quarter(2027, 3), 92), T(Period.Month(2026, 11), 94) };
        Assert.Equal(94, TargetInheritance.For(targets, Period.Month(2026, 11), April)!.Value);
        Assert.Equal(92, TargetInheritance.For(targets, Period.Month(2026, 12), April)!.Value);
        Assert.Equal(90, TargetInheritance.For(targets, Period.Month(2026, 4), April)!.Value);
        Assert.Null(TargetInheritance.For(targets, Period.Month(2026, 3), April)); // FY2026: no target
    }

    [Fact]
    public void Expand_gives_every_month_of_a_fiscal_year_target_its_own_row_and_keeps_overrides()
    {
        var kpi = Kpi(Frequency.Monthly, T(Period.FiscalYear(2027), 90), T(Period.Month(2026, 11), 94));
        TargetInheritance.Expand(kpi, April);

        var monthly = kpi.Targets.Where(t => t.Period.Kind == PeriodKind.Month).OrderBy(t => t.Period).ToList();
        Assert.Equal(12, monthly.Count);
        Assert.Equal(Period.Month(2026, 4), monthly[0].Period);
        Assert.Equal(Period.Month(2027, 3), monthly[^1].Period);
        Assert.Equal(94, monthly.Single(t => t.Period == Period.Month(2026, 11)).Value);
        Assert.All(monthly.Where(t => t.Period != Period.Month(2026, 11)), t => Assert.Equal(90, t.Value));
        Assert.All(monthly, t => Assert.Equal(95, t.Amber));

        var snapshot = KpiSnapshot.Compute(kpi, Period.Month(2026, 10));
        Assert.Equal(90, snapshot.TargetValue);
    }

    [Fact]
    public void Expand_fills_quarters_for_a_quarterly_kpi()
    {
        var kpi = Kpi(Frequency.Quarterly, T(Period.FiscalYear(2027), 80));
        TargetInheritance.Expand(kpi, April);
        Assert.Equal(
            [Period.Quarter(2027, 1), Period.Quarter(2027, 2), Period.Quarter(2027, 3), Period.Quarter(2027, 4)],
            kpi.Targets.Where(t => t.Period.Kind == PeriodKind.Quarter).Select(t => t.Period).Order());
    }

    [Fact]
    public void Expand_changes_nothing_when_every_target_is_monthly()
    {
        var kpi = Kpi(Frequency.Monthly, T(Period.Month(2026, 10), 95));
        TargetInheritance.Expand(kpi, April);
        Assert.Single(kpi.Targets);
    }
}
