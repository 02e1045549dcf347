using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Conversation;

/// <summary>
/// Who changes what, through which door, and when. Every store call takes it, scopes every query
/// to <see cref="OrganizationId"/>, and checks the actor's role there again before changing anything.
/// </summary>
public sealed record ChangeContext(Guid OrganizationId, Guid ActorId, EntrySource Via, DateTimeOffset At);

public enum CommandStatus
{
    /// <summary>The change was made.</summary>
    Done = 0,
    /// <summary>Nothing to change: the same value was already there (an idempotent repeat).</summary>
    Unchanged = 1,
    /// <summary>The actor may not do this; nothing changed.</summary>
    Refused = 2,
    /// <summary>The KPI, person, action or scorecard is not in this organization; nothing changed.</summary>
    NotFound = 3,
}

/// <summary>The outcome of a change; <see cref="Message"/> explains a refusal or a missing thing.</summary>
public sealed record CommandResult(CommandStatus Status, string? Message = null)
{
    public static CommandResult Done { get; } = new(CommandStatus.Done);
    public static CommandResult Unchanged { get; } = new(CommandStatus.Unchanged);
    public static CommandResult Refused(string message) => new(CommandStatus.Refused, message);
    public static CommandResult NotFound(string message) => new(CommandStatus.NotFound, message);

    public bool Succeeded => Status is CommandStatus.Done or CommandStatus.Unchanged;
}

/// <summary>A value (or "no data" with a reason) for one KPI and period; <paramref name="CarriedForward"/> when it repeats the last one ("No change").</summary>
public sealed record ActualEntry(Guid KpiId, Period Period, decimal? Value, string? NoDataReason, string? Comment, bool CarriedForward = false);

/// <summary>
/// What storing an actual did: created, corrected (with the value it replaced), or nothing. When the
/// scorecard requires approval and the reporter is not its manager, the value waits for approval
/// (<see cref="PendingApproval"/>) at <see cref="Version"/>.
/// </summary>
public sealed record ActualWriteResult(CommandResult Result, bool Corrected = false, decimal? PreviousValue = null)
{
    public CommandStatus Status => Result.Status;

    public bool PendingApproval { get; init; }

    public uint Version { get; init; }
}

/// <summary>"Data late — ETA": the day an owner expects the data for one KPI and period, and why.</summary>
/// <summary>A presenter's pre-read for one KPI of a review (<see cref="PreRead"/>).</summary>
public sealed record PreReadEntry(Guid KpiId, Period Period, string Cause, string Countermeasure, Guid CountermeasureOwnerId, DateOnly Due, PreReadNeed Need);

public sealed record LateEntry(Guid KpiId, Period Period, DateOnly Eta, string? Reason);

/// <summary>An approval or rejection: the actual as it was decided on (for the reporter's notice).</summary>
public sealed record ApprovalResult(CommandResult Result, Actual? Actual = null)
{
    public CommandStatus Status => Result.Status;
}

/// <summary>
/// The changes the conversation makes. Implementations re-check permissions with
/// <see cref="ScorecardPermissions"/> against their own data and audit every change.
/// </summary>
public interface IScorecardCommands
{
    Task<CommandResult> AssignOwnerAsync(ChangeContext context, Guid kpiId, Guid ownerId, CancellationToken cancellationToken);

    /// <summary>Sets (or with null clears) the person who reports for the owner.</summary>
    Task<CommandResult> SetDelegateAsync(ChangeContext context, Guid kpiId, Guid? delegateId, CancellationToken cancellationToken);

    Task<CommandResult> SetTargetAsync(ChangeContext context, Guid kpiId, Period period, decimal value, CancellationToken cancellationToken);

    /// <summary>
    /// Copies last fiscal year's targets of the scorecard's KPIs that lack one for
    /// <paramref name="fiscalYear"/> (<see cref="Scoring.TargetCarry"/>); the scorecard manager's
    /// right, audited like every target change. Returns the names of the KPIs that got targets.
    /// </summary>
    Task<(CommandResult Result, IReadOnlyList<string> Kpis)> CarryTargetsForwardAsync(
        ChangeContext context, Guid scorecardId, Period fiscalYear, CancellationToken cancellationToken);

    /// <summary>
    /// Stores an actual idempotently: the same entry twice stores one actual; a different entry for
    /// the same KPI and period is a correction, audited with the old and new value.
    /// </summary>
    Task<ActualWriteResult> RecordActualAsync(ChangeContext context, ActualEntry entry, CancellationToken cancellationToken);

    Task<(CommandResult Result, ReviewAction? Action)> AddActionAsync(
        ChangeContext context, Guid scorecardId, string text, Guid? ownerId, DateOnly? due, Guid? kpiId, CancellationToken cancellationToken);

    Task<(CommandResult Result, ReviewAction? Action)> CompleteActionAsync(ChangeContext context, int number, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the scorecard's review cycle of <paramref name="cycle"/>'s kind with its settings
    /// (the scorecard manager's right; audited with the old and new cycle). The caller checked that
    /// it fits its months (<see cref="Rhythm.ReviewCycleFit"/>).
    /// </summary>
    Task<CommandResult> SetReviewCycleAsync(ChangeContext context, Guid scorecardId, ReviewCycle cycle, CancellationToken cancellationToken);

    /// <summary>Opens or closes the collection window of the scorecard's monthly review by hand.</summary>
    Task<CommandResult> SetWindowAsync(ChangeContext context, Guid scorecardId, bool open, CancellationToken cancellationToken);

    /// <summary>Notes that a KPI's data comes late (same reporter rights as an actual); the same ETA and reason twice change nothing.</summary>
    Task<CommandResult> RecordLateAsync(ChangeContext context, LateEntry entry, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a presenter's pre-reads, replacing earlier ones of the same KPI and period (audited). Refused
    /// unless the actor presents every KPI (<see cref="ScorecardPermissions.CanPresent"/>); the same answers twice change nothing.
    /// </summary>
    Task<CommandResult> SavePreReadsAsync(ChangeContext context, IReadOnlyList<PreReadEntry> entries, CancellationToken cancellationToken);

    /// <summary>The scorecard manager lets a pending value count; refused when it changed since <paramref name="version"/>.</summary>
    Task<ApprovalResult> ApproveActualAsync(ChangeContext context, Guid kpiId, Period period, uint version, CancellationToken cancellationToken);

    /// <summary>The scorecard manager turns a pending value down: it is removed (audited) and the period is open again.</summary>
    Task<ApprovalResult> RejectActualAsync(ChangeContext context, Guid kpiId, Period period, uint version, CancellationToken cancellationToken);

    /// <summary>
    /// Marks a person away from <paramref name="from"/> to <paramref name="to"/> (both included), replacing their
    /// absences that overlap it. People set their own; admins anyone's.
    /// </summary>
    Task<(CommandResult Result, Absence? Absence)> SetAbsenceAsync(
        ChangeContext context, Guid personId, DateOnly from, DateOnly to, Guid? delegateId, CancellationToken cancellationToken);

    /// <summary>Ends a person's absences that have not ended by <paramref name="today"/>: future ones are removed, a current one ends yesterday.</summary>
    Task<CommandResult> CancelAbsencesAsync(ChangeContext context, Guid personId, DateOnly today, CancellationToken cancellationToken);
}
