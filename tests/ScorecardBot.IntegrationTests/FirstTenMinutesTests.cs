using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Onboarding;
using ScorecardBot.Data;
using ScorecardBot.Data.AsCode;
using ScorecardBot.IntegrationTests.Fakes;
using ScorecardBot.IntegrationTests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace ScorecardBot.IntegrationTests;

/// <summary>
/// A team's first ten minutes, in one sequence per door, with nobody on the server: an unclaimed
/// tenant or workspace installs, sets up from the template, adds two people by mention, adds a KPI
/// through the card that asks for the missing pieces, retires one, links two objectives, sends a
/// file with two problems (nothing changes; both reported with line and column) and then a clean
/// one, and exports: the exported file, parsed, is the scorecard the database holds. A second
/// install and a foreign tenant's attempt change nothing. Judged only by what reaches the fake
/// Teams and Slack servers and what the database holds.
/// </summary>
public sealed partial class FirstTenMinutesTests(OpenOnboardingBot bot) : OnboardingTestsBase(bot), IClassFixture<OpenOnboardingBot>
{
    [Fact]
    public async Task In_Teams_a_new_tenant_builds_its_scorecard_in_chat_and_the_export_is_what_the_database_holds()
    {
        var tenant = NewTenant();
        var installer = Member(tenant, "Ines Admin", "ines@first-ten.example");
        var conversation = "a:personal-" + installer;

        // Install: the set-up card reaches Teams; nothing is created yet.
        await PostAsync(Installed(tenant, installer));
        Assert.Contains(OnboardingActions.SetUp, await ReplyToAsync(conversation), StringComparison.Ordinal);
        Assert.Empty(await OrganizationsOfAsync(tenant));

        // Set up from the template.
        var pressed = await PostAsync(SetUpPressed(tenant, installer, "First Ten Co", OnboardingActions.Template));
        Assert.Contains("First Ten Co is set up", await pressed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var organization = Assert.Single(await OrganizationsOfAsync(tenant));

        // Two people by mention, resolved through Teams' member records.
        var ana = Member(tenant, "Ana Costa", "ana.costa@first-ten.example");
        var ben = Member(tenant, "Ben Okoro", "ben.okoro@first-ten.example");
        await PostAsync(Mentioning("people add", ana, "Ana Costa", " role owner", tenant, installer, conversation));
        await ReplyWithAsync(conversation, "Added Ana Costa (ana.costa@first-ten.example) to First Ten Co as owner");
        await PostAsync(Mentioning("people add", ben, "Ben Okoro", " role viewer", tenant, installer, conversation));
        await ReplyWithAsync(conversation, "Added Ben Okoro (ben.okoro@first-ten.example) to First Ten Co as viewer");

        // A KPI with pieces missing: its card comes back holding what was typed; nothing is added until it is sent.
        await PostAsync(Message("kpi add \"Complaints per 1000 orders\" objective \"Keep our customers\" unit count", tenant, installer, conversation));
        var card = await ReplyWithAsync(conversation, CardActions.Edit);
        Assert.Contains("Complaints per 1000 orders", card, StringComparison.Ordinal);
        Assert.Contains("keep-customers", card, StringComparison.Ordinal);
        Assert.Null(await KpiAsync(organization.Id, "complaints-per-1000-orders"));
        var submitted = await PostAsync(EditInvoke(tenant, installer, conversation, "KpiAdd", new()
        {
            ["name"] = "Complaints per 1000 orders", ["objective"] = "keep-customers", ["unit"] = "count", ["direction"] = "down",
            ["target"] = "3", ["owner"] = "ana.costa@first-ten.example", ["indicator"] = "leading",
        }));
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Contains("added to objective", await submitted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var added = await KpiAsync(organization.Id, "complaints-per-1000-orders");
        Assert.NotNull(added);
        Assert.Equal((Direction.LowerIsBetter, "count"), (added.Direction, added.Unit));

        // Retire one, link two objectives.
        await PostAsync(Message("kpi retire \"Net promoter score\"", tenant, installer, conversation));
        await ReplyWithAsync(conversation, "retired");
        await PostAsync(Message("link \"Keep our people\" -> \"Get it right the first time\"", tenant, installer, conversation));
        await ReplyWithAsync(conversation, "now drives");
        Assert.NotNull((await KpiAsync(organization.Id, "nps"))!.RetiredAt);

        // A file with two problems: both reported with line and column, nothing changes.
        var built = await ExportAsync(organization.Id);
        var broken = WithTwoProblems(built);
        var expectedProblems = await ImportProblemsAsync(broken, "broken.yaml", organization.Id);
        Assert.Equal(2, expectedProblems.Count);
        await PostAsync(FileSent("broken.yaml", broken, tenant, installer, conversation));
        var refusal = await ReplyWithAsync(conversation, "has 2 problems; I changed nothing");
        Assert.All(expectedProblems, p => Assert.Contains(p, refusal, StringComparison.Ordinal));
        Assert.Equal(2, LineAndColumn().Matches(refusal).Select(m => m.Value).Distinct().Count());
        Assert.Equal(built, await ExportAsync(organization.Id));

        // Then a clean one: a KPI renamed in the file.
        var clean = built.Replace("name: Training hours per employee\n", "name: Training hours per person\n", StringComparison.Ordinal);
        Assert.NotEqual(built, clean);
        await PostAsync(FileSent("scorecard.yaml", clean, tenant, installer, conversation));
        await ReplyWithAsync(conversation, "Imported scorecard.yaml");
        Assert.Equal("Training hours per person", (await KpiAsync(organization.Id, "training-hours"))!.Name);

        // Export in the 1:1 chat: the file Teams receives, parsed, is the scorecard in the database.
        await PostAsync(Message("export", tenant, installer, conversation));
        var exported = await ExportedThroughTeamsAsync(tenant, installer, conversation);
        var fromFile = Parse(exported);
        Assert.Equal(await FromDatabaseAsync(organization.Id), fromFile);
        Assert.Contains(fromFile.Kpis, k => k is { Key: "complaints-per-1000-orders", Owner: "ana.costa@first-ten.example", Direction: "lower_is_better", Retired: false });
        Assert.Contains(fromFile.Kpis, k => k is { Key: "nps", Retired: true });
        Assert.Contains(fromFile.Kpis, k => k is { Key: "training-hours", Name: "Training hours per person" });
        Assert.Contains(("keep-people", "get-it-right"), fromFile.Links);

        // A second install (another person of the tenant) and a foreign tenant's attempts change nothing.
        var second = Member(tenant, "Sid Second", "sid@first-ten.example");
        await PostAsync(Installed(tenant, second));
        var again = await PostAsync(SetUpPressed(tenant, second, "Hijack Co", OnboardingActions.Logistics));
        Assert.Contains("not set up for you", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var foreignTenant = NewTenant();
        var mallory = Member(foreignTenant, "Mallory", "ines@first-ten.example");
        await PostAsync(SetUpPressed(foreignTenant, mallory, "Take over", OnboardingActions.Empty, extra: new JsonObject { ["tenantId"] = tenant }));
        await PostAsync(Message("kpi retire \"Revenue\"", foreignTenant, mallory, "a:mallory-" + mallory));
        await PostAsync(Message("export", foreignTenant, mallory, "a:mallory-" + mallory));
        var spoofed = await PostAsync(EditInvoke(foreignTenant, installer, conversation, "KpiRetire", new() { ["kpi"] = "revenue" }));
        Assert.Equal(HttpStatusCode.OK, spoofed.StatusCode);
        Assert.DoesNotContain("retired", await spoofed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var uploadsBefore = Bot.BotFramework.Uploads.Count;
        var foreignCard = new JsonObject { ["name"] = "first-ten-co.yaml", ["content"] = new JsonObject { ["acceptContext"] = new JsonObject { ["kind"] = "export" } } };
        var consent = await PostAsync(FileConsent.Answer(Message("", foreignTenant, installer, conversation), foreignCard, "accept", Bot.BotFramework.UploadUrl("stolen.yaml"), "STOLEN"));
        Assert.Equal(HttpStatusCode.OK, consent.StatusCode);
        await ReplyToAsync("a:mallory-" + mallory, 2);

        var organizations = await OrganizationsOfAsync(tenant);
        Assert.Equal((organization.Id, "First Ten Co"), (Assert.Single(organizations).Id, organizations[0].Name));
        var foreign = Assert.Single(await OrganizationsOfAsync(foreignTenant));
        Assert.NotEqual(organization.Id, foreign.Id);
        Assert.Equal(0, await DbAsync(db => db.Scorecards.CountAsync(s => s.OrganizationId == foreign.Id)));
        Assert.Equal(3, await DbAsync(db => db.People.CountAsync(p => p.OrganizationId == organization.Id)));
        Assert.Null((await KpiAsync(organization.Id, "revenue"))!.RetiredAt);
        Assert.Equal(exported, await ExportAsync(organization.Id));
        Assert.DoesNotContain(Bot.BotFramework.Calls, c => c.ConversationId == "a:mallory-" + mallory && c.Body.Contains("complaints-per-1000-orders", StringComparison.Ordinal));
        Assert.DoesNotContain(Bot.BotFramework.Uploads.Skip(uploadsBefore), u => u.Body.Contains("complaints-per-1000-orders", StringComparison.Ordinal));
    }

    [Fact]
    public async Task In_Slack_a_new_workspace_builds_its_scorecard_in_chat_and_the_export_is_what_the_database_holds()
    {
        var team = "T" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        var sam = SlackUser("sam@slack-ten.example", ("Sam Setup", "Europe/Lisbon", "pt-PT"));
        const string Form = "application/x-www-form-urlencoded";

        // Install: the first word to the bot gets the set-up card; nothing is created yet.
        var greeting = await PostSlackAsync("slack/commands", SlashCommand(team, sam, "help"), Form);
        Assert.Contains(OnboardingActions.SetUp, await greeting.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await SlackOrganizationAsync(team));

        // Set up from the template: time zone and locale from users.info.
        var submitted = await PostSlackAsync("slack/interactions", Payload(SetUpSubmitted(team, sam, "Slack Ten Co", OnboardingActions.Template)), Form);
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        var organization = (await SlackOrganizationAsync(team))!;
        Assert.Equal(("Slack Ten Co", "Europe/Lisbon", "pt-PT"), (organization.Name, organization.TimeZoneId, organization.Locale));

        // Two people by mention, resolved with users.info.
        var ana = SlackUser("ana@slack-ten.example");
        var ben = SlackUser("ben@slack-ten.example");
        Assert.Contains("Added", await SlackTextAsync(team, sam, $"people add <@{ana}|ana> role owner"), StringComparison.Ordinal);
        Assert.Contains("Added", await SlackTextAsync(team, sam, $"people add <@{ben}|ben> role viewer"), StringComparison.Ordinal);
        var people = await DbAsync(db => db.People.AsNoTracking().Include(p => p.Accounts).Where(p => p.OrganizationId == organization.Id).ToListAsync());
        Assert.Equal(
            [("ana@slack-ten.example", Role.Owner, ana), ("ben@slack-ten.example", Role.Viewer, ben)],
            people.Where(p => p.Role != Role.Admin).OrderBy(p => p.Email, StringComparer.Ordinal).Select(p => (p.Email, p.Role, Assert.Single(p.Accounts).ExternalId)));

        // A KPI with pieces missing: the answer's button opens a modal (views.open with the press's trigger_id)
        // holding what was typed; its submission adds the KPI.
        var asked = await PostSlackAsync("slack/commands", SlashCommand(team, sam, "kpi add \"Complaints per 1000 orders\" objective \"Keep our customers\" unit count"), Form);
        var answer = JsonNode.Parse(await asked.Content.ReadAsStringAsync())!;
        var opener = Buttons(answer["blocks"]).Single(b => b["action_id"]!.GetValue<string>().StartsWith("sc.form:", StringComparison.Ordinal));
        Assert.Null(await KpiAsync(organization.Id, "complaints-per-1000-orders"));
        var opens = Bot.Slack.Calls.Count(c => c.Method == "views.open");
        var pressed = await PostSlackAsync("slack/interactions", Payload(new JsonObject
        {
            ["type"] = "block_actions",
            ["team"] = new JsonObject { ["id"] = team },
            ["user"] = new JsonObject { ["id"] = sam, ["team_id"] = team },
            ["trigger_id"] = "13345224609.738474920.8088930838d88f008e0",
            ["channel"] = new JsonObject { ["id"] = "D0SETUP" },
            ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = "1700000200.000100", ["channel_id"] = "D0SETUP", ["is_ephemeral"] = true },
            ["actions"] = new JsonArray(new JsonObject { ["type"] = "button", ["action_id"] = opener["action_id"]!.DeepClone(), ["value"] = opener["value"]!.DeepClone(), ["action_ts"] = "1700000201.1" }),
            ["response_url"] = Bot.Slack.HookUrl("actions/" + Guid.NewGuid().ToString("N")),
        }), Form);
        Assert.Equal(HttpStatusCode.OK, pressed.StatusCode);
        var open = await Bot.Slack.WaitForCallAsync("views.open", opens + 1);
        var openFields = FakeSlackApi.Fields(open);
        Assert.Equal("13345224609.738474920.8088930838d88f008e0", openFields["trigger_id"]!.ToString());
        var view = openFields["view"] is JsonValue text ? JsonNode.Parse(text.GetValue<string>())!.AsObject() : openFields["view"]!.AsObject();
        Assert.Contains("Complaints per 1000 orders", view.ToJsonString(), StringComparison.Ordinal);
        var filled = await PostSlackAsync("slack/interactions", Payload(Submission(team, sam, view, new()
        {
            ["name"] = "Complaints per 1000 orders", ["objective"] = "keep-customers", ["unit"] = "count", ["direction"] = "down",
            ["target"] = "3", ["owner"] = "ana@slack-ten.example", ["indicator"] = "leading",
        }, ana)), Form);
        Assert.Equal(HttpStatusCode.OK, filled.StatusCode);
        var errors = await filled.Content.ReadAsStringAsync();
        Assert.DoesNotContain("errors", errors, StringComparison.Ordinal);
        var added = await KpiAsync(organization.Id, "complaints-per-1000-orders");
        Assert.NotNull(added);
        Assert.Equal((Direction.LowerIsBetter, "count", IndicatorType.Leading), (added.Direction, added.Unit, added.Indicator));
        Assert.Equal(people.Single(p => p.Email == "ana@slack-ten.example").Id, added.OwnerId);

        // Retire one, link two objectives.
        Assert.Contains("retired", await SlackTextAsync(team, sam, "kpi retire \"Net promoter score\""), StringComparison.Ordinal);
        Assert.Contains("now drives", await SlackTextAsync(team, sam, "link \"Keep our people\" -> \"Get it right the first time\""), StringComparison.Ordinal);

        // A file with two problems shared with the bot: both reported with line and column, nothing changes.
        var built = await ExportAsync(organization.Id);
        var broken = WithTwoProblems(built);
        var expectedProblems = await ImportProblemsAsync(broken, "slack-broken.yaml", organization.Id);
        Assert.Equal(2, expectedProblems.Count);
        var brokenId = "F" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        Bot.Slack.SharedFiles[brokenId] = ("slack-broken.yaml", broken);
        await PostSlackAsync("slack/events", FileShared(team, sam, brokenId).ToJsonString(), "application/json");
        var refusal = await WaitForSlackTextAsync("has 2 problems");
        Assert.All(expectedProblems, p => Assert.Contains(p, refusal, StringComparison.Ordinal));
        Assert.Equal(built, await ExportAsync(organization.Id));

        // Then a clean one.
        var cleanId = "F" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        Bot.Slack.SharedFiles[cleanId] = ("slack-clean.yaml", built.Replace("name: Training hours per employee\n", "name: Training hours per person\n", StringComparison.Ordinal));
        await PostSlackAsync("slack/events", FileShared(team, sam, cleanId).ToJsonString(), "application/json");
        await WaitForSlackTextAsync("Imported slack-clean.yaml");
        Assert.Equal("Training hours per person", (await KpiAsync(organization.Id, "training-hours"))!.Name);

        // Export in the direct message: the file uploaded to Slack, parsed, is the scorecard in the database.
        var completes = Bot.Slack.Calls.Count(c => c.Method == "files.completeUploadExternal");
        await SlackTextAsync(team, sam, "export");
        await Bot.Slack.WaitForCallAsync("files.completeUploadExternal", completes + 1);
        var exported = Bot.Slack.Calls.Last(c => c.Method.StartsWith("upload:", StringComparison.Ordinal)).Body;
        Assert.Contains(Bot.Slack.Calls, c => c.Method == "files.getUploadURLExternal" && c.Body.Contains("slack-ten-co.yaml", StringComparison.Ordinal));
        var fromFile = Parse(exported);
        Assert.Equal(await FromDatabaseAsync(organization.Id), fromFile);
        Assert.Contains(fromFile.Kpis, k => k is { Key: "complaints-per-1000-orders", Owner: "ana@slack-ten.example", Direction: "lower_is_better", Retired: false });
        Assert.Contains(fromFile.Kpis, k => k is { Key: "nps", Retired: true });
        Assert.Contains(fromFile.Kpis, k => k is { Key: "training-hours", Name: "Training hours per person" });
        Assert.Contains(("keep-people", "get-it-right"), fromFile.Links);

        // A second install (another person of the workspace sets up) and another workspace's attempts change nothing.
        var sid = SlackUser("sid@slack-ten.example");
        var again = await PostSlackAsync("slack/interactions", Payload(SetUpSubmitted(team, sid, "Hijack Co", OnboardingActions.Logistics)), Form);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var otherTeam = "T" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        Assert.DoesNotContain("retired", await SlackTextAsync(otherTeam, sam, "kpi retire \"Revenue\""), StringComparison.Ordinal);
        var replayed = await PostSlackAsync("slack/interactions", Payload(Submission(otherTeam, sam, view, new()
        {
            ["name"] = "Stolen KPI", ["objective"] = "keep-customers", ["unit"] = "count", ["direction"] = "up", ["target"] = "1", ["owner"] = "ana@slack-ten.example", ["indicator"] = "lagging",
        }, ana)), Form);
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        await PostSlackAsync("slack/interactions", Payload(SetUpSubmitted(otherTeam, sam, "Take over", OnboardingActions.Empty)), Form);

        Assert.Equal(1, await DbAsync(db => db.Organizations.CountAsync(o => o.SlackTeamId == team)));
        Assert.Equal("Slack Ten Co", (await SlackOrganizationAsync(team))!.Name);
        Assert.Equal(3, await DbAsync(db => db.People.CountAsync(p => p.OrganizationId == organization.Id))); // Sam, Ana, Ben: not Sid
        Assert.Null(await KpiAsync(organization.Id, "stolen-kpi"));
        Assert.Null((await KpiAsync(organization.Id, "revenue"))!.RetiredAt);
        if (await SlackOrganizationAsync(otherTeam) is { } other)
        {
            Assert.NotEqual(organization.Id, other.Id);
            Assert.Equal(0, await DbAsync(db => db.Scorecards.CountAsync(s => s.OrganizationId == other.Id)));
        }

        Assert.Equal(exported, await ExportAsync(organization.Id));
    }

    /// <summary>A Slack user of the fake whose users.info shows this e-mail (and profile).</summary>
    private string SlackUser(string email, (string Name, string Tz, string Locale)? profile = null)
    {
        var id = "U" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        Bot.Slack.Emails[id] = email;
        if (profile is { } p)
        {
            Bot.Slack.Profiles[id] = p;
        }

        return id;
    }

    private static string Payload(JsonObject payload) => "payload=" + Uri.EscapeDataString(payload.ToJsonString());

    /// <summary>The text of a /scorecard command's direct answer.</summary>
    private async Task<string> SlackTextAsync(string team, string user, string text)
    {
        var response = await PostSlackAsync("slack/commands", SlashCommand(team, user, text), "application/x-www-form-urlencoded");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        return body.Length == 0 ? "" : JsonNode.Parse(body)!["text"]?.GetValue<string>() ?? body;
    }

    private Task<Organization?> SlackOrganizationAsync(string team) =>
        DbAsync(db => db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.SlackTeamId == team));

    private static IEnumerable<JsonNode> Buttons(JsonNode? blocks) =>
        blocks?.AsArray().Where(b => b?["type"]?.GetValue<string>() == "actions").SelectMany(b => b!["elements"]!.AsArray()).OfType<JsonNode>() ?? [];

    /// <summary>
    /// The modal submitted as Slack submits it: the view's callback and private metadata as opened, and
    /// each input block's value in state.values (a select's chosen option, a user picker's user).
    /// </summary>
    private static JsonObject Submission(string team, string user, JsonObject view, Dictionary<string, string> values, string slackUserForOwner)
    {
        var state = new JsonObject();
        foreach (var block in view["blocks"]!.AsArray().Where(b => b?["type"]?.GetValue<string>() == "input"))
        {
            var blockId = block!["block_id"]!.GetValue<string>();
            var element = block["element"]!;
            if (!values.TryGetValue(blockId, out var wanted))
            {
                continue;
            }

            var type = element["type"]!.GetValue<string>();
            JsonObject entry = type switch
            {
                "static_select" => new JsonObject
                {
                    ["type"] = type,
                    ["selected_option"] = new JsonObject
                    {
                        ["value"] = element["options"]!.AsArray().Select(o => o!["value"]!.GetValue<string>())
                            .FirstOrDefault(v => v.Equals(wanted, StringComparison.OrdinalIgnoreCase) || v.StartsWith(wanted, StringComparison.OrdinalIgnoreCase)) ?? wanted,
                    },
                },
                "users_select" => new JsonObject { ["type"] = type, ["selected_user"] = slackUserForOwner },
                _ => new JsonObject { ["type"] = type, ["value"] = wanted },
            };
            state[blockId] = new JsonObject { [element["action_id"]!.GetValue<string>()] = entry };
        }

        return new JsonObject
        {
            ["type"] = "view_submission",
            ["team"] = new JsonObject { ["id"] = team },
            ["user"] = new JsonObject { ["id"] = user, ["team_id"] = team },
            ["trigger_id"] = "13345224609.738474920.8088930838d88f008e1",
            ["view"] = new JsonObject
            {
                ["id"] = "V0001",
                ["type"] = "modal",
                ["callback_id"] = view["callback_id"]!.DeepClone(),
                ["private_metadata"] = view["private_metadata"]!.DeepClone(),
                ["blocks"] = view["blocks"]!.DeepClone(),
                ["state"] = new JsonObject { ["values"] = state },
            },
        };
    }

    /// <summary>
    /// The export as it reaches the person in Teams: a file consent card; on Allow, the file PUT to the
    /// OneDrive upload URL Teams gave (without the bot's token), and a file info card in the chat.
    /// </summary>
    private async Task<string> ExportedThroughTeamsAsync(string tenant, string aad, string conversation)
    {
        var call = await Bot.BotFramework.WaitForCallAsync(c => c.ConversationId == conversation && FileConsent.CardOf(c) is not null);
        var card = FileConsent.CardOf(call)!;
        Assert.Equal("first-ten-co.yaml", card["name"]!.GetValue<string>());
        Assert.DoesNotContain("data:", call.Body, StringComparison.Ordinal); // the file itself is not in the chat message
        var size = card["content"]!["sizeInBytes"]!.GetValue<long>();

        var uniqueId = Guid.NewGuid().ToString().ToUpperInvariant();
        var uploads = Bot.BotFramework.Uploads.Count;
        var accepted = await PostAsync(FileConsent.Answer(Message("", tenant, aad, conversation), card, "accept", Bot.BotFramework.UploadUrl("first-ten-co.yaml"), uniqueId));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var upload = Assert.Single(Bot.BotFramework.Uploads.Skip(uploads));
        Assert.Equal("first-ten-co.yaml", upload.Name);
        Assert.Equal(size, Encoding.UTF8.GetByteCount(upload.Body));
        Assert.Equal($"bytes 0-{size - 1}/{size}", upload.ContentRange);
        Assert.Equal("", upload.Authorization);

        var shown = await Bot.BotFramework.WaitForCallAsync(c => c.ConversationId == conversation && c.Body.Contains(FileConsent.FileInfoCardType, StringComparison.Ordinal));
        var info = shown.Json!["attachments"]!.AsArray().Single()!;
        Assert.Equal((uniqueId, "yaml", "first-ten-co.yaml"), (info["content"]!["uniqueId"]!.GetValue<string>(), info["content"]!["fileType"]!.GetValue<string>(), info["name"]!.GetValue<string>()));
        return upload.Body;
    }

    /// <summary>Two problems in an exported file: a KPI pointing at an objective that does not exist, and a frequency the file does not know.</summary>
    private static string WithTwoProblems(string exported)
    {
        var broken = ReplaceOnce(exported, "objective: grow-revenue\n", "objective: grow-revenu\n");
        return ReplaceOnce(broken, "key: training-hours\n", "key: training-hours\n        frequency: fortnightly\n");
    }

    private static string ReplaceOnce(string text, string what, string with)
    {
        var at = text.IndexOf(what, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{what.Trim()}' is not in the file");
        return string.Concat(text.AsSpan(0, at), with, text.AsSpan(at + what.Length));
    }

    [GeneratedRegex(@"\.yaml:\d+:\d+")]
    private static partial Regex LineAndColumn();

    private JsonObject EditInvoke(string tenant, string aad, string conversation, string command, Dictionary<string, string> inputs) =>
        EditCardPress.Teams(Message("", tenant, aad, conversation), command, inputs, "1795390707613");

    private Task<Kpi?> KpiAsync(Guid organizationId, string key) =>
        DbAsync(db => db.Kpis.AsNoTracking().SingleOrDefaultAsync(k => k.OrganizationId == organizationId && k.Key == key));

    private async Task<string> ExportAsync(Guid organizationId)
    {
        await using var scope = Bot.Scope();
        return await scope.ServiceProvider.GetRequiredService<ScorecardAsCode>().ExportAsync(organizationId);
    }

    private async Task<List<string>> ImportProblemsAsync(string text, string name, Guid organizationId)
    {
        await using var scope = Bot.Scope();
        var importer = scope.ServiceProvider.GetRequiredService<ScorecardImporter>();
        var e = await Assert.ThrowsAsync<AsCodeImportException>(() => importer.ImportTextAsync(text, name, null, organizationId, OrganizationBlock.KeepIdentity));
        return [.. e.Problems.Select(p => p.ToString())];
    }

    /// <summary>What a scorecard is made of, as the file says it and as the database holds it.</summary>
    private sealed record Built(string Key, string Name, List<(string Key, string Name, string Perspective)> Objectives, List<(string Cause, string Effect)> Links, List<BuiltKpi> Kpis)
    {
        public bool Equals(Built? other) => other is not null && (Key, Name) == (other.Key, other.Name)
            && Objectives.SequenceEqual(other.Objectives) && Links.SequenceEqual(other.Links) && Kpis.SequenceEqual(other.Kpis);

        public override int GetHashCode() => HashCode.Combine(Key, Name);

        public override string ToString() => $"{Key} '{Name}': objectives {string.Join(", ", Objectives)}; links {string.Join(", ", Links)}; KPIs {string.Join(", ", Kpis)}";
    }

    private sealed record BuiltKpi(string Key, string Name, string Objective, string? Unit, string Direction, string? Owner, bool Retired, string Targets);

    private static Built Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var scorecard = (YamlMappingNode)Assert.Single(((YamlSequenceNode)root["scorecards"]).Children);
        static string? Text(YamlMappingNode node, string key) => node.Children.TryGetValue(new YamlScalarNode(key), out var v) ? ((YamlScalarNode)v).Value : null;
        static IEnumerable<YamlMappingNode> Items(YamlMappingNode node, string key) =>
            node.Children.TryGetValue(new YamlScalarNode(key), out var v) ? ((YamlSequenceNode)v).Children.Cast<YamlMappingNode>() : [];
        return new Built(
            Text(scorecard, "key")!,
            Text(scorecard, "name")!,
            [.. Items(scorecard, "objectives").Select(o => (Text(o, "key")!, Text(o, "name")!, Text(o, "perspective")!)).Order()],
            [.. Items(scorecard, "links").Select(l => (Text(l, "cause")!, Text(l, "effect")!)).Order()],
            [.. Items(scorecard, "kpis").Select(k => new BuiltKpi(
                Text(k, "key")!, Text(k, "name")!, Text(k, "objective")!, Text(k, "unit"), Text(k, "direction") ?? "higher_is_better", Text(k, "owner"),
                Text(k, "retired") == "true",
                string.Join("; ", k.Children.TryGetValue(new YamlScalarNode("targets"), out var t)
                    ? ((YamlMappingNode)t).Children.Select(p => $"{p.Key}={Number(p.Value is YamlMappingNode m ? Text(m, "value")! : ((YamlScalarNode)p.Value).Value!)}").Order()
                    : [])))
                .OrderBy(k => k.Key, StringComparer.Ordinal)]);
    }

    private Task<Built> FromDatabaseAsync(Guid organizationId) => DbAsync(async db =>
    {
        var scorecard = await db.Scorecards.AsNoTracking().Include(s => s.Perspectives).Include(s => s.Objectives).Include(s => s.Links)
            .Include(s => s.Kpis).ThenInclude(k => k.Targets).SingleAsync(s => s.OrganizationId == organizationId);
        var people = await db.People.AsNoTracking().Where(p => p.OrganizationId == organizationId).ToDictionaryAsync(p => p.Id, p => p.Email);
        var objectives = scorecard.Objectives.ToDictionary(o => o.Id);
        var perspectives = scorecard.Perspectives.ToDictionary(p => p.Id, p => p.Name);
        return new Built(
            scorecard.Key,
            scorecard.Name,
            [.. scorecard.Objectives.Select(o => (o.Key, o.Name, perspectives[o.PerspectiveId])).Order()],
            [.. scorecard.Links.Select(l => (objectives[l.CauseObjectiveId].Key, objectives[l.EffectObjectiveId].Key)).Order()],
            [.. scorecard.Kpis.Select(k => new BuiltKpi(
                k.Key, k.Name, objectives[k.ObjectiveId].Key, k.Unit, Snake(k.Direction.ToString()), k.OwnerId is { } owner ? people[owner] : null, k.RetiredAt is not null,
                string.Join("; ", k.Targets.Select(t => $"{t.Period}={t.Value.ToString("G29", CultureInfo.InvariantCulture)}").Order())))
                .OrderBy(k => k.Key, StringComparer.Ordinal)]);
    });

    private static string Number(string text) => decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture).ToString("G29", CultureInfo.InvariantCulture);

    private static string Snake(string name) => string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
