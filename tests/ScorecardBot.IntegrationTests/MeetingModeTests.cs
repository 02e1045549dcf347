using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Conversation.Review;
using ScorecardBot.Core.Meetings;
using ScorecardBot.Core.Model;
using ScorecardBot.Data;
using ScorecardBot.Data.Outbox;
using ScorecardBot.IntegrationTests.Fakes;
using ScorecardBot.IntegrationTests.Infrastructure;
using ScorecardBot.Scheduling;

namespace ScorecardBot.IntegrationTests;

/// <summary>
/// Meeting mode through the real host: a review meeting run in a Teams channel (and on Slack and in
/// the local chat) with the fake connector and Slack API, its minutes posted and stored, the next
/// agenda built from them, a restart in the middle, and who may move the meeting on. Written once,
/// run on SQLite and PostgreSQL; each test runs its meeting on its own scorecard or ends it.
/// </summary>
public abstract class MeetingModeTests(BotUnderTest bot) : IAsyncLifetime
{
    private const string Marcus = "marcus.reed@prairieline.example";   // scorecard manager, manages the company scorecard
    private const string Rachel = "rachel.novak@prairieline.example";  // owner
    private const string Kevin = "kevin.obrien@prairieline.example";   // viewer
    private const string Dana = "dana.whitfield@prairieline.example";  // admin
    private const string MarcusAad = "aad-marcus-meeting";
    private const string RachelAad = "aad-rachel-meeting";
    private const string KevinAad = "aad-kevin-meeting";

    private BotUnderTest Bot { get; } = bot;

    public async Task InitializeAsync()
    {
        Bot.Outbound.Clear();
        await Bot.LinkAsync(Marcus, Platform.Teams, MarcusAad);
        await Bot.LinkAsync(Rachel, Platform.Teams, RachelAad);
        await Bot.LinkAsync(Kevin, Platform.Teams, KevinAad);
    }

    public Task DisposeAsync()
    {
        Assert.Empty(Bot.Outbound.Unexpected);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_meeting_with_two_decisions_and_three_actions_posts_and_stores_its_minutes_and_the_next_agenda_opens_with_them()
    {
        var channel = NewChannel();

        var opened = await StartAsync(channel, MarcusAad, "review start company");
        var meeting = await OpenMeetingAsync("company");
        var first = meeting.Items[0].Title;
        Assert.Contains(first, opened, StringComparison.Ordinal);
        Assert.Contains(CardActions.MeetingNext, opened, StringComparison.Ordinal);
        Assert.Contains("Record decision", opened, StringComparison.Ordinal);

        // Anyone in the channel records: an owner a decision and an action on the first item.
        var card = await CardAsync(await PressAsync(channel, RachelAad, CardActions.MeetingDecide, meeting.Id, 0, new() { [CardActions.Keys.Decision] = "Re-bid the Chicago lane" }));
        Assert.Contains("Re-bid the Chicago lane", card, StringComparison.Ordinal);
        card = await CardAsync(await PressAsync(channel, RachelAad, CardActions.MeetingAddAction, meeting.Id, 0, Action("Get three carrier quotes", "Linda Kowalski", "in 2 weeks")));
        Assert.Contains("1 action", card, StringComparison.Ordinal);

        // The manager moves on; the card is updated in place with the second item.
        card = await CardAsync(await PressAsync(channel, MarcusAad, CardActions.MeetingNext, meeting.Id, 0));
        Assert.Contains(meeting.Items[1].Title, card, StringComparison.Ordinal);
        Assert.Contains($"Item 2 of {meeting.Items.Count}", card, StringComparison.Ordinal);

        await CardAsync(await PressAsync(channel, MarcusAad, CardActions.MeetingDecide, meeting.Id, 1, new() { [CardActions.Keys.Decision] = "Hold the fuel surcharge until March" }));
        await CardAsync(await PressAsync(channel, KevinAad, CardActions.MeetingAddAction, meeting.Id, 1, Action("Model the surcharge for Q1", "Olivia Chen", "2027-01-15")));
        card = await CardAsync(await PressAsync(channel, MarcusAad, CardActions.MeetingAddAction, meeting.Id, 1, Action("Brief the sales team", "rachel.novak@prairieline.example", "friday")));
        Assert.Contains("2 decisions, 3 actions, 0 parked", card, StringComparison.Ordinal);
        card = await CardAsync(await PressAsync(channel, MarcusAad, CardActions.MeetingPark, meeting.Id, 1));
        Assert.Contains("1 parked", card, StringComparison.Ordinal);

        var posted = Bot.BotFramework.Calls.Count(c => IsTo(c, channel));
        await SendAsync(TeamsChannelMessage("review end company", MarcusAad, channel));
        var minutesCall = await Bot.BotFramework.WaitForCallAsync(c => IsTo(c, channel) && c.Body.Contains("Minutes:", StringComparison.Ordinal));
        var minutes = minutesCall.Json!["attachments"]![0]!["content"]!.ToJsonString();
        foreach (var expected in new[] { "Re-bid the Chicago lane", "Hold the fuel surcharge until March", "Get three carrier quotes", "Model the surcharge for Q1", "Brief the sales team", "Linda Kowalski", "Olivia Chen", "15 Jan 2027", "Parked (1)", "Presented" })
        {
            Assert.Contains(expected, minutes, StringComparison.Ordinal);
        }

        Assert.True(Bot.BotFramework.Calls.Count(c => IsTo(c, channel)) > posted);

        // Stored: the meeting closed, two decisions, three actions of the meeting, all audited.
        await using (var scope = Bot.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
            var stored = await db.ReviewMeetings.AsNoTracking().Include(m => m.Notes).SingleAsync(m => m.Id == meeting.Id);
            Assert.Equal(MeetingState.Closed, stored.State);
            Assert.Equal(2, stored.Notes.Count(n => n.Kind == MeetingNoteKind.Decision));
            Assert.Single(stored.Notes, n => n.Kind == MeetingNoteKind.Parked && n.Item == 1);
            var actions = await db.ReviewActions.AsNoTracking().Where(a => a.MeetingId == meeting.Id).OrderBy(a => a.Number).ToListAsync();
            Assert.Equal(["Get three carrier quotes", "Model the surcharge for Q1", "Brief the sales team"], actions.Select(a => a.Text));
            Assert.All(actions, a => Assert.Equal(meeting.Period, a.RaisedInPeriod));
            Assert.Equal(new DateOnly(2027, 1, 15), actions[1].Due);
            var audit = await db.AuditEntries.AsNoTracking().Where(e => e.SubjectId == meeting.Id || actions.Select(a => a.Id).Contains(e.SubjectId) || e.Subject == "MeetingDecision").ToListAsync();
            Assert.Equal(2, audit.Count(e => e.Subject == "MeetingDecision" && (e.NewValue == "Re-bid the Chicago lane" || e.NewValue == "Hold the fuel surcharge until March")));
            Assert.Equal(3, audit.Count(e => e.Subject == "ReviewAction" && e.Change == "created"));
            Assert.Contains(audit, e => e.Subject == "ReviewMeeting" && e.Change == "updated" && e.NewValue == "Closed" && e.ActorName == "Marcus Reed");
        }

        // The API hands the minutes out to a key of this organization.
        using var api = await ApiAsync();
        var listed = await api.GetFromJsonAsync<JsonObject>("api/v1/scorecards/company/minutes");
        var entry = listed!["meetings"]!.AsArray().Single(m => m!["id"]!.GetValue<Guid>() == meeting.Id)!;
        Assert.Equal(2, entry["decisions"]!.AsArray().Count);
        Assert.Equal(["Linda Kowalski", "Olivia Chen", "Rachel Novak"], entry["actions"]!.AsArray().Select(a => a!["owner"]!.GetValue<string>()));
        Assert.Equal([meeting.Items[1].Title], entry["parked"]!.AsArray().Select(p => p!.GetValue<string>()));

        // Next month's agenda opens with the open actions and this meeting's decisions.
        var agenda = await NextAgendaAsync("company", meeting.Period.Next);
        Assert.Matches(new Regex(@"1\. Open actions from last time \(\d+\)"), agenda);
        Assert.Contains("Get three carrier quotes", agenda, StringComparison.Ordinal);
        Assert.Contains("Brief the sales team", agenda, StringComparison.Ordinal);
        Assert.Contains("Decisions from last time", agenda, StringComparison.Ordinal);
        Assert.Contains($"{first}: Re-bid the Chicago lane", agenda, StringComparison.Ordinal);
        Assert.Contains("Hold the fuel surcharge until March", agenda, StringComparison.Ordinal);
        Assert.True(agenda.IndexOf("Decisions from last time", StringComparison.Ordinal) < agenda.IndexOf("Red KPIs", StringComparison.Ordinal) || !agenda.Contains("Red KPIs", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_restart_of_the_host_in_the_middle_of_a_meeting_loses_nothing()
    {
        var channel = NewChannel();
        await StartAsync(channel, MarcusAad, "review start fleet");
        var meeting = await OpenMeetingAsync("fleet");
        await CardAsync(await PressAsync(channel, RachelAad, CardActions.MeetingDecide, meeting.Id, 0, new() { [CardActions.Keys.Decision] = "Add a second shift in the shop" }));
        await CardAsync(await PressAsync(channel, MarcusAad, CardActions.MeetingAddAction, meeting.Id, 0, Action("Post the night mechanic job", "Tyler Brooks", "in 1 week")));
        await CardAsync(await PressAsync(channel, MarcusAad, CardActions.MeetingNext, meeting.Id, 0));

        await Bot.RestartAsync();

        // The card of the second item, pressed after the restart, goes on from there.
        var card = await CardAsync(await PressAsync(channel, MarcusAad, CardActions.MeetingNext, meeting.Id, 1));
        Assert.Contains($"Item 3 of {meeting.Items.Count}", card, StringComparison.Ordinal);
        Assert.Contains("1 decision, 1 action", card, StringComparison.Ordinal);

        await SendAsync(TeamsChannelMessage("review end fleet", MarcusAad, channel));
        var minutes = (await Bot.BotFramework.WaitForCallAsync(c => IsTo(c, channel) && c.Body.Contains("Minutes:", StringComparison.Ordinal))).Body;
        Assert.Contains("Add a second shift in the shop", minutes, StringComparison.Ordinal);
        Assert.Contains("Post the night mechanic job", minutes, StringComparison.Ordinal);
        Assert.Contains("Tyler Brooks", minutes, StringComparison.Ordinal);
        Assert.Contains(meeting.Items[0].Title, minutes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_a_manager_starts_moves_on_or_ends_a_meeting_while_anyone_in_the_channel_adds_to_it()
    {
        var channel = NewChannel();
        await SendAsync(TeamsChannelMessage("review start company", KevinAad, channel));
        var refused = await Bot.BotFramework.WaitForCallAsync(c => IsTo(c, channel));
        Assert.Contains("Only a scorecard manager or admin can start a review meeting", refused.Body, StringComparison.Ordinal);

        await StartAsync(channel, MarcusAad, "review start company");
        var meeting = await OpenMeetingAsync("company");
        try
        {
            var next = await PressAsync(channel, KevinAad, CardActions.MeetingNext, meeting.Id, 0);
            var body = JsonNode.Parse(await next.Content.ReadAsStringAsync())!;
            Assert.Equal("application/vnd.microsoft.activity.message", body["type"]!.GetValue<string>());
            Assert.StartsWith("Only a scorecard manager or admin can move the meeting on.", body["value"]!.GetValue<string>(), StringComparison.Ordinal);
            var park = JsonNode.Parse(await (await PressAsync(channel, RachelAad, CardActions.MeetingPark, meeting.Id, 0)).Content.ReadAsStringAsync())!;
            Assert.StartsWith("Only a scorecard manager or admin can move the meeting on.", park["value"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal(0, (await OpenMeetingAsync("company")).Position);

            // The viewer may still record a decision.
            var card = await CardAsync(await PressAsync(channel, KevinAad, CardActions.MeetingDecide, meeting.Id, 0, new() { [CardActions.Keys.Decision] = "Board to review the lane pricing" }));
            Assert.Contains("Board to review the lane pricing", card, StringComparison.Ordinal);
        }
        finally
        {
            await SendAsync(TeamsChannelMessage("review end company", MarcusAad, channel));
            await Bot.BotFramework.WaitForCallAsync(c => IsTo(c, channel) && c.Body.Contains("Minutes:", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_bad_action_comes_back_on_the_card_with_what_to_fix_and_what_was_typed_and_stores_nothing()
    {
        var channel = NewChannel();
        await StartAsync(channel, MarcusAad, "review start fleet");
        var meeting = await OpenMeetingAsync("fleet");
        try
        {
            var body = await CardAsync(await PressAsync(channel, RachelAad, CardActions.MeetingAddAction, meeting.Id, 0, Action("Order spare tyres", "Nobody Known", "2020-01-01")));
            Assert.Contains("I don't know Nobody Known", body, StringComparison.Ordinal);
            Assert.Contains("The due date 2020-01-01 is in the past.", body, StringComparison.Ordinal);
            Assert.Contains("\"value\":\"Order spare tyres\"", body, StringComparison.Ordinal);
            Assert.Contains("\"value\":\"Nobody Known\"", body, StringComparison.Ordinal);

            var empty = await CardAsync(await PressAsync(channel, RachelAad, CardActions.MeetingDecide, meeting.Id, 0, new() { [CardActions.Keys.Decision] = "  " }));
            Assert.Contains("Write the decision, then press Record decision.", empty, StringComparison.Ordinal);

            var malformed = await CardAsync(await PressAsync(channel, RachelAad, CardActions.MeetingAddAction, meeting.Id, 0, Action("Order spare tyres", "Tyler Brooks", "someday")));
            Assert.Contains("\\\"someday\\\" is not a date I know", malformed, StringComparison.Ordinal);

            await using var scope = Bot.Scope();
            var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
            Assert.False(await db.ReviewActions.AnyAsync(a => a.MeetingId == meeting.Id));
            Assert.False(await db.MeetingNotes.AnyAsync(n => n.MeetingId == meeting.Id));
        }
        finally
        {
            await SendAsync(TeamsChannelMessage("review end fleet", MarcusAad, channel));
            await Bot.BotFramework.WaitForCallAsync(c => IsTo(c, channel) && c.Body.Contains("Minutes:", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_meeting_left_open_closes_itself_at_the_end_of_the_review_day_and_its_minutes_go_out_once()
    {
        var channel = NewChannel();
        await StartAsync(channel, MarcusAad, "review start company");
        var meeting = await OpenMeetingAsync("company");
        await CardAsync(await PressAsync(channel, RachelAad, CardActions.MeetingDecide, meeting.Id, 0, new() { [CardActions.Keys.Decision] = "Keep the detention fee" }));
        var closer = Bot.Services.GetRequiredService<MeetingCloser>();

        async Task<int> RunAsync()
        {
            await using var scope = Bot.Scope();
            var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
            var organization = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == meeting.OrganizationId);
            return await closer.RunAsync(db, organization, CancellationToken.None);
        }

        Assert.Equal(0, await RunAsync()); // the review day is not over yet
        await using (var scope = Bot.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
            var stored = await db.ReviewMeetings.SingleAsync(m => m.Id == meeting.Id);
            stored.EndsAt = DateTimeOffset.UtcNow.AddMinutes(-1);
            await db.SaveChangesAsync();
        }

        Assert.Equal(1, await RunAsync());
        Assert.Equal(0, await RunAsync());

        await using (var scope = Bot.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
            var stored = await db.ReviewMeetings.AsNoTracking().SingleAsync(m => m.Id == meeting.Id);
            Assert.Equal((MeetingState.Closed, (Guid?)null), (stored.State, stored.ClosedById));
            var rows = await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Key == $"minutes:{meeting.Id:N}").ToListAsync();
            var row = Assert.Single(rows);
            Assert.Equal((Platform.Teams, channel, MeetingCards.MinutesKind), (row.Platform, row.ConversationId, row.Kind));
            Assert.Contains("Keep the detention fee", row.PayloadJson, StringComparison.Ordinal);
            Assert.Contains("Closed at the end of the review day", row.PayloadJson, StringComparison.Ordinal);
            Assert.Contains(await db.AuditEntries.AsNoTracking().Where(e => e.SubjectId == meeting.Id).ToListAsync(), e => e.NewValue == "Closed" && e.ActorName == MeetingCloser.ActorName);
        }

        // Pressed after it closed: nothing changes, and the card still showing buttons becomes the ended card.
        async Task<(uint, int)> StateAsync()
        {
            await using var scope = Bot.Scope();
            var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
            var stored = await db.ReviewMeetings.AsNoTracking().SingleAsync(m => m.Id == meeting.Id);
            return (stored.Version, await db.MeetingNotes.CountAsync(n => n.MeetingId == meeting.Id));
        }

        var before = await StateAsync();
        var late = JsonNode.Parse(await (await PressAsync(channel, MarcusAad, CardActions.MeetingNext, meeting.Id, 0)).Content.ReadAsStringAsync())!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", late["type"]!.GetValue<string>());
        var ended = late["value"]!.ToJsonString();
        Assert.Contains("Closed at the end of the review day", ended, StringComparison.Ordinal);
        Assert.DoesNotContain("Action.Execute", ended, StringComparison.Ordinal);
        Assert.Equal(before, await StateAsync());
    }

    [Fact]
    public async Task On_Slack_the_meeting_card_is_posted_in_the_channel_and_updated_in_place_with_chat_update()
    {
        await Bot.LinkAsync("carlos.mendoza@prairieline.example", Platform.Slack, "U0CARLOSM");
        var posts = Bot.Slack.Calls.Count(c => c.Method == "chat.postMessage");
        var response = await PostSlackAsync("slack/commands", SlashCommand("U0CARLOSM", "C0MEETING1", "review start fleet"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var post = await Bot.Slack.WaitForCallAsync("chat.postMessage", posts + 1);
        Assert.Contains(CardActions.MeetingNext, post.Body, StringComparison.Ordinal);
        var meeting = await OpenMeetingAsync("fleet");
        try
        {
            Assert.Equal((Platform.Slack, "C0MEETING1"), (meeting.Platform, meeting.ConversationId));
            var updates = Bot.Slack.Calls.Count(c => c.Method == "chat.update");
            var data = new JsonObject { [CardActions.Keys.Meeting] = meeting.Id.ToString("N"), [CardActions.Keys.Item] = "0" }.ToJsonString();
            var press = new JsonObject
            {
                ["type"] = "block_actions",
                ["team"] = new JsonObject { ["id"] = BotUnderTest.SlackTeam },
                ["user"] = new JsonObject { ["id"] = "U0CARLOSM", ["team_id"] = BotUnderTest.SlackTeam },
                ["channel"] = new JsonObject { ["id"] = "C0MEETING1" },
                ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = "1765000000.000100", ["channel_id"] = "C0MEETING1" },
                ["actions"] = new JsonArray(new JsonObject { ["type"] = "button", ["action_id"] = CardActions.MeetingNext + ":0", ["value"] = data, ["action_ts"] = "1765000001.1" }),
                ["response_url"] = Bot.Slack.HookUrl("actions/" + Guid.NewGuid().ToString("N")),
            };
            Assert.Equal(HttpStatusCode.OK, (await PostSlackAsync("slack/interactions", "payload=" + Uri.EscapeDataString(press.ToJsonString()))).StatusCode);

            var update = await Bot.Slack.WaitForCallAsync("chat.update", updates + 1);
            Assert.Contains("1765000000.000100", update.Body, StringComparison.Ordinal);
            Assert.Contains($"Item 2 of {meeting.Items.Count}", update.Body, StringComparison.Ordinal);
            Assert.Equal(1, (await OpenMeetingAsync("fleet")).Position);
        }
        finally
        {
            var before = Bot.Slack.Calls.Count(c => c.Method == "chat.postMessage");
            await PostSlackAsync("slack/commands", SlashCommand("U0CARLOSM", "C0MEETING1", "review end fleet"));
            var minutes = await Bot.Slack.WaitForCallAsync("chat.postMessage", before + 1);
            Assert.Contains("Minutes", minutes.Body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task In_the_local_chat_the_meeting_runs_on_the_same_card_replaced_in_place()
    {
        var marcus = await Bot.PersonAsync(Marcus);
        var started = await LocalAsync("local/messages", new { personId = marcus.Id, conversation = "channel", text = "review start company" });
        var card = started["items"]!.AsArray().Last(i => i!["kind"]?.GetValue<string>() == MeetingCards.CardKind)!;
        var html = WebUtility.HtmlDecode(card["html"]!.GetValue<string>());
        Assert.Contains("Record decision", html, StringComparison.Ordinal);
        var meeting = await OpenMeetingAsync("company");
        try
        {
            var id = card["id"]!.GetValue<string>();
            var pressed = await LocalAsync("local/actions", new
            {
                personId = marcus.Id,
                sourceMessageId = id,
                actionId = CardActions.MeetingNext,
                data = new Dictionary<string, string> { [CardActions.Keys.Meeting] = meeting.Id.ToString("N"), [CardActions.Keys.Item] = "0" },
                inputs = new Dictionary<string, string>(),
            });
            var replaced = pressed["items"]!.AsArray().Single()!;
            Assert.Equal(id, replaced["replaces"]!.GetValue<string>());
            Assert.Contains($"Item 2 of {meeting.Items.Count}", WebUtility.HtmlDecode(replaced["html"]!.GetValue<string>()), StringComparison.Ordinal);
        }
        finally
        {
            var ended = await LocalAsync("local/messages", new { personId = marcus.Id, conversation = "channel", text = "review end company" });
            Assert.Contains(ended["items"]!.AsArray(), i => i!["kind"]?.GetValue<string>() == MeetingCards.MinutesKind);
        }
    }

    private async Task<JsonObject> LocalAsync(string path, object body)
    {
        var response = await Bot.Client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private static string NewChannel() => "19:meeting-" + Guid.NewGuid().ToString("N") + "@thread.tacv2";

    private static Dictionary<string, string> Action(string text, string owner, string due) => new()
    {
        [CardActions.Keys.ActionText] = text,
        [CardActions.Keys.Owner] = owner,
        [CardActions.Keys.Due] = due,
    };

    /// <summary>Says <paramref name="text"/> in the Teams channel and returns the card the bot posted there.</summary>
    private async Task<string> StartAsync(string channel, string aad, string text)
    {
        var before = Bot.BotFramework.Calls.Count(c => IsTo(c, channel));
        await SendAsync(TeamsChannelMessage(text, aad, channel));
        var call = await Bot.BotFramework.WaitForCallAsync(c => IsTo(c, channel) && Bot.BotFramework.Calls.Count(x => IsTo(x, channel)) > before);
        return call.Body;
    }

    private async Task<ReviewMeeting> OpenMeetingAsync(string scorecardKey)
    {
        await using var scope = Bot.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        var organization = await db.Organizations.AsNoTracking().SingleAsync(o => o.Name == BotUnderTest.Logistics);
        var scorecard = await db.Scorecards.AsNoTracking().SingleAsync(s => s.Key == scorecardKey && s.OrganizationId == organization.Id);
        return await db.ReviewMeetings.AsNoTracking().Include(m => m.Notes).SingleAsync(m => m.ScorecardId == scorecard.Id && m.State == MeetingState.Open);
    }

    private async Task<string> NextAgendaAsync(string scorecardKey, Period period)
    {
        var readModel = Bot.Services.GetRequiredService<IScorecardReadModel>();
        await using var scope = Bot.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        var organization = await db.Organizations.AsNoTracking().SingleAsync(o => o.Name == BotUnderTest.Logistics);
        var snapshot = (await readModel.GetAsync(organization.Id, CancellationToken.None))!;
        var scorecard = snapshot.Scorecards.Single(s => s.Key == scorecardKey);
        var messages = new AgendaComposer().Compose(snapshot, scorecard, period, DateTimeOffset.UtcNow);
        return string.Join("\n", messages.SelectMany(m => m.Blocks).Select(b => b switch
        {
            Paragraph p => string.Concat(p.Inlines.Select(i => i switch { Run r => r.Text, Mention m => m.Name, Link l => l.Text, _ => "" })),
            Note n => n.Text,
            _ => "",
        }));
    }

    private async Task<HttpClient> ApiAsync()
    {
        var dana = await Bot.PersonAsync(Dana);
        var response = await Bot.Client.PostAsJsonAsync("local/messages", new { personId = dana.Id, conversation = "direct", text = $"apikey create \"minutes {Guid.NewGuid():N}\" scope read" });
        var key = Regex.Match(WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), "sbk_[a-z2-7]{12}_[A-Za-z0-9_-]{43}");
        Assert.True(key.Success);
        var client = new HttpClient { BaseAddress = Bot.Client.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.Value);
        return client;
    }

    /// <summary>The refreshed card a press answers with (Action.Execute's invoke response), as JSON.</summary>
    private static async Task<string> CardAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(body["type"]!.GetValue<string>() == "application/vnd.microsoft.card.adaptive", body.ToJsonString());
        return body["value"]!.ToJsonString(Readable);
    }

    private static readonly System.Text.Json.JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private Task<HttpResponseMessage> PressAsync(string channel, string aad, string verb, Guid meetingId, int item, Dictionary<string, string>? inputs = null)
    {
        var activity = TeamsChannelMessage("", aad, channel);
        activity.Remove("text");
        activity["type"] = "invoke";
        activity["name"] = "adaptiveCard/action";
        activity["replyToId"] = "1795390707700";
        var data = new JsonObject { ["_data"] = new JsonObject { [CardActions.Keys.Meeting] = meetingId.ToString("N"), [CardActions.Keys.Item] = item.ToString(System.Globalization.CultureInfo.InvariantCulture) } };
        foreach (var (key, value) in inputs ?? [])
        {
            data[key] = value;
        }

        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data },
            ["trigger"] = "manual",
        };
        return SendAsync(activity);
    }

    private async Task<HttpResponseMessage> SendAsync(JsonObject activity)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Bot.BotFramework.IssueToken(Bot.BotFramework.ServiceUrl));
        var response = await Bot.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }

    private JsonObject TeamsChannelMessage(string text, string aad, string channel) => new()
    {
        ["type"] = "message",
        ["id"] = "1571689431" + Random.Shared.Next(100, 999).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["channelId"] = "msteams",
        ["serviceUrl"] = Bot.BotFramework.ServiceUrl,
        ["timestamp"] = "2026-12-08T09:00:00.000Z",
        ["text"] = text,
        ["textFormat"] = "plain",
        ["locale"] = "en-US",
        ["from"] = new JsonObject { ["id"] = "29:user-" + aad, ["name"] = "Someone", ["aadObjectId"] = aad },
        ["recipient"] = new JsonObject { ["id"] = "28:" + FakeBotFramework.AppId, ["name"] = "ScorecardBot" },
        ["conversation"] = new JsonObject { ["conversationType"] = "channel", ["tenantId"] = BotUnderTest.TenantA, ["id"] = channel, ["isGroup"] = true },
        ["channelData"] = new JsonObject
        {
            ["tenant"] = new JsonObject { ["id"] = BotUnderTest.TenantA },
            ["team"] = new JsonObject { ["id"] = "19:team-logistics@thread.tacv2" },
            ["channel"] = new JsonObject { ["id"] = channel },
        },
    };

    private static bool IsTo(ConnectorCall call, string conversationId) =>
        call.RawTarget.StartsWith("/connector/v3/conversations/" + Uri.EscapeDataString(conversationId) + "/", StringComparison.Ordinal);

    private string SlashCommand(string userId, string channel, string text) => string.Join('&', new[]
    {
        ("token", "legacy-token"), ("team_id", BotUnderTest.SlackTeam), ("team_domain", "prairieline"), ("channel_id", channel),
        ("channel_name", "fleet-review"), ("user_id", userId), ("user_name", "someone"), ("command", "/scorecard"), ("text", text),
        ("response_url", Bot.Slack.HookUrl("commands/" + Guid.NewGuid().ToString("N"))), ("trigger_id", "1.2.3"), ("api_app_id", "A0APP"),
    }.Select(f => $"{Uri.EscapeDataString(f.Item1)}={Uri.EscapeDataString(f.Item2)}"));

    private async Task<HttpResponseMessage> PostSlackAsync(string path, string body)
    {
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signature = "v0=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(BotUnderTest.SlackSecret), Encoding.UTF8.GetBytes($"v0:{ts}:{body}")));
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        request.Headers.Add("X-Slack-Request-Timestamp", ts);
        request.Headers.Add("X-Slack-Signature", signature);
        return await Bot.Client.SendAsync(request);
    }
}

public sealed class MeetingModeTestsOnSqlite(SqliteBot bot) : MeetingModeTests(bot), IClassFixture<SqliteBot>;

public sealed class MeetingModeTestsOnPostgres(PostgresBot bot) : MeetingModeTests(bot), IClassFixture<PostgresBot>;
