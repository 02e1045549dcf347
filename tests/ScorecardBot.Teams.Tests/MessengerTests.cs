using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Teams.Tests.Fakes;

namespace ScorecardBot.Teams.Tests;

/// <summary>Proactive sends (prompts, digests) through <see cref="ITeamsMessenger"/> to the fake connector.</summary>
public sealed class MessengerTests : IAsyncLifetime
{
    private FakeBotFramework _fake = null!;
    private TeamsTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeBotFramework.StartAsync();
        _host = await TeamsTestHost.StartAsync(_fake);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _fake.DisposeAsync();
    }

    private ProactiveRecipient Ana => new(TeamsTestHost.OrganizationId, TeamsTestHost.Ana.PersonId, TeamsTestHost.TenantId, TeamsTestHost.AnaUserId, _fake.ServiceUrl);

    private static Message Prompt => new(
        [new Heading("Customer retention — October"), new NumberInput("actual", "Actual") { IsRequired = true }],
        "Please report October's actual for Customer retention")
    { Kind = "prompt" };

    [Fact]
    public async Task Prompt_to_someone_without_a_chat_opens_one_then_sends_and_remembers_it()
    {
        var sent = await _host.Messenger.SendProactiveAsync(Ana, Prompt, default);

        var calls = _fake.Calls;
        Assert.Equal(2, calls.Count);
        Assert.Equal(("POST", "/connector/v3/conversations"), (calls[0].Method, calls[0].RawTarget));
        var create = calls[0].Json!;
        Assert.Equal(TeamsTestHost.BotId, (string?)create["bot"]!["id"]);
        Assert.Equal(TeamsTestHost.AnaUserId, (string?)create["members"]![0]!["id"]);
        Assert.Equal(TeamsTestHost.TenantId, (string?)create["channelData"]!["tenant"]!["id"]);
        Assert.False((bool)create["isGroup"]!);
        Assert.Equal("/connector/v3/conversations/a%3Anew-conversation-1/activities", calls[1].RawTarget);
        Assert.Equal("Please report October's actual for Customer retention", (string?)calls[1].Json!["summary"]);
        Assert.Equal("a:new-conversation-1", sent.Conversation.ConversationId);
        Assert.Equal("activity-2", sent.ActivityId);

        await _host.Messenger.SendProactiveAsync(Ana, Prompt, default);
        Assert.Equal(3, _fake.Calls.Count);
        Assert.Equal("/connector/v3/conversations/a%3Anew-conversation-1/activities", _fake.Calls[2].RawTarget);
    }

    [Fact]
    public async Task Sent_prompt_can_later_be_updated_and_deleted()
    {
        var sent = await _host.Messenger.SendProactiveAsync(Ana, Prompt, default);

        await _host.Messenger.UpdateAsync(sent.Conversation, sent.ActivityId, Message.Text("Recorded: 1.2k"), default);
        await _host.Messenger.DeleteAsync(sent.Conversation, sent.ActivityId, default);

        var calls = _fake.Calls;
        Assert.Equal(("PUT", "/connector/v3/conversations/a%3Anew-conversation-1/activities/activity-2"), (calls[2].Method, calls[2].RawTarget));
        Assert.Equal("Recorded: 1.2k", (string?)calls[2].Json!["text"]);
        Assert.Equal(("DELETE", "/connector/v3/conversations/a%3Anew-conversation-1/activities/activity-2"), (calls[3].Method, calls[3].RawTarget));
    }

    [Fact]
    public async Task Person_who_blocked_the_bot_surfaces_as_message_writes_blocked_without_retries()
    {
        var conversation = new TeamsConversationReference(_fake.ServiceUrl, "a:blocked", TeamsTestHost.TenantId, ConversationKind.Direct);
        _fake.FailNext(403, body: """{"error":{"code":"MessageWritesBlocked","message":"Thread is blocked"}}""");

        var error = await Assert.ThrowsAsync<TeamsConnectorException>(() => _host.Messenger.SendAsync(conversation, Prompt, default));

        Assert.True(error.IsBlockedByUser);
        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Single(_fake.Calls);
    }

    [Fact]
    public async Task Server_errors_are_retried_with_backoff_until_the_connector_recovers()
    {
        var conversation = new TeamsConversationReference(_fake.ServiceUrl, "a:flaky", TeamsTestHost.TenantId, ConversationKind.Direct);
        _fake.FailNext(502);
        _fake.FailNext(412);

        var sent = await _host.Messenger.SendAsync(conversation, Prompt, default);

        Assert.Equal(3, _fake.Calls.Count);
        Assert.Equal("activity-1", sent.ActivityId);
    }

    [Fact]
    public async Task Send_to_a_service_url_outside_the_allow_list_makes_no_call()
    {
        var conversation = new TeamsConversationReference("http://169.254.169.254/metadata/", "a:x", TeamsTestHost.TenantId, ConversationKind.Direct);

        await Assert.ThrowsAsync<ServiceUrlNotAllowedException>(() => _host.Messenger.SendAsync(conversation, Prompt, default));

        Assert.Empty(_fake.Calls);
        Assert.Equal(0, _fake.TokenRequests);
    }

    [Fact]
    public async Task Sends_into_one_conversation_keep_to_seven_per_second()
    {
        var conversation = new TeamsConversationReference(_fake.ServiceUrl, "a:busy", TeamsTestHost.TenantId, ConversationKind.Direct);
        var started = DateTime.UtcNow;

        await Task.WhenAll(Enumerable.Range(0, 9).Select(i => _host.Messenger.SendAsync(conversation, Message.Text($"n{i}"), default)));

        Assert.Equal(9, _fake.Calls.Count);
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(700), "the 8th and 9th message must wait for the next window");
    }

    [Fact]
    public async Task Member_lookup_returns_the_teams_account()
    {
        var connector = _host.Services.GetRequiredService<ScorecardBot.Teams.Connector.ConnectorClient>();

        var member = await connector.GetMemberAsync(_fake.ServiceUrl, "19:abc@thread.skype", "29:member", default);

        Assert.Equal(("Ana Lima", "aad-ana", "ana@contoso.test"), (member!.Name, member.AadObjectId, member.Email));
        Assert.Equal("/connector/v3/conversations/19%3Aabc%40thread.skype/members/29%3Amember", Assert.Single(_fake.Calls).RawTarget);
    }
}
