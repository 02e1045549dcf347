using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Data.ApiKeys;

/// <summary>An API key that authenticated a call: which organization, under which name, with which scope.</summary>
public sealed record ApiCaller(Guid KeyId, string Id, Guid OrganizationId, string Name, ApiKeyScope Scope);

/// <summary>Why a presented key was refused, in words for the caller.</summary>
public enum ApiKeyRefusal
{
    Malformed = 0,
    Unknown = 1,
    Revoked = 2,
}

/// <summary>
/// The organizations' API keys in the database: made and revoked by admins (the <c>apikey</c>
/// commands), checked on every API call by their public id and hashed secret.
/// </summary>
public sealed class ApiKeyStore(IServiceScopeFactory scopes, TimeProvider time) : IApiKeys
{
    /// <summary>A key's last use is written at most this often, so a busy feed does not write on every call.</summary>
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public async Task<(CommandResult Result, IssuedApiKey? Key)> CreateAsync(ChangeContext context, string name, ApiKeyScope scope, CancellationToken cancellationToken)
    {
        await using var serviceScope = scopes.CreateAsyncScope();
        var db = serviceScope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        if (await RefuseAsync(db, context, cancellationToken) is { } refusal)
        {
            return (refusal, null);
        }

        var trimmed = name.Trim();
        var taken = await db.ApiKeys.AsNoTracking()
            .Where(k => k.OrganizationId == context.OrganizationId && k.Name == trimmed && k.RevokedAt == null)
            .Select(k => k.Prefix).FirstOrDefaultAsync(cancellationToken);
        if (taken is not null)
        {
            return (CommandResult.Refused($"There is already a key named \"{trimmed}\" (id {taken}): revoke it first or choose another name, so the audit trail can tell them apart."), null);
        }

        var (id, text, hash) = ApiKeySecret.Create();
        db.ApiKeys.Add(new ApiKey
        {
            OrganizationId = context.OrganizationId,
            Name = trimmed,
            Scope = scope,
            Prefix = id,
            SecretHash = hash,
            CreatedById = context.ActorId,
            CreatedAt = context.At,
        });
        await db.SaveChangesAsync(cancellationToken);
        return (CommandResult.Done, new IssuedApiKey(id, trimmed, scope, text));
    }

    public async Task<IReadOnlyList<ApiKeyListing>> ListAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        await using var serviceScope = scopes.CreateAsyncScope();
        var db = serviceScope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        var keys = await db.ApiKeys.AsNoTracking().Where(k => k.OrganizationId == organizationId).ToListAsync(cancellationToken);
        return [.. keys
            .OrderBy(k => k.RevokedAt.HasValue).ThenBy(k => k.CreatedAt).ThenBy(k => k.Name, StringComparer.Ordinal)
            .Select(k => new ApiKeyListing(k.Prefix, k.Name, k.Scope, k.CreatedAt, k.LastUsedAt, k.RevokedAt))];
    }

    public async Task<CommandResult> RevokeAsync(ChangeContext context, string id, CancellationToken cancellationToken)
    {
        await using var serviceScope = scopes.CreateAsyncScope();
        var db = serviceScope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        if (await RefuseAsync(db, context, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var wanted = id.Trim().ToLowerInvariant();
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.OrganizationId == context.OrganizationId && k.Prefix == wanted, cancellationToken);
        if (key is null)
        {
            return CommandResult.NotFound($"There is no API key {id} here. apikey list shows the ids.");
        }

        if (key.IsRevoked)
        {
            return CommandResult.Unchanged;
        }

        key.RevokedAt = context.At;
        key.RevokedById = context.ActorId;
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Done;
    }

    /// <summary>The caller behind a presented key, or why it is refused. Touches the key's last use.</summary>
    public async Task<(ApiCaller? Caller, ApiKeyRefusal Refusal)> AuthenticateAsync(string presented, CancellationToken cancellationToken)
    {
        if (!ApiKeySecret.TryParse(presented, out var id, out var secret))
        {
            return (null, ApiKeyRefusal.Malformed);
        }

        await using var serviceScope = scopes.CreateAsyncScope();
        var db = serviceScope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Prefix == id, cancellationToken);
        if (key is null || !ApiKeySecret.Matches(secret, key.SecretHash))
        {
            return (null, ApiKeyRefusal.Unknown);
        }

        if (key.IsRevoked)
        {
            return (null, ApiKeyRefusal.Revoked);
        }

        var now = time.GetUtcNow();
        if (key.LastUsedAt is not { } last || now - last >= LastUsedResolution)
        {
            key.LastUsedAt = now;
            await db.SaveChangesAsync(cancellationToken);
        }

        return (new ApiCaller(key.Id, key.Prefix, key.OrganizationId, key.Name, key.Scope), default);
    }

    private static async Task<CommandResult?> RefuseAsync(ScorecardDbContext db, ChangeContext context, CancellationToken cancellationToken)
    {
        var isAdmin = await db.People.AnyAsync(
            p => p.Id == context.ActorId && p.OrganizationId == context.OrganizationId && p.IsActive && p.Role == Role.Admin, cancellationToken);
        return isAdmin ? null : CommandResult.Refused("Only an admin can manage API keys.");
    }
}
