using ScorecardBot.Core.Conversation;

namespace ScorecardBot.Core.Model;

/// <summary>
/// Where the bot can reach a person or a shared conversation later, without an incoming message:
/// the Teams service URL, conversation id and tenant; the Slack DM or channel id. Kept for each
/// person's 1:1 chat (PersonId set) and for each channel or group chat the bot is in.
/// </summary>
public sealed class ConversationReference
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid OrganizationId { get; set; }
    public Platform Platform { get; set; }

    /// <summary>The person whose 1:1 chat this is; null for channels and group chats.</summary>
    public Guid? PersonId { get; set; }

    public required string ConversationId { get; set; }
    public ConversationKind Kind { get; set; }

    /// <summary>Teams: the service URL the conversation lives at.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>Teams tenant id or Slack team id.</summary>
    public string? TenantOrTeamId { get; set; }

    /// <summary>Teams: the bot's channel account id ("28:…") in this conversation.</summary>
    public string? BotId { get; set; }

    /// <summary>Teams: the team the channel belongs to.</summary>
    public string? TeamId { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// A Slack workspace the app is installed in. The bot token is kept encrypted (ASP.NET Data
/// Protection) by the Slack adapter; the database sees only the protected text.
/// </summary>
public sealed class SlackInstallation
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string TeamId { get; set; }
    public string? TeamName { get; set; }
    public string? EnterpriseId { get; set; }
    public required string ProtectedBotToken { get; set; }
    public string? BotUserId { get; set; }
    public string? AppId { get; set; }
    public required string Scopes { get; set; }
    public DateTimeOffset InstalledAt { get; set; }
}
