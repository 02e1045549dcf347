using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScorecardBot.Core.Model;
using ScorecardBot.IntegrationTests.Infrastructure;

namespace ScorecardBot.IntegrationTests;

/// <summary>
/// Bursts a person really sends: several messages before the first is answered, and a card's
/// Submit pressed (or retried by the platform) many times at once. Not timings: what is stored and
/// what every request is answered.
/// </summary>
public abstract partial class EndToEndTests
{
    private const string Priya = "priya.patel@prairieline.example";
    private const string Linda = "linda.kowalski@prairieline.example";

    [Fact]
    public async Task Thirty_two_first_messages_at_once_from_a_new_Teams_user_link_one_account_and_are_all_answered()
    {
        const string aad = "2c4e6a8b-dana-aad";
        var conversation = "a:burst-" + Guid.NewGuid().ToString("N");
        Bot.BotFramework.Members["29:user-" + aad] = new { id = "29:user-" + aad, name = "Dana Whitfield", aadObjectId = aad, email = Dana, tenantId = BotUnderTest.TenantA };

        var responses = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ =>
            PostActivityAsync(TeamsMessage("who owns customer retention", BotUnderTest.TenantA, aad, conversation), Token())));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var replies = await WaitForAsync(() => Bot.BotFramework.Calls.Where(c => c.Method == "POST" && IsTo(c, conversation)).ToList(), 32);
        Assert.Equal(32, replies.Count);
        Assert.All(replies, r => Assert.Contains("Rachel Novak", r.Body, StringComparison.Ordinal)); // answered as Dana, never "ask an admin"
        var dana = await Bot.PersonAsync(Dana);
        var account = Assert.Single(dana.Accounts, a => a.Platform == Platform.Teams);
        Assert.Equal(aad, account.ExternalId);
        await using var scope = Bot.Scope();
        var db = scope.ServiceProvider.GetRequiredService<Data.ScorecardDbContext>();
        Assert.Equal(1, await db.ConversationReferences.CountAsync(r => r.PersonId == dana.Id && r.Platform == Platform.Teams));
    }

    [Fact]
    public async Task Thirty_two_first_commands_at_once_from_a_new_Slack_user_link_one_account_and_are_all_answered()
    {
        const string user = "U0PRIYA";
        Bot.Slack.Emails[user] = Priya;

        var responses = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => PostSlackAsync("slack/commands", SlashCommand(user, "who owns customer retention"))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        // A slow answer comes as "Working on it" and then through response_url: either way it names the owner.
        var answers = bodies.Where(b => !b.Contains("Working on it", StringComparison.Ordinal)).ToList();
        var followUps = await WaitForAsync(() => Bot.Slack.Calls.Where(c => c.Method.StartsWith("hook:commands/", StringComparison.Ordinal) && c.Body.Contains("Rachel Novak", StringComparison.Ordinal)).ToList(), 32 - answers.Count);
        Assert.All(answers, b => Assert.Contains("Rachel Novak", b, StringComparison.Ordinal));
        Assert.True(answers.Count + followUps.Count >= 32, $"{answers.Count} answers and {followUps.Count} follow-ups naming the owner");
        var priya = await Bot.PersonAsync(Priya);
        var account = Assert.Single(priya.Accounts, a => a.Platform == Platform.Slack);
        Assert.Equal(user, account.ExternalId);
    }

    [Fact]
    public async Task A_thousand_submits_at_once_of_the_same_actual_store_it_once()
    {
        const string aad = "8e1f3a5c-linda-aad";
        await Bot.LinkAsync(Linda, Platform.Teams, aad);
        var claims = await Bot.KpiAsync(BotUnderTest.Logistics, "Cargo claims rate");

        // Not a timing: on a busy build machine a thousand turns at once may take longer than the usual client's 30 s.
        using var patient = new HttpClient { BaseAddress = Client.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        var token = Token();
        var responses = await Task.WhenAll(Enumerable.Range(0, 1000).Select(async _ =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/messages")
            {
                Content = new StringContent(SubmitInvoke(BotUnderTest.TenantA, aad, claims.Id, "2026-11", "0.44", "burst of submits").ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            return await patient.SendAsync(request);
        }));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var cards = await Task.WhenAll(responses.Select(async r => JsonNode.Parse(await r.Content.ReadAsStringAsync())!["value"]!.ToJsonString()));
        Assert.Equal(1, cards.Count(c => c.Contains("Recorded Cargo claims rate", StringComparison.Ordinal)));
        Assert.Equal(999, cards.Count(c => c.Contains("was already recorded; nothing changed", StringComparison.Ordinal)));
        var stored = Assert.Single(await Bot.ActualsAsync(claims.Id, "2026-11"));
        Assert.Equal((0.44m, "burst of submits"), (stored.Value, stored.Comment));
        await using var scope = Bot.Scope();
        var db = scope.ServiceProvider.GetRequiredService<Data.ScorecardDbContext>();
        var period = Period.Parse("2026-11");
        var trail = (await db.AuditEntries.AsNoTracking().Where(a => a.KpiId == claims.Id && a.Subject == "Actual").ToListAsync()).Where(a => a.Period == period).ToList();
        Assert.Equal("created", Assert.Single(trail).Change);
    }

    [Fact]
    public async Task A_thousand_Slack_submits_at_once_of_the_same_correction_store_it_once_and_all_are_answered()
    {
        const string user = "U0LINDA";
        await Bot.LinkAsync(Linda, Platform.Slack, user);
        var claims = await Bot.KpiAsync(BotUnderTest.Logistics, "Cargo claims rate");
        var before = Assert.Single(await Bot.ActualsAsync(claims.Id, "2026-10")).Value;
        var run = Guid.NewGuid().ToString("N");

        // Each press has its own response_url, as Slack gives every interaction one.
        var responses = await Task.WhenAll(Enumerable.Range(0, 1000).Select(i =>
            PostSlackAsync("slack/interactions", SlackSubmit(user, claims.Id, "2026-10", "0.61", "claims at one DC settled", $"burst/{run}/{i}"))));

        // Acknowledged, never refused: a full work queue holds the request for room instead of answering 503.
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var answers = await WaitForAsync(() => Bot.Slack.Calls.Where(c => c.Method.StartsWith($"hook:burst/{run}/", StringComparison.Ordinal)).ToList(), 1000, seconds: 300);
        Assert.Equal(1000, answers.Count);
        Assert.Equal(1, answers.Count(c => c.Body.Contains("Corrected Cargo claims rate", StringComparison.Ordinal)));
        Assert.Equal(999, answers.Count(c => c.Body.Contains("was already recorded; nothing changed", StringComparison.Ordinal)));
        var stored = Assert.Single(await Bot.ActualsAsync(claims.Id, "2026-10"));
        Assert.Equal((0.61m, "claims at one DC settled"), (stored.Value, stored.Comment));
        await using var scope = Bot.Scope();
        var db = scope.ServiceProvider.GetRequiredService<Data.ScorecardDbContext>();
        var period = Period.Parse("2026-10");
        var linda = await Bot.PersonAsync(Linda);
        var trail = (await db.AuditEntries.AsNoTracking().Where(a => a.KpiId == claims.Id && a.Subject == "Actual" && a.ActorId == linda.Id).ToListAsync()).Where(a => a.Period == period).ToList();
        var correction = Assert.Single(trail);
        Assert.Equal("updated", correction.Change);
        Assert.Equal(before, JsonNode.Parse(correction.OldValue!)!["value"]!.GetValue<decimal>());
        Assert.Equal(0.61m, JsonNode.Parse(correction.NewValue!)!["value"]!.GetValue<decimal>());
    }

    /// <summary>A prompt's Submit pressed in Slack (an ephemeral prompt, so the answer replaces it through response_url).</summary>
    private string SlackSubmit(string user, Guid kpiId, string period, string value, string comment, string hook)
    {
        var payload = new JsonObject
        {
            ["type"] = "block_actions",
            ["team"] = new JsonObject { ["id"] = BotUnderTest.SlackTeam },
            ["user"] = new JsonObject { ["id"] = user, ["team_id"] = BotUnderTest.SlackTeam },
            ["trigger_id"] = "1.2.3",
            ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = "1700000000.000200", ["channel_id"] = "D0DIRECT", ["is_ephemeral"] = true },
            ["channel"] = new JsonObject { ["id"] = "D0DIRECT", ["name"] = "directmessage" },
            ["response_url"] = Bot.Slack.HookUrl(hook),
            ["state"] = new JsonObject
            {
                ["values"] = new JsonObject
                {
                    [Core.Conversation.CardActions.Keys.Value] = new JsonObject { [Core.Conversation.CardActions.Keys.Value] = new JsonObject { ["type"] = "plain_text_input", ["value"] = value } },
                    [Core.Conversation.CardActions.Keys.Comment] = new JsonObject { [Core.Conversation.CardActions.Keys.Comment] = new JsonObject { ["type"] = "plain_text_input", ["value"] = comment } },
                },
            },
            ["actions"] = new JsonArray(new JsonObject
            {
                ["type"] = "button",
                ["action_id"] = Core.Conversation.CardActions.SubmitActual,
                ["block_id"] = "actions",
                ["value"] = new JsonObject { ["kpi"] = kpiId.ToString("N"), ["period"] = period }.ToJsonString(),
                ["action_ts"] = "1700000001.000001",
            }),
        };
        return "payload=" + Uri.EscapeDataString(payload.ToJsonString());
    }

    /// <summary>Polls until <paramref name="read"/> has at least <paramref name="count"/> items, or <paramref name="seconds"/> pass.</summary>
    private static async Task<List<T>> WaitForAsync<T>(Func<List<T>> read, int count, int seconds = 30)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        var found = read();
        while (found.Count < count && DateTime.UtcNow < until)
        {
            await Task.Delay(50);
            found = read();
        }

        return found;
    }
}
