using System.Collections.Concurrent;
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
/// Turns are the hot path: the organization of a tenant or workspace is remembered for
/// <see cref="OrganizationMemory"/>, and a linked person is found in the organization's cached
/// snapshot (which every change of the organization drops); the database is asked only when the
/// snapshot does not know the account (linked since it was read, or a stranger), and a link made
/// here drops the snapshot at once.
/// </summary>
internal sealed class DatabaseIdentities(
    IServiceScopeFactory scopes, IOptions<LocalChatOptions> localChat, IOptions<TeamsOptions> teams, IScorecardReadModel readModel, TimeProvider time)
    : ITeamsIdentityResolver, ISlackPeopleDirectory, ILocalDirectory
{
    /// <summary>How long the organization of a tenant or workspace is trusted (it changes only by import).</summary>
    internal static readonly TimeSpan OrganizationMemory = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, (Guid Organization, DateTimeOffset Until)> _tenants = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (Guid Organization, DateTimeOffset Until)> _slackTeams = new(StringComparer.Ordinal);

    // Striped: first contacts of different people rarely share a stripe, and nothing grows with the users.
    private readonly SemaphoreSlim[] _linkGates = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    private SemaphoreSlim LinkGate(string key) => _linkGates[(int)((uint)StringComparer.Ordinal.GetHashCode(key) % (uint)_linkGates.Length)];

    public async Task<Guid?> FindOrganizationAsync(string tenantId, CancellationToken cancellationToken) =>
        await RememberedAsync(_tenants, tenantId, async ct =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
            return await TeamsOrganizationAsync(db, tenantId, ct);
        }, cancellationToken);

    public async Task<TeamsIdentity?> ResolveAsync(TeamsUser user, CancellationToken cancellationToken)
    {
        if (await FindOrganizationAsync(user.TenantId, cancellationToken) is not { } org)
        {
            return null;
        }

        var snapshot = await readModel.GetAsync(org, cancellationToken);
        var known = Linked(snapshot, Platform.Teams, user.AadObjectId) ?? Linked(snapshot, Platform.Teams, user.ChannelUserId);
        if (known is not null && known.Accounts.Find(a => a.Platform == Platform.Teams) is { } linked
            && (linked.ChannelUserId == user.ChannelUserId || string.IsNullOrEmpty(user.ChannelUserId)))
        {
            return new TeamsIdentity(org, new Actor(known.Id, known.Name, known.Email, known.Role));
        }

        // Not in the snapshot (linked since it was read, or never), or a 29: id to remember.
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
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

        // The next turn finds them in a snapshot that knows the account.
        readModel.Invalidate(org);
        return new TeamsIdentity(org, new Actor(person.Id, person.Name, person.Email, person.Role));
    }

    /// <summary>
    /// Links a Teams user on first contact, insert-or-get: a new user's first messages often arrive
    /// together, so the link is made under a lock of that user (one instance) and re-read first;
    /// across instances the account's unique index refuses the second insert, which then reads the first.
    /// </summary>
    public async Task<TeamsIdentity?> LinkByEmailAsync(TeamsUser user, string email, CancellationToken cancellationToken)
    {
        var gate = LinkGate($"teams\n{user.TenantId}\n{user.AadObjectId ?? user.ChannelUserId}");
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await ResolveAsync(user, cancellationToken) ?? await LinkTeamsAsync(user, email, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<TeamsIdentity?> LinkTeamsAsync(TeamsUser user, string email, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        if (await TeamsOrganizationAsync(db, user.TenantId, cancellationToken) is not { } org)
        {
            return null;
        }

        var person = await db.People.Include(p => p.Accounts)
            .FirstOrDefaultAsync(p => p.OrganizationId == org && p.IsActive && p.Email == email, cancellationToken);
        // A person already linked to another Teams account keeps it: one e-mail is one Teams user.
        if (person is null || person.Accounts.Exists(a => a.Platform == Platform.Teams))
        {
            return null;
        }

        // Added to the set, not to person.Accounts (see LinkByEmailAsync for Slack).
        db.ChannelAccounts.Add(new ChannelAccount
        {
            PersonId = person.Id,
            Platform = Platform.Teams,
            ExternalId = user.AadObjectId ?? user.ChannelUserId,
            ChannelUserId = user.ChannelUserId,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A new user's first messages arrive together: another request linked the same account
            // first (the unique index on the account refused this one). Insert-or-get: use theirs.
            return await ResolveAsync(user, cancellationToken);
        }

        readModel.Invalidate(org);
        return new TeamsIdentity(org, new Actor(person.Id, person.Name, person.Email, person.Role));
    }

    /// <summary>
    /// The organization of a Teams tenant. In Teams' local development mode (no app id, loopback
    /// callers only) the emulator's tenant (Teams:LocalTenantId), when no organization claims it,
    /// acts in the local chat's organization, so a Teams emulator, which invents its own tenant id,
    /// works against the embedded default. Any other tenant no organization claims acts nowhere.
    /// </summary>
    private async Task<Guid?> TeamsOrganizationAsync(ScorecardDbContext db, string tenantId, CancellationToken cancellationToken) =>
        await db.Organizations.Where(o => o.TeamsTenantId == tenantId).Select(o => (Guid?)o.Id).FirstOrDefaultAsync(cancellationToken)
        ?? (IsLocalEmulatorTenant(tenantId) ? await LocalOrganizationAsync(db, cancellationToken) : null);

    private bool IsLocalEmulatorTenant(string tenantId) =>
        teams.Value.IsLocal && teams.Value.LocalTenantId is { Length: > 0 } local && string.Equals(tenantId, local, StringComparison.OrdinalIgnoreCase);

    public async Task<SlackIdentity?> FindBySlackUserAsync(string teamId, string userId, CancellationToken ct)
    {
        var org = await RememberedAsync(_slackTeams, teamId, async c =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
            return await db.Organizations.Where(o => o.SlackTeamId == teamId).Select(o => (Guid?)o.Id).FirstOrDefaultAsync(c);
        }, ct);
        if (org is not { } organizationId)
        {
            return null;
        }

        var snapshot = await readModel.GetAsync(organizationId, ct);
        if (Linked(snapshot, Platform.Slack, userId) is { } known && known.Accounts.Exists(a => a.Platform == Platform.Slack && a.ExternalId == userId))
        {
            return new SlackIdentity(organizationId, new Actor(known.Id, known.Name, known.Email, known.Role));
        }

        // Not in the snapshot: linked since it was read, or a stranger.
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
            var person = await db.People
                .Where(p => p.IsActive && p.OrganizationId == organizationId)
                .Where(p => p.Accounts.Any(a => a.Platform == Platform.Slack && a.ExternalId == userId))
                .FirstOrDefaultAsync(ct);
            if (person is null)
            {
                return null;
            }

            readModel.Invalidate(organizationId);
            return new SlackIdentity(person.OrganizationId, new Actor(person.Id, person.Name, person.Email, person.Role));
        }
    }

    /// <summary>The active person of the snapshot with this account, if the snapshot knows one.</summary>
    private static Person? Linked(OrganizationSnapshot? snapshot, Platform platform, string? id) =>
        snapshot is not null && !string.IsNullOrEmpty(id) && snapshot.FindPersonByAccount(platform, id) is { IsActive: true } person ? person : null;

    /// <summary>An organization found for a tenant or workspace, remembered for <see cref="OrganizationMemory"/>; "none" is not remembered.</summary>
    private async Task<Guid?> RememberedAsync(
        ConcurrentDictionary<string, (Guid Organization, DateTimeOffset Until)> memory, string key, Func<CancellationToken, Task<Guid?>> find, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (memory.TryGetValue(key, out var remembered) && remembered.Until > now)
        {
            return remembered.Organization;
        }

        var found = await find(cancellationToken);
        if (found is { } org)
        {
            if (memory.Count > 10_000)
            {
                memory.Clear();
            }

            memory[key] = (org, now + OrganizationMemory);
        }
        else
        {
            memory.TryRemove(key, out _);
        }

        return found;
    }

    /// <summary>Links a Slack user on first contact, insert-or-get as for Teams.</summary>
    public async Task<SlackIdentity?> LinkByEmailAsync(string teamId, string userId, string email, CancellationToken ct)
    {
        var gate = LinkGate($"slack\n{teamId}\n{userId}");
        await gate.WaitAsync(ct);
        try
        {
            return await FindBySlackUserAsync(teamId, userId, ct) ?? await LinkSlackAsync(teamId, userId, email, ct);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<SlackIdentity?> LinkSlackAsync(string teamId, string userId, string email, CancellationToken ct)
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
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Linked by a request that arrived at the same time (the account's unique index): insert-or-get.
                return await FindBySlackUserAsync(teamId, userId, ct);
            }

            readModel.Invalidate(person.OrganizationId);
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
