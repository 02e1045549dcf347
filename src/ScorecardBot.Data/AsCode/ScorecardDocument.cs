using ScorecardBot.Core.Model;

namespace ScorecardBot.Data.AsCode;

/// <summary>
/// The "scorecard as code" file in memory: what the YAML says, with where it says it. The
/// importer maps it onto the database by keys; the exporter builds it from the database.
/// Optional fields are null when the file leaves them out.
/// </summary>
internal sealed class ScorecardDocument
{
    public const int CurrentVersion = 1;

    public int Version { get; set; } = CurrentVersion;
    public OrganizationDoc Organization { get; set; } = new();
    public List<PersonDoc> People { get; } = [];
    public List<HolidayDoc> Holidays { get; } = [];
    public List<ScorecardDoc> Scorecards { get; } = [];
}

/// <summary>An element of the file that knows where it and each of its fields were written.</summary>
internal abstract class Located
{
    private readonly Dictionary<string, SourcePosition> _fields = new(StringComparer.Ordinal);

    public SourcePosition At { get; set; }

    public void Mark(string field, SourcePosition at) => _fields[field] = at;

    /// <summary>The field's position, or the element's when the field was not written.</summary>
    public SourcePosition Of(string field) => _fields.TryGetValue(field, out var at) ? at : At;
}

internal sealed class OrganizationDoc : Located
{
    public string Name { get; set; } = "";
    public string TimeZone { get; set; } = "UTC";
    public int FiscalYearStartMonth { get; set; } = 1;
    public string Locale { get; set; } = "en-US";
    public string Currency { get; set; } = "USD";
    public string? TeamsTenant { get; set; }
    public string? SlackTeam { get; set; }
    public bool MentionOwners { get; set; } = true;
    public List<DayOfWeek> WeekendDays { get; set; } = [DayOfWeek.Saturday, DayOfWeek.Sunday];
    public bool AwayFromSlackStatus { get; set; }
}

internal sealed class PersonDoc : Located
{
    public string Name { get; set; } = "";
    public string Email { get; set; } = "";
    public Role Role { get; set; } = Role.Viewer;
    public string? TimeZone { get; set; }
}

internal sealed class HolidayDoc : Located
{
    public DateOnly Date { get; set; }
    public string Name { get; set; } = "";
}

internal sealed class ScorecardDoc : Located
{
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public string? Parent { get; set; }
    public string? Supports { get; set; }
    public decimal Weight { get; set; } = 1m;
    public string? Manager { get; set; }
    public bool RequiresApproval { get; set; }
    public bool LockAfterReview { get; set; }
    public List<ChannelDoc> Channels { get; } = [];

    /// <summary>Null when the file leaves perspectives out: the four classic ones apply.</summary>
    public List<PerspectiveDoc>? Perspectives { get; set; }

    public List<ObjectiveDoc> Objectives { get; } = [];
    public List<LinkDoc> Links { get; } = [];
    public List<KpiDoc> Kpis { get; } = [];
    public List<InitiativeDoc> Initiatives { get; } = [];
    public ReviewDoc? Review { get; set; }
    public ReviewDoc? QuarterlyReview { get; set; }

    public IReadOnlyList<PerspectiveDoc> EffectivePerspectives => Perspectives ??
        [.. Perspective.Defaults.Select(d => new PerspectiveDoc { Kind = d.Kind, Name = d.Name, At = At })];
}

internal sealed class ChannelDoc : Located
{
    public Platform Platform { get; set; }
    public string Conversation { get; set; } = "";
    public string? ServiceUrl { get; set; }
    public string? Name { get; set; }
}

internal sealed class PerspectiveDoc : Located
{
    public PerspectiveKind Kind { get; set; }
    public string Name { get; set; } = "";
    public decimal Weight { get; set; } = 1m;
}

internal sealed class ObjectiveDoc : Located
{
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public string Perspective { get; set; } = "";
    public string? Owner { get; set; }
    public string? Parent { get; set; }
    public decimal Weight { get; set; } = 1m;
}

internal sealed class LinkDoc : Located
{
    public string Cause { get; set; } = "";
    public string Effect { get; set; } = "";
    public string? Rationale { get; set; }
}

internal sealed class KpiDoc : Located
{
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public string Objective { get; set; } = "";
    public List<string> Aliases { get; } = [];
    public string? Description { get; set; }
    public string? Unit { get; set; }
    public KpiFormat Format { get; set; } = KpiFormat.Number;
    public int Decimals { get; set; } = 1;
    public string? Formula { get; set; }
    public string? DataSource { get; set; }
    public Direction Direction { get; set; } = Direction.HigherIsBetter;
    public IndicatorType Indicator { get; set; } = IndicatorType.Lagging;
    public Frequency Frequency { get; set; } = Frequency.Monthly;

    /// <summary>How months make a quarter or year; null when the file declares none (the unit decides).</summary>
    public Aggregation? Aggregation { get; set; }

    public decimal? Baseline { get; set; }
    public string? Owner { get; set; }
    public string? Delegate { get; set; }
    public decimal Weight { get; set; } = 1m;
    public bool FedByApi { get; set; }

    /// <summary>The key of the KPI's counterweight in the same scorecard.</summary>
    public string? Pair { get; set; }

    /// <summary>Retired: history kept, no longer prompted for, reported or answered about.</summary>
    public bool Retired { get; set; }
    public List<TargetDoc> Targets { get; } = [];
}

/// <summary>
/// A target for one period. When no threshold is given the style is percent of target (the
/// scorecard's default bands apply); when a threshold is given it is absolute unless the file
/// says otherwise.
/// </summary>
internal sealed class TargetDoc : Located
{
    public Period Period { get; set; }
    public decimal? Value { get; set; }
    public decimal? BandLow { get; set; }
    public decimal? BandHigh { get; set; }
    public decimal? Amber { get; set; }
    public decimal? Red { get; set; }
    public ThresholdStyle? Style { get; set; }

    public ThresholdStyle EffectiveStyle => Style ?? DefaultStyle(Amber, Red);

    /// <summary>The value stored: for a band, its midpoint unless the file says otherwise.</summary>
    public decimal EffectiveValue => Value ?? ((BandLow ?? 0m) + (BandHigh ?? 0m)) / 2m;

    public static ThresholdStyle DefaultStyle(decimal? amber, decimal? red) =>
        amber is null && red is null ? ThresholdStyle.PercentOfTarget : ThresholdStyle.Absolute;
}

internal sealed class InitiativeDoc : Located
{
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public string? Owner { get; set; }
    public InitiativeStatus Status { get; set; } = InitiativeStatus.NotStarted;
    public DateOnly? Start { get; set; }
    public DateOnly? End { get; set; }
    public decimal? Budget { get; set; }
    public decimal? Spent { get; set; }
    public string? DecisionNeeded { get; set; }
    public List<(string Key, SourcePosition At)> Objectives { get; } = [];
    public List<(string Key, SourcePosition At)> Kpis { get; } = [];
    public List<MilestoneDoc> Milestones { get; } = [];
}

internal sealed class MilestoneDoc : Located
{
    public string Name { get; set; } = "";
    public DateOnly Due { get; set; }
    public DateOnly? Done { get; set; }
}

internal sealed class ReviewDoc : Located
{
    public int WeekOfMonth { get; set; } = 2;
    public DayOfWeek Day { get; set; } = DayOfWeek.Tuesday;
    public TimeOnly MeetingTime { get; set; } = new(10, 0);
    public int WindowOpens { get; set; } = 7;
    public int Due { get; set; } = 3;
    public List<int> Reminders { get; } = [2, 3];
    public int EscalateAfter { get; set; } = 1;
    public int DigestBefore { get; set; } = 1;
    public int PreRead { get; set; } = 2;
    public TimeOnly SendTime { get; set; } = new(9, 0);
    public int MeetingMinutes { get; set; } = 60;
}
