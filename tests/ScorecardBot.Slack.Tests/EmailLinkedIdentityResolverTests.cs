using Microsoft.Extensions.DependencyInjection;
using ScorecardBot.Slack.Api;
using ScorecardBot.Slack.Tests.Infrastructure;

namespace ScorecardBot.Slack.Tests;

public sealed class EmailLinkedIdentityResolverTests : IAsyncLifetime
{
    private FakeSlackApi _slack = null!;
    private SlackTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync();
        _host = await SlackTestHost.StartAsync(_slack);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _slack.DisposeAsync();
    }

    private sealed class People : ISlackPeopleDirectory
    {
        public Dictionary<string, SlackIdentity> ByEmail { get; } = new() { ["ana@example.com"] = new(SlackTestHost.OrganizationId, SlackTestHost.Ana) };
        public Dictionary<string, SlackIdentity> Linked { get; } = [];

        public Task<SlackIdentity?> FindBySlackUserAsync(string teamId, string userId, CancellationToken ct) => Task.FromResult(Linked.GetValueOrDefault(userId));

        public Task<SlackIdentity?> LinkByEmailAsync(string teamId, string userId, string email, CancellationToken ct)
        {
            if (ByEmail.TryGetValue(email, out var identity))
            {
                Linked[userId] = identity;
            }

            return Task.FromResult(ByEmail.GetValueOrDefault(email));
        }
    }

    private EmailLinkedIdentityResolver Resolver(People people) =>
        new(people, _host.Services.GetRequiredService<ISlackApiClientFactory>(), TimeProvider.System);

    [Fact]
    public async Task FirstContact_LinksByTheSlackProfileEmail_ThenNeedsNoMoreCalls()
    {
        var people = new People();
        var resolver = Resolver(people);

        var first = await resolver.ResolveAsync("T1", "U7", CancellationToken.None);
        var second = await resolver.ResolveAsync("T1", "U7", CancellationToken.None);

        Assert.Equal(SlackTestHost.Ana, first!.Actor);
        Assert.Equal(first, second);
        Assert.Single(_slack.CallsTo("users.info"));
        Assert.True(people.Linked.ContainsKey("U7"));
    }

    [Fact]
    public async Task AStranger_IsNull_AndSlackIsNotAskedAgainRightAway()
    {
        var people = new People();
        people.ByEmail.Clear();
        var resolver = Resolver(people);

        Assert.Null(await resolver.ResolveAsync("T1", "U8", CancellationToken.None));
        Assert.Null(await resolver.ResolveAsync("T1", "U8", CancellationToken.None));
        Assert.Single(_slack.CallsTo("users.info"));
    }
}
