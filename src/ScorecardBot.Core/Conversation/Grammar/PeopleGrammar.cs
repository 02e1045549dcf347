using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Conversation.Grammar;

internal sealed record PeopleListRequest : Request;

internal sealed record PeopleAddRequest(PersonToken Person, Role Role) : Request;

internal sealed record PeopleRemoveRequest(PersonToken Person) : Request;

internal sealed record RoleRequest(PersonToken Person, Role Role) : Request;

/// <summary>
/// <c>people</c>, <c>people add &lt;@person|email&gt; [role owner|scorecard_manager|viewer|admin]</c>,
/// <c>people remove &lt;@person|email&gt;</c>, <c>role &lt;@person|email&gt; &lt;role&gt;</c>.
/// </summary>
internal static class PeopleGrammar
{
    public const string Command = "people";
    public const string RoleCommand = "role";

    private const string Roles = "owner, scorecard_manager, viewer or admin";

    public static Request Parse(List<CommandToken> args)
    {
        var sub = args.Count > 0 && !args[0].Quoted && args[0].Person is null ? args[0].Text.ToLowerInvariant() : string.Empty;
        return sub switch
        {
            "" when args.Count == 0 => new PeopleListRequest(),
            "list" or "ls" when args.Count == 1 => new PeopleListRequest(),
            "add" or "invite" => Add(args.Skip(1).ToList()),
            "remove" or "rm" or "delete" => Remove(args.Skip(1).ToList()),
            _ => new UsageRequest(Command, "Say people, people add or people remove."),
        };
    }

    public static Request ParseRole(List<CommandToken> args)
    {
        if (args.Count == 0 || args[0].Person is null)
        {
            return new UsageRequest(Command, "Name the person with @name or an e-mail address, then the role.");
        }

        if (args.Count < 2)
        {
            return new UsageRequest(Command, $"Say which role: {Roles}.");
        }

        // "@Ana Costa owner": a name without a mention runs up to the role at the end.
        var (person, used) = PersonAt(args, args.Count - 1);
        if (used != args.Count - 1)
        {
            return new UsageRequest(Command, $"I did not understand \"{CommandTokens.Join(args.Skip(used))}\" after the person: say role @person {Roles}.");
        }

        return PeopleRules.Parse(args[^1].Text) is { } role
            ? new RoleRequest(person, role)
            : new UsageRequest(Command, $"\"{args[^1].Text}\" is not a role: say {Roles}.");
    }

    /// <summary>
    /// The person at the start of <paramref name="args"/>: a mention, an e-mail, or "@Ana Costa", whose
    /// words run up to <paramref name="end"/> (exclusive); returns how many tokens it took.
    /// </summary>
    private static (PersonToken Person, int Used) PersonAt(List<CommandToken> args, int end)
    {
        var person = args[0].Person!;
        if (person.Kind != PersonTokenKind.Name || end <= 1)
        {
            return (person, 1);
        }

        var words = args.Skip(1).Take(end - 1).ToList();
        if (words.Exists(t => t.Person is not null || t.Quoted))
        {
            return (person, 1);
        }

        var rest = CommandTokens.Join(words);
        return (person with { Value = person.Value + " " + rest, Raw = person.Raw + " " + rest }, end);
    }

    private static Request Add(List<CommandToken> args)
    {
        if (args.Count == 0 || args[0].Person is null)
        {
            return new UsageRequest(Command, "Name the person to add with @name or an e-mail address.");
        }

        // Where the role starts: "role"/"as", or a role word at the end ("people add @Ana Costa owner").
        var roleAt = args.FindIndex(1, t => !t.Quoted && t.Text.ToLowerInvariant() is "role" or "as");
        if (roleAt < 0)
        {
            roleAt = args.Count > 1 && PeopleRules.Parse(args[^1].Text) is not null ? args.Count - 1 : args.Count;
        }

        var (person, used) = PersonAt(args, roleAt);
        var rest = args.Skip(used).ToList();
        if (rest.Count > 0 && !rest[0].Quoted && rest[0].Text.ToLowerInvariant() is "role" or "as")
        {
            rest.RemoveAt(0);
        }

        return rest.Count switch
        {
            0 => new PeopleAddRequest(person, Role.Viewer),
            1 when PeopleRules.Parse(rest[0].Text) is { } role => new PeopleAddRequest(person, role),
            1 => new UsageRequest(Command, $"\"{rest[0].Text}\" is not a role: say {Roles}."),
            _ => new UsageRequest(Command, $"I did not understand \"{CommandTokens.Join(rest)}\" after the person: say role {Roles}."),
        };
    }

    private static Request Remove(List<CommandToken> args)
    {
        if (args.Count == 0 || args[0].Person is null)
        {
            return new UsageRequest(Command, "Name the person to remove with @name or an e-mail address.");
        }

        var (person, used) = PersonAt(args, args.Count);
        return used == args.Count
            ? new PeopleRemoveRequest(person)
            : new UsageRequest(Command, "Name one person to remove, with @name or an e-mail address.");
    }
}
