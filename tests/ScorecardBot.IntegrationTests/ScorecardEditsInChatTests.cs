using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Data;
using ScorecardBot.Data.AsCode;
using ScorecardBot.IntegrationTests.Fakes;
using ScorecardBot.IntegrationTests.Infrastructure;

namespace ScorecardBot.IntegrationTests;

/// <summary>The bot these tests change the scorecard of: its own, so no other test sees the changes. Slack uploads go to the fake.</summary>
public sealed class ScorecardEditBot : SqliteBot
{
    protected override void AdjustSettings(Dictionary<string, string?> settings)
    {
        base.AdjustSettings(settings);
        settings["Slack:AllowedUploadUrlHosts:0"] = "127.0.0.1";
        settings["Teams:AllowedFileUrls:0"] = "http://127.0.0.1:*";
    }
}

/// <summary>
/// A scorecard manager changes the logistics scorecard in Teams and Slack, through the real host
/// and the fake Bot Framework and Slack: a KPI added through its card (pieces missing), a link,
/// thresholds, a retired KPI and its undo, and the exported file (Teams: through a file consent
/// card and the OneDrive upload; Slack: files.getUploadURLExternal), which says what was built.
/// </summary>
public sealed class ScorecardEditsInChatTests(ScorecardEditBot bot) : IClassFixture<ScorecardEditBot>
{
    private const string Marcus = "marcus.reed@prairieline.example";
    private const string Rachel = "rachel.novak@prairieline.example";
    private const string MarcusAad = "1d2c3b4a-marcus-aad";
    private const string RachelAad = "0f6c2a1e-rachel-aad";

    [Fact]
    public async Task A_manager_builds_in_Teams_and_Slack_and_the_exported_file_is_what_was_built()
    {
        await bot.LinkAsync(Marcus, Platform.Teams, MarcusAad);
        await bot.LinkAsync(Marcus, Platform.Slack, "U0MARCUS");
        await bot.LinkAsync(Rachel, Platform.Teams, RachelAad);
        var conversation = "a:edit-" + Guid.NewGuid().ToString("N");

        // Teams: a KPI with its direction, target and owner left out comes back as its card, holding what was typed.
        await PostActivityAsync(TeamsMessage("kpi add \"Detention hours\" objective \"Deliver on time\" unit hours", MarcusAad, conversation));
        var cardCall = await bot.BotFramework.WaitForCallAsync(c => IsTo(c, conversation) && c.Method == "POST");
        var card = cardCall.Json!["attachments"]![0]!["content"]!.ToJsonString();
        Assert.Contains("Add a KPI", card, StringComparison.Ordinal);
        Assert.Contains("Detention hours", card, StringComparison.Ordinal);
        Assert.Contains("deliver-on-time", card, StringComparison.Ordinal);
        Assert.Contains(CardActions.Edit, card, StringComparison.Ordinal);
        Assert.Null(await KpiAsync("detention-hours"));

        // The card is sent back with the missing pieces filled in.
        var submit = await PostActivityAsync(EditInvoke(MarcusAad, conversation, "KpiAdd", new()
        {
            ["name"] = "Detention hours", ["objective"] = "deliver-on-time", ["unit"] = "hours", ["direction"] = "down",
            ["target"] = "2", ["owner"] = Marcus, ["indicator"] = "leading",
        }));
        Assert.Equal(HttpStatusCode.OK, submit.StatusCode);
        var answer = Relaxed(JsonNode.Parse(await submit.Content.ReadAsStringAsync())!);
        Assert.Contains("KPI 'Detention hours' added to objective 'Deliver on time'", answer, StringComparison.Ordinal);
        var added = (await KpiAsync("detention-hours"))!;
        Assert.Equal((Direction.LowerIsBetter, IndicatorType.Leading, "hours"), (added.Direction, added.Indicator, added.Unit));
        Assert.Equal((await bot.PersonAsync(Marcus)).Id, added.OwnerId);

        // Teams: two objectives linked on the strategy map.
        await PostActivityAsync(TeamsMessage("link \"Retain our drivers\" -> \"Keep our shippers\"", MarcusAad, conversation));
        var linked = await bot.BotFramework.WaitForCallAsync(c => IsTo(c, conversation) && c.Body.Contains("now drives", StringComparison.Ordinal));
        Assert.Contains("'Retain our drivers' now drives 'Keep our shippers'", Relaxed(linked.Json!), StringComparison.Ordinal);

        // Slack: thresholds on the new KPI, then a KPI retired and the retirement undone.
        var threshold = await SlackAsync("threshold \"Detention hours\" amber 2.5 red 3");
        Assert.Contains("Thresholds of 'Detention hours' set", threshold, StringComparison.Ordinal);
        var retired = await SlackAsync("kpi retire \"Cargo claims rate\"");
        Assert.Contains("KPI 'Cargo claims rate' retired", retired, StringComparison.Ordinal);
        Assert.NotNull((await KpiAsync("claims-rate"))!.RetiredAt);
        var undone = await SlackAsync("undo");
        Assert.Contains("Undone: KPI 'Cargo claims rate' retired", undone, StringComparison.Ordinal);
        Assert.Null((await KpiAsync("claims-rate"))!.RetiredAt);

        // An owner may change none of it; nothing changes.
        var refused = await PostActivityAsync(TeamsMessage("kpi retire \"Detention hours\"", RachelAad, "a:rachel-" + Guid.NewGuid().ToString("N")));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        await bot.BotFramework.WaitForCallAsync(c => c.Body.Contains("Only a scorecard manager or admin can change a scorecard", StringComparison.Ordinal));
        Assert.Null((await KpiAsync("detention-hours"))!.RetiredAt);

        // Every change is in the audit trail under Marcus's name.
        await using (var scope = bot.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
            var org = await OrganizationIdAsync();
            var changes = await db.AuditEntries.AsNoTracking().Where(e => e.OrganizationId == org && e.Subject == "ScorecardEdit").OrderBy(e => e.Id).ToListAsync();
            Assert.Equal(["kpi add", "link", "threshold", "kpi retire", "undo"], changes.Select(e => e.Change));
            Assert.All(changes, e => Assert.Equal("Marcus Reed", e.ActorName));
        }

        // Teams: export in the 1:1 chat asks to send the file (a file consent card); on Allow the file goes
        // to the OneDrive upload URL Teams gave, and a file info card shows it. It is the organization's definition as built.
        var expected = await ExportAsync();
        Assert.Contains("key: detention-hours", expected, StringComparison.Ordinal);
        Assert.Contains("{cause: retain-drivers, effect: keep-shippers}", expected, StringComparison.Ordinal);
        await PostActivityAsync(TeamsMessage("export", MarcusAad, conversation));
        var asked = await bot.BotFramework.WaitForCallAsync(c => IsTo(c, conversation) && FileConsent.CardOf(c) is not null);
        var consentCard = FileConsent.CardOf(asked)!;
        Assert.Equal("prairie-line-logistics.yaml", consentCard["name"]!.GetValue<string>());
        Assert.Equal(Encoding.UTF8.GetByteCount(expected), consentCard["content"]!["sizeInBytes"]!.GetValue<long>());
        var accepted = await PostActivityAsync(FileConsent.Answer(TeamsMessage("", MarcusAad, conversation), consentCard, "accept",
            bot.BotFramework.UploadUrl("prairie-line-logistics.yaml"), "1150D938-8870-4044-9F2C-5BBDEBA70C8C"));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(expected, bot.BotFramework.Uploads.Single(u => u.Name == "prairie-line-logistics.yaml").Body);
        await bot.BotFramework.WaitForCallAsync(c => IsTo(c, conversation) && c.Body.Contains(FileConsent.FileInfoCardType, StringComparison.Ordinal));

        // Rachel, an owner, answers the same card: she may not export, so nothing is uploaded.
        var rachelChat = "a:rachel-consent-" + Guid.NewGuid().ToString("N");
        await PostActivityAsync(FileConsent.Answer(TeamsMessage("", RachelAad, rachelChat), consentCard, "accept", bot.BotFramework.UploadUrl("rachel.yaml"), "RACHEL"));
        await bot.BotFramework.WaitForCallAsync(c => IsTo(c, rachelChat) && c.Body.Contains("export the scorecard file", StringComparison.Ordinal));
        Assert.DoesNotContain(bot.BotFramework.Uploads, u => u.Name == "rachel.yaml");

        // Decline: a sentence, and nothing uploaded.
        var uploadsBefore = bot.BotFramework.Uploads.Count;
        var declined = await PostActivityAsync(FileConsent.Answer(TeamsMessage("", MarcusAad, conversation), consentCard, "decline", "", ""));
        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        await bot.BotFramework.WaitForCallAsync(c => IsTo(c, conversation) && c.Body.Contains("I did not send", StringComparison.Ordinal));
        Assert.Equal(uploadsBefore, bot.BotFramework.Uploads.Count);

        // An upload URL that is not a OneDrive/SharePoint host (nor an allowed one) gets nothing.
        await PostActivityAsync(FileConsent.Answer(TeamsMessage("", MarcusAad, conversation), consentCard, "accept", "https://attacker.example/upload", "EVIL"));
        await bot.BotFramework.WaitForCallAsync(c => IsTo(c, conversation) && c.Body.Contains("somewhere I don't send files to", StringComparison.Ordinal));
        Assert.Single(bot.BotFramework.Uploads, u => u.Name == "prairie-line-logistics.yaml");

        // Slack: export in the direct message uploads the file (files.getUploadURLExternal, the upload, files.completeUploadExternal).
        await SlackAsync("export");
        await bot.Slack.WaitForCallAsync("files.completeUploadExternal");
        var upload = bot.Slack.Calls.Last(c => c.Method.StartsWith("upload:", StringComparison.Ordinal));
        Assert.Equal(expected, upload.Body);
        Assert.Contains(bot.Slack.Calls, c => c.Method == "files.getUploadURLExternal" && c.Body.Contains("prairie-line-logistics.yaml", StringComparison.Ordinal));
    }

    private async Task<Guid> OrganizationIdAsync()
    {
        await using var scope = bot.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        return (await db.Organizations.AsNoTracking().SingleAsync(o => o.Name == BotUnderTest.Logistics)).Id;
    }

    private async Task<Kpi?> KpiAsync(string key)
    {
        var org = await OrganizationIdAsync();
        await using var scope = bot.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        return await db.Kpis.AsNoTracking().SingleOrDefaultAsync(k => k.OrganizationId == org && k.Key == key);
    }

    private async Task<string> ExportAsync()
    {
        var org = await OrganizationIdAsync();
        await using var scope = bot.Scope();
        return await scope.ServiceProvider.GetRequiredService<ScorecardAsCode>().ExportAsync(org);
    }

    private static bool IsTo(ConnectorCall call, string conversationId) =>
        call.RawTarget.StartsWith("/connector/v3/conversations/" + Uri.EscapeDataString(conversationId) + "/", StringComparison.Ordinal);

    private async Task<HttpResponseMessage> PostActivityAsync(JsonObject activity)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bot.BotFramework.IssueToken(bot.BotFramework.ServiceUrl));
        return await bot.Client.SendAsync(request);
    }

    private JsonObject TeamsMessage(string text, string aadObjectId, string conversationId) => new()
    {
        ["type"] = "message",
        ["id"] = "1571689431275",
        ["channelId"] = "msteams",
        ["serviceUrl"] = bot.BotFramework.ServiceUrl,
        ["timestamp"] = "2026-11-22T23:38:47.294Z",
        ["text"] = text,
        ["textFormat"] = "plain",
        ["locale"] = "en-US",
        ["from"] = new JsonObject { ["id"] = "29:user-" + aadObjectId, ["name"] = "Someone", ["aadObjectId"] = aadObjectId },
        ["recipient"] = new JsonObject { ["id"] = "28:" + FakeBotFramework.AppId, ["name"] = "ScorecardBot" },
        ["conversation"] = new JsonObject { ["conversationType"] = "personal", ["tenantId"] = BotUnderTest.TenantA, ["id"] = conversationId },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = BotUnderTest.TenantA } },
    };

    /// <summary>The card's button as Teams sends it: an Action.Execute invoke with the action's data and the inputs' values.</summary>
    private JsonObject EditInvoke(string aadObjectId, string conversationId, string command, Dictionary<string, string> inputs) =>
        EditCardPress.Teams(TeamsMessage("", aadObjectId, conversationId), command, inputs, "1795390707612");

    /// <summary>A /scorecard command of Marcus's in his direct message with the bot, signed as Slack signs it; the answer's text.</summary>
    private async Task<string> SlackAsync(string text)
    {
        var body = string.Join('&', new[]
        {
            ("token", "legacy-token"), ("team_id", BotUnderTest.SlackTeam), ("team_domain", "prairieline"), ("channel_id", "D0DIRECT"),
            ("channel_name", "directmessage"), ("user_id", "U0MARCUS"), ("user_name", "marcus"), ("command", "/scorecard"), ("text", text),
            ("response_url", bot.Slack.HookUrl("commands/" + Guid.NewGuid().ToString("N"))), ("trigger_id", "1.2.3"), ("api_app_id", "A0APP"),
        }.Select(f => $"{Uri.EscapeDataString(f.Item1)}={Uri.EscapeDataString(f.Item2)}"));
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(BotUnderTest.SlackSecret), Encoding.UTF8.GetBytes($"v0:{ts}:{body}")));
        using var request = new HttpRequestMessage(HttpMethod.Post, "slack/commands") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        request.Headers.Add("X-Slack-Request-Timestamp", ts);
        request.Headers.Add("X-Slack-Signature", signature);
        var response = await bot.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["text"]!.GetValue<string>();
    }

    /// <summary>JSON as people read it: apostrophes and quotes not escaped.</summary>
    private static string Relaxed(JsonNode json) =>
        json.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
