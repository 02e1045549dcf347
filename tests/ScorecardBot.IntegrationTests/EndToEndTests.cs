using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ScorecardBot.IntegrationTests.Infrastructure;

namespace ScorecardBot.IntegrationTests;

/// <summary>
/// What a person notices, through the real host: the local chat, Teams and Slack over HTTP to a
/// real database. Written once, run on SQLite and on PostgreSQL (the sealed classes at the end).
/// The tests of one class share one bot, so each works on its own KPI or period.
/// </summary>
public abstract partial class EndToEndTests(BotUnderTest bot) : IAsyncLifetime
{
    protected const string Carlos = "carlos.mendoza@prairieline.example";
    protected const string Marcus = "marcus.reed@prairieline.example";
    protected const string Rachel = "rachel.novak@prairieline.example";
    protected const string Kevin = "kevin.obrien@prairieline.example";
    protected const string James = "james.okafor@prairieline.example";
    protected const string Sophie = "sophie.laurent@hartmann-drives.example";

    protected BotUnderTest Bot { get; } = bot;

    protected HttpClient Client => Bot.Client;

    public Task InitializeAsync()
    {
        Bot.Outbound.Clear();
        return Task.CompletedTask;
    }

    /// <summary>Every outbound call of the test went to a fake; anything else fails it.</summary>
    public Task DisposeAsync()
    {
        Assert.Empty(Bot.Outbound.Unexpected);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Healthz_answers_healthy_and_the_sample_people_are_listed()
    {
        var health = await Client.GetAsync("healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains("Healthy", await health.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var people = (await Client.GetFromJsonAsync<JsonObject>("local/people"))!["people"]!.AsArray();
        var names = people.Select(p => p!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("Carlos Mendoza", names);
        Assert.Contains("Rachel Novak", names);
        Assert.Contains("Kevin O'Brien", names);
        Assert.DoesNotContain("Sophie Laurent", names); // the other organization's people are not the local chat's
        Assert.Equal("Viewer", people.Single(p => p!["name"]!.GetValue<string>() == "Kevin O'Brien")!["roleTitle"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_host_runs_on_the_database_the_settings_name()
    {
        await using var scope = Bot.Scope();
        var db = scope.ServiceProvider.GetRequiredService<Data.ScorecardDbContext>();
        Assert.Contains(Bot.Provider, db.Database.ProviderName, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(2, db.Organizations.Count());
    }

    [Fact]
    public async Task The_hosts_http_clients_reach_only_the_fakes()
    {
        using var client = Bot.Services.GetRequiredService<IHttpClientFactory>().CreateClient();

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri("https://smba.trafficmanager.net/teams/")));

        Assert.Equal(["https://smba.trafficmanager.net/teams/"], Bot.Outbound.Unexpected);
        Bot.Outbound.Clear(); // this one was provoked on purpose
    }

    /// <summary>Says <paramref name="text"/> in the local chat's direct conversation; returns the bot's cards.</summary>
    protected async Task<List<JsonNode>> SayAsync(string email, string text)
    {
        var person = await Bot.PersonAsync(email);
        var response = await Client.PostAsJsonAsync("local/messages", new { personId = person.Id, conversation = "direct", text });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return [.. JsonNode.Parse(body)!["items"]!.AsArray().Where(i => i!["author"] is null).Select(i => i!)];
    }

    protected static string Html(List<JsonNode> cards) =>
        WebUtility.HtmlDecode(string.Join("\n", cards.Select(c => c["html"]?.GetValue<string>() ?? "")));

    protected static string Kind(List<JsonNode> cards) => cards.Last()["kind"]?.GetValue<string>() ?? "";
}

public sealed class EndToEndTestsOnSqlite(SqliteBot bot) : EndToEndTests(bot), IClassFixture<SqliteBot>;

public sealed class EndToEndTestsOnPostgres(PostgresBot bot) : EndToEndTests(bot), IClassFixture<PostgresBot>;
