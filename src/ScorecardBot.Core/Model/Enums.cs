namespace ScorecardBot.Core.Model;

/// <summary>The chat platforms a person or a channel lives on. Local is the built-in web chat.</summary>
public enum Platform
{
    Local = 0,
    Teams = 1,
    Slack = 2,
    /// <summary>Not a chat: an organization's outgoing webhook, delivered through the same outbox.</summary>
    Webhook = 3,
}

/// <summary>Roles are ordered: each one can do everything the roles below it can.</summary>
public enum Role
{
    Viewer = 0,
    Owner = 1,
    ScorecardManager = 2,
    Admin = 3,
}

public enum PerspectiveKind
{
    Financial = 0,
    Customer = 1,
    InternalProcess = 2,
    LearningAndGrowth = 3,
    Custom = 4,
}

public enum KpiFormat
{
    Number = 0,
    Percent = 1,
    Currency = 2,
    Duration = 3,
}

public enum Direction
{
    HigherIsBetter = 0,
    LowerIsBetter = 1,
    /// <summary>Green inside [Target.BandLow, Target.BandHigh]; amber/red by distance outside it.</summary>
    WithinBand = 2,
}

public enum IndicatorType
{
    Lagging = 0,
    Leading = 1,
}

public enum Frequency
{
    Monthly = 0,
    Quarterly = 1,
}

public enum ThresholdStyle
{
    /// <summary>Thresholds are values in the KPI's unit (e.g. amber below 90, red below 85).</summary>
    Absolute = 0,
    /// <summary>Thresholds are percentages of the target (e.g. amber below 95 %, red below 85 % of target).</summary>
    PercentOfTarget = 1,
}

/// <summary>How an actual reached the scorecard.</summary>
public enum EntrySource
{
    Card = 0,
    Command = 1,
    Import = 2,
    Api = 3,
}

public enum InitiativeStatus
{
    NotStarted = 0,
    OnTrack = 1,
    AtRisk = 2,
    OffTrack = 3,
    Done = 4,
    Cancelled = 5,
}

public enum ReviewActionStatus
{
    Open = 0,
    Done = 1,
    Dropped = 2,
}

public enum ReviewKind
{
    /// <summary>The monthly business review (MBR).</summary>
    Monthly = 0,
    /// <summary>The quarterly strategy review, where the leading→lagging links are checked.</summary>
    Quarterly = 1,
}

/// <summary>Status of a KPI, objective, perspective or scorecard for a period. NoData is never green.</summary>
public enum Status
{
    NoData = 0,
    Red = 1,
    Amber = 2,
    Green = 3,
}

public enum TrendDirection
{
    Unknown = 0,
    Improving = 1,
    Flat = 2,
    Worsening = 3,
}
