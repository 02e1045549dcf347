using System.Collections.Concurrent;
using ScorecardBot.Core.Conversation;

namespace ScorecardBot.Slack;

/// <summary>Installation store in memory, for tests and single-process development.</summary>
public sealed class InMemorySlackInstallationStore : ISlackInstallationStore
{
    private readonly ConcurrentDictionary<string, SlackInstallationRecord> _byTeam = new(StringComparer.Ordinal);

    public IReadOnlyCollection<SlackInstallationRecord> All => [.. _byTeam.Values];

    public Task SaveAsync(SlackInstallationRecord installation, CancellationToken ct)
    {
        _byTeam[installation.TeamId] = installation;
        return Task.CompletedTask;
    }

    public Task<SlackInstallationRecord?> FindAsync(string teamId, CancellationToken ct) =>
        Task.FromResult(_byTeam.GetValueOrDefault(teamId));
}

/// <summary>Identity resolver over a fixed map of (team, user) → identity, for tests and development.</summary>
public sealed class InMemorySlackIdentityResolver : ISlackIdentityResolver
{
    private readonly ConcurrentDictionary<(string Team, string User), SlackIdentity> _people = new();

    public InMemorySlackIdentityResolver Add(string teamId, string userId, SlackIdentity identity)
    {
        _people[(teamId, userId)] = identity;
        return this;
    }

    public Task<SlackIdentity?> ResolveAsync(string teamId, string userId, CancellationToken ct) =>
        Task.FromResult(_people.GetValueOrDefault((teamId, userId)));
}

/// <summary>App Home provider that shows the same message to everyone; for tests and development.</summary>
public sealed class FixedAppHomeProvider(Func<SlackIdentity, Message> home) : IAppHomeProvider
{
    public Task<Message> GetHomeAsync(SlackIdentity identity, CancellationToken ct) => Task.FromResult(home(identity));
}
