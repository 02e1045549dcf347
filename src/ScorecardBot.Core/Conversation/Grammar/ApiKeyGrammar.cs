using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Conversation.Grammar;

internal sealed record ApiKeyCreateRequest(string Name, ApiKeyScope Scope) : Request;

internal sealed record ApiKeyListRequest : Request;

internal sealed record ApiKeyRevokeRequest(string Id) : Request;

/// <summary><c>apikey create "&lt;name&gt;" [scope read|write|manage]</c>, <c>apikey list</c>, <c>apikey revoke &lt;id&gt;</c>.</summary>
internal static class ApiKeyGrammar
{
    public const string Command = "apikey";
    public const int MaxNameLength = 100;

    public static Request Parse(List<CommandToken> args)
    {
        var sub = args.Count > 0 && !args[0].Quoted ? args[0].Text.ToLowerInvariant() : string.Empty;
        return sub switch
        {
            "create" or "new" => Create(args.Skip(1).ToList()),
            "list" or "ls" when args.Count == 1 => new ApiKeyListRequest(),
            "list" or "ls" => new UsageRequest(Command, "apikey list takes nothing after it."),
            "revoke" or "delete" when args.Count == 2 => new ApiKeyRevokeRequest(args[1].Text.Trim()),
            "revoke" or "delete" => new UsageRequest(Command, "Give the id of the key to revoke, as apikey list shows it."),
            _ => new UsageRequest(Command, "Say create, list or revoke."),
        };
    }

    private static Request Create(List<CommandToken> args)
    {
        if (args.Count == 0)
        {
            return new UsageRequest(Command, "Name the key in quotes, after what uses it.");
        }

        // The name is quoted, or all the words before "scope".
        var scopeAt = args.FindIndex(t => !t.Quoted && t.Text.Equals("scope", StringComparison.OrdinalIgnoreCase));
        var nameTokens = args[0].Quoted ? args.Take(1).ToList() : args.Take(scopeAt < 0 ? args.Count : scopeAt).ToList();
        var name = CommandTokens.Join(nameTokens).Trim();
        if (name.Length == 0)
        {
            return new UsageRequest(Command, "Name the key in quotes, after what uses it.");
        }

        if (name.Length > MaxNameLength)
        {
            return new UsageRequest(Command, $"A key's name can be at most {MaxNameLength} characters; this one has {name.Length}.");
        }

        var rest = args.Skip(nameTokens.Count).ToList();
        if (rest.Count == 0)
        {
            return new ApiKeyCreateRequest(name, ApiKeyScope.Read);
        }

        if (rest.Count == 2 && rest[0].Text.Equals("scope", StringComparison.OrdinalIgnoreCase))
        {
            return rest[1].Text.ToLowerInvariant() switch
            {
                "read" => new ApiKeyCreateRequest(name, ApiKeyScope.Read),
                "write" => new ApiKeyCreateRequest(name, ApiKeyScope.Write),
                "manage" => new ApiKeyCreateRequest(name, ApiKeyScope.Manage),
                _ => new UsageRequest(Command, $"\"{rest[1].Text}\" is not a scope: say scope read, scope write or scope manage."),
            };
        }

        return new UsageRequest(Command, $"I did not understand \"{CommandTokens.Join(rest)}\" after the name: say scope read, scope write or scope manage.");
    }
}
