using System.Net;
using System.Text.Json.Nodes;
using ScorecardBot.Teams.Hosting;
using ScorecardBot.Teams.Tests.Fakes;

namespace ScorecardBot.Teams.Tests;

/// <summary>
/// People imported by e-mail have no Teams id yet: the first time they write, Teams' member record
/// (GET /v3/conversations/{id}/members/{userId}) says which e-mail they have, and that links them.
/// </summary>
public sealed class FirstContactTests : IAsyncLifetime
{
    private const string BeaUserId = "29:1bea-personal-user-id";
    private const string BeaAadId = "0c5a7e2f-3d4b-4c8e-9f10-b2a3c4d5e6f7";

    private FakeBotFramework _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeBotFramework.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    private static JsonObject FromBea(string serviceUrl, string text)
    {
        var activity = TestActivities.Message(serviceUrl, text);
        activity["from"] = new JsonObject { ["id"] = BeaUserId, ["name"] = "Bea Souza", ["aadObjectId"] = BeaAadId };
        return activity;
    }

    private void TeamsKnowsBeaAs(string email, string tenantId = TeamsTestHost.TenantId) =>
        _fake.Members[BeaUserId] = new { id = BeaUserId, name = "Bea Souza", aadObjectId = BeaAadId, email, userPrincipalName = email, tenantId };

    private int MemberLookups => _fake.Calls.Count(c => c.Method == "GET" && c.RawTarget.Contains("/members/", StringComparison.Ordinal));

    [Fact]
    public async Task A_person_known_only_by_email_is_linked_on_the_first_message_and_not_looked_up_again()
    {
        await using var host = await TeamsTestHost.StartAsync(_fake);
        TeamsKnowsBeaAs("Bea@Contoso.test");
        var token = _fake.IssueToken(serviceUrl: _fake.ServiceUrl);

        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(FromBea(_fake.ServiceUrl, "my"), token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(FromBea(_fake.ServiceUrl, "help"), token)).StatusCode);

        Assert.Equal([TeamsTestHost.Bea, TeamsTestHost.Bea], host.Turns.Turns.Select(t => t.Actor));
        Assert.Equal(["my", "help"], host.Turns.Turns.Select(t => t.Text));
        Assert.Equal(1, MemberLookups);
        var lookup = _fake.Calls.Single(c => c.Method == "GET");
        Assert.Equal($"/connector/v3/conversations/a%3A1personal-conversation/members/{Uri.EscapeDataString(BeaUserId)}", lookup.RawTarget);
        Assert.NotNull(await host.References.FindPersonalAsync(TeamsTestHost.OrganizationId, TeamsTestHost.Bea.PersonId, CancellationToken.None));
    }

    [Fact]
    public async Task A_member_whose_record_belongs_to_another_tenant_is_not_linked_and_is_told_so()
    {
        await using var host = await TeamsTestHost.StartAsync(_fake);
        TeamsKnowsBeaAs("bea@contoso.test", tenantId: "5f0e0b4d-0000-4000-8000-0000000000ff");

        await host.PostAsync(FromBea(_fake.ServiceUrl, "my"), _fake.IssueToken(serviceUrl: _fake.ServiceUrl));

        Assert.Empty(host.Turns.Turns);
        var reply = (await _fake.WaitForCallsAsync(2)).Single(c => c.Method == "POST");
        Assert.Equal(TeamsTexts.UnknownPerson, (string?)reply.Json!["text"]);
    }

    [Fact]
    public async Task Someone_whose_email_the_organization_does_not_know_is_told_they_are_not_set_up()
    {
        await using var host = await TeamsTestHost.StartAsync(_fake);
        TeamsKnowsBeaAs("someone.else@contoso.test");

        await host.PostAsync(FromBea(_fake.ServiceUrl, "my"), _fake.IssueToken(serviceUrl: _fake.ServiceUrl));

        Assert.Empty(host.Turns.Turns);
        Assert.Equal(1, MemberLookups);
        Assert.Contains(await _fake.WaitForCallsAsync(2), c => c.Method == "POST");
    }

    [Fact]
    public async Task In_local_mode_an_emulator_on_loopback_is_answered_at_its_own_connector()
    {
        // No allow-list entry: local mode itself lets a loopback caller's loopback connector through.
        await using var host = await TeamsTestHost.StartAsync(_fake, authenticated: false, configure: s => s.Remove("Teams:AllowedServiceUrls:0"));

        var response = await host.PostAsync(TestActivities.Message(_fake.ServiceUrl, "help"), token: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(host.Turns.Turns);
        Assert.Contains(await _fake.WaitForCallsAsync(1), c => c.Method == "POST");
    }

    [Fact]
    public async Task With_an_app_id_a_loopback_connector_needs_an_explicit_allow_list_entry()
    {
        await using var host = await TeamsTestHost.StartAsync(_fake, configure: s => s.Remove("Teams:AllowedServiceUrls:0"));

        var response = await host.PostAsync(TestActivities.Message(_fake.ServiceUrl, "help"), _fake.IssueToken(serviceUrl: _fake.ServiceUrl));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(host.Turns.Turns);
    }
}
