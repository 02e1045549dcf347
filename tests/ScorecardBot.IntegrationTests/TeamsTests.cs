using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.IntegrationTests.Fakes;
using ScorecardBot.IntegrationTests.Infrastructure;

namespace ScorecardBot.IntegrationTests;

public abstract partial class EndToEndTests
{
    protected const string RachelAad = "0f6c2a1e-rachel-aad";
    protected const string SophieAad = "5e3d9b7a-sophie-aad";

    [Fact]
    public async Task Teams_message_from_a_known_person_is_answered_through_the_connector()
    {
        await Bot.LinkAsync(Rachel, Platform.Teams, RachelAad);
        var conversation = "a:help-" + Guid.NewGuid().ToString("N");

        var response = await PostActivityAsync(TeamsMessage("help", BotUnderTest.TenantA, RachelAad, conversation), Token());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await Bot.BotFramework.WaitForCallAsync(c => IsTo(c, conversation));
        Assert.Equal("POST", reply.Method);
        Assert.Equal("Bearer bot-token-for-botframework.com", reply.Authorization);
        Assert.Contains("actual", reply.Body, StringComparison.Ordinal);
        Assert.Equal("message", reply.Json!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_Teams_reply_that_goes_through_writes_no_routine_log_lines()
    {
        await Bot.LinkAsync(Rachel, Platform.Teams, RachelAad);
        var conversation = "a:quiet-" + Guid.NewGuid().ToString("N");
        var before = Bot.Logs.Lines.Count;

        var response = await PostActivityAsync(TeamsMessage("help", BotUnderTest.TenantA, RachelAad, conversation), Token());
        await Bot.BotFramework.WaitForCallAsync(c => IsTo(c, conversation));
        await Task.Delay(200);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The outgoing call's start, headers, end and its one successful attempt are not news; retries and failures are warnings.
        var routine = Bot.Logs.Lines.Skip(before)
            .Where(l => l.Level < Microsoft.Extensions.Logging.LogLevel.Warning)
            .Where(l => l.Category.StartsWith("System.Net.Http.HttpClient", StringComparison.Ordinal) || l.Category.StartsWith("Polly", StringComparison.Ordinal))
            .Select(l => $"{l.Category}: {l.Text}")
            .ToList();
        Assert.True(routine.Count == 0, string.Join("\n", routine));
    }

    [Fact]
    public async Task Teams_card_submit_records_the_actual_and_answers_with_the_recorded_card()
    {
        await Bot.LinkAsync(Rachel, Platform.Teams, RachelAad);
        var retention = await Bot.KpiAsync(BotUnderTest.Logistics, "Customer retention");

        var response = await PostActivityAsync(SubmitInvoke(BotUnderTest.TenantA, RachelAad, retention.Id, "2026-08", "91.4%", "from the Teams card"), Token());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", body["type"]!.GetValue<string>());
        var card = body["value"]!.ToJsonString();
        Assert.Contains("Customer retention", card, StringComparison.Ordinal);
        Assert.Contains("91.4", card, StringComparison.Ordinal);
        var stored = Assert.Single(await Bot.ActualsAsync(retention.Id, "2026-08"));
        Assert.Equal(91.4m, stored.Value);
        Assert.Equal("from the Teams card", stored.Comment);
        Assert.Equal(EntrySource.Card, stored.Source);
    }

    [Fact]
    public async Task Teams_Im_away_on_a_prompt_card_posts_the_out_of_office_form_in_the_chat()
    {
        await Bot.LinkAsync(Rachel, Platform.Teams, RachelAad);
        var conversation = "a:away-" + Guid.NewGuid().ToString("N");
        var activity = TeamsMessage("", BotUnderTest.TenantA, RachelAad, conversation);
        activity.Remove("text");
        activity["type"] = "invoke";
        activity["name"] = "adaptiveCard/action";
        activity["replyToId"] = "1795390707611";
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = CardActions.ShowAway, ["data"] = new JsonObject() },
            ["trigger"] = "manual",
        };

        var response = await PostActivityAsync(activity, Token());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var form = await Bot.BotFramework.WaitForCallAsync(c => IsTo(c, conversation) && c.Method == "POST");
        var card = form.Json!["attachments"]![0]!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", card["contentType"]!.GetValue<string>());
        var body = card["content"]!.ToJsonString();
        Assert.Contains("Out of office", body, StringComparison.Ordinal);
        Assert.Contains("Input.Text", body, StringComparison.Ordinal);
        Assert.Contains(CardActions.SetAway, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Teams_card_submit_reads_a_shorthand_amount_in_the_kpis_currency()
    {
        await Bot.LinkAsync("olivia.chen@prairieline.example", Platform.Teams, "3c1b8e2f-olivia-aad");
        var revenue = await Bot.KpiAsync(BotUnderTest.Logistics, "Operating revenue");

        // Below target, so it comes with the comment a red value needs.
        var response = await PostActivityAsync(SubmitInvoke(BotUnderTest.TenantA, "3c1b8e2f-olivia-aad", revenue.Id, "2026-09", "$4.95M", "Two dedicated lanes paused; restarting in October."), Token());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Operating revenue", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(4_950_000m, Assert.Single(await Bot.ActualsAsync(revenue.Id, "2026-09")).Value);
    }

    [Fact]
    public async Task Teams_card_submit_of_a_word_comes_back_as_the_same_card_with_the_error_and_stores_nothing()
    {
        await Bot.LinkAsync(Rachel, Platform.Teams, RachelAad);
        var retention = await Bot.KpiAsync(BotUnderTest.Logistics, "Customer retention");
        var before = await Bot.ActualsAsync(retention.Id, "2026-07");

        var response = await PostActivityAsync(SubmitInvoke(BotUnderTest.TenantA, RachelAad, retention.Id, "2026-07", "abc", null), Token());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", body["type"]!.GetValue<string>());
        var card = body["value"]!.ToJsonString();
        Assert.Contains("\"abc\"", card, StringComparison.Ordinal); // what was typed is kept in the field
        Assert.Contains("is not a number", body["value"]!.ToString(), StringComparison.Ordinal); // and why it was not taken
        Assert.Contains(CardActions.SubmitActual, card, StringComparison.Ordinal); // the prompt again, to correct
        Assert.Equal(Values(before), Values(await Bot.ActualsAsync(retention.Id, "2026-07")));
    }

    [Fact]
    public async Task Teams_requests_without_a_token_or_with_a_forged_one_are_refused_and_store_nothing()
    {
        await Bot.LinkAsync(Rachel, Platform.Teams, RachelAad);
        var retention = await Bot.KpiAsync(BotUnderTest.Logistics, "Customer retention");
        var before = await Bot.ActualsAsync(retention.Id, "2026-06");
        var activity = SubmitInvoke(BotUnderTest.TenantA, RachelAad, retention.Id, "2026-06", "99.9%", "forged");
        using var otherKey = RSA.Create(2048);

        Assert.Equal(HttpStatusCode.Unauthorized, (await PostActivityAsync(activity, token: null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostActivityAsync(activity, Bot.BotFramework.IssueToken(Bot.BotFramework.ServiceUrl, signWith: otherKey))).StatusCode);

        Assert.Equal(Values(before), Values(await Bot.ActualsAsync(retention.Id, "2026-06")));
    }

    [Fact]
    public async Task Teams_tenant_without_an_organization_is_told_the_bot_is_not_set_up()
    {
        var retention = await Bot.KpiAsync(BotUnderTest.Logistics, "Customer retention");
        var before = await Bot.ActualsAsync(retention.Id, "2026-05");

        var response = await PostActivityAsync(SubmitInvoke("00000000-unknown-tenant", RachelAad, retention.Id, "2026-05", "99%", null), Token());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("isn't set up for your organization", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(Values(before), Values(await Bot.ActualsAsync(retention.Id, "2026-05")));
    }

    [Fact]
    public async Task Teams_user_known_to_the_organization_only_by_email_is_linked_on_the_first_message()
    {
        const string aad = "7a2d4c9e-tyler-aad";
        var conversation = "a:first-contact-" + Guid.NewGuid().ToString("N");
        Bot.BotFramework.Members["29:user-" + aad] = new { id = "29:user-" + aad, name = "Tyler Brooks", aadObjectId = aad, email = "Tyler.Brooks@prairieline.example", tenantId = BotUnderTest.TenantA };

        await PostActivityAsync(TeamsMessage("who owns customer retention", BotUnderTest.TenantA, aad, conversation), Token());

        var reply = await Bot.BotFramework.WaitForCallAsync(c => c.Method == "POST" && IsTo(c, conversation));
        Assert.Contains("Rachel Novak", reply.Body, StringComparison.Ordinal);
        var tyler = await Bot.PersonAsync("tyler.brooks@prairieline.example");
        var account = Assert.Single(tyler.Accounts, a => a.Platform == Platform.Teams);
        Assert.Equal((aad, "29:user-" + aad), (account.ExternalId, account.ChannelUserId));
    }

    [Fact]
    public async Task Teams_user_whose_email_nobody_in_the_organization_has_is_told_it_is_not_set_up_for_them_and_nothing_is_linked()
    {
        const string aad = "9b8e7d6c-stranger-aad";
        var conversation = "a:stranger-" + Guid.NewGuid().ToString("N");
        Bot.BotFramework.Members["29:user-" + aad] = new { id = "29:user-" + aad, name = "Stranger", aadObjectId = aad, email = "stranger@elsewhere.example", tenantId = BotUnderTest.TenantA };
        var accountsBefore = await AccountCountAsync();

        await PostActivityAsync(TeamsMessage("status", BotUnderTest.TenantA, aad, conversation), Token());

        var reply = await Bot.BotFramework.WaitForCallAsync(c => c.Method == "POST" && IsTo(c, conversation));
        Assert.Contains("not set up for you in Prairie Line Logistics", reply.Body, StringComparison.Ordinal);
        Assert.Equal(accountsBefore, await AccountCountAsync());
    }

    // Found by the fuzz tests: a 1:1 conversation id that another person's reference already held
    // hit the unique index; the database's refusal was logged as an error on every such message.
    [Fact]
    public async Task Teams_messages_of_two_people_naming_one_personal_conversation_are_answered_without_an_error()
    {
        await Bot.LinkAsync(Rachel, Platform.Teams, RachelAad);
        await Bot.LinkAsync(Marcus, Platform.Teams, "4b5c6d7e-marcus-aad");
        var conversation = "a:shared-" + Guid.NewGuid().ToString("N");
        var before = Bot.Logs.Lines.Count;

        var first = await PostActivityAsync(TeamsMessage("help", BotUnderTest.TenantA, RachelAad, conversation), Token());
        var second = await PostActivityAsync(TeamsMessage("help", BotUnderTest.TenantA, "4b5c6d7e-marcus-aad", conversation), Token());
        await Bot.BotFramework.WaitForCallAsync(c => IsTo(c, conversation) && c.Method == "POST");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.DoesNotContain(Bot.Logs.Lines.Skip(before), l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
        var rachel = await Bot.PersonAsync(Rachel);
        await using var scope = Bot.Scope();
        var db = scope.ServiceProvider.GetRequiredService<Data.ScorecardDbContext>();
        Assert.Equal(rachel.Id, (await db.ConversationReferences.AsNoTracking().SingleAsync(r => r.ConversationId == conversation)).PersonId);
    }

    private async Task<int> AccountCountAsync()
    {
        await using var scope = Bot.Scope();
        return await scope.ServiceProvider.GetRequiredService<Data.ScorecardDbContext>().ChannelAccounts.CountAsync();
    }

    protected static List<(decimal?, string?)> Values(List<Actual> actuals) => [.. actuals.Select(a => (a.Value, a.Comment))];

    /// <summary>Whether a connector call goes to the conversation (its id is escaped in the path).</summary>
    protected static bool IsTo(ConnectorCall call, string conversationId) =>
        call.RawTarget.StartsWith("/connector/v3/conversations/" + Uri.EscapeDataString(conversationId) + "/", StringComparison.Ordinal);

    protected string Token() => Bot.BotFramework.IssueToken(Bot.BotFramework.ServiceUrl);

    protected async Task<HttpResponseMessage> PostActivityAsync(JsonObject activity, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await Client.SendAsync(request);
    }

    /// <summary>A personal-chat message as Teams sends it.</summary>
    protected JsonObject TeamsMessage(string text, string tenantId, string aadObjectId, string? conversationId = null) => new()
    {
        ["type"] = "message",
        ["id"] = "1571689431275",
        ["channelId"] = "msteams",
        ["serviceUrl"] = Bot.BotFramework.ServiceUrl,
        ["timestamp"] = "2026-11-22T23:38:47.294Z",
        ["text"] = text,
        ["textFormat"] = "plain",
        ["locale"] = "en-US",
        ["from"] = new JsonObject { ["id"] = "29:user-" + aadObjectId, ["name"] = "Someone", ["aadObjectId"] = aadObjectId },
        ["recipient"] = new JsonObject { ["id"] = "28:" + FakeBotFramework.AppId, ["name"] = "ScorecardBot" },
        ["conversation"] = new JsonObject
        {
            ["conversationType"] = "personal",
            ["tenantId"] = tenantId,
            ["id"] = conversationId ?? "a:personal-" + aadObjectId,
        },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = tenantId } },
    };

    /// <summary>The Submit of a prompt card: an Action.Execute invoke with the card's data and inputs.</summary>
    protected JsonObject SubmitInvoke(string tenantId, string aadObjectId, Guid kpiId, string period, string value, string? comment)
    {
        var activity = TeamsMessage("", tenantId, aadObjectId);
        activity.Remove("text");
        activity["type"] = "invoke";
        activity["name"] = "adaptiveCard/action";
        activity["replyToId"] = "1795390707610";
        var data = new JsonObject
        {
            ["_data"] = new JsonObject { [CardActions.Keys.Kpi] = kpiId.ToString("N"), [CardActions.Keys.Period] = period },
            [CardActions.Keys.Value] = value,
        };
        if (comment is not null)
        {
            data[CardActions.Keys.Comment] = comment;
        }

        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = CardActions.SubmitActual, ["data"] = data },
            ["trigger"] = "manual",
        };
        return activity;
    }
}
