using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Options;
using ScorecardBot.Teams.Connector;

namespace ScorecardBot.Teams.Tests.Connector;

/// <summary>Teams' send limits kept before a message leaves: wait in turn, give up after MaxWait with a 429.</summary>
public sealed class ConnectorRateLimiterTests
{
    private const string Tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    [Fact]
    public async Task Sends_within_the_conversations_limit_go_at_once_and_other_conversations_are_not_charged()
    {
        using var limiter = Limiter(perConversation: 2, maxWait: TimeSpan.FromSeconds(5));

        Assert.True(limiter.WaitAsync(Tenant, "c1", CancellationToken.None).AsTask().IsCompletedSuccessfully);
        Assert.True(limiter.WaitAsync(Tenant, "c1", CancellationToken.None).AsTask().IsCompletedSuccessfully);
        Assert.True(limiter.WaitAsync(Tenant, "c2", CancellationToken.None).AsTask().IsCompletedSuccessfully);

        // The third in one second waits for the window to move on, then goes.
        var clock = Stopwatch.StartNew();
        var third = limiter.WaitAsync(Tenant, "c1", CancellationToken.None).AsTask();
        Assert.False(third.IsCompleted);
        await third;
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(150), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task A_send_that_finds_no_slot_within_MaxWait_fails_with_429_and_the_next_send_still_works()
    {
        using var limiter = Limiter(perConversation: 1, maxWait: TimeSpan.FromMilliseconds(100));
        await limiter.WaitAsync(Tenant, "c1", CancellationToken.None);

        var refused = await Assert.ThrowsAsync<TeamsConnectorException>(() => limiter.WaitAsync(Tenant, "c1", CancellationToken.None).AsTask());

        Assert.Equal((HttpStatusCode.TooManyRequests, "RateLimited"), (refused.StatusCode, refused.Code));
        // The used slot leaves the 1 s window (4 segments) at the replenishment tick 1.0-1.25 s after it was
        // taken; waiting 1.6 s leaves that timer room to fire late on a busy machine.
        await Task.Delay(TimeSpan.FromSeconds(1.6));
        await limiter.WaitAsync(Tenant, "c1", CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(1));
        // Sends that find a slot at once are not cut short by an earlier send's timeout.
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        await limiter.WaitAsync(Tenant, "c2", CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task A_caller_that_gives_up_gets_a_cancellation_not_a_rate_limit_error()
    {
        using var limiter = Limiter(perConversation: 1, maxWait: TimeSpan.FromSeconds(30));
        await limiter.WaitAsync(Tenant, "c1", CancellationToken.None);
        using var shutdown = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => limiter.WaitAsync(Tenant, "c1", shutdown.Token).AsTask());

        Assert.IsNotType<TeamsConnectorException>(error);
    }

    private static ConnectorRateLimiter Limiter(int perConversation, TimeSpan maxWait) => new(Options.Create(new TeamsOptions
    {
        RateLimits = new TeamsRateLimits
        {
            PerConversationPerSecond = perConversation,
            PerConversationPer30Seconds = 1000,
            PerTenantPerSecond = 1000,
            PerBotPerSecond = 1000,
            MaxWait = maxWait,
        },
    }));
}
