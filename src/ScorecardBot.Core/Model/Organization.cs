namespace ScorecardBot.Core.Model;

/// <summary>
/// A customer of the bot: a Teams tenant and/or a Slack workspace. Every other row belongs to
/// exactly one organization and every query is scoped to one.
/// </summary>
public sealed class Organization
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string Name { get; set; }

    /// <summary>IANA time zone id (e.g. "Europe/Berlin"); periods and schedules are in this zone.</summary>
    public string TimeZoneId { get; set; } = "UTC";

    /// <summary>First calendar month (1–12) of the fiscal year.</summary>
    public int FiscalYearStartMonth { get; set; } = 1;

    /// <summary>Culture name used to read and write numbers (e.g. "en-US", "de-DE").</summary>
    public string Locale { get; set; } = "en-US";

    /// <summary>Default currency (ISO 4217) for currency KPIs without their own.</summary>
    public string Currency { get; set; } = "USD";

    /// <summary>Entra ID tenant id when the organization uses Teams.</summary>
    public string? TeamsTenantId { get; set; }

    /// <summary>Slack team (workspace) id when the organization uses Slack.</summary>
    public string? SlackTeamId { get; set; }

    /// <summary>Whether digests may @mention the owners of red or missing KPIs.</summary>
    public bool MentionOwners { get; set; } = true;

    /// <summary>The days of the week nobody works (Saturday and Sunday unless set); with the holidays they make the business calendar.</summary>
    public List<DayOfWeek> WeekendDays { get; set; } = [DayOfWeek.Saturday, DayOfWeek.Sunday];

    /// <summary>Whether a Slack status that says vacation (🌴, "Vacationing", "Out of office") counts as away.</summary>
    public bool AwayFromSlackStatus { get; set; }

    /// <summary>How the digest is posted in the team channels; an admin changes it with "digest layout ...".</summary>
    public DigestLayout DigestLayout { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
