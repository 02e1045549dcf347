using Microsoft.EntityFrameworkCore;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Delivery;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Review;
using ScorecardBot.Core.Values;
using ScorecardBot.Data.Outbox;
using ScorecardBot.IntegrationTests.Fakes;
using ScorecardBot.IntegrationTests.Infrastructure;

namespace ScorecardBot.IntegrationTests.Delivery;

/// <summary>
/// Delivery through the host to the fake Teams connector and the fake Slack API on loopback: the
/// digest threaded in both, prompts that cannot reach their owner, and a connector that throttles
/// and fails.
/// </summary>
public abstract class DeliveryThroughTheHostTests(BotUnderTest bot) : IAsyncLifetime
{
    public Task InitializeAsync()
    {
        bot.Outbound.Clear();
        bot.BotFramework.Script = null;
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        bot.BotFramework.Script = null;
        Assert.Empty(bot.Outbound.Unexpected);
        return Task.CompletedTask;
    }

    private List<SlackCall> SlackPosts(string channel) =>
        [.. bot.Slack.Calls.Where(c => c.Method == "chat.postMessage" && FakeSlackApi.Fields(c)["channel"]?.ToString() == channel)];

    private List<ConnectorCall> TeamsPosts(string conversationStart) =>
        [.. bot.BotFramework.Calls.Where(c => c.Method == "POST" && c.ConversationId?.StartsWith(conversationStart, StringComparison.Ordinal) == true)];

    [Fact]
    public async Task The_digest_posts_its_summary_in_the_channel_and_the_details_in_its_thread_on_Slack_and_Teams()
    {
        var world = await DeliveryWorld.CreateAsync(bot);
        var request = ReviewRequest.For(world.Organization, await ScorecardAsync(world), DeliveryWorld.November, world.People, [], DateTimeOffset.UtcNow);
        var charts = bot.Services.GetRequiredService<Scheduling.IDigestCharts>();
        var posts = new ChannelDigest(new ValueFormatter(System.Globalization.CultureInfo.GetCultureInfo("en-US"), "EUR"), id => charts.ScorecardTrends(world.Organization.Id, id))
            .Build(request, DigestLayout.SummaryAndThread);
        var key = $"digest:{world.Scorecard.Id}:{DeliveryWorld.November}";
        var messages = new List<(OutgoingMessage, string)>();
        foreach (var (platform, channel, first) in new[] { (Platform.Slack, world.SlackChannel, key), (Platform.Teams, world.TeamsChannel, key + "#100") })
        {
            messages.AddRange(posts.Select((p, i) => (new OutgoingMessage(world.Organization.Id, platform, Destination.Channel(channel), p.Message, i == 0 ? first : $"{first}-{i}")
            {
                InThreadOf = p.InThread ? first : null,
            }, "digest")));
        }

        await world.WriteAsync([.. messages]);
        await world.DrainAsync();

        Assert.All(await world.RowsAsync(), r => Assert.True(r.Status == OutboxStatus.Sent, $"{r.Key}: {r.Status} {r.LastError}"));

        // Slack: the summary alone in the channel, every detail with thread_ts = the summary's ts.
        var slack = SlackPosts(world.SlackChannel).Select(FakeSlackApi.Fields).ToList();
        Assert.Equal(posts.Count, slack.Count);
        Assert.Null(slack[0]["thread_ts"]);
        Assert.Contains("Nov 2026: score", slack[0]["text"]!.ToString(), StringComparison.Ordinal);
        Assert.All(slack.Skip(1), s => Assert.Equal(slack.Skip(1).First()["thread_ts"]!.ToString(), s["thread_ts"]!.ToString()));
        Assert.Equal(key, slack[0]["metadata"]!["event_payload"]!["key"]!.ToString());

        // The chart was uploaded into the thread, through the upload URL Slack handed out.
        var completed = bot.Slack.Calls.Where(c => c.Method == "files.completeUploadExternal").Select(FakeSlackApi.Fields)
            .Where(f => f["channel_id"]?.ToString() == world.SlackChannel).ToList();
        var upload = Assert.Single(completed);
        Assert.Equal(slack[1]["thread_ts"]!.ToString(), upload["thread_ts"]!.ToString());
        Assert.Contains(bot.Slack.Calls, c => c.Method.StartsWith("upload:", StringComparison.Ordinal) && c.Body.Length > 1000);

        // Teams: the summary to the channel; each detail into its reply chain (channel;messageid=root).
        var teams = TeamsPosts(world.TeamsChannel);
        Assert.Equal(posts.Count, teams.Count);
        Assert.Equal(world.TeamsChannel, teams[0].ConversationId);
        var root = (await world.RowsAsync()).Single(r => r.Key == key + "#100").SentMessageId;
        Assert.All(teams.Skip(1), t => Assert.Equal($"{world.TeamsChannel};messageid={root}", t.ConversationId));
    }

    [Fact]
    public async Task Prompts_that_cannot_reach_their_owners_go_to_the_team_channel_and_the_manager_is_told_once()
    {
        var world = await DeliveryWorld.CreateAsync(bot);
        bot.BotFramework.Script = call => call.ConversationId == world.OliviaChat ? new ConnectorAnswer(403, "MessageWritesBlocked") : null;
        bot.Slack.Errors["conversations.open"] = body => body["users"]?.ToString() == world.Sam.Accounts[0].ExternalId ? "cannot_dm_bot" : null;
        try
        {
            await world.WriteAsync(world.Prompt(world.Olivia), world.Prompt(world.Bruno), world.Prompt(world.Sam));
            await world.DrainAsync();

            var prompts = await world.RowsAsync();
            Assert.Equal(
                [("MessageWritesBlocked", 1), ("no_conversation_reference", 1), ("cannot_dm_bot", 1)],
                prompts.Select(r => (r.FailureCode, r.Attempts)));
            Assert.All(prompts, r => Assert.Equal(OutboxStatus.Dead, r.Status));

            // The rhythm follows up: the prompts in both team channels, the manager told privately.
            await world.RunRhythmAsync();
            await world.DrainAsync();

            var slackChannel = SlackPosts(world.SlackChannel).Select(c => c.Body).ToList();
            var teamsChannel = TeamsPosts(world.TeamsChannel).Select(c => c.Body).ToList();
            foreach (var owner in new[] { world.Olivia, world.Bruno, world.Sam })
            {
                var kpi = world.KpiOf[owner.Id].Name.Replace("'", "\\u0027", StringComparison.Ordinal);
                Assert.True(
                    slackChannel.Count(b => b.Contains(owner.Name, StringComparison.Ordinal) && b.Contains(kpi, StringComparison.Ordinal) && b.Contains("sc.form", StringComparison.Ordinal)) == 1,
                    string.Join("\n", slackChannel));
                Assert.True(
                    teamsChannel.Count(b => b.Contains(owner.Name, StringComparison.Ordinal) && b.Contains("Action.", StringComparison.Ordinal) && b.Contains("Input.", StringComparison.Ordinal)) == 1,
                    string.Join("\n", teamsChannel));
            }

            var samsPost = slackChannel.Select(b => System.Text.Json.Nodes.JsonNode.Parse(b)!["blocks"]![0]!["text"]!["text"]!.ToString()).Single(t => t.Contains("<@U0SAM", StringComparison.Ordinal));
            Assert.Equal($"<@{world.Sam.Accounts[0].ExternalId}> — I can't write to you directly (your Slack account is a bot account), so here it is in the channel:", samsPost);
            var notice = Assert.Single(bot.Slack.Calls, c => c.Method == "chat.postMessage" && FakeSlackApi.Fields(c)["channel"]?.ToString() == "D" + world.Max.Accounts[0].ExternalId);
            var text = FakeSlackApi.Fields(notice)["text"]!.ToString();
            Assert.StartsWith($"I can't reach 3 people of {world.Scorecard.Name}:", text, StringComparison.Ordinal);
            Assert.Contains("Olivia Teams (Teams: Teams blocks the bot's messages to them", text, StringComparison.Ordinal);
            Assert.Contains("Bruno Teams (Teams: the bot is not installed for them in Teams yet", text, StringComparison.Ordinal);
            Assert.Contains("Sam Slack (Slack: their Slack account is a bot", text, StringComparison.Ordinal);
            Assert.Equal(3, (await world.UnreachableAsync()).Count);

            // A reminder later: no second try at a platform that said no, no second notice; the channel gets it.
            await world.WriteAsync(world.Prompt(world.Olivia, "reminder"));
            await world.DrainAsync();
            await world.RunRhythmAsync();
            await world.DrainAsync();
            Assert.Single(bot.BotFramework.Calls, c => c.ConversationId == world.OliviaChat);
            Assert.Single(bot.Slack.Calls, c => c.Method == "conversations.open" && FakeSlackApi.Fields(c)["users"]?.ToString() == world.Sam.Accounts[0].ExternalId);
            Assert.Equal(2, SlackPosts(world.SlackChannel).Count(c => c.Body.Contains("Olivia Teams", StringComparison.Ordinal)));
            Assert.Single(bot.Slack.Calls, c => c.Method == "chat.postMessage" && FakeSlackApi.Fields(c)["channel"]?.ToString() == "D" + world.Max.Accounts[0].ExternalId);

            // The admin's status names them.
            var status = await bot.Services.GetRequiredService<IDeliveryStatus>().GetAsync(world.Organization.Id, CancellationToken.None);
            Assert.Equal(["Bruno Teams", "Olivia Teams", "Sam Slack"], status.People.Select(p => p.Name).Order(StringComparer.Ordinal));
            Assert.Contains(status.Messages, m => m is { Kind: "prompt", Recipient: "Olivia Teams", GivenUp: true });

            // Olivia writes to the bot: she can be reached again, and the next prompt goes to her.
            bot.BotFramework.Script = null;
            await bot.Services.GetRequiredService<Teams.ITeamsTurnHandler>().HandleAsync(new Turn
            {
                OrganizationId = world.Organization.Id,
                Actor = new Actor(world.Olivia.Id, world.Olivia.Name, world.Olivia.Email, world.Olivia.Role),
                Platform = Platform.Teams,
                Conversation = new ConversationAddress(Platform.Teams, world.OliviaChat, ConversationKind.Direct, bot.BotFramework.ServiceUrl),
                At = DateTimeOffset.UtcNow,
                Text = "my",
            }, CancellationToken.None);
            Assert.DoesNotContain(await world.UnreachableAsync(), u => u.PersonId == world.Olivia.Id);
            await world.WriteAsync(world.Prompt(world.Olivia, "reminder") with { IdempotencyKey = $"remind:{world.Scorecard.Id}:{DeliveryWorld.November}:{world.Olivia.Id}:2" });
            await world.DrainAsync();
            Assert.Contains(bot.BotFramework.Calls, c => c.ConversationId == world.OliviaChat && c.Accepted);
        }
        finally
        {
            bot.Slack.Errors.TryRemove("conversations.open", out _);
        }
    }

    [Fact]
    public async Task A_connector_that_throttles_and_fails_gets_every_message_once_and_in_order()
    {
        var world = await DeliveryWorld.CreateAsync(bot);
        var calls = 0;
        bot.BotFramework.Script = call =>
        {
            if (call.ConversationId?.StartsWith(world.TeamsChannel, StringComparison.Ordinal) != true)
            {
                return null;
            }

            // Every fourth call is throttled (Retry-After 1 s), every third one fails with a 500.
            var n = Interlocked.Increment(ref calls);
            return n % 4 == 1 ? new ConnectorAnswer(429, "Throttled", RetryAfterSeconds: 1) : n % 3 == 0 ? new ConnectorAnswer(500) : null;
        };

        var messages = Enumerable.Range(1, 8).Select(i => new OutgoingMessage(
            world.Organization.Id, Platform.Teams, Destination.Channel(world.TeamsChannel), Message.Text($"Note {i} of 8", "note"), $"note:{world.Tag}:{i}")).ToArray();
        await world.WriteAsync(messages);
        await world.DrainAsync(TimeSpan.FromSeconds(90));

        var shown = TeamsPosts(world.TeamsChannel).Where(c => c.Accepted).Select(c => c.Json!["text"]!.ToString()).ToList();
        Assert.Equal(Enumerable.Range(1, 8).Select(i => $"Note {i} of 8"), shown);
        Assert.True(TeamsPosts(world.TeamsChannel).Count(c => !c.Accepted) >= 4, "the connector refused some calls");
        Assert.All(await world.RowsAsync(), r => Assert.Equal(OutboxStatus.Sent, r.Status));
    }

    [Fact]
    public async Task An_upload_url_off_the_allow_list_is_never_called_and_the_message_still_goes()
    {
        var world = await DeliveryWorld.CreateAsync(bot);
        var charts = bot.Services.GetRequiredService<Scheduling.IDigestCharts>();
        var message = new Message([new Heading("Chart"), new Image("KPI trends", charts.ScorecardTrends(world.Organization.Id, world.Scorecard.Id))], "Chart") { Kind = "digest" };
        bot.Slack.UploadUrl = "https://files.evil.example/upload/F1";
        try
        {
            await world.WriteAsync(new OutgoingMessage(world.Organization.Id, Platform.Slack, Destination.Channel(world.SlackChannel), message, $"digest:{world.Tag}:chart"));
            await world.DrainAsync();
        }
        finally
        {
            bot.Slack.UploadUrl = null;
        }

        var row = Assert.Single(await world.RowsAsync());
        Assert.True(row.Status == OutboxStatus.Sent, $"{row.Status} {row.LastError}");
        Assert.Single(SlackPosts(world.SlackChannel));
        Assert.DoesNotContain(bot.Slack.Calls, c => c.Method == "files.completeUploadExternal" && FakeSlackApi.Fields(c)["channel_id"]?.ToString() == world.SlackChannel);
        Assert.Empty(bot.Outbound.Unexpected);
    }

    private async Task<Scorecard> ScorecardAsync(DeliveryWorld world)
    {
        await using var scope = bot.Scope();
        var db = scope.ServiceProvider.GetRequiredService<Data.ScorecardDbContext>();
        return await db.Scorecards.AsNoTracking().Include(s => s.Kpis).Include(s => s.Objectives).Include(s => s.Perspectives).Include(s => s.ReviewCycles)
            .SingleAsync(s => s.Id == world.Scorecard.Id);
    }
}

public sealed class DeliveryThroughTheHostOnSqlite(SqliteDeliveryBot bot) : DeliveryThroughTheHostTests(bot), IClassFixture<SqliteDeliveryBot>;

public sealed class DeliveryThroughTheHostOnPostgres(PostgresDeliveryBot bot) : DeliveryThroughTheHostTests(bot), IClassFixture<PostgresDeliveryBot>;
