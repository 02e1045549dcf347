namespace ScorecardBot.Core.Model;

/// <summary>What an API key may do: read the scorecards, or also write actuals and manage webhooks.</summary>
public enum ApiKeyScope
{
    Read = 0,
    /// <summary>Write includes read.</summary>
    Write = 1,
    /// <summary>
    /// Write, and also change actuals of periods locked after their business review (as a scorecard
    /// manager may in the chat); such a change is audited under the key's name with "manage scope".
    /// </summary>
    Manage = 2,
}

/// <summary>
/// A key a system (an ERP, a BI tool) uses to call the REST API for one organization. The secret
/// is shown once when the key is made; only its hash is kept. <see cref="Prefix"/> is the key's
/// public id: it is part of the secret text, finds the row without scanning, and names the key in
/// lists and in <c>apikey revoke</c>.
/// </summary>
public sealed class ApiKey
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid OrganizationId { get; set; }

    /// <summary>What the key is for ("SAP monthly close"); the actor named in the audit trail.</summary>
    public required string Name { get; set; }

    public ApiKeyScope Scope { get; set; }

    /// <summary>The public id inside the secret ("sbk_{prefix}_{secret}"); unique across organizations.</summary>
    public required string Prefix { get; set; }

    /// <summary>SHA-256 of the secret part.</summary>
    public required byte[] SecretHash { get; set; }

    public Guid? CreatedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set when an admin revoked the key; a revoked key is refused from then on.</summary>
    public DateTimeOffset? RevokedAt { get; set; }

    public Guid? RevokedById { get; set; }

    /// <summary>When the key last authenticated a call (updated at most once a minute).</summary>
    public DateTimeOffset? LastUsedAt { get; set; }

    public bool IsRevoked => RevokedAt.HasValue;
}

/// <summary>
/// An organization's outgoing webhook: signed JSON events POSTed to <see cref="Url"/>. The signing
/// secret is kept encrypted by the host (ASP.NET Data Protection); the database sees only the
/// protected text.
/// </summary>
public sealed class WebhookSubscription
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid OrganizationId { get; set; }

    /// <summary>An https URL that does not point into a private network.</summary>
    public required string Url { get; set; }

    /// <summary>The event types sent ("actual.recorded", "kpi.status_changed", "review.digest_posted").</summary>
    public List<string> Events { get; set; } = [];

    public required string ProtectedSecret { get; set; }

    /// <summary>Who registered it (the API key's name).</summary>
    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
