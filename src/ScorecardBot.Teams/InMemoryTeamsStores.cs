using System.Collections.Concurrent;
using ScorecardBot.Core.Conversation;

namespace ScorecardBot.Teams;

/// <summary>Conversation references held in memory: for tests and a single local instance.</summary>
public sealed class InMemoryConversationReferenceStore : IConversationReferenceStore
{
    private readonly ConcurrentDictionary<(Guid, Guid), TeamsConversationReference> _personal = new();
    private readonly ConcurrentDictionary<(Guid, string), TeamsConversationReference> _shared = new();

    public int Count => _personal.Count + _shared.Count;

    public Task<bool> SavePersonalAsync(Guid organizationId, Guid personId, TeamsConversationReference reference, CancellationToken cancellationToken)
    {
        var isNew = true;
        _personal.AddOrUpdate((organizationId, personId), reference, (_, _) => { isNew = false; return reference; });
        return Task.FromResult(isNew);
    }

    public Task<TeamsConversationReference?> FindPersonalAsync(Guid organizationId, Guid personId, CancellationToken cancellationToken) =>
        Task.FromResult(_personal.GetValueOrDefault((organizationId, personId)));

    public Task<bool> SaveSharedAsync(Guid organizationId, TeamsConversationReference reference, CancellationToken cancellationToken)
    {
        var isNew = true;
        _shared.AddOrUpdate((organizationId, reference.ConversationId), reference, (_, _) => { isNew = false; return reference; });
        return Task.FromResult(isNew);
    }

    public Task<TeamsConversationReference?> FindSharedAsync(Guid organizationId, string conversationId, CancellationToken cancellationToken) =>
        Task.FromResult(_shared.GetValueOrDefault((organizationId, conversationId)));

    public Task RemoveSharedAsync(Guid organizationId, string conversationId, CancellationToken cancellationToken)
    {
        _shared.TryRemove((organizationId, conversationId), out _);
        return Task.CompletedTask;
    }
}

/// <summary>A fixed directory of tenants and people: for tests and local development.</summary>
public sealed class InMemoryTeamsIdentityResolver : ITeamsIdentityResolver
{
    private readonly ConcurrentDictionary<string, Guid> _tenants = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<(Guid, string), Actor> _people = new();
    private readonly ConcurrentDictionary<(Guid, string), Actor> _unlinked = new();

    public InMemoryTeamsIdentityResolver AddTenant(string tenantId, Guid organizationId)
    {
        _tenants[tenantId] = organizationId;
        return this;
    }

    /// <summary>Adds a person known by their Entra ID object id (or, without one, their Teams user id).</summary>
    public InMemoryTeamsIdentityResolver AddPerson(Guid organizationId, string aadObjectIdOrUserId, Actor actor)
    {
        _people[(organizationId, aadObjectIdOrUserId.ToUpperInvariant())] = actor;
        return this;
    }

    /// <summary>Adds a person known only by e-mail: linked on their first message (<see cref="LinkByEmailAsync"/>).</summary>
    public InMemoryTeamsIdentityResolver AddUnlinkedPerson(Guid organizationId, Actor actor)
    {
        _unlinked[(organizationId, actor.Email.ToUpperInvariant())] = actor;
        return this;
    }

    public Task<TeamsIdentity?> LinkByEmailAsync(TeamsUser user, string email, CancellationToken cancellationToken)
    {
        if (!_tenants.TryGetValue(user.TenantId, out var organizationId) || !_unlinked.TryRemove((organizationId, email.ToUpperInvariant()), out var actor))
        {
            return Task.FromResult<TeamsIdentity?>(null);
        }

        AddPerson(organizationId, user.AadObjectId ?? user.ChannelUserId, actor);
        return Task.FromResult<TeamsIdentity?>(new TeamsIdentity(organizationId, actor));
    }

    public Task<Guid?> FindOrganizationAsync(string tenantId, CancellationToken cancellationToken) =>
        Task.FromResult(_tenants.TryGetValue(tenantId, out var id) ? id : (Guid?)null);

    public Task<TeamsIdentity?> ResolveAsync(TeamsUser user, CancellationToken cancellationToken)
    {
        if (!_tenants.TryGetValue(user.TenantId, out var organizationId))
        {
            return Task.FromResult<TeamsIdentity?>(null);
        }

        var key = (user.AadObjectId ?? user.ChannelUserId).ToUpperInvariant();
        return Task.FromResult(_people.TryGetValue((organizationId, key), out var actor)
            ? new TeamsIdentity(organizationId, actor)
            : null);
    }
}
