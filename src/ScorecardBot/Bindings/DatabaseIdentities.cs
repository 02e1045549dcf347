using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Data;
using ScorecardBot.LocalChat;
using ScorecardBot.Slack;
using ScorecardBot.Teams;

namespace ScorecardBot.Bindings;

/// <summary>
/// Finds the organization and person behind a Teams user, a Slack user or a local-chat pick.
/// Every look-up is scoped to the one organization the tenant or workspace belongs to.
/// </summary>
internal sealed class DatabaseIdentities(IServiceScopeFactory scopes, IOptions<LocalChatOptions> localChat)
    : ITeamsIdentityResolver, ISlackPeopleDirectory, ILocalDirectory
{
    public async Task<Guid?> FindOrganizationAsync(string tenantId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        return await db.Organizations.Where(o => o.TeamsTenantId == tenantId).Select(o => (Guid?)o.Id).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<TeamsIdentity?> ResolveAsync(TeamsUser user, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        var organizationId = await db.Organizations.Where(o => o.TeamsTenantId == user.TenantId).Select(o => (Guid?)o.Id).FirstOrDefaultAsync(cancellationToken);
        if (organizationId is not { } org)
        {
            return null;
        }

        var ids = new[] { user.AadObjectId, user.ChannelUserId }.Where(i => !string.IsNullOrEmpty(i)).ToArray();
        var person = await db.People.Include(p => p.Accounts)
            .Where(p => p.OrganizationId == org && p.IsActive)
            .Where(p => p.Accounts.Any(a => a.Platform == Platform.Teams && (ids.Contains(a.ExternalId) || ids.Contains(a.ChannelUserId!))))
            .FirstOrDefaultAsync(cancellationToken);
        if (person is null)
        {
            return null;
        }

        // Remember the 29: id: it is what opening a 1:1 chat for a proactive prompt needs.
        var account = person.Accounts.First(a => a.Platform == Platform.Teams);
        if (account.ChannelUserId != user.ChannelUserId && !string.IsNullOrEmpty(user.ChannelUserId))
        {
            account.ChannelUserId = user.ChannelUserId;
            await db.SaveChangesAsync(cancellationToken);
        }

        return new TeamsIdentity(org, new Actor(person.Id, person.Name, person.Email, person.Role));
    }

    public async Task<SlackIdentity?> FindBySlackUserAsync(string teamId, string userId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        var person = await db.People
            .Where(p => p.IsActive && db.Organizations.Any(o => o.Id == p.OrganizationId && o.SlackTeamId == teamId))
            .Where(p => p.Accounts.Any(a => a.Platform == Platform.Slack && a.ExternalId == userId))
            .FirstOrDefaultAsync(ct);
        return person is null ? null : new SlackIdentity(person.OrganizationId, new Actor(person.Id, person.Name, person.Email, person.Role));
    }

    public async Task<SlackIdentity?> LinkByEmailAsync(string teamId, string userId, string email, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        var person = await db.People.Include(p => p.Accounts)
            .Where(p => p.IsActive && p.Email == email && db.Organizations.Any(o => o.Id == p.OrganizationId && o.SlackTeamId == teamId))
            .FirstOrDefaultAsync(ct);
        if (person is null)
        {
            return null;
        }

        if (!person.Accounts.Exists(a => a.Platform == Platform.Slack))
        {
            // Added to the set, not to person.Accounts: the account's Guid key is set on creation, so
            // EF would take one found through the navigation for an existing row and UPDATE nothing.
            db.ChannelAccounts.Add(new ChannelAccount { PersonId = person.Id, Platform = Platform.Slack, ExternalId = userId });
            await db.SaveChangesAsync(ct);
        }

        return new SlackIdentity(person.OrganizationId, new Actor(person.Id, person.Name, person.Email, person.Role));
    }

    public async Task<IReadOnlyList<LocalPerson>> ListPeopleAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        var org = await LocalOrganizationAsync(db, cancellationToken);
        if (org is null)
        {
            return [];
        }

        var people = await db.People.Where(p => p.OrganizationId == org && p.IsActive).ToListAsync(cancellationToken);
        // Managers and owners first: they are the roles worth trying out.
        return [.. people.OrderByDescending(p => p.Role == Role.ScorecardManager).ThenByDescending(p => p.Role == Role.Owner)
            .ThenBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
            .Select(p => new LocalPerson(p.Id, p.OrganizationId, p.Name, p.Email, p.Role))];
    }

    public async Task<LocalPerson?> FindPersonAsync(Guid personId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        var org = await LocalOrganizationAsync(db, cancellationToken);
        var person = await db.People.FirstOrDefaultAsync(p => p.Id == personId && p.OrganizationId == org && p.IsActive, cancellationToken);
        return person is null ? null : new LocalPerson(person.Id, person.OrganizationId, person.Name, person.Email, person.Role);
    }

    /// <summary>The organization the local chat acts in: LocalChat:Organization by name, else the oldest.</summary>
    private async Task<Guid?> LocalOrganizationAsync(ScorecardDbContext db, CancellationToken cancellationToken)
    {
        var name = localChat.Value.Organization;
        var organizations = db.Organizations.AsQueryable();
        if (!string.IsNullOrWhiteSpace(name))
        {
            organizations = organizations.Where(o => o.Name == name);
        }

        return await organizations.OrderBy(o => o.CreatedAt).Select(o => (Guid?)o.Id).FirstOrDefaultAsync(cancellationToken);
    }
}
