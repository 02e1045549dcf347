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

    private JsonObject EditInvoke(string tenant, string aad, string conversation, string command, Dictionary<string, string> inputs)
    {
        var activity = Message("", tenant, aad, conversation);
        activity.Remove("text");
        activity["type"] = "invoke";
        activity["name"] = "adaptiveCard/action";
        activity["replyToId"] = "1795390707613";
        var data = new JsonObject { ["_data"] = new JsonObject { [CardActions.Keys.Command] = command } };
        foreach (var (key, value) in inputs)
        {
            data[key] = value;
        }

        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = CardActions.Edit, ["data"] = data },
            ["trigger"] = "manual",
        };
        return activity;
    }

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
