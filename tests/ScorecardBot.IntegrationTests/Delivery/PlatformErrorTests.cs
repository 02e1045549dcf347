using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Delivery;
using ScorecardBot.Core.Model;
using ScorecardBot.Data.Outbox;
using ScorecardBot.IntegrationTests.Fakes;
using ScorecardBot.IntegrationTests.Infrastructure;

namespace ScorecardBot.IntegrationTests.Delivery;

/// <summary>
/// The fake Teams connector and the fake Slack API answer with the error bodies the platforms
/// really send (Delivery/PlatformErrors, each with its source): each gets its outcome — retried,
/// the person marked unreachable with their message in the team channel and the manager told
/// once, or the manager told what could not be posted — and nothing is tried again and again.
/// </summary>
public sealed class PlatformErrorTests(SqliteDeliveryBot bot) : IClassFixture<SqliteDeliveryBot>, IAsyncLifetime
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
        bot.Slack.Answers.Clear();
        Assert.Empty(bot.Outbound.Unexpected);
        return Task.CompletedTask;
    }

    private static string Recorded(string file) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Delivery", "PlatformErrors", file));

    private List<SlackCall> SlackPosts(string channel) =>
        [.. bot.Slack.Calls.Where(c => c.Method == "chat.postMessage" && FakeSlackApi.Fields(c)["channel"]?.ToString() == channel)];

    private List<ConnectorCall> TeamsPosts(string conversation) =>
        [.. bot.BotFramework.Calls.Where(c => c.Method == "POST" && c.ConversationId == conversation && c.Accepted)];

    private static OutgoingMessage Reminder(DeliveryWorld world, Person owner, int number) =>
        world.Prompt(owner, "reminder") with { IdempotencyKey = $"remind:{world.Scorecard.Id}:{DeliveryWorld.November}:{owner.Id}:{number}" };

    [Theory]
    [InlineData("teams-403-message-writes-blocked.json", 403, DeliveryFailureCodes.MessageWritesBlocked, "Teams blocks the bot's messages to them")]
    [InlineData("teams-403-conversation-blocked-by-user.json", 403, DeliveryFailureCodes.MessageWritesBlocked, "Teams blocks the bot's messages to them")]
    [InlineData("teams-403-bot-disabled-by-admin.json", 403, DeliveryFailureCodes.BotDisabledByAdmin, "a Teams admin disabled the bot for them")]
    [InlineData("teams-403-bot-not-in-conversation-roster.json", 403, DeliveryFailureCodes.BotNotInConversationRoster, "the bot is not installed for them in Teams")]
    [InlineData("teams-403-forbidden-operation.json", 403, DeliveryFailureCodes.BotNotInConversationRoster, "the bot is not installed for them in Teams")]
    public async Task A_Teams_refusal_marks_the_person_unreachable_posts_their_prompt_once_in_the_channel_and_tells_the_manager_once(
        string file, int status, string code, string why)
    {
        var world = await DeliveryWorld.CreateAsync(bot);
        var body = Recorded(file);
        bot.BotFramework.Script = call => call.ConversationId == world.OliviaChat ? new ConnectorAnswer(status, Body: body) : null;

        await world.WriteAsync(world.Prompt(world.Olivia));
        await world.DrainAsync();
        var prompt = Assert.Single(await world.RowsAsync());
        Assert.Equal((OutboxStatus.Dead, code, 1), (prompt.Status, prompt.FailureCode, prompt.Attempts));

        await world.RunRhythmAsync();
        await world.DrainAsync();

        // Two reminders later: neither is tried in Teams again; each goes to the channel; no second notice.
        await world.WriteAsync(Reminder(world, world.Olivia, 1));
        await world.DrainAsync();
        await world.RunRhythmAsync();
        await world.DrainAsync();
        await world.WriteAsync(Reminder(world, world.Olivia, 2));
        await world.DrainAsync();
        await world.RunRhythmAsync();
        await world.DrainAsync();

        Assert.Single(bot.BotFramework.Calls, c => c.ConversationId == world.OliviaChat);
        var teamsChannel = TeamsPosts(world.TeamsChannel).Select(c => c.Body).ToList();
        var slackChannel = SlackPosts(world.SlackChannel).Select(c => c.Body).ToList();
        Assert.Equal(3, teamsChannel.Count(b => b.Contains("<at>Olivia Teams</at>", StringComparison.Ordinal)));
        Assert.Contains("Input.", teamsChannel.First(b => b.Contains("<at>Olivia Teams</at>", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Equal(3, slackChannel.Count(b => b.Contains("Olivia Teams", StringComparison.Ordinal)));

        var notices = bot.Slack.Calls.Where(c => c.Method == "chat.postMessage" && FakeSlackApi.Fields(c)["channel"]?.ToString() == "D" + world.Max.Accounts[0].ExternalId)
            .Select(c => FakeSlackApi.Fields(c)["text"]!.ToString()).ToList();
        var notice = Assert.Single(notices);
        Assert.Contains($"Olivia Teams (Teams: {why}", notice, StringComparison.Ordinal);
        var mark = Assert.Single(await world.UnreachableAsync());
        Assert.Equal((world.Olivia.Id, Platform.Teams, code), (mark.PersonId, mark.Platform, mark.Reason));
    }

    [Fact]
    public async Task A_Teams_chat_that_is_gone_is_opened_anew_and_a_bot_no_longer_installed_makes_the_person_unreachable()
    {
        var world = await DeliveryWorld.CreateAsync(bot);
        var gone = Recorded("teams-404-conversation-not-found.json");
        var roster = Recorded("teams-403-bot-not-in-conversation-roster.json");
        bot.BotFramework.Script = call =>
            call.ConversationId == world.OliviaChat ? new ConnectorAnswer(404, Body: gone)
            : call.Method == "POST" && call.RawTarget.EndsWith("/v3/conversations", StringComparison.Ordinal) && call.Body.Contains("olivia-" + world.Tag, StringComparison.Ordinal)
                ? new ConnectorAnswer(403, Body: roster)
                : null;

        await world.WriteAsync(world.Prompt(world.Olivia));
        await world.DrainAsync();

        var row = Assert.Single(await world.RowsAsync());
        Assert.Equal((OutboxStatus.Dead, DeliveryFailureCodes.BotNotInConversationRoster), (row.Status, row.FailureCode));
        Assert.Single(bot.BotFramework.Calls, c => c.ConversationId == world.OliviaChat);
        Assert.Single(bot.BotFramework.Calls, c => c.RawTarget.EndsWith("/v3/conversations", StringComparison.Ordinal) && c.Body.Contains("olivia-" + world.Tag, StringComparison.Ordinal));

        // Someone who still has the app: the new chat takes the message.
        var other = await DeliveryWorld.CreateAsync(bot);
        bot.BotFramework.Script = call => call.ConversationId == other.OliviaChat ? new ConnectorAnswer(404, Body: gone) : null;
        await other.WriteAsync(other.Prompt(other.Olivia));
        await other.DrainAsync();
        var sent = Assert.Single(await other.RowsAsync());
        Assert.True(sent.Status == OutboxStatus.Sent, $"{sent.Status} {sent.LastError}");
        Assert.NotEqual(other.OliviaChat, sent.SentConversationId);
        Assert.Single(TeamsPosts(sent.SentConversationId!));
    }

    [Fact]
    public async Task Teams_throttling_is_waited_out_with_its_Retry_After_and_the_message_goes_once()
    {
        var world = await DeliveryWorld.CreateAsync(bot);
        var body = Recorded("teams-429-throttled.json");
        var calls = 0;
        bot.BotFramework.Script = call => call.ConversationId == world.OliviaChat && Interlocked.Increment(ref calls) <= 2
            ? new ConnectorAnswer(429, RetryAfterSeconds: 1, Body: body)
            : null;

        var started = DateTime.UtcNow;
        await world.WriteAsync(world.Prompt(world.Olivia));
        await world.DrainAsync();

        var row = Assert.Single(await world.RowsAsync());
        Assert.True(row.Status == OutboxStatus.Sent, $"{row.Status} {row.LastError}");
        Assert.Equal(3, bot.BotFramework.Calls.Count(c => c.ConversationId == world.OliviaChat));
        Assert.Single(TeamsPosts(world.OliviaChat));
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(2), "each Retry-After of 1 s was waited out");
    }

    [Theory]
    [InlineData("slack-cannot_dm_bot.json", "cannot_dm_bot", "their Slack account is a bot")]
    [InlineData("slack-conversations.open-user_disabled.json", "user_disabled", "their Slack account is deactivated or unknown")]
    [InlineData("slack-conversations.open-user_not_found.json", "user_not_found", "their Slack account is deactivated or unknown")]
    public async Task A_Slack_person_who_cannot_get_direct_messages_is_unreachable_and_their_prompt_goes_to_the_channel(string file, string code, string why)
    {
        var world = await DeliveryWorld.CreateAsync(bot);
        var body = Recorded(file);
        var sam = world.Sam.Accounts[0].ExternalId;
        bot.Slack.Answers["conversations.open"] = b => b["users"]?.ToString() == sam ? new SlackAnswer(200, body) : null;

        await world.WriteAsync(world.Prompt(world.Sam));
        await world.DrainAsync();
        await world.RunRhythmAsync();
        await world.DrainAsync();
        await world.WriteAsync(Reminder(world, world.Sam, 1));
        await world.DrainAsync();
        await world.RunRhythmAsync();
        await world.DrainAsync();

        var prompt = (await world.RowsAsync()).Single(r => r.Key.StartsWith("prompt:", StringComparison.Ordinal));
        Assert.Equal((OutboxStatus.Dead, code), (prompt.Status, prompt.FailureCode));
        Assert.Single(bot.Slack.Calls, c => c.Method == "conversations.open" && FakeSlackApi.Fields(c)["users"]?.ToString() == sam);
        Assert.Equal(2, SlackPosts(world.SlackChannel).Count(c => c.Body.Contains(sam, StringComparison.Ordinal) && c.Body.Contains("Sam Slack", StringComparison.Ordinal)));
        var notice = Assert.Single(SlackPosts("D" + world.Max.Accounts[0].ExternalId));
        Assert.Contains($"Sam Slack (Slack: {why}", FakeSlackApi.Fields(notice)["text"]!.ToString(), StringComparison.Ordinal);
        Assert.Equal(code, Assert.Single(await world.UnreachableAsync()).Reason);
    }

    [Theory]
    [InlineData("slack-chat.postMessage-not_in_channel.json", "not_in_channel", "invite it")]
    [InlineData("slack-chat.postMessage-channel_not_found.json", "channel_not_found", "does not exist any more")]
    [InlineData("slack-chat.postMessage-is_archived.json", "is_archived", "the channel is archived")]
    [InlineData("slack-chat.postMessage-restricted_action.json", "restricted_action", "a workspace setting keeps the bot from posting")]
    public async Task A_digest_Slack_refuses_in_the_channel_is_not_retried_and_the_manager_is_told_once_what_was_not_posted(string file, string code, string why)
    {
        var world = await DeliveryWorld.CreateAsync(bot);
        var body = Recorded(file);
        bot.Slack.Answers["chat.postMessage"] = b => b["channel"]?.ToString() == world.SlackChannel ? new SlackAnswer(200, body) : null;
        var key = $"digest:{world.Scorecard.Id}:{DeliveryWorld.November}";
        var digest = Message.Text("November 2026: score 71", "digest");

        await world.WriteAsync((new OutgoingMessage(world.Organization.Id, Platform.Slack, Destination.Channel(world.SlackChannel), digest, key), "digest"));
        await world.DrainAsync();
        await world.RunRhythmAsync();
        await world.DrainAsync();
        await world.RunRhythmAsync();
        await world.DrainAsync();

        var row = (await world.RowsAsync()).Single(r => r.Key == key);
        Assert.Equal((OutboxStatus.Dead, code, 1), (row.Status, row.FailureCode, row.Attempts));
        Assert.Single(SlackPosts(world.SlackChannel));
        var notice = FakeSlackApi.Fields(Assert.Single(SlackPosts("D" + world.Max.Accounts[0].ExternalId)))["text"]!.ToString();
        Assert.StartsWith($"{world.Scorecard.Name}: 1 message not posted. The digest for Nov 2026 in #ops (Slack):", notice, StringComparison.Ordinal);
        Assert.Contains(why, notice, StringComparison.Ordinal);
        Assert.Empty(await world.UnreachableAsync());
    }

    [Fact]
    public async Task A_Teams_channel_without_the_bot_and_a_revoked_Slack_installation_are_told_to_the_manager_and_nobody_is_marked_unreachable()
    {
        var world = await DeliveryWorld.CreateAsync(bot);
        var roster = Recorded("teams-403-bot-not-in-conversation-roster.json");
        var inactive = Recorded("slack-conversations.open-account_inactive.json");
        var sam = world.Sam.Accounts[0].ExternalId;
        bot.BotFramework.Script = call => call.ConversationId == world.TeamsChannel ? new ConnectorAnswer(403, Body: roster) : null;
        bot.Slack.Answers["conversations.open"] = b => b["users"]?.ToString() == sam ? new SlackAnswer(200, inactive) : null;
        var key = $"agenda:{world.Scorecard.Id}:{DeliveryWorld.November}";

        await world.WriteAsync(
            (new OutgoingMessage(world.Organization.Id, Platform.Teams, Destination.Channel(world.TeamsChannel), Message.Text("Agenda", "agenda"), key), "agenda"),
            (world.Prompt(world.Sam), "prompt"));
        await world.DrainAsync();
        await world.RunRhythmAsync();
        await world.DrainAsync();

        var rows = await world.RowsAsync();
        Assert.Equal(DeliveryFailureCodes.BotNotInConversationRoster, rows.Single(r => r.Key == key).FailureCode);
        Assert.Equal(DeliveryFailureCodes.AccountInactive, rows.Single(r => r.Kind == "prompt").FailureCode);
        Assert.Empty(await world.UnreachableAsync());
        var notice = FakeSlackApi.Fields(Assert.Single(SlackPosts("D" + world.Max.Accounts[0].ExternalId)))["text"]!.ToString();
        Assert.Contains("The agenda for Nov 2026 in Ops (Teams) (Teams): the bot is not installed in that team in Teams", notice, StringComparison.Ordinal);
        Assert.Contains("the prompt for Nov 2026 in the chat with Sam Slack (Slack): the app's Slack installation is no longer valid", notice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Slack_ratelimited_is_waited_out_with_its_Retry_After_and_the_message_goes_once()
    {
        var world = await DeliveryWorld.CreateAsync(bot);
        var body = Recorded("slack-429-ratelimited.json");
        var calls = 0;
        bot.Slack.Answers["chat.postMessage"] = b => b["channel"]?.ToString() == world.SlackChannel && Interlocked.Increment(ref calls) == 1
            ? new SlackAnswer(429, body, RetryAfterSeconds: 1)
            : null;

        var started = DateTime.UtcNow;
        await world.WriteAsync((new OutgoingMessage(world.Organization.Id, Platform.Slack, Destination.Channel(world.SlackChannel), Message.Text("Note", "note"), $"note:{world.Tag}"), "note"));
        await world.DrainAsync();

        var row = Assert.Single(await world.RowsAsync());
        Assert.True(row.Status == OutboxStatus.Sent, $"{row.Status} {row.LastError}");
        Assert.Equal(2, SlackPosts(world.SlackChannel).Count);
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(1), "the Retry-After of 1 s was waited out");
    }
}
