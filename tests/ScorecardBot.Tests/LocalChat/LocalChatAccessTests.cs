using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using ScorecardBot.LocalChat;
using ScorecardBot.Tests.LocalChat.Fakes;

namespace ScorecardBot.Tests.LocalChat;

/// <summary>Who may reach the local chat, in which environment, and the development clock.</summary>
public class LocalChatAccessTests
{
    private static HttpRequestMessage From(string remote, HttpMethod method, string path, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add(LocalChatTestApp.RemoteAddressHeader, remote);
        return request;
    }

    private static JsonContent Hello() => JsonContent.Create(new { personId = SampleDirectory.Ana.Id, text = "help" });

    [Theory]
    [InlineData("GET", "/")]
    [InlineData("GET", "/local/people")]
    [InlineData("GET", "/local/channel")]
    [InlineData("POST", "/local/messages")]
    [InlineData("POST", "/local/clock/jump")]
    public async Task Request_from_another_machine_is_rejected(string method, string path)
    {
        await using var app = await LocalChatTestApp.StartAsync();
        using var request = From("10.1.2.3", new HttpMethod(method), path, method == "POST" ? Hello() : null);

        var response = await app.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("only on this machine", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(app.Conversation.Turns);
        Assert.Empty(app.Clock.Jumps);
    }

    [Fact]
    public async Task Remote_request_is_rejected_before_its_body_is_read()
    {
        await using var app = await LocalChatTestApp.StartAsync();
        using var request = From("10.1.2.3", HttpMethod.Post, "/local/messages", new StringContent("{not json", Encoding.UTF8, "application/json"));

        var response = await app.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Loopback_request_through_a_proxy_is_rejected()
    {
        await using var app = await LocalChatTestApp.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/local/people");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");

        var response = await app.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Loopback_request_for_another_host_name_is_rejected()
    {
        // A page on evil.example whose name was rebound to 127.0.0.1 sends Host: evil.example.
        await using var app = await LocalChatTestApp.StartAsync();
        var client = app.CreateClient();
        client.BaseAddress = new Uri("http://evil.example:3978/");

        var response = await client.GetAsync(new Uri("/local/people", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("::1")]
    [InlineData("127.0.0.2")]
    public async Task Request_from_any_loopback_address_is_served(string address)
    {
        await using var app = await LocalChatTestApp.StartAsync();
        using var request = From(address, HttpMethod.Get, "/local/people");

        var response = await app.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Remote_request_is_served_when_AllowRemote_is_set()
    {
        await using var app = await LocalChatTestApp.StartAsync(settings: new Dictionary<string, string?> { ["LocalChat:AllowRemote"] = "true" });
        using var request = From("10.1.2.3", HttpMethod.Post, "/local/messages", Hello());

        var response = await app.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(app.Conversation.Turns);
    }

    [Fact]
    public async Task Production_does_not_map_the_local_chat_unless_enabled()
    {
        await using var app = await LocalChatTestApp.StartAsync(environment: "Production");

        Assert.False(app.Mapped);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Production_with_local_chat_enabled_serves_it_without_the_clock()
    {
        await using var app = await LocalChatTestApp.StartAsync(
            environment: "Production", settings: new Dictionary<string, string?> { ["LocalChat:Enabled"] = "true" });
        var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/local/clock", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync("/local/clock/jump", new { to = "mbr" })).StatusCode);
        Assert.Empty(app.Clock.Jumps);
    }

    [Fact]
    public async Task Staging_maps_the_clock_only_when_ClockControl_is_set()
    {
        await using var without = await LocalChatTestApp.StartAsync(environment: "Staging");
        await using var with = await LocalChatTestApp.StartAsync(
            environment: "Staging", settings: new Dictionary<string, string?> { ["LocalChat:ClockControl"] = "true" });

        Assert.Equal(HttpStatusCode.NotFound, (await without.CreateClient().GetAsync(new Uri("/local/clock", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await with.CreateClient().GetAsync(new Uri("/local/clock", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Staging_with_Teams_or_Slack_configured_does_not_map_the_local_chat()
    {
        await using var app = await LocalChatTestApp.StartAsync(environment: "Staging", chatPlatformsConfigured: true);

        Assert.False(app.Mapped);
    }

    [Fact]
    public async Task Jump_to_mbr_moves_the_clock_and_the_digest_appears_in_the_channel()
    {
        await using var app = await LocalChatTestApp.StartAsync();
        var client = app.CreateClient();

        var response = await client.PostAsJsonAsync("/local/clock/jump", new { to = "mbr" });

        var reading = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(new DateTimeOffset(2026, 11, 10, 8, 0, 0, TimeSpan.Zero), reading.GetProperty("now").GetDateTimeOffset());
        Assert.Equal("MBR day: digest and agenda posted", reading.GetProperty("description").GetString());
        Assert.Equal([ClockJump.Mbr], app.Clock.Jumps);
        var updates = await client.GetFromJsonAsync<JsonElement>("/local/updates?since=0");
        Assert.Equal("digest", updates.GetProperty("items")[0].GetProperty("kind").GetString());
    }

    [Theory]
    [InlineData("window", ClockJump.Window)]
    [InlineData("due", ClockJump.Due)]
    [InlineData("MBR", ClockJump.Mbr)]
    [InlineData("next-day", ClockJump.NextDay)]
    public async Task Jump_accepts_each_named_moment(string to, ClockJump expected)
    {
        await using var app = await LocalChatTestApp.StartAsync();

        var response = await app.CreateClient().PostAsJsonAsync("/local/clock/jump", new { to });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([expected], app.Clock.Jumps);
    }

    [Fact]
    public async Task Jump_to_an_unknown_moment_says_which_ones_exist()
    {
        await using var app = await LocalChatTestApp.StartAsync();

        var response = await app.CreateClient().PostAsJsonAsync("/local/clock/jump", new { to = "tomorrow" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Cannot jump to 'tomorrow': use \"window\", \"due\", \"mbr\" or \"next-day\".", problem.GetProperty("detail").GetString());
        Assert.Empty(app.Clock.Jumps);
    }

    [Fact]
    public async Task Development_without_a_clock_binding_serves_the_chat_without_the_clock()
    {
        await using var app = await LocalChatTestApp.StartAsync(withClock: false);

        Assert.True(app.Mapped);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync(new Uri("/local/clock", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Clock_control_switched_on_without_a_clock_binding_fails_at_start_with_a_clear_message()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => LocalChatTestApp.StartAsync(
            withClock: false, settings: new Dictionary<string, string?> { ["LocalChat:ClockControl"] = "true" }));

        Assert.Contains("ILocalClockControl is not registered", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MapLocalChat_without_the_engine_bound_fails_with_a_clear_message()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseTestServer();
        builder.Services.AddLocalChat(builder.Configuration);
        builder.Services.AddSingleton<ILocalDirectory, SampleDirectory>();
        using var app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapLocalChat());

        Assert.Contains("ILocalTurnHandler is not registered", error.Message, StringComparison.Ordinal);
    }
}
