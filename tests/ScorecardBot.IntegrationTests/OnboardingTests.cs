using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Onboarding;
using ScorecardBot.Data;
using ScorecardBot.Data.AsCode;
using ScorecardBot.IntegrationTests.Fakes;
using ScorecardBot.IntegrationTests.Infrastructure;

namespace ScorecardBot.IntegrationTests;

/// <summary>The bot with Onboarding:Mode = open, and Teams files downloadable from the fake on loopback.</summary>
public sealed class OpenOnboardingBot : SqliteBot
{
    protected override void AdjustSettings(Dictionary<string, string?> settings)
    {
        settings["Onboarding:Mode"] = "open";
        settings["Teams:AllowedFileUrls:0"] = "http://127.0.0.1:*";
        settings["Slack:AllowedUploadUrlHosts:0"] = "127.0.0.1";
    }
}

/// <summary>The bot with Onboarding:Mode = invite.</summary>
public sealed class InviteOnboardingBot : SqliteBot
{
    protected override void AdjustSettings(Dictionary<string, string?> settings) => settings["Onboarding:Mode"] = "invite";
}

/// <summary>A team's first minutes in Teams, with nobody on the server: install, set up, add people, send a file.</summary>
public abstract class OnboardingTestsBase(BotUnderTest bot)
{
    protected BotUnderTest Bot { get; } = bot;

    protected static string NewTenant() => "tenant-" + Guid.NewGuid().ToString("N");

    /// <summary>A Teams user of <paramref name="tenant"/>, known to Teams' member records with this e-mail.</summary>
    protected string Member(string tenant, string name, string email)
    {
        var aad = "aad-" + Guid.NewGuid().ToString("N")[..12];
        Bot.BotFramework.Members["29:user-" + aad] = new { id = "29:user-" + aad, name, aadObjectId = aad, email, tenantId = tenant };
        return aad;
    }

    protected async Task<HttpResponseMessage> PostAsync(JsonObject activity)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Bot.BotFramework.IssueToken(Bot.BotFramework.ServiceUrl));
        return await Bot.Client.SendAsync(request);
    }

    protected JsonObject Message(string text, string tenant, string aad, string? conversation = null) => new()
    {
        ["type"] = "message",
        ["id"] = "1571689431" + Random.Shared.Next(100, 999),
        ["channelId"] = "msteams",
        ["serviceUrl"] = Bot.BotFramework.ServiceUrl,
        ["text"] = text,
        ["textFormat"] = "plain",
        ["locale"] = "de-DE",
        ["localTimezone"] = "Europe/Berlin",
        ["from"] = new JsonObject { ["id"] = "29:user-" + aad, ["name"] = "Someone", ["aadObjectId"] = aad },
        ["recipient"] = new JsonObject { ["id"] = "28:" + FakeBotFramework.AppId, ["name"] = "ScorecardBot" },
        ["conversation"] = new JsonObject { ["conversationType"] = "personal", ["tenantId"] = tenant, ["id"] = conversation ?? "a:personal-" + aad },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = tenant } },
    };

    /// <summary>The bot added to a personal scope, as Teams announces an install.</summary>
    protected JsonObject Installed(string tenant, string aad)
    {
        var activity = Message("", tenant, aad);
        activity.Remove("text");
        activity["type"] = "conversationUpdate";
        activity["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "28:" + FakeBotFramework.AppId });
        return activity;
    }

    /// <summary>The set-up card's button, with what was typed into it.</summary>
    protected JsonObject SetUpPressed(string tenant, string aad, string name, string start, string? code = null, JsonObject? extra = null)
    {
        var activity = Message("", tenant, aad);
        activity.Remove("text");
        activity["type"] = "invoke";
        activity["name"] = "adaptiveCard/action";
        activity["replyToId"] = "1795390707699";
        var data = new JsonObject { [OnboardingActions.Name] = name, [OnboardingActions.Start] = start };
        if (code is not null)
        {
            data[OnboardingActions.Code] = code;
        }

        foreach (var (key, value) in extra ?? [])
        {
            data[key] = value?.DeepClone();
        }

        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = OnboardingActions.SetUp, ["data"] = data },
            ["trigger"] = "manual",
        };
        return activity;
    }

    /// <summary>"people add @Name …" with Teams' mention entity.</summary>
    protected JsonObject Mentioning(string textBefore, string mentionedAad, string mentionedName, string textAfter, string tenant, string aad, string conversation)
    {
        var activity = Message($"{textBefore} <at>{mentionedName}</at>{textAfter}", tenant, aad, conversation);
        activity["entities"] = new JsonArray(new JsonObject
        {
            ["type"] = "mention",
            ["text"] = $"<at>{mentionedName}</at>",
            ["mentioned"] = new JsonObject { ["id"] = "29:user-" + mentionedAad, ["name"] = mentionedName },
        });
        return activity;
    }

    /// <summary>A file sent in the 1:1 chat: Teams' file.download.info attachment, served by the fake.</summary>
    protected JsonObject FileSent(string fileName, string content, string tenant, string aad, string conversation)
    {
        Bot.BotFramework.Files[fileName] = content;
        var activity = Message("", tenant, aad, conversation);
        activity["text"] = "";
        activity["attachments"] = new JsonArray(new JsonObject
        {
            ["contentType"] = "application/vnd.microsoft.teams.file.download.info",
            ["contentUrl"] = "https://contoso.sharepoint.com/personal/x/Documents/" + fileName,
            ["name"] = fileName,
            ["content"] = new JsonObject { ["downloadUrl"] = Bot.BotFramework.FileUrl(fileName), ["uniqueId"] = Guid.NewGuid().ToString(), ["fileType"] = "yaml" },
        });
        return activity;
    }

    protected async Task<string> ReplyToAsync(string conversation, int nth = 1)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            var calls = Bot.BotFramework.Calls.Where(c => c.Method == "POST" && c.ConversationId == conversation).ToList();
            if (calls.Count >= nth)
            {
                return calls[nth - 1].Body;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"No reply {nth} to {conversation}");
    }

    /// <summary>The first message posted to the conversation that contains <paramref name="fragment"/>.</summary>
    protected async Task<string> ReplyWithAsync(string conversation, string fragment)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (Bot.BotFramework.Calls.FirstOrDefault(c => c.Method == "POST" && c.ConversationId == conversation && c.Body.Contains(fragment, StringComparison.Ordinal)) is { } call)
            {
                return call.Body;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"No reply to {conversation} with '{fragment}': " +
            string.Join(" | ", Bot.BotFramework.Calls.Where(c => c.ConversationId == conversation).Select(c => c.Json?["summary"]?.ToString() ?? c.Json?["text"]?.ToString())));
    }

    protected async Task<List<Organization>> OrganizationsOfAsync(string tenant)
    {
        await using var scope = Bot.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        return await db.Organizations.AsNoTracking().Where(o => o.TeamsTenantId == tenant).ToListAsync();
    }

    protected async Task<T> DbAsync<T>(Func<ScorecardDbContext, Task<T>> read)
    {
        await using var scope = Bot.Scope();
        return await read(scope.ServiceProvider.GetRequiredService<ScorecardDbContext>());
    }

    protected static JsonObject SetUpSubmitted(string team, string user, string name, string start)
    {
        var metadata = new JsonObject { ["a"] = OnboardingActions.SetUp, ["d"] = new JsonObject(), ["c"] = "D0SETUP" };
        return new JsonObject
        {
            ["type"] = "view_submission",
            ["team"] = new JsonObject { ["id"] = team },
            ["user"] = new JsonObject { ["id"] = user, ["team_id"] = team },
            ["trigger_id"] = "1.2.3",
            ["view"] = new JsonObject
            {
                ["id"] = "V0SETUP",
                ["type"] = "modal",
                ["callback_id"] = "sc.form",
                ["private_metadata"] = metadata.ToJsonString(),
                ["blocks"] = new JsonArray(),
                ["state"] = new JsonObject
                {
                    ["values"] = new JsonObject
                    {
                        [OnboardingActions.Name] = new JsonObject { [OnboardingActions.Name] = new JsonObject { ["type"] = "plain_text_input", ["value"] = name } },
                        [OnboardingActions.Start] = new JsonObject { [OnboardingActions.Start] = new JsonObject { ["type"] = "static_select", ["selected_option"] = new JsonObject { ["value"] = start } } },
                    },
                },
            },
        };
    }

    protected static JsonObject FileShared(string team, string user, string fileId) => new()
    {
        ["type"] = "event_callback",
        ["team_id"] = team,
        ["event_id"] = "Ev" + Guid.NewGuid().ToString("N")[..10],
        ["event"] = new JsonObject
        {
            ["type"] = "message",
            ["subtype"] = "file_share",
            ["channel_type"] = "im",
            ["channel"] = "D0SETUP",
            ["user"] = user,
            ["text"] = "",
            ["ts"] = "1700000100.000100",
            ["files"] = new JsonArray(new JsonObject { ["id"] = fileId, ["name"] = "broken.yaml" }),
        },
    };

    protected async Task<string> WaitForSlackTextAsync(string fragment)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (Bot.Slack.Calls.FirstOrDefault(c => c.Method.StartsWith("chat.", StringComparison.Ordinal) && c.Body.Contains(fragment, StringComparison.Ordinal)) is { } call)
            {
                return JsonNode.Parse(call.Body)!["text"]!.GetValue<string>();
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"No Slack message with '{fragment}': {string.Join(", ", Bot.Slack.Calls.Select(c => c.Method))}");
    }

    protected string SlashCommand(string team, string userId, string text) => string.Join('&', new[]
    {
        ("token", "legacy-token"), ("team_id", team), ("team_domain", "slackco"), ("channel_id", "D0SETUP"),
        ("channel_name", "directmessage"), ("user_id", userId), ("user_name", "someone"), ("command", "/scorecard"), ("text", text),
        ("response_url", Bot.Slack.HookUrl("commands/" + Guid.NewGuid().ToString("N"))), ("trigger_id", "1.2.3"), ("api_app_id", "A0APP"),
    }.Select(f => $"{Uri.EscapeDataString(f.Item1)}={Uri.EscapeDataString(f.Item2)}"));

    protected async Task<HttpResponseMessage> PostSlackAsync(string path, string body, string contentType)
    {
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signature = "v0=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(BotUnderTest.SlackSecret), Encoding.UTF8.GetBytes($"v0:{ts}:{body}")));
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        request.Headers.Add("X-Slack-Request-Timestamp", ts);
        request.Headers.Add("X-Slack-Signature", signature);
        return await Bot.Client.SendAsync(request);
    }
}

public sealed class OpenOnboardingTests(OpenOnboardingBot bot) : OnboardingTestsBase(bot), IClassFixture<OpenOnboardingBot>
{
    [Fact]
    public async Task An_unclaimed_tenant_installs_sets_up_from_the_template_and_adds_two_people_by_mention()
    {
        var tenant = NewTenant();
        var installer = Member(tenant, "Ines Admin", "Ines.Admin@acme.example");
        var conversation = "a:personal-" + installer;

        await PostAsync(Installed(tenant, installer));
        var greeting = await ReplyToAsync(conversation);
        Assert.Contains("Set up ScorecardBot", greeting, StringComparison.Ordinal);
        Assert.Contains(OnboardingActions.SetUp, greeting, StringComparison.Ordinal);
        Assert.Empty(await OrganizationsOfAsync(tenant)); // a greeting creates nothing

        var pressed = await PostAsync(SetUpPressed(tenant, installer, "Acme Logistics", OnboardingActions.Template));
        Assert.Equal(HttpStatusCode.OK, pressed.StatusCode);
        Assert.Contains("Acme Logistics is set up", await pressed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var organization = Assert.Single(await OrganizationsOfAsync(tenant));
        Assert.Equal(("Acme Logistics", "Europe/Berlin", "de-DE"), (organization.Name, organization.TimeZoneId, organization.Locale));
        var admin = await DbAsync(db => db.People.AsNoTracking().Include(p => p.Accounts).SingleAsync(p => p.OrganizationId == organization.Id));
        Assert.Equal(("ines.admin@acme.example", Role.Admin), (admin.Email, admin.Role));
        Assert.Equal(installer, Assert.Single(admin.Accounts).ExternalId);
        var scorecard = await DbAsync(db => db.Scorecards.AsNoTracking().Include(s => s.Perspectives).Include(s => s.Objectives).SingleAsync(s => s.OrganizationId == organization.Id));
        Assert.Equal(admin.Id, scorecard.ManagerId);
        Assert.Equal(4, scorecard.Perspectives.Count);
        Assert.Equal(8, scorecard.Objectives.Count);
        Assert.Equal(9, await DbAsync(db => db.Kpis.CountAsync(k => k.OrganizationId == organization.Id)));

        var ana = Member(tenant, "Ana Costa", "ana.costa@acme.example");
        var ben = Member(tenant, "Ben Okoro", "ben.okoro@acme.example");
        await PostAsync(Mentioning("people add", ana, "Ana Costa", " role owner", tenant, installer, conversation));
        await ReplyWithAsync(conversation, "Added Ana Costa (ana.costa@acme.example) to Acme Logistics as owner");
        await PostAsync(Mentioning("people add", ben, "Ben Okoro", "", tenant, installer, conversation));
        await ReplyWithAsync(conversation, "Added Ben Okoro (ben.okoro@acme.example) to Acme Logistics as viewer");

        var people = await DbAsync(db => db.People.AsNoTracking().Include(p => p.Accounts).Where(p => p.OrganizationId == organization.Id).ToListAsync());
        var added = people.Where(p => p.Id != admin.Id).OrderBy(p => p.Name).Select(p => (p.Name, p.Email, p.Role, p.Accounts.Single().ExternalId)).ToList();
        Assert.Equal([("Ana Costa", "ana.costa@acme.example", Role.Owner, ana), ("Ben Okoro", "ben.okoro@acme.example", Role.Viewer, ben)], added);
        var audited = await DbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.OrganizationId == organization.Id && a.Subject == "Person").ToListAsync());
        Assert.Equal(2, audited.Count);
        Assert.All(audited, a => Assert.Equal(admin.Id, a.ActorId));

        // Ana writes to the bot: she is linked already and answered as a member.
        await PostAsync(Message("people", tenant, ana, "a:ana-" + ana));
        var list = await ReplyToAsync("a:ana-" + ana);
        Assert.Contains("Ines Admin", list, StringComparison.Ordinal);
        Assert.Contains("Ben Okoro", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_uploaded_file_with_two_problems_changes_nothing_and_a_clean_one_is_imported()
    {
        var tenant = NewTenant();
        var installer = Member(tenant, "Uma Upload", "uma@upload.example");
        var conversation = "a:upload-" + installer;
        var pressed = await PostAsync(SetUpPressed(tenant, installer, "Upload Co", OnboardingActions.Upload));
        Assert.Contains("send me your scorecard file", await pressed.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        var organization = Assert.Single(await OrganizationsOfAsync(tenant));

        var broken = Starter().Replace("objective: grow-revenue\n", "objective: grow-revenu\n", StringComparison.Ordinal)
            .Replace("unit: h\n", "unit: h\n        frequency: weekly\n", StringComparison.Ordinal);
        await PostAsync(FileSent("broken.yaml", broken, tenant, installer, conversation));
        var answer = JsonNode.Parse(await ReplyToAsync(conversation))!["summary"]!.GetValue<string>();

        // The same problems, line and column as the command line's import of the same text.
        var expected = await ImportProblemsAsync(broken, "broken.yaml", organization.Id);
        Assert.True(expected.Count == 2, string.Join(" | ", expected));
        Assert.Contains("has 2 problems; I changed nothing", answer, StringComparison.Ordinal);
        Assert.All(expected, p => Assert.Contains(p, answer, StringComparison.Ordinal));
        Assert.Equal(0, await DbAsync(db => db.Scorecards.CountAsync(s => s.OrganizationId == organization.Id)));

        await PostAsync(FileSent("scorecard.yaml", Starter(), tenant, installer, conversation));
        Assert.Contains("Imported scorecard.yaml", await ReplyToAsync(conversation, 2), StringComparison.Ordinal);
        Assert.Equal(9, await DbAsync(db => db.Kpis.CountAsync(k => k.OrganizationId == organization.Id)));
        var after = Assert.Single(await OrganizationsOfAsync(tenant));
        Assert.Equal(tenant, after.TeamsTenantId); // the file names no tenant: the organization keeps its own
    }

    [Fact]
    public async Task A_file_that_names_another_tenant_is_refused_with_its_line_and_nothing_moves()
    {
        var tenant = NewTenant();
        var installer = Member(tenant, "Tom Tenant", "tom@tenant.example");
        var conversation = "a:foreign-file-" + installer;
        await PostAsync(SetUpPressed(tenant, installer, "Tenant Co", OnboardingActions.Empty));
        var organization = Assert.Single(await OrganizationsOfAsync(tenant));

        var claiming = Starter().Replace("  name: Our organization\n", $"  name: Our organization\n  teams_tenant: {BotUnderTest.TenantA}\n", StringComparison.Ordinal);
        await PostAsync(FileSent("claim.yaml", claiming, tenant, installer, conversation));

        var refusal = await ReplyToAsync(conversation);
        Assert.True(refusal.Contains("claim.yaml:11:17: teams_tenant", StringComparison.Ordinal), refusal);
        Assert.Equal(tenant, Assert.Single(await OrganizationsOfAsync(tenant)).TeamsTenantId);
        Assert.Equal(BotUnderTest.Logistics, Assert.Single(await OrganizationsOfAsync(BotUnderTest.TenantA)).Name);
        Assert.Equal(0, await DbAsync(db => db.Scorecards.CountAsync(s => s.OrganizationId == organization.Id)));
    }

    [Fact]
    public async Task A_second_install_and_another_tenants_attempt_change_nothing()
    {
        var tenant = NewTenant();
        var first = Member(tenant, "First Person", "first@second.example");
        await PostAsync(SetUpPressed(tenant, first, "Second Install Co", OnboardingActions.Empty));
        var organization = Assert.Single(await OrganizationsOfAsync(tenant));

        // Someone else of the same tenant installs and presses the card they were shown earlier.
        var second = Member(tenant, "Second Person", "second@second.example");
        var again = await PostAsync(SetUpPressed(tenant, second, "Hijack Co", OnboardingActions.Logistics));
        Assert.Contains("not set up for you", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal((organization.Id, "Second Install Co"), (Assert.Single(await OrganizationsOfAsync(tenant)).Id, Assert.Single(await OrganizationsOfAsync(tenant)).Name));
        Assert.Equal(1, await DbAsync(db => db.People.CountAsync(p => p.OrganizationId == organization.Id)));

        // A person of a claimed tenant presses a set-up card naming another tenant in its data: the tenant is the activity's.
        var stranger = Member(BotUnderTest.TenantB, "Mallory", "mallory@hartmann-drives.example");
        var organizationsBefore = await DbAsync(db => db.Organizations.CountAsync());
        var foreign = await PostAsync(SetUpPressed(BotUnderTest.TenantB, stranger, "Take over", OnboardingActions.Empty,
            extra: new JsonObject { ["tenantId"] = tenant, ["tenant"] = tenant }));
        Assert.Contains("not set up for you", await foreign.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(organizationsBefore, await DbAsync(db => db.Organizations.CountAsync()));
        Assert.Equal("Second Install Co", Assert.Single(await OrganizationsOfAsync(tenant)).Name);
        Assert.Equal(BotUnderTest.Manufacturing, Assert.Single(await OrganizationsOfAsync(BotUnderTest.TenantB)).Name);
    }

    [Fact]
    public async Task A_stranger_in_a_claimed_tenant_is_told_not_set_up_and_the_admins_get_one_card()
    {
        var stranger = Member(BotUnderTest.TenantA, "Nora New", "nora.new@prairieline.example");
        var conversation = "a:nora-" + stranger;
        var logistics = Assert.Single(await OrganizationsOfAsync(BotUnderTest.TenantA));

        await PostAsync(Message("status", BotUnderTest.TenantA, stranger, conversation));
        await PostAsync(Message("hello?", BotUnderTest.TenantA, stranger, conversation));

        Assert.Contains("not set up for you in Prairie Line Logistics", await ReplyToAsync(conversation, 2), StringComparison.Ordinal);
        var cards = await DbAsync(db => db.Set<Data.Outbox.OutboxMessage>().AsNoTracking()
            .Where(m => m.OrganizationId == logistics.Id && m.Kind == OnboardingCards.NewcomerKind).ToListAsync());
        var admins = await DbAsync(db => db.People.CountAsync(p => p.OrganizationId == logistics.Id && p.IsActive && p.Role == Role.Admin));
        Assert.Equal(admins, cards.Count); // one card per admin, however often Nora writes
        Assert.All(cards, c => Assert.Contains(stranger, c.Key, StringComparison.Ordinal));
        Assert.Equal(0, await DbAsync(db => db.People.CountAsync(p => p.Email == "nora.new@prairieline.example")));
    }

    [Fact]
    public async Task People_commands_are_refused_to_those_whose_role_does_not_allow_them()
    {
        var tenant = NewTenant();
        var admin = Member(tenant, "Ada Admin", "ada@roles.example");
        var conversation = "a:roles-" + admin;
        await PostAsync(SetUpPressed(tenant, admin, "Roles Co", OnboardingActions.Empty));
        await PostAsync(Message("people add owen@roles.example role owner", tenant, admin, conversation));
        await PostAsync(Message("people add mia@roles.example role scorecard_manager", tenant, admin, conversation));
        await ReplyToAsync(conversation, 2);
        var owen = Member(tenant, "Owen", "owen@roles.example");
        var mia = Member(tenant, "Mia", "mia@roles.example");

        await PostAsync(Message("people add eve@roles.example role viewer", tenant, owen, "a:owen"));
        Assert.Contains("Only admins", await ReplyToAsync("a:owen"), StringComparison.Ordinal);
        await PostAsync(Message("people add eve@roles.example role admin", tenant, mia, "a:mia"));
        Assert.Contains("only an admin can add", await ReplyToAsync("a:mia"), StringComparison.Ordinal);
        await PostAsync(Message("role ada@roles.example viewer", tenant, mia, "a:mia"));
        Assert.Contains("is for an admin", await ReplyToAsync("a:mia", 2), StringComparison.Ordinal);

        var organization = Assert.Single(await OrganizationsOfAsync(tenant));
        var people = await DbAsync(db => db.People.AsNoTracking().Where(p => p.OrganizationId == organization.Id).OrderBy(p => p.Email).Select(p => new { p.Email, p.Role }).ToListAsync());
        Assert.Equal(["ada@roles.example:Admin", "mia@roles.example:ScorecardManager", "owen@roles.example:Owner"], people.Select(p => $"{p.Email}:{p.Role}"));

        // A manager may make an owner a viewer; the admin may remove; the last admin cannot be demoted.
        await PostAsync(Message("role owen@roles.example viewer", tenant, mia, "a:mia"));
        Assert.Contains("is now a viewer", await ReplyToAsync("a:mia", 3), StringComparison.Ordinal);
        await PostAsync(Message("role ada@roles.example viewer", tenant, admin, conversation));
        Assert.Contains("only admin", await ReplyToAsync(conversation, 3), StringComparison.Ordinal);
        await PostAsync(Message("people remove owen@roles.example", tenant, admin, conversation));
        Assert.Contains("Removed Owen", await ReplyToAsync(conversation, 4), StringComparison.Ordinal);
        Assert.False(await DbAsync(db => db.People.Where(p => p.Email == "owen@roles.example").Select(p => p.IsActive).SingleAsync()));
        Assert.Equal(3, await DbAsync(db => db.AuditEntries.CountAsync(a => a.OrganizationId == organization.Id && (a.Subject == "Person" || a.Subject == "PersonRole"))) - 1);
    }

    [Fact]
    public async Task An_unclaimed_Slack_workspace_sets_up_adds_a_person_by_mention_and_imports_a_shared_file()
    {
        var team = "T" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        var sam = "U" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        Bot.Slack.Emails[sam] = "Sam.Setup@slackco.example";
        Bot.Slack.Profiles[sam] = ("Sam Setup", "America/Chicago", "en-GB");

        var greeting = await PostSlackAsync("slack/commands", SlashCommand(team, sam, "help"), "application/x-www-form-urlencoded");
        Assert.Contains("Set up ScorecardBot", await greeting.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await DbAsync(db => db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.SlackTeamId == team)));

        var submitted = await PostSlackAsync("slack/interactions", "payload=" + Uri.EscapeDataString(SetUpSubmitted(team, sam, "Slack Co", OnboardingActions.Template).ToJsonString()), "application/x-www-form-urlencoded");
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        var organization = await DbAsync(db => db.Organizations.AsNoTracking().SingleAsync(o => o.SlackTeamId == team));
        Assert.Equal(("Slack Co", "America/Chicago", "en-GB", (string?)null), (organization.Name, organization.TimeZoneId, organization.Locale, organization.TeamsTenantId));
        var admin = await DbAsync(db => db.People.AsNoTracking().Include(p => p.Accounts).SingleAsync(p => p.OrganizationId == organization.Id));
        Assert.Equal(("Sam Setup", "sam.setup@slackco.example", Role.Admin, sam), (admin.Name, admin.Email, admin.Role, Assert.Single(admin.Accounts).ExternalId));
        Assert.Equal(9, await DbAsync(db => db.Kpis.CountAsync(k => k.OrganizationId == organization.Id)));

        var ana = "U" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        Bot.Slack.Emails[ana] = "ana@slackco.example";
        var added = await PostSlackAsync("slack/commands", SlashCommand(team, sam, $"people add <@{ana}|ana> role owner"), "application/x-www-form-urlencoded");
        Assert.Contains("Added", await added.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var person = await DbAsync(db => db.People.AsNoTracking().Include(p => p.Accounts).SingleAsync(p => p.OrganizationId == organization.Id && p.Email == "ana@slackco.example"));
        Assert.Equal((Role.Owner, ana), (person.Role, Assert.Single(person.Accounts).ExternalId));

        // A file shared with the bot in its DM: two problems, nothing changes.
        var broken = Starter().Replace("decimals: 0\n        direction: higher_is_better\n        indicator: lagging\n        targets:\n          FY2026: { value: 1000000", "decimals: 9\n        direction: higher_is_better\n        indicator: lagging\n        targets:\n          FY2026: { value: 1000000", StringComparison.Ordinal)
            .Replace("unit: h\n", "unit: h\n        frequency: weekly\n", StringComparison.Ordinal);
        var fileId = "F" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        Bot.Slack.SharedFiles[fileId] = ("broken.yaml", broken);
        var kpisBefore = await DbAsync(db => db.Kpis.AsNoTracking().Where(k => k.OrganizationId == organization.Id).Select(k => new { k.Key, k.Decimals, k.Direction }).ToListAsync());
        await PostSlackAsync("slack/events", FileShared(team, sam, fileId).ToJsonString(), "application/json");

        var download = await Bot.Slack.WaitForCallAsync("download:" + fileId);
        Assert.Equal("xoxb-integration", download.Token);
        var expected = await ImportProblemsAsync(broken, "broken.yaml", organization.Id);
        Assert.True(expected.Count == 2, string.Join(" | ", expected));
        var answer = await WaitForSlackTextAsync("has 2 problems");
        Assert.All(expected, p => Assert.Contains(p, answer, StringComparison.Ordinal));
        var kpisAfter = await DbAsync(db => db.Kpis.AsNoTracking().Where(k => k.OrganizationId == organization.Id).Select(k => new { k.Key, k.Decimals, k.Direction }).ToListAsync());
        Assert.Equal(kpisBefore, kpisAfter);
    }

    private static string Starter() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "starter.yaml")).ReplaceLineEndings("\n");

    private async Task<List<string>> ImportProblemsAsync(string text, string name, Guid organizationId)
    {
        await using var scope = Bot.Scope();
        var importer = scope.ServiceProvider.GetRequiredService<ScorecardImporter>();
        var e = await Assert.ThrowsAsync<AsCodeImportException>(() => importer.ImportTextAsync(text, name, null, organizationId));
        return [.. e.Problems.Select(p => p.ToString())];
    }
}

public sealed class InviteOnboardingTests(InviteOnboardingBot bot) : OnboardingTestsBase(bot), IClassFixture<InviteOnboardingBot>
{
    [Fact]
    public async Task Setting_up_takes_a_valid_code_once_and_a_wrong_or_used_code_changes_nothing()
    {
        string code;
        await using (var scope = Bot.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
            code = await ScorecardBot.Onboarding.SetupCodes.CreateAsync(db, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1), CancellationToken.None);
            Assert.DoesNotContain(await db.SetupCodes.AsNoTracking().Select(c => c.Hash).ToListAsync(), h => Encoding.UTF8.GetString(h).Contains(code, StringComparison.Ordinal));
        }

        var tenant = NewTenant();
        var installer = Member(tenant, "Ivy Invite", "ivy@invite.example");
        await PostAsync(Installed(tenant, installer));
        Assert.Contains(OnboardingActions.Code, await ReplyToAsync("a:personal-" + installer), StringComparison.Ordinal);

        var without = await PostAsync(SetUpPressed(tenant, installer, "Invite Co", OnboardingActions.Empty));
        Assert.Contains("Enter the setup code", await without.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var wrong = await PostAsync(SetUpPressed(tenant, installer, "Invite Co", OnboardingActions.Empty, code: "AAAAA-BBBBB-CCCCC-DDDDD"));
        Assert.Contains("not valid", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await OrganizationsOfAsync(tenant));

        var right = await PostAsync(SetUpPressed(tenant, installer, "Invite Co", OnboardingActions.Empty, code: code.ToLowerInvariant()));
        Assert.Contains("Invite Co is set up", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(await OrganizationsOfAsync(tenant));

        var other = NewTenant();
        var otherInstaller = Member(other, "Olaf Other", "olaf@other.example");
        var reused = await PostAsync(SetUpPressed(other, otherInstaller, "Other Co", OnboardingActions.Empty, code: code));
        Assert.Contains("not valid", await reused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await OrganizationsOfAsync(other));
        Assert.DoesNotContain(Bot.Logs.Lines, l => l.Text.Contains(code, StringComparison.OrdinalIgnoreCase));
    }
}

public sealed class ClosedOnboardingTests(SqliteBot bot) : OnboardingTestsBase(bot), IClassFixture<SqliteBot>
{
    [Fact]
    public async Task With_onboarding_closed_an_unclaimed_tenant_is_told_to_ask_and_a_set_up_press_creates_nothing()
    {
        var tenant = NewTenant();
        var installer = Member(tenant, "Carl Closed", "carl@closed.example");

        await PostAsync(Installed(tenant, installer));
        Assert.Contains("isn't set up for your organization", await ReplyToAsync("a:personal-" + installer), StringComparison.Ordinal);
        var pressed = await PostAsync(SetUpPressed(tenant, installer, "Closed Co", OnboardingActions.Template));

        Assert.Contains("isn't set up for your organization", await pressed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await OrganizationsOfAsync(tenant));
    }
}
