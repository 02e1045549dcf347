namespace ScorecardBot.Core.Model;

/// <summary>How the bot learned that someone is away.</summary>
public enum AbsenceSource
{
    /// <summary>The person said so: the <c>ooo</c> command or the "I'm away" button of a prompt.</summary>
    Stated = 0,

    /// <summary>Their Slack status says vacation (when the organization lets the status count).</summary>
    SlackStatus = 1,
}

/// <summary>
/// Days a person is out of office, both ends included, in the organization's calendar. While
/// away they get no prompts or reminders; the delegate named here, if any, is asked instead, and
/// the digest says "away" rather than "missing".
/// </summary>
public sealed class Absence
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid OrganizationId { get; set; }
    public Guid PersonId { get; set; }
    public DateOnly From { get; set; }
    public DateOnly To { get; set; }

    /// <summary>Who reports for the person while they are away; a plain id, checked to be a member when set.</summary>
    public Guid? DelegateId { get; set; }

    public AbsenceSource Source { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public bool Covers(DateOnly day) => day >= From && day <= To;

    /// <summary>Whether any day of [<paramref name="from"/>, <paramref name="to"/>] is in this absence.</summary>
    public bool Overlaps(DateOnly from, DateOnly to) => From <= to && To >= from;
}

/// <summary>
/// An owner's word that a KPI's actual will come late ("Data late — ETA 12 Nov"): reminders
/// wait for it, a follow-up comes on the ETA date, and the digest shows "late, ETA 12 Nov".
/// One per KPI and period; it stops mattering once the actual is reported.
/// </summary>
public sealed class LateNotice
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid OrganizationId { get; set; }
    public Guid KpiId { get; set; }
    public Period Period { get; set; }

    /// <summary>The day the data is expected, in the organization's calendar.</summary>
    public DateOnly Eta { get; set; }

    public string? Reason { get; set; }

    /// <summary>Who said so; a plain id (the notice is deleted with its KPI).</summary>
    public Guid? ReportedById { get; set; }

    public DateTimeOffset ReportedAt { get; set; }
}
