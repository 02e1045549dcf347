using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Conversation;

/// <summary>Someone to add to an organization: linked at once to their chat account when the platform named it.</summary>
public sealed record NewPerson(string Name, string Email, Role Role)
{
    public Platform? Platform { get; init; }

    /// <summary>AAD object id (Teams) or U… (Slack) of the account to link.</summary>
    public string? AccountId { get; init; }

    /// <summary>Teams' 29: id, when known.</summary>
    public string? ChannelUserId { get; init; }
}

/// <summary>
/// The organization's people, changed from chat with <c>people add|remove</c> and <c>role</c>.
/// Implementations check <see cref="PeopleRules"/> again against their own data, refuse to leave an
/// organization without an active admin, and audit every change.
/// </summary>
public interface IPeople
{
    /// <summary>Adds the person, or makes a removed one active again with the role; Unchanged when they are already in.</summary>
    Task<(CommandResult Result, Person? Person)> AddAsync(ChangeContext context, NewPerson person, CancellationToken cancellationToken);

    /// <summary>Makes the person inactive (their history stays): no prompts, no answers.</summary>
    Task<CommandResult> RemoveAsync(ChangeContext context, Guid personId, CancellationToken cancellationToken);

    Task<CommandResult> SetRoleAsync(ChangeContext context, Guid personId, Role role, CancellationToken cancellationToken);
}

/// <summary>Who may change whose role: admins anyone's; scorecard managers owners' and viewers'.</summary>
public static class PeopleRules
{
    public static bool MayManage(Role actor, Role? before, Role after) => actor switch
    {
        Role.Admin => true,
        Role.ScorecardManager => (before is null or Role.Owner or Role.Viewer) && (after is Role.Owner or Role.Viewer),
        _ => false,
    };

    /// <summary>The role's name as people type it: viewer, owner, scorecard_manager, admin.</summary>
    public static string Name(Role role) => role switch
    {
        Role.Admin => "admin",
        Role.ScorecardManager => "scorecard_manager",
        Role.Owner => "owner",
        _ => "viewer",
    };

    /// <summary>
    /// Whether a text is a people command (people …, role …), so a channel looks up the e-mail of the
    /// people it mentions: a mention of someone not yet in the organization carries only a platform id.
    /// </summary>
    public static bool WantsMentionedProfiles(string? text)
    {
        var word = (text ?? string.Empty).TrimStart().Split(' ', 2)[0];
        return word.Equals("people", StringComparison.OrdinalIgnoreCase) || word.Equals("role", StringComparison.OrdinalIgnoreCase);
    }

    public static Role? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "admin" or "admins" => Role.Admin,
        "scorecard_manager" or "scorecard-manager" or "manager" or "scorecardmanager" => Role.ScorecardManager,
        "owner" or "owners" => Role.Owner,
        "viewer" or "viewers" => Role.Viewer,
        _ => null,
    };
}

/// <summary>A file someone sent the bot (Teams: an attachment in the 1:1 chat; Slack: a file shared with it), already downloaded.</summary>
public sealed record TurnFile(string Name, byte[] Content);

/// <summary>What importing a sent scorecard file did; with problems (each "file:line:column: message") nothing changed.</summary>
public sealed record FileImportOutcome(CommandResult Result, IReadOnlyList<string> Problems, int Created = 0, int Updated = 0);

/// <summary>Imports a scorecard file sent in chat with the same reader and checks as the <c>import</c> command line.</summary>
public interface IScorecardFiles
{
    Task<FileImportOutcome> ImportAsync(ChangeContext context, TurnFile file, CancellationToken cancellationToken);
}
