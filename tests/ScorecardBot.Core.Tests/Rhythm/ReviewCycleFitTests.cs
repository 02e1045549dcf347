using ScorecardBot.Core.Hygiene;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;
using ScorecardBot.Core.Rhythm;

namespace ScorecardBot.Core.Tests.Rhythm;

public sealed class ReviewCycleFitTests
{
    private static readonly Organization Org = new() { Name = "Fit", TimeZoneId = "America/Chicago" };

    private static ReviewCalendar Calendar(ReviewCycle cycle) => ReviewCalendar.For(Org, cycle, [new Holiday { Date = new DateOnly(2027, 1, 1), Name = "New Year" }]);

    [Fact]
    public void A_first_Tuesday_meeting_with_its_window_pushed_to_the_months_first_business_day_does_not_fit_and_the_moment_is_named()
    {
        // The Fleet scorecard's old cycle: meeting 1st Tuesday 07:30, window 4 days before, due 1.
        var cycle = new ReviewCycle { WeekOfMonth = 1, DayOfWeek = DayOfWeek.Tuesday, MeetingTime = new(7, 30), SendTime = new(7, 0),
            WindowOpensBusinessDaysBefore = 4, DueBusinessDaysBefore = 1, ReminderBusinessDays = [1, 2], EscalateBusinessDaysAfterDue = 1, DigestBusinessDaysBefore = 1 };

        var misfit = ReviewCycleFit.Check(Calendar(cycle), Period.Month(2026, 11));

        Assert.NotNull(misfit);
        Assert.Equal("the due date", misfit.Moment);
        Assert.StartsWith("In the review of Nov 2026,", misfit.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_moment_keeps_its_order_in_a_cycle_that_fits()
    {
        var cycle = new ReviewCycle { WeekOfMonth = 2, DayOfWeek = DayOfWeek.Tuesday, MeetingTime = new(7, 30), SendTime = new(7, 0),
            WindowOpensBusinessDaysBefore = 5, DueBusinessDaysBefore = 2, ReminderBusinessDays = [1, 2], EscalateBusinessDaysAfterDue = 1, DigestBusinessDaysBefore = 1 };
        var calendar = Calendar(cycle);

        Assert.Empty(ReviewCycleFit.Check(calendar, Period.Month(2026, 1), 36));
        for (var p = Period.Month(2026, 1); p.CompareTo(Period.Month(2029, 1)) < 0; p = p.Next)
        {
            var s = calendar.ScheduleOf(p);
            Assert.True(s.WindowOpensAt < s.RemindersAt.DefaultIfEmpty(s.DueAt).First(), p.ToString());
            Assert.All(s.RemindersAt, r => Assert.True(r < s.DueAt, p.ToString()));
            Assert.True(s.DueAt < s.EscalateAt && s.EscalateAt <= s.DigestAt && s.DigestAt < s.MeetingAt, p.ToString());
        }
    }

    [Fact]
    public void Lint_warns_of_a_tight_month_and_reports_a_cycle_that_does_not_fit_as_an_error()
    {
        var fiscal = FiscalCalendar.For(Org);
        var business = BusinessCalendar.For(Org, []);
        var tight = new Scorecard { Key = "t", Name = "Tight" };
        tight.ReviewCycles.Add(new ReviewCycle { WeekOfMonth = 2, DayOfWeek = DayOfWeek.Tuesday, WindowOpensBusinessDaysBefore = 7, DueBusinessDaysBefore = 3, ReminderBusinessDays = [2, 3] });
        var broken = new Scorecard { Key = "b", Name = "Broken" };
        broken.ReviewCycles.Add(new ReviewCycle { WeekOfMonth = 1, DayOfWeek = DayOfWeek.Tuesday, WindowOpensBusinessDaysBefore = 4, DueBusinessDaysBefore = 1, ReminderBusinessDays = [1, 2] });

        var tightFinding = Assert.Single(ScorecardLint.Check(tight, fiscal, Period.Month(2026, 12), business: business), f => f.Rule == LintRule.TightMonth);
        Assert.Equal(LintSeverity.Warning, tightFinding.Severity);
        Assert.Contains("is tight for", tightFinding.Message, StringComparison.Ordinal);
        var error = Assert.Single(ScorecardLint.Check(broken, fiscal, Period.Month(2026, 12), business: business), f => f.Rule == LintRule.ReviewDoesNotFit);
        Assert.Equal(LintSeverity.Error, error.Severity);
        Assert.DoesNotContain(ScorecardLint.Check(tight, fiscal, Period.Month(2026, 12)), f => f.Rule is LintRule.TightMonth or LintRule.ReviewDoesNotFit);
    }
}
