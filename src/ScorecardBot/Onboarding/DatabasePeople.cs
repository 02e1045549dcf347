using Microsoft.EntityFrameworkCore;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Data;
using ScorecardBot.Data.Auditing;

namespace ScorecardBot.Onboarding;

/// <summary>
/// The organization's people as chat changes them. Every call reads the actor in the organization
/// again and checks <see cref="PeopleRules"/> before changing anything, keeps an active admin, and
/// writes an audit entry (subject "Person" or "PersonRole") in the same SaveChanges.
/// </summary>
internal sealed class DatabasePeople(IServiceScopeFactory scopes, IScorecardReadModel readModel) : IPeople
{
    public const string PersonSubject = "Person";
    public const string RoleSubject = "PersonRole";

    public async Task<(CommandResult Result, Person? Person)> AddAsync(ChangeContext context, NewPerson person, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        if (await ActorAsync(db, context, cancellationToken) is not { } actor)
        {
            return (CommandResult.Refused("You are not an active member of this organization."), null);
        }

        var email = person.Email.Trim().ToLowerInvariant();
        var existing = await db.People.Include(p => p.Accounts)
            .FirstOrDefaultAsync(p => p.OrganizationId == context.OrganizationId && p.Email == email, cancellationToken);
        if (existing is { IsActive: true })
        {
            return (CommandResult.Unchanged, existing);
        }

        if (!PeopleRules.MayManage(actor.Role, null, person.Role))
        {
            return (CommandResult.Refused($"Only an admin can add a {PeopleRules.Name(person.Role)}."), null);
        }

        var row = existing ?? db.People.Add(new Person { OrganizationId = context.OrganizationId, Name = person.Name.Trim(), Email = email }).Entity;
        var before = existing is null ? null : $"{existing.Name} <{existing.Email}> {PeopleRules.Name(existing.Role)}, removed";
        row.Role = person.Role;
        row.IsActive = true;
        if (person is { Platform: { } platform, AccountId: { Length: > 0 } account } && !row.Accounts.Exists(a => a.Platform == platform)
            && !await db.ChannelAccounts.AnyAsync(a => EF.Property<Guid>(a, "OrganizationId") == context.OrganizationId && a.Platform == platform && a.ExternalId == account, cancellationToken))
        {
            db.ChannelAccounts.Add(new ChannelAccount { PersonId = row.Id, Platform = platform, ExternalId = account, ChannelUserId = person.ChannelUserId });
        }

        Audit(db, context, actor, PersonSubject, row.Id, existing is null ? "created" : "updated", before, $"{row.Name} <{row.Email}> {PeopleRules.Name(row.Role)}");
        await db.SaveChangesAsync(cancellationToken);
        readModel.Invalidate(context.OrganizationId);
        return (CommandResult.Done, row);
    }

    public async Task<CommandResult> RemoveAsync(ChangeContext context, Guid personId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        if (await ActorAsync(db, context, cancellationToken) is not { } actor)
        {
            return CommandResult.Refused("You are not an active member of this organization.");
        }

        var person = await db.People.FirstOrDefaultAsync(p => p.Id == personId && p.OrganizationId == context.OrganizationId && p.IsActive, cancellationToken);
        if (person is null)
        {
            return CommandResult.NotFound("That person is not in this organization.");
        }

        if (person.Id == actor.Id)
        {
            return CommandResult.Refused("You can't remove yourself; ask another admin.");
        }

        if (!PeopleRules.MayManage(actor.Role, person.Role, Role.Viewer))
        {
            return CommandResult.Refused($"Only an admin can remove a {PeopleRules.Name(person.Role)}.");
        }

        person.IsActive = false;
        Audit(db, context, actor, PersonSubject, person.Id, "deleted", $"{person.Name} <{person.Email}> {PeopleRules.Name(person.Role)}", null);
        await db.SaveChangesAsync(cancellationToken);
        readModel.Invalidate(context.OrganizationId);
        return CommandResult.Done;
    }

    public async Task<CommandResult> SetRoleAsync(ChangeContext context, Guid personId, Role role, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        if (await ActorAsync(db, context, cancellationToken) is not { } actor)
        {
            return CommandResult.Refused("You are not an active member of this organization.");
        }

        var person = await db.People.FirstOrDefaultAsync(p => p.Id == personId && p.OrganizationId == context.OrganizationId && p.IsActive, cancellationToken);
        if (person is null)
        {
            return CommandResult.NotFound("That person is not in this organization.");
        }

        if (person.Role == role)
        {
            return CommandResult.Unchanged;
        }

        if (!PeopleRules.MayManage(actor.Role, person.Role, role))
        {
            return CommandResult.Refused($"Only an admin can make someone {PeopleRules.Name(role)} or change a {PeopleRules.Name(person.Role)}.");
        }

        if (person.Role == Role.Admin && !await db.People.AnyAsync(p => p.OrganizationId == context.OrganizationId && p.IsActive && p.Role == Role.Admin && p.Id != person.Id, cancellationToken))
        {
            return CommandResult.Refused($"{person.Name} is the only admin; make someone else admin first.");
        }

        Audit(db, context, actor, RoleSubject, person.Id, "updated", PeopleRules.Name(person.Role), PeopleRules.Name(role));
        person.Role = role;
        await db.SaveChangesAsync(cancellationToken);
        readModel.Invalidate(context.OrganizationId);
        return CommandResult.Done;
    }

    private static Task<Person?> ActorAsync(ScorecardDbContext db, ChangeContext context, CancellationToken cancellationToken) =>
        db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == context.ActorId && p.OrganizationId == context.OrganizationId && p.IsActive, cancellationToken);

    private static void Audit(ScorecardDbContext db, ChangeContext context, Person actor, string subject, Guid subjectId, string change, string? before, string? after) =>
        db.AuditEntries.Add(ChangeAudit.Of(context, actor, subject, subjectId, change, before, after));
}
