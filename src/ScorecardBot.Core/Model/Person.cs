namespace ScorecardBot.Core.Model;

/// <summary>A member of one organization, with a role there and zero or more chat accounts.</summary>
public sealed class Person
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid OrganizationId { get; set; }
    public required string Name { get; set; }

    /// <summary>Lower-cased e-mail; unique inside the organization. Used to link chat accounts.</summary>
    public required string Email { get; set; }

    public Role Role { get; set; } = Role.Viewer;

    /// <summary>IANA zone; null means the organization's zone.</summary>
    public string? TimeZoneId { get; set; }

    public bool IsActive { get; set; } = true;

    public List<ChannelAccount> Accounts { get; set; } = [];
}

/// <summary>A person's identity on one platform: the AAD object id in Teams, the user id in Slack.</summary>
public sealed class ChannelAccount
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid PersonId { get; set; }
    public Platform Platform { get; set; }

    /// <summary>AAD object id (Teams) or Slack user id (U…).</summary>
    public required string ExternalId { get; set; }

    /// <summary>Teams channel user id (29:…) when known; needed to open a 1:1 conversation.</summary>
    public string? ChannelUserId { get; set; }
}
