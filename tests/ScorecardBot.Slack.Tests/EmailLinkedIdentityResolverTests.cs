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

    // Found by the fuzz tests: Slack's answer for a user id it does not know was logged as an
    // error and told the person something went wrong on the bot's side.
    [Theory]
    [InlineData("user_not_found")]
    [InlineData("user_not_visible")]
    public async Task A_user_Slack_does_not_know_is_a_stranger_and_not_asked_about_again_right_away(string error)
    {
        var resolver = Resolver(new People());
        _slack.FailNext("users.info", error);

        Assert.Null(await resolver.ResolveAsync("T1", "U9", CancellationToken.None));
        Assert.Null(await resolver.ResolveAsync("T1", "U9", CancellationToken.None));
        Assert.Single(_slack.CallsTo("users.info"));
    }

    [Fact]
    public async Task Another_failure_of_users_info_is_still_an_error()
    {
        var resolver = Resolver(new People());
        _slack.FailNext("users.info", "missing_scope");

        var e = await Assert.ThrowsAsync<SlackApiException>(() => resolver.ResolveAsync("T1", "U10", CancellationToken.None));
        Assert.Equal("missing_scope", e.Error);
    }
}
