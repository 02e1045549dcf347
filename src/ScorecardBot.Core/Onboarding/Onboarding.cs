using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Onboarding;

/// <summary>Onboarding:Mode — whether a tenant or workspace no organization claims may set one up from chat.</summary>
public enum OnboardingMode
{
    /// <summary>Nobody sets up from chat; an operator connects tenants with the import (the answer before set-up existed).</summary>
    Closed = 0,

    /// <summary>Whoever installs the bot into an unclaimed tenant or workspace may set up its organization.</summary>
    Open = 1,

    /// <summary>Setting up asks for a one-time setup code an operator made with <c>setup-code create</c>.</summary>
    Invite = 2,
}

/// <summary>
/// Someone the bot does not know yet, as their platform says: the tenant or workspace comes from the
/// verified request (Teams: the authenticated activity; Slack: the signed body), never from a card.
/// </summary>
/// <param name="Platform">Teams or Slack.</param>
/// <param name="TenantId">Entra ID tenant id or Slack team id.</param>
/// <param name="UserId">The platform account: AAD object id (or 29: id) in Teams, U… in Slack.</param>
/// <param name="Name">Display name, when the platform gave one.</param>
/// <param name="Email">E-mail of the platform profile (Teams member record, Slack users.info).</param>
/// <param name="TimeZone">IANA zone of the person's client or profile, when known.</param>
/// <param name="Locale">Culture name of the person's client or profile, when known.</param>
public sealed record Newcomer(Platform Platform, string TenantId, string UserId, string? Name, string? Email, string? TimeZone, string? Locale)
{
    /// <summary>Teams' "29:…" id, needed to open a 1:1 chat later.</summary>
    public string? ChannelUserId { get; init; }

    /// <summary>The workspace's name when the platform gives one (Slack), offered as the organization's name.</summary>
    public string? TenantName { get; init; }
}

/// <summary>
/// Answers people the bot does not know: in a tenant no organization claims, the set-up card (or,
/// with onboarding closed, the answer that an operator has to connect it); in a claimed one, "not set
/// up for you" and one card per person to the organization's admins. The host implements it.
/// </summary>
public interface IOnboarding
{
    /// <summary>
    /// Whether answering needs the person's profile (e-mail, name): to act on the set-up card, or to tell
    /// the admins of a claimed tenant about them. A greeting in an unclaimed tenant needs none, so the
    /// channel asks its platform nothing for it.
    /// </summary>
    Task<bool> NeedsProfileAsync(Platform platform, string tenantId, bool acting, CancellationToken cancellationToken);

    Task<TurnResult> GreetAsync(Newcomer newcomer, ConversationKind where, CancellationToken cancellationToken);

    /// <summary>A button of the set-up card, pressed by someone the bot does not know yet.</summary>
    Task<TurnResult> ActAsync(Newcomer newcomer, ConversationKind where, CardAction action, CancellationToken cancellationToken);
}

/// <summary>The set-up card's action and input ids, and the starts it offers.</summary>
public static class OnboardingActions
{
    public const string SetUp = "scorecard.setup.start";
    public const string Start = "start";
    public const string Code = "setup_code";
    public const string Name = "org_name";

    public const string Template = "template";
    public const string Logistics = "logistics";
    public const string Manufacturing = "manufacturing";
    public const string Upload = "upload";
    public const string Empty = "empty";

    public static IReadOnlyList<string> Starts { get; } = [Template, Logistics, Manufacturing, Upload, Empty];
}
