using ScorecardBot.Core.Conversation.Handlers;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Rhythm;

namespace ScorecardBot.Core.Tests.Conversation;

/// <summary><c>cycle</c>: a manager changes when a scorecard's review meets; a cycle that cannot fit its month is refused as at import.</summary>
public class CycleCommandTests
{
    private readonly EngineFixture _f = new();

    private ReviewCycle? Monthly => _f.Sample.Manufacturing.ReviewCycles.FirstOrDefault(c => c.Kind == ReviewKind.Monthly);

    [Fact]
    public async Task The_manager_moves_the_review_and_the_change_is_audited_with_the_old_and_new_cycle()
    {
        var answer = await _f.SayAsync(_f.Sample.Ana, "cycle manufacturing \"3rd Wednesday 09:30\" due 2 reminders 2,3 send_time 08:00");

        var text = answer.Replies[0].Message.Summary;
        Assert.StartsWith("The review of Manufacturing is now 3rd Wednesday 09:30, 60 min, window 7, due 2, reminders 2 3, escalate 1, digest 1, send 08:00, pre-read 2. Next meeting: Wed 18 Nov 2026 09:30.", text, StringComparison.Ordinal);
        var cycle = Monthly!;
        Assert.Equal((3, DayOfWeek.Wednesday, new TimeOnly(9, 30), 2, new TimeOnly(8, 0)), (cycle.WeekOfMonth, cycle.DayOfWeek, cycle.MeetingTime, cycle.DueBusinessDaysBefore, cycle.SendTime));
        var audit = Assert.Single(_f.Sample.Store.Audit, e => e.Subject == CycleSettings.AuditSubject);
        Assert.Equal(_f.Sample.Ana.Id, audit.ActorId);
        Assert.Equal("3rd Wednesday 09:30, 60 min, window 7, due 2, reminders 2 3, escalate 1, digest 1, send 08:00, pre-read 2", audit.NewValue);

        // The same again changes nothing and audits nothing.
        var again = await _f.SayAsync(_f.Sample.Ana, "cycle manufacturing 3rd Wednesday 09:30 due 2 reminders [2, 3] send_time: 08:00");
        Assert.StartsWith("The review of Manufacturing already is", again.Replies[0].Message.Summary, StringComparison.Ordinal);
        Assert.Single(_f.Sample.Store.Audit, e => e.Subject == CycleSettings.AuditSubject);
    }

    [Fact]
    public async Task A_cycle_that_cannot_fit_its_month_is_refused_naming_the_moment_as_the_import_does_and_nothing_changes()
    {
        var before = Monthly is { } c ? CycleSettings.Describe(c) : null;

        // A meeting on the 1st Monday with the due date 5 business days before it: the month has not ended by then.
        var answer = await _f.SayAsync(_f.Sample.Ana, "cycle manufacturing 1st Monday 10:00 window_opens 8 due 5");

        var text = answer.Replies[0].Message.Summary;
        Assert.Equal(Replies.RefusedKind, answer.Replies[0].Message.Kind);
        var cycle = new CycleSettings(1, DayOfWeek.Monday, new TimeOnly(10, 0)) { WindowOpens = 8, Due = 5 }.ApplyTo(Monthly, _f.Sample.Manufacturing.Id, ReviewKind.Monthly);
        var calendar = ReviewCalendar.For(_f.Sample.Organization, cycle, []);
        var misfit = ReviewCycleFit.Check(calendar, calendar.Fiscal.MonthOf(SampleOrganization.Now), 24)[0];
        Assert.StartsWith("The review of 'manufacturing' does not fit its month: " + misfit.Message, text, StringComparison.Ordinal);
        Assert.Contains(misfit.Moment, text, StringComparison.Ordinal);
        Assert.EndsWith("Nothing was changed.", text, StringComparison.Ordinal);
        Assert.Equal(before, Monthly is { } after ? CycleSettings.Describe(after) : null);
        Assert.DoesNotContain(_f.Sample.Store.Audit, e => e.Subject == CycleSettings.AuditSubject);
    }

    [Fact]
    public async Task The_manager_sets_the_days_before_the_review_a_pre_read_goes_out_and_a_day_out_of_bounds_gets_the_files_message()
    {
        var answer = await _f.SayAsync(_f.Sample.Ana, "cycle manufacturing \"3rd Wednesday 09:30\" pre_read 4");

        Assert.Contains("pre-read 4", answer.Replies[0].Message.Summary, StringComparison.Ordinal);
        Assert.Equal(4, Monthly!.PreReadBusinessDaysBefore);
        Assert.EndsWith("pre-read 4", Assert.Single(_f.Sample.Store.Audit, e => e.Subject == CycleSettings.AuditSubject).NewValue, StringComparison.Ordinal);

        // Another setting changed later keeps the pre-read day.
        await _f.SayAsync(_f.Sample.Ana, "cycle manufacturing \"3rd Wednesday 09:30\" due 2");
        Assert.Equal(4, Monthly!.PreReadBusinessDaysBefore);

        // The scorecard file's bound and words: a day out of them changes nothing.
        var refused = await _f.SayAsync(_f.Sample.Ana, "cycle manufacturing \"3rd Wednesday 09:30\" preread 0");
        Assert.Contains(ReviewCycleBounds.PreRead.Problem("0"), refused.Replies[0].Message.Summary, StringComparison.Ordinal);
        Assert.Contains("'pre_read' takes a whole number of business days before the meeting (the presenters' pre-read) from 1 to 20, not '0'", refused.Replies[0].Message.Summary, StringComparison.Ordinal);
        Assert.Equal(4, Monthly!.PreReadBusinessDaysBefore);
    }

    [Fact]
    public async Task Only_the_scorecards_manager_may_change_its_cycle()
    {
        var answer = await _f.SayAsync(_f.Sample.Ben, "cycle manufacturing 3rd Wednesday 09:30");

        Assert.Equal(Replies.RefusedKind, answer.Replies[0].Message.Kind);
        Assert.DoesNotContain(_f.Sample.Store.Audit, e => e.Subject == CycleSettings.AuditSubject);
    }

    [Theory]
    [InlineData("cycle manufacturing Tuesday 10:00", "Give the meeting like \"2nd Tuesday 10:00\"")]
    [InlineData("cycle manufacturing 2nd Tuesday 25:00", "'25:00' is not a time of day")]
    [InlineData("cycle manufacturing 2nd Tuesday 10:00 holidays 3", "'holidays' is not a setting of a review")]
    [InlineData("cycle manufacturing 2nd Tuesday 10:00 due soon", "'due' takes a whole number of business days")]
    [InlineData("cycle manufacturing 2nd Tuesday 10:00 window_opens 2 due 3", "the window must open before the due date")]
    public async Task Bad_input_gets_a_specific_message_and_changes_nothing(string command, string expected)
    {
        var answer = await _f.SayAsync(_f.Sample.Ana, command);

        Assert.Contains(expected, answer.Replies[0].Message.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain(_f.Sample.Store.Audit, e => e.Subject == CycleSettings.AuditSubject);
    }
}
