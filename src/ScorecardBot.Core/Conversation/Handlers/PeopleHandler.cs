using System.Globalization;
using ScorecardBot.Core.Conversation.Grammar;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Onboarding;

namespace ScorecardBot.Core.Conversation.Handlers;

/// <summary>
/// <c>people</c>, <c>people add</c>, <c>people remove</c> and <c>role</c>, and the admins' newcomer
/// card: admins change anyone, scorecard managers owners and viewers. A mention of someone not in the
/// organization is added by the e-mail their platform reports (the channel looked it up).
/// </summary>
internal static class PeopleHandler
{
    public const string ListKind = "people-list";
    public const string AddedKind = "people-added";
    public const string RemovedKind = "people-removed";
    public const string RoleKind = "people-role";

    public static async Task<TurnResult> HandleAsync(TurnContext context, Request request, CancellationToken cancellationToken)
    {
        if (request is PeopleListRequest)
        {
            return List(context);
        }

        if (context.Person.Role is not (Role.Admin or Role.ScorecardManager))
        {
            return Replies.Refused("Only admins, and scorecard managers for owners and viewers, can change who is in the organization." + AskAdmin(context));
        }

        if (context.Services.People is not { } people)
        {
            return Replies.Refused("Changing people from chat is not available on this installation.");
        }

        return request switch
        {
            PeopleAddRequest add => await AddAsync(context, people, add, cancellationToken),
            PeopleRemoveRequest remove => await RemoveAsync(context, people, remove.Person, cancellationToken),
            RoleRequest role => await RoleAsync(context, people, role, cancellationToken),
            _ => List(context),
        };
    }

    /// <summary>The "Add" of the admins' newcomer card.</summary>
    public static async Task<TurnResult> FromCardAsync(TurnContext context, CardAction action, CancellationToken cancellationToken)
    {
        var email = action.Get(PeopleActions.Keys.Email)?.Trim().ToLowerInvariant();
        var name = action.Get(PeopleActions.Keys.Name)?.Trim();
        if (PeopleRules.Parse(action.Get(PeopleActions.Keys.Role)) is not { } role)
        {
            return Replies.Refused("Choose a role: viewer, owner, scorecard manager or admin.");
        }

        if (string.IsNullOrEmpty(email) || !email.Contains('@', StringComparison.Ordinal))
        {
            return Replies.Refused($"I don't know {name ?? "their"} e-mail address from their profile, so I can't add them from this card. Add them with: people add <their e-mail> role {PeopleRules.Name(role)}");
        }

        if (context.Person.Role is not (Role.Admin or Role.ScorecardManager) || context.Services.People is not { } people)
        {
            return Replies.Refused("Only admins, and scorecard managers for owners and viewers, can add people." + AskAdmin(context));
        }

        var platform = Enum.TryParse<Platform>(action.Get(PeopleActions.Keys.Platform), out var p) ? p : (Platform?)null;
        var account = action.Get(PeopleActions.Keys.Account);
        var newPerson = new NewPerson(string.IsNullOrEmpty(name) ? NameOf(email) : name, email, role)
        {
            Platform = platform,
            AccountId = string.IsNullOrEmpty(account) ? null : account,
            ChannelUserId = action.Get(PeopleActions.Keys.ChannelUser) is { Length: > 0 } channelUser ? channelUser : null,
        };
        var existing = context.Snapshot.FindPersonByEmail(email);
        return await AddPersonAsync(context, people, newPerson, existing, cancellationToken);
    }

    private static TurnResult List(TurnContext context)
    {
        var active = context.Snapshot.People.Where(p => p.IsActive).ToList();
        var blocks = new List<Block> { new Heading($"People of {context.Snapshot.Organization.Name}") };
        foreach (var role in new[] { Role.Admin, Role.ScorecardManager, Role.Owner, Role.Viewer })
        {
            var ofRole = active.Where(p => p.Role == role).OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ToList();
            if (ofRole.Count > 0)
            {
                blocks.Add(Paragraph.Of($"{Title(role)} ({ofRole.Count})"));
                blocks.Add(new FactList([.. ofRole.Select(p => new Fact(p.Name, Describe(p)))]));
            }
        }

        if (context.Person.Role is Role.Admin or Role.ScorecardManager)
        {
            blocks.Add(new Note("Add someone with: people add @name role owner · change a role with: role @name viewer · remove with: people remove @name"));
        }

        var summary = $"{active.Count} {(active.Count == 1 ? "person" : "people")}: " +
            string.Join("; ", active.OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase).Select(p => $"{p.Name} ({PeopleRules.Name(p.Role)})"));
        return TurnResult.Of(new Message(blocks, summary) { Kind = ListKind });
    }

    private static async Task<TurnResult> AddAsync(TurnContext context, IPeople people, PeopleAddRequest request, CancellationToken cancellationToken)
    {
        var token = request.Person;
        var snapshot = context.Snapshot;
        Person? existing;
        NewPerson newPerson;
        // A mention the platform reported (Teams' entity, Slack's <@U…>), however the text spelled it.
        var mention = token.Kind == PersonTokenKind.Email ? null : context.Turn.Mentions.FirstOrDefault(m =>
            string.Equals(m.PlatformUserId, token.Value, StringComparison.Ordinal) ||
            string.Equals(m.Text, token.Raw, StringComparison.OrdinalIgnoreCase) ||
            string.Equals(m.Name, token.Value, StringComparison.OrdinalIgnoreCase));
        if (token.Kind == PersonTokenKind.Email)
        {
            existing = snapshot.FindPersonByEmail(token.Value);
            newPerson = new NewPerson(existing?.Name ?? NameOf(token.Value), token.Value, request.Role);
        }
        else if (mention is not null || token.Kind == PersonTokenKind.SlackUser)
        {
            var platform = token.Kind == PersonTokenKind.SlackUser ? Platform.Slack : context.Turn.Platform;
            var account = mention?.AccountId ?? mention?.PlatformUserId ?? token.Value;
            existing = snapshot.FindPersonByAccount(platform, account)
                ?? (mention?.PlatformUserId is { } id ? snapshot.FindPersonByAccount(platform, id) : null)
                ?? (mention?.Email is { } mentionEmail ? snapshot.FindPersonByEmail(mentionEmail) : null);
            var email = existing?.Email ?? mention?.Email?.Trim().ToLowerInvariant();
            var shown = mention?.Name is { Length: > 0 } mentionName ? mentionName : token.Value;
            if (email is null || !email.Contains('@', StringComparison.Ordinal))
            {
                return Replies.Refused($"I couldn't read the e-mail address of {token.Raw} from {platform}, and people are linked by e-mail. Add them by e-mail instead: people add name@example.com role {PeopleRules.Name(request.Role)}");
            }

            newPerson = new NewPerson(existing?.Name ?? shown, email, request.Role)
            {
                Platform = platform,
                AccountId = account,
                ChannelUserId = platform == Platform.Teams && mention?.PlatformUserId is { } teamsId && teamsId.StartsWith("29:", StringComparison.Ordinal) ? teamsId : null,
            };
        }
        else
        {
            existing = snapshot.People.FirstOrDefault(p => string.Equals(p.Name, token.Value.Replace('.', ' ').Replace('_', ' '), StringComparison.OrdinalIgnoreCase));
            if (existing is null)
            {
                return Replies.Refused($"I can add someone by @mention or by e-mail, not by a name I don't know (\"{token.Raw}\"). Try: people add name@example.com role {PeopleRules.Name(request.Role)}");
            }

            newPerson = new NewPerson(existing.Name, existing.Email, request.Role);
        }

        return await AddPersonAsync(context, people, newPerson, existing, cancellationToken);
    }

    private static async Task<TurnResult> AddPersonAsync(TurnContext context, IPeople people, NewPerson newPerson, Person? existing, CancellationToken cancellationToken)
    {
        if (existing is { IsActive: true })
        {
            return TurnResult.Of(Message.Text(
                $"{existing.Name} ({existing.Email}) is already in {context.Snapshot.Organization.Name} as {PeopleRules.Name(existing.Role)}." +
                (existing.Role == newPerson.Role ? string.Empty : $" To change that: role {existing.Email} {PeopleRules.Name(newPerson.Role)}"), AddedKind));
        }

        if (!PeopleRules.MayManage(context.Person.Role, null, newPerson.Role))
        {
            return Replies.Refused($"Scorecard managers add owners and viewers; only an admin can add a {PeopleRules.Name(newPerson.Role)}." + AskAdmin(context));
        }

        var (result, added) = await people.AddAsync(context.Change, newPerson, cancellationToken);
        if (!result.Succeeded || added is null)
        {
            return Replies.Refused(result.Message ?? $"{newPerson.Name} was not added.");
        }

        if (context.Services.Messenger is { } messenger && added.Id != context.Person.Id)
        {
            await messenger.SendToPersonAsync(context.Snapshot.Organization.Id, added.Id, Message.Text(
                $"{context.Person.Name} added you to {context.Snapshot.Organization.Name}'s scorecards as {PeopleRules.Name(added.Role)}. Say help to see what you can do.", "people-welcome"), cancellationToken);
        }

        return new TurnResult([new Reply(new Message(
            [Paragraph.Of($"Added {added.Name} ({added.Email}) to {context.Snapshot.Organization.Name} as {PeopleRules.Name(added.Role)}.")],
            $"Added {added.Name} ({added.Email}) as {PeopleRules.Name(added.Role)}.") { Kind = AddedKind, ReplacesSource = context.Turn.Action is not null })]);
    }

    private static async Task<TurnResult> RemoveAsync(TurnContext context, IPeople people, PersonToken token, CancellationToken cancellationToken)
    {
        var (person, reply) = Resolve.Person(context, token);
        if (person is null)
        {
            return reply!;
        }

        if (person.Id == context.Person.Id)
        {
            return Replies.Refused("You can't remove yourself; ask another admin.");
        }

        if (!PeopleRules.MayManage(context.Person.Role, person.Role, Role.Viewer))
        {
            return Replies.Refused($"{person.Name} is {Article(person.Role)}; only an admin can remove them." + AskAdmin(context));
        }

        var result = await people.RemoveAsync(context.Change, person.Id, cancellationToken);
        if (!result.Succeeded)
        {
            return Replies.Refused(result.Message ?? $"{person.Name} was not removed.");
        }

        var owned = context.Snapshot.Kpis.Where(k => k.OwnerId == person.Id).Select(k => k.Name).Order(StringComparer.OrdinalIgnoreCase).ToList();
        var text = $"Removed {person.Name} ({person.Email}) from {context.Snapshot.Organization.Name}: no more prompts or answers for them; their history stays.";
        if (owned.Count > 0)
        {
            text += $" They owned {string.Join(", ", owned)}: give them a new owner with assign <kpi> @person.";
        }

        return TurnResult.Of(Message.Text(text, RemovedKind));
    }

    private static async Task<TurnResult> RoleAsync(TurnContext context, IPeople people, RoleRequest request, CancellationToken cancellationToken)
    {
        var (person, reply) = Resolve.Person(context, request.Person);
        if (person is null)
        {
            return reply!;
        }

        if (person.Role == request.Role)
        {
            return TurnResult.Of(Message.Text($"{person.Name} is already {Article(person.Role)}.", RoleKind));
        }

        if (!PeopleRules.MayManage(context.Person.Role, person.Role, request.Role))
        {
            return Replies.Refused($"Scorecard managers change owners and viewers only; making {person.Name} {Article(request.Role)} is for an admin." + AskAdmin(context));
        }

        var result = await people.SetRoleAsync(context.Change, person.Id, request.Role, cancellationToken);
        return result.Succeeded
            ? TurnResult.Of(Message.Text($"{person.Name} is now {Article(request.Role)} (was {Article(person.Role)}).", RoleKind))
            : Replies.Refused(result.Message ?? $"{person.Name}'s role was not changed.");
    }

    private static string Describe(Person person)
    {
        var linked = person.Accounts.Select(a => a.Platform.ToString()).Distinct().ToList();
        return person.Email + (linked.Count > 0 ? $" · {string.Join(", ", linked)}" : " · not linked to a chat account yet");
    }

    private static string Title(Role role) => role switch
    {
        Role.Admin => "Admins",
        Role.ScorecardManager => "Scorecard managers",
        Role.Owner => "Owners",
        _ => "Viewers",
    };

    private static string Article(Role role) => role switch
    {
        Role.Admin => "an admin",
        Role.ScorecardManager => "a scorecard manager",
        Role.Owner => "an owner",
        _ => "a viewer",
    };

    /// <summary>"ana.costa@x" → "Ana Costa".</summary>
    internal static string NameOf(string email)
    {
        var local = email.Split('@')[0].Replace('.', ' ').Replace('_', ' ').Replace('-', ' ');
        var words = local.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpper(w[0], CultureInfo.InvariantCulture) + w[1..]);
        var name = string.Join(' ', words);
        return name.Length == 0 ? email : name;
    }

    private static string AskAdmin(TurnContext context)
    {
        var admin = context.Snapshot.People.Where(p => p.IsActive && p.Role == Role.Admin && p.Id != context.Person.Id)
            .OrderBy(p => p.Name, StringComparer.Ordinal).FirstOrDefault();
        return admin is null ? string.Empty : $" Ask {admin.Name}.";
    }
}
