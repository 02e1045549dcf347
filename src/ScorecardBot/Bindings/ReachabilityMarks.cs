using Microsoft.EntityFrameworkCore;
using ScorecardBot.Core.Model;
using ScorecardBot.Data;
using ScorecardBot.Data.Outbox;

namespace ScorecardBot.Bindings;

/// <summary>
/// Clears a person's "unreachable" mark when they write to the bot 1:1 or install it, so prompts
/// reach them directly again. Turns are the hot path: the marks are kept in memory (re-read at
/// most every <see cref="Refresh"/>, and at once when this instance marks someone), and the
/// database is touched only for a person who is marked.
/// </summary>
internal sealed class ReachabilityMarks(IServiceScopeFactory scopes, TimeProvider time, ILogger<ReachabilityMarks> logger) : IDisposable
{
    /// <summary>How stale the in-memory copy may get (marks made by another instance show up within this).</summary>
    internal static readonly TimeSpan Refresh = TimeSpan.FromSeconds(15);

    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile Snapshot? _marks;

    private sealed record Snapshot(HashSet<(Guid Organization, Guid Person, Platform Platform)> Marks, DateTimeOffset LoadedAt);

    public void Dispose() => _loading.Dispose();

    /// <summary>Forgets the in-memory copy: the next turn reads the marks again.</summary>
    public void Invalidate() => _marks = null;

    /// <summary>The person reached out on <paramref name="platform"/>: the bot can write to them there again.</summary>
    public async Task HeardFromAsync(Guid organizationId, Guid personId, Platform platform, CancellationToken cancellationToken)
    {
        var marks = await MarksAsync(cancellationToken);
        if (!marks.Contains((organizationId, personId, platform)))
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        await db.Set<UnreachablePerson>()
            .Where(u => u.OrganizationId == organizationId && u.PersonId == personId && u.Platform == platform)
            .ExecuteDeleteAsync(cancellationToken);
        Invalidate();
        logger.LogInformation("Person {PersonId} of organization {OrganizationId} wrote to the bot on {Platform}: direct messages to them resume", personId, organizationId, platform);
    }

    private async Task<HashSet<(Guid, Guid, Platform)>> MarksAsync(CancellationToken cancellationToken)
    {
        if (_marks is { } fresh && time.GetUtcNow() - fresh.LoadedAt < Refresh)
        {
            return fresh.Marks;
        }

        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (_marks is { } loaded && time.GetUtcNow() - loaded.LoadedAt < Refresh)
            {
                return loaded.Marks;
            }

            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
            var rows = await db.Set<UnreachablePerson>().AsNoTracking()
                .Select(u => new { u.OrganizationId, u.PersonId, u.Platform })
                .ToListAsync(cancellationToken);
            var marks = rows.Select(r => (r.OrganizationId, r.PersonId, r.Platform)).ToHashSet();
            _marks = new Snapshot(marks, time.GetUtcNow());
            return marks;
        }
        finally
        {
            _loading.Release();
        }
    }
}
