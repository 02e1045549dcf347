using System.Collections.Concurrent;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using ScorecardBot.Core.Model;
using ScorecardBot.Data;
using ScorecardBot.Slack;
using ScorecardBot.Teams;

namespace ScorecardBot.Bindings;

/// <summary>
/// Teams conversation references in the database, so prompts reach people after a restart. A
/// person's 1:1 reference arrives with every message they send; it is written only when it differs
/// from what this instance last saved or read for them (or that is older than
/// <see cref="RewriteAfter"/>, so a reference another instance wrote is not trusted forever).
/// </summary>
internal sealed class DatabaseConversationReferences(IServiceScopeFactory scopes, TimeProvider time, ReachabilityMarks? reachability = null) : IConversationReferenceStore
{
    /// <summary>How long a saved 1:1 reference is taken as still stored without writing it again.</summary>
    internal static readonly TimeSpan RewriteAfter = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim[] _gates = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    private SemaphoreSlim Gate(Guid organizationId, string conversationId) =>
        _gates[(int)((uint)HashCode.Combine(organizationId, StringComparer.Ordinal.GetHashCode(conversationId)) % (uint)_gates.Length)];

    private readonly ConcurrentDictionary<(Guid Organization, Guid Person), (TeamsConversationReference Reference, DateTimeOffset SavedAt)> _saved = new();

    public async Task<bool> SavePersonalAsync(Guid organizationId, Guid personId, TeamsConversationReference reference, CancellationToken cancellationToken)
    {
        var key = (organizationId, personId);
        var now = time.GetUtcNow();
        var isNew = false;
        if (!_saved.TryGetValue(key, out var saved) || saved.Reference != reference || now - saved.SavedAt >= RewriteAfter)
        {
            isNew = await SaveGatedAsync(
                organizationId, personId, reference, r => r.OrganizationId == organizationId && r.Platform == Platform.Teams && r.PersonId == personId, cancellationToken);

            Remember(key, reference, now);
        }

        // On every 1:1 message and on install: either way the bot can write to them again (a change
        // of state only: the marks are in memory, the database is touched for a marked person).
        if (reachability is not null)
        {
            await reachability.HeardFromAsync(organizationId, personId, Platform.Teams, cancellationToken);
        }

        return isNew;
    }

    private void Remember((Guid, Guid) key, TeamsConversationReference reference, DateTimeOffset at)
    {
        if (_saved.Count > 100_000)
        {
            _saved.Clear();
        }

        _saved[key] = (reference, at);
    }

    public async Task<TeamsConversationReference?> FindPersonalAsync(Guid organizationId, Guid personId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        var row = await db.ConversationReferences.AsNoTracking().FirstOrDefaultAsync(
            r => r.OrganizationId == organizationId && r.Platform == Platform.Teams && r.PersonId == personId, cancellationToken);
        return row is null ? null : ToReference(row);
    }

    public Task<bool> SaveSharedAsync(Guid organizationId, TeamsConversationReference reference, CancellationToken cancellationToken) =>
        SaveGatedAsync(
            organizationId, null, reference,
            r => r.OrganizationId == organizationId && r.Platform == Platform.Teams && r.ConversationId == reference.ConversationId, cancellationToken);

    /// <summary>Finds the row <paramref name="existing"/> names and saves the reference in it, one turn at a time per conversation.</summary>
    private async Task<bool> SaveGatedAsync(
        Guid organizationId, Guid? personId, TeamsConversationReference reference,
        Expression<Func<ConversationReference, bool>> existing, CancellationToken cancellationToken)
    {
        var gate = Gate(organizationId, reference.ConversationId);
        await gate.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
            var row = await db.ConversationReferences.FirstOrDefaultAsync(existing, cancellationToken);
            return await SaveAsync(db, row, organizationId, personId, reference, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task<TeamsConversationReference?> FindSharedAsync(Guid organizationId, string conversationId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        var row = await db.ConversationReferences.AsNoTracking().FirstOrDefaultAsync(
            r => r.OrganizationId == organizationId && r.Platform == Platform.Teams && r.ConversationId == conversationId && r.PersonId == null, cancellationToken);
        return row is null ? null : ToReference(row);
    }

    public async Task RemoveSharedAsync(Guid organizationId, string conversationId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        await db.ConversationReferences
            .Where(r => r.OrganizationId == organizationId && r.Platform == Platform.Teams && r.ConversationId == conversationId && r.PersonId == null)
            .ExecuteDeleteAsync(cancellationToken);
    }

    private async Task<bool> SaveAsync(
        ScorecardDbContext db, ConversationReference? row, Guid organizationId, Guid? personId, TeamsConversationReference reference, CancellationToken cancellationToken)
    {
        // One conversation is one row (a unique index): a conversation another row already holds
        // (a 1:1 conversation id sent for someone else) is not taken over, and not written twice
        // when two turns of a new conversation race (they wait on one gate per conversation here;
        // across instances the index refuses the second, caught below).
        var rowId = row?.Id;
        if ((row is null || row.ConversationId != reference.ConversationId) && await db.ConversationReferences.AnyAsync(
            r => r.OrganizationId == organizationId && r.Platform == Platform.Teams && r.ConversationId == reference.ConversationId && r.Id != rowId, cancellationToken))
        {
            return false;
        }

        var isNew = row is null;
        row ??= db.ConversationReferences.Add(new ConversationReference
        {
            OrganizationId = organizationId,
            Platform = Platform.Teams,
            PersonId = personId,
            ConversationId = reference.ConversationId,
        }).Entity;
        row.ConversationId = reference.ConversationId;
        row.Kind = reference.Kind;
        row.ServiceUrl = reference.ServiceUrl;
        row.TenantOrTeamId = reference.TenantId;
        row.BotId = reference.BotId;
        row.TeamId = reference.TeamId;
        row.UpdatedAt = time.GetUtcNow();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance stored the conversation between the check and this write.
            return false;
        }

        return isNew;
    }

    private static TeamsConversationReference ToReference(ConversationReference row) =>
        new(row.ServiceUrl ?? "", row.ConversationId, row.TenantOrTeamId ?? "", row.Kind, row.BotId, row.TeamId);
}

/// <summary>Slack workspace installations in the database; the bot token arrives already protected.</summary>
internal sealed class DatabaseSlackInstallations(IServiceScopeFactory scopes) : ISlackInstallationStore
{
    public async Task SaveAsync(SlackInstallationRecord installation, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        var row = await db.SlackInstallations.FirstOrDefaultAsync(i => i.TeamId == installation.TeamId, ct);
        if (row is null)
        {
            row = new SlackInstallation { TeamId = installation.TeamId, ProtectedBotToken = installation.ProtectedBotToken, Scopes = installation.Scopes };
            db.SlackInstallations.Add(row);
        }

        row.TeamName = installation.TeamName;
        row.EnterpriseId = installation.EnterpriseId;
        row.ProtectedBotToken = installation.ProtectedBotToken;
        row.BotUserId = installation.BotUserId;
        row.AppId = installation.AppId;
        row.Scopes = installation.Scopes;
        row.InstalledAt = installation.InstalledAt;
        await db.SaveChangesAsync(ct);
    }

    public async Task<SlackInstallationRecord?> FindAsync(string teamId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        var row = await db.SlackInstallations.AsNoTracking().FirstOrDefaultAsync(i => i.TeamId == teamId, ct);
        return row is null ? null : new SlackInstallationRecord(
            row.TeamId, row.TeamName, row.EnterpriseId, row.ProtectedBotToken, row.BotUserId, row.AppId, row.Scopes, row.InstalledAt);
    }
}
