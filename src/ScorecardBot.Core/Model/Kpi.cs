namespace ScorecardBot.Core.Model;

/// <summary>A key performance indicator measuring one objective.</summary>
public sealed class Kpi
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid OrganizationId { get; set; }
    public Guid ScorecardId { get; set; }
    public Guid ObjectiveId { get; set; }

    /// <summary>Short stable key used in files, the API and by feeds ("on-time-delivery").</summary>
    public required string Key { get; set; }

    public required string Name { get; set; }

    /// <summary>Other names people use: abbreviations ("OTD"), synonyms ("retention").</summary>
    public List<string> Aliases { get; set; } = [];

    public string? Description { get; set; }

    /// <summary>Unit shown after the value ("%", "EUR", "days", "t CO2"); for currency the ISO code.</summary>
    public string? Unit { get; set; }

    public KpiFormat Format { get; set; } = KpiFormat.Number;

    /// <summary>Decimal places shown.</summary>
    public int Decimals { get; set; } = 1;

    /// <summary>How the value is computed ("on-time shipments / all shipments").</summary>
    public string? Formula { get; set; }

    /// <summary>Where the number comes from ("ERP: SAP SD", "Survey tool").</summary>
    public string? DataSource { get; set; }

    public Direction Direction { get; set; } = Direction.HigherIsBetter;
    public IndicatorType Indicator { get; set; } = IndicatorType.Lagging;
    public Frequency Frequency { get; set; } = Frequency.Monthly;

    /// <summary>
    /// How the KPI's months make a quarter or a year (sum, average, last value), as its scorecard
    /// file declares it; null when it declares none, and then <see cref="Scoring.Forecast.DefaultRuleOf"/> decides from its unit.
    /// </summary>
    public Aggregation? Aggregation { get; set; }
    public decimal? Baseline { get; set; }

    public Guid? OwnerId { get; set; }

    /// <summary>Someone who may report for the owner; prompts go to the delegate when set.</summary>
    public Guid? DelegateId { get; set; }

    public decimal Weight { get; set; } = 1m;

    /// <summary>Fed by a system through the API: the owner is asked only for the comment.</summary>
    public bool FedByApi { get; set; }

    /// <summary>
    /// The KPI's counterweight in the same scorecard (volume against quality, speed against safety,
    /// cost against service): when this one improves while its pair worsens beyond its noise, the
    /// answers, the digest and the agenda say so.
    /// </summary>
    public Guid? PairKpiId { get; set; }

    public int Order { get; set; }

    /// <summary>
    /// When a scorecard manager retired the KPI (<c>kpi retire</c>, or <c>retired: true</c> in the
    /// scorecard file). A retired KPI keeps its history but is no longer prompted for, reported in
    /// digests or status, or answered about; the snapshot and the review rhythm leave it out.
    /// </summary>
    public DateTimeOffset? RetiredAt { get; set; }

    public List<Target> Targets { get; set; } = [];
    public List<Actual> Actuals { get; set; } = [];
}

/// <summary>The target of a KPI for one period, with its amber and red thresholds.</summary>
public sealed class Target
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid OrganizationId { get; set; }
    public Guid KpiId { get; set; }
    public Period Period { get; set; }

    /// <summary>The value to reach (HigherIsBetter / LowerIsBetter); the band's midpoint for WithinBand.</summary>
    public decimal Value { get; set; }

    /// <summary>For WithinBand KPIs: the green band.</summary>
    public decimal? BandLow { get; set; }
    public decimal? BandHigh { get; set; }

    public ThresholdStyle ThresholdStyle { get; set; } = ThresholdStyle.PercentOfTarget;

    /// <summary>
    /// Where amber starts. Absolute: a value in the KPI's unit. PercentOfTarget: a percentage of
    /// the target (95 means "below 95 % of target is amber" for HigherIsBetter, "above 105 %" for
    /// LowerIsBetter). For WithinBand: the distance outside the band (absolute or % of band width).
    /// </summary>
    public decimal? Amber { get; set; }

    /// <summary>Where red starts; same meaning as <see cref="Amber"/>.</summary>
    public decimal? Red { get; set; }

    public uint Version { get; set; }
}

/// <summary>The reported value of a KPI for one period, or "no data" with a reason.</summary>
public sealed class Actual
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid OrganizationId { get; set; }
    public Guid KpiId { get; set; }
    public Period Period { get; set; }

    /// <summary>Null means "no data" and then <see cref="NoDataReason"/> says why.</summary>
    public decimal? Value { get; set; }

    public string? NoDataReason { get; set; }
    public string? Comment { get; set; }

    /// <summary>The person who wrote <see cref="Comment"/> (an owner may comment on a number a system sent); null when a system wrote it.</summary>
    public Guid? CommentById { get; set; }

    /// <summary>Who wrote <see cref="Comment"/> when it is not a person: the API key's name and source system, "import".</summary>
    public string? CommentByName { get; set; }

    public Guid? SubmittedById { get; set; }

    /// <summary>Name of the actor when it is not a person (an API key's name, "import").</summary>
    public string? SubmittedByName { get; set; }

    public DateTimeOffset SubmittedAt { get; set; }

    /// <summary>When the period was first reported (later corrections move <see cref="SubmittedAt"/> only); null on rows older than this field.</summary>
    public DateTimeOffset? FirstSubmittedAt { get; set; }

    public EntrySource Source { get; set; }

    /// <summary>The system the value came from when it arrived through the API ("SAP S/4HANA").</summary>
    public string? SourceSystem { get; set; }

    /// <summary>The value repeats the previous period's ("No change").</summary>
    public bool CarriedForward { get; set; }

    /// <summary>Waiting for the scorecard manager's approval (when the scorecard requires it).</summary>
    public bool PendingApproval { get; set; }

    public uint Version { get; set; }

    public bool HasValue => Value.HasValue;
}
