using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Conversation;

/// <summary>
/// A change of a scorecard's definition made in chat. Things are named by their ids in the
/// organization's snapshot; the store maps them to the keys of the scorecard file, applies the
/// change to the organization's definition as the file import would, checks it with the import's
/// rules and saves it the import's way.
/// </summary>
public abstract record ScorecardEdit
{
    /// <summary>The command that asked for it ("kpi add"): the audit trail's change and undo's name for it.</summary>
    public abstract string Command { get; }
}

/// <summary><c>kpi add</c>: a new KPI measuring an objective; with a target for <paramref name="TargetPeriod"/> when given.</summary>
public sealed record AddKpiEdit(
    Guid ObjectiveId, string Name, string? Unit, Direction Direction, IndicatorType Indicator, decimal? Target, Period? TargetPeriod, Guid? OwnerId) : ScorecardEdit
{
    public override string Command => "kpi add";
}

public sealed record RenameKpiEdit(Guid KpiId, string Name) : ScorecardEdit
{
    public override string Command => "kpi rename";
}

/// <summary><c>kpi retire</c>: the KPI keeps its history and leaves prompts, digests and status.</summary>
public sealed record RetireKpiEdit(Guid KpiId) : ScorecardEdit
{
    public override string Command => "kpi retire";
}

/// <summary><c>kpi move</c>: the KPI measures another objective of its scorecard.</summary>
public sealed record MoveKpiEdit(Guid KpiId, Guid ObjectiveId) : ScorecardEdit
{
    public override string Command => "kpi move";
}

public sealed record AddObjectiveEdit(Guid ScorecardId, Guid PerspectiveId, string Name) : ScorecardEdit
{
    public override string Command => "objective add";
}

/// <summary><c>link</c>: a cause-and-effect link of the strategy map between two objectives of one scorecard.</summary>
public sealed record LinkEdit(Guid CauseId, Guid EffectId) : ScorecardEdit
{
    public override string Command => "link";
}

/// <summary><c>threshold</c>: where amber and red start (in the KPI's unit) on its targets from <paramref name="From"/> on.</summary>
public sealed record ThresholdEdit(Guid KpiId, decimal Amber, decimal Red, Period From) : ScorecardEdit
{
    public override string Command => "threshold";
}

/// <summary><c>channel here</c>: the scorecard's digests and agendas go to this channel.</summary>
public sealed record ChannelEdit(Guid ScorecardId, Platform Platform, string ConversationId, string? ServiceUrl, string? Name) : ScorecardEdit
{
    public override string Command => "channel here";
}

/// <summary>
/// What an edit (or an undo) did. <see cref="Problems"/> are the import's own messages for what
/// the change would break (nothing was saved then); <see cref="After"/> is the organization's
/// snapshot with the change, for the lint findings it changed.
/// </summary>
public sealed record EditOutcome(CommandResult Result, string? Description = null, IReadOnlyList<string>? Problems = null, OrganizationSnapshot? After = null)
{
    public CommandStatus Status => Result.Status;

    public IReadOnlyList<string> ProblemList => Problems ?? [];
}

/// <summary>The scorecard's definition changed in chat, undone, and exported as the scorecard file.</summary>
public interface IScorecardEdits
{
    /// <summary>Applies one change for a scorecard manager (checked again here), audited and kept for <see cref="UndoAsync"/>.</summary>
    Task<EditOutcome> ApplyAsync(ChangeContext context, ScorecardEdit edit, CancellationToken cancellationToken);

    /// <summary>Reverts the actor's last change if it is younger than <paramref name="window"/>; audited.</summary>
    Task<EditOutcome> UndoAsync(ChangeContext context, TimeSpan window, CancellationToken cancellationToken);

    /// <summary>The organization's scorecards as the YAML file the import reads; null when the actor may not export.</summary>
    Task<string?> ExportAsync(ChangeContext context, CancellationToken cancellationToken);
}
