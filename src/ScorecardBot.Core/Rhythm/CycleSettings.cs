using System.Globalization;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Rhythm;

/// <summary>
/// A change of a review cycle, as the <c>cycle</c> command gives it: the meeting's rule ("2nd
/// Tuesday 10:00") and, optionally, the other settings of the scorecard file's <c>review:</c>
/// (minutes, window_opens, due, reminders, escalate_after, digest_before, send_time, pre_read). What is not
/// given stays as it is.
/// </summary>
public sealed record CycleSettings(int WeekOfMonth, DayOfWeek Day, TimeOnly MeetingTime)
{
    /// <summary>The audit trail's subject of a review cycle's change (old and new value in <see cref="Describe"/>'s words).</summary>
    public const string AuditSubject = "ReviewCycle";

    public int? Minutes { get; init; }
    public int? WindowOpens { get; init; }
    public int? Due { get; init; }
    public IReadOnlyList<int>? Reminders { get; init; }
    public int? EscalateAfter { get; init; }
    public int? DigestBefore { get; init; }
    public TimeOnly? SendTime { get; init; }

    /// <summary>Business days before the meeting the presenters' pre-read goes out.</summary>
    public int? PreRead { get; init; }

    /// <summary>A copy of <paramref name="current"/> (or a new cycle of <paramref name="kind"/>) with these settings applied.</summary>
    public ReviewCycle ApplyTo(ReviewCycle? current, Guid scorecardId, ReviewKind kind)
    {
        // What is not given stays as it is, or takes a new cycle's default.
        var from = current ?? new ReviewCycle();
        return new()
        {
            Id = from.Id,
            ScorecardId = scorecardId,
            Kind = kind,
            WeekOfMonth = WeekOfMonth,
            DayOfWeek = Day,
            MeetingTime = MeetingTime,
            MeetingMinutes = Minutes ?? from.MeetingMinutes,
            WindowOpensBusinessDaysBefore = WindowOpens ?? from.WindowOpensBusinessDaysBefore,
            DueBusinessDaysBefore = Due ?? from.DueBusinessDaysBefore,
            ReminderBusinessDays = [.. Reminders ?? from.ReminderBusinessDays],
            EscalateBusinessDaysAfterDue = EscalateAfter ?? from.EscalateBusinessDaysAfterDue,
            DigestBusinessDaysBefore = DigestBefore ?? from.DigestBusinessDaysBefore,
            SendTime = SendTime ?? from.SendTime,
            PreReadBusinessDaysBefore = PreRead ?? from.PreReadBusinessDaysBefore,
            WindowOverride = from.WindowOverride,
            Revision = from.Revision,
        };
    }

    /// <summary>A cycle in the scorecard file's words: "2nd Tuesday 10:00, 60 min, window 7, due 3, reminders 2 3, escalate 1, digest 1, send 09:00, pre-read 2".</summary>
    public static string Describe(ReviewCycle cycle)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        var meeting = MeetingRule.Format(cycle.WeekOfMonth, cycle.DayOfWeek, cycle.MeetingTime);
        var send = MeetingRule.FormatTime(cycle.SendTime);
        return string.Create(CultureInfo.InvariantCulture,
            $"{meeting}, {cycle.MeetingMinutes} min, window {cycle.WindowOpensBusinessDaysBefore}, due {cycle.DueBusinessDaysBefore}, " +
            $"reminders {string.Join(" ", cycle.ReminderBusinessDays)}, escalate {cycle.EscalateBusinessDaysAfterDue}, digest {cycle.DigestBusinessDaysBefore}, send {send}, pre-read {cycle.PreReadBusinessDaysBefore}");
    }
}
