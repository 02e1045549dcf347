namespace ScorecardBot.Core.Model;

/// <summary>
/// The cadence of a scorecard's reviews. For the monthly business review (MBR): the meeting is
/// held on a rule such as "2nd Tuesday, 10:00" in the organization's time zone; the collection
/// window opens N business days before it; actuals are due M business days before it;
/// reminders go out on given business-day offsets after the window opens; escalation to the
/// scorecard manager comes some business days after the due date; the digest is posted some
/// business days before the meeting and the agenda on its morning.
/// </summary>
public sealed class ReviewCycle
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ScorecardId { get; set; }
    public ReviewKind Kind { get; set; } = ReviewKind.Monthly;

    /// <summary>Week of the month of the meeting: 1–4, or -1 for the last.</summary>
    public int WeekOfMonth { get; set; } = 2;

    public DayOfWeek DayOfWeek { get; set; } = DayOfWeek.Tuesday;
    public TimeOnly MeetingTime { get; set; } = new(10, 0);

    /// <summary>Business days before the meeting when the collection window opens.</summary>
    public int WindowOpensBusinessDaysBefore { get; set; } = 7;

    /// <summary>Business days before the meeting when actuals are due.</summary>
    public int DueBusinessDaysBefore { get; set; } = 3;

    /// <summary>Business days after the window opens when late owners are reminded.</summary>
    public List<int> ReminderBusinessDays { get; set; } = [2, 3];

    /// <summary>Business days after the due date when missing actuals are escalated to the manager.</summary>
    public int EscalateBusinessDaysAfterDue { get; set; } = 1;

    /// <summary>Business days before the meeting when the digest is posted to the team channel.</summary>
    public int DigestBusinessDaysBefore { get; set; } = 1;

    /// <summary>
    /// Business days before the meeting when the owners of the KPIs the review will discuss get their
    /// pre-read (never on or before the due day).
    /// </summary>
    public int PreReadBusinessDaysBefore { get; set; } = 2;

    /// <summary>Local time of day when prompts, reminders and digests go out.</summary>
    public TimeOnly SendTime { get; set; } = new(9, 0);

    /// <summary>Minutes the meeting lasts; the agenda is time-boxed to it.</summary>
    public int MeetingMinutes { get; set; } = 60;

    /// <summary>Manual override: a manager opened (true) or closed (false) the window.</summary>
    public bool? WindowOverride { get; set; }

    /// <summary>Increments on every change so schedules derived from it are rebuilt.</summary>
    public int Revision { get; set; }
}

/// <summary>A day that is not a business day for an organization (a public holiday, a shutdown).</summary>
public sealed class Holiday
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid OrganizationId { get; set; }
    public DateOnly Date { get; set; }
    public required string Name { get; set; }
}
