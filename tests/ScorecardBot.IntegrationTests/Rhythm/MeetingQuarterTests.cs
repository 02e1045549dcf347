using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;
using ScorecardBot.Core.Review;
using ScorecardBot.Core.Rhythm;
using ScorecardBot.Core.Scoring;
using ScorecardBot.Data;
using ScorecardBot.IntegrationTests.Fakes;
using ScorecardBot.IntegrationTests.Infrastructure;

namespace ScorecardBot.IntegrationTests.Rhythm;

/// <summary>
/// The review meeting itself, over a whole quarter (the reviews of October, November and December
/// 2026) of a sample on Teams or Slack, judged by what reaches the fake connector or Slack API: the
/// numbers of each month come in through the API (each KPI's last value again), the rhythm walks on
/// the simulated clock, the owners of the KPIs the review discusses get one pre-read each and answer
/// it through the card's wire format, the agenda shows each answer under its KPI, the first review's
/// meeting is walked through in the team channel with two decisions and three actions (button
/// presses, an owner's Next refused), the host restarts in the middle of it, its minutes reach the
/// meeting's conversation and the API, and the next month's agenda opens with its actions and decisions.
/// </summary>
public abstract class MeetingQuarterTests(BotUnderTest bot, FakeTimeProvider time, WalkSample sample, Platform platform)
{
    private static readonly Period[] Reviews = [Period.Month(2026, 10), Period.Month(2026, 11), Period.Month(2026, 12)];

    private static readonly string[] Decisions = ["Re-plan the first item's countermeasure with finance", "Fund the second item's fix from the Q1 reserve"];

    private static readonly string[] ActionTexts = ["Confirm the root cause with the data team", "Send the revised plan to the board", "Report back on the fix at the next review"];

    private World _world = null!;
    private string? _apiKey;

    /// <summary>A client of the API with the test's key, at the host's address (a restart moves it).</summary>
    private HttpClient Api()
    {
        var client = new HttpClient { BaseAddress = bot.Client.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _apiKey);
        return client;
    }

    [Fact]
    public async Task A_quarter_of_reviews_sends_pre_reads_once_shows_the_answers_runs_a_meeting_through_a_restart_and_opens_the_next_agenda_with_its_actions()
    {
        bot.Slack.Clock = time;
        bot.BotFramework.Clock = time;
        _world = await ConnectAsync();
        _apiKey = await ApiKeyAsync();

        Scorecard? chosen = null;
        ReviewSchedule? first = null;
        for (var r = 0; r < Reviews.Length; r++)
        {
            var period = Reviews[r];
            await ReportAsync(period);
            var snapshot = await SnapshotAsync();
            chosen ??= ChooseScorecard(snapshot, period);
            var scorecard = snapshot.FindScorecard(chosen.Id)!;
            var schedule = _world.ScheduleOf(scorecard, period);
            first ??= schedule;

            // Up to the agenda: the pre-reads went out, once to each presenter, with the KPIs the review discusses.
            await RhythmWalk.WalkAsync(bot, time, [_world.Organization], schedule.AgendaAt);
            var expected = PreReadSelection.For(scorecard, period, _world.Fiscal);
            Assert.True(expected.Count > 0, $"{scorecard.Key} {period}: nothing for a pre-read");
            var preReads = PreReadsOf(scorecard, period);
            var byPresenter = expected.GroupBy(i => i.Kpi.DelegateId is { } d && _world.IsAway(i.Kpi.OwnerId) ? d : i.Kpi.OwnerId!.Value).ToList();
            Assert.Equal(
                byPresenter.Select(g => _world.DirectOf(g.Key)).Order(StringComparer.Ordinal),
                preReads.Select(p => p.Conversation).Order(StringComparer.Ordinal));
            foreach (var presenter in byPresenter)
            {
                var card = Assert.Single(preReads, p => p.Conversation == _world.DirectOf(presenter.Key));
                foreach (var item in presenter.Take(PreReadBuilder.MaxKpis))
                {
                    Assert.Contains(item.Kpi.Name, card.Text, StringComparison.Ordinal);
                    Assert.Contains(item.Reason switch { PreReadReason.Red => "red", PreReadReason.AmberWorsening => "amber and getting worse", _ => "likely to miss its target" }, card.Text, StringComparison.Ordinal);
                }
            }

            // Each presenter answers through the card; the agenda shows each answer under its KPI.
            var due = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(schedule.MeetingAt, _world.Zone).DateTime).AddDays(21);
            var answers = new Dictionary<Guid, string>();
            foreach (var card in preReads)
            {
                var kpis = KpisOf(card);
                var inputs = new Dictionary<string, string>();
                foreach (var kpi in kpis)
                {
                    answers[kpi.Id] = $"Cause of {kpi.Name} in {period}: the lane mix changed";
                    inputs[PreReadBuilder.InputId(PreReadBuilder.Fields.Cause, kpi.Id)] = answers[kpi.Id];
                    inputs[PreReadBuilder.InputId(PreReadBuilder.Fields.What, kpi.Id)] = $"Re-plan {kpi.Name}";
                    inputs[PreReadBuilder.InputId(PreReadBuilder.Fields.Due, kpi.Id)] = due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    inputs[PreReadBuilder.InputId(PreReadBuilder.Fields.Need, kpi.Id)] = nameof(PreReadNeed.Decision);
                }

                var answered = await PressAsync(card, "Send my pre-read", inputs);
                Assert.Contains($"is in the agenda of the {_world.Label(period)} review", answered, StringComparison.Ordinal);
            }

            IEnumerable<Kpi> KpisOf(Posted card) => expected.Select(i => i.Kpi).Where(k => card.Text.Contains(k.Name, StringComparison.Ordinal)).Take(PreReadBuilder.MaxKpis);

            await RhythmWalk.WalkAsync(bot, time, [_world.Organization], schedule.MeetingEndsAt);
            var agenda = AgendaOf(scorecard, period);
            foreach (var (kpiId, cause) in answers)
            {
                var name = scorecard.Kpis.Single(k => k.Id == kpiId).Name;
                var item = agenda.FindIndex(t => Regex.IsMatch(t, $@"^\d+\. {Regex.Escape(name)}\b"));
                Assert.True(item >= 0, $"{scorecard.Key} {period}: {name} has no agenda item:{Environment.NewLine}{string.Join(Environment.NewLine, agenda)}");
                var line = agenda.FindIndex(item, t => t.Contains(cause, StringComparison.Ordinal));
                Assert.True(line > item && !agenda.Skip(item + 1).Take(line - item - 1).Any(t => Regex.IsMatch(t, @"^\d+\. ")),
                    $"{scorecard.Key} {period}: the pre-read of {name} is not under its item:{Environment.NewLine}{string.Join(Environment.NewLine, agenda)}");
                Assert.Contains("Needs a decision.", agenda[line], StringComparison.Ordinal);
            }

            if (r == 1)
            {
                // The next month's agenda opens with the meeting's open actions, then its decisions.
                Assert.Matches(@"^1\. Open actions from last time \(\d+\)", agenda.First(t => Regex.IsMatch(t, @"^\d+\. ")));
                var opened = string.Join("\n", agenda);
                Assert.All(ActionTexts, a => Assert.Contains(a, opened, StringComparison.Ordinal));
                var decisions = agenda.FindIndex(t => t.StartsWith("2. Decisions of the ", StringComparison.Ordinal));
                Assert.True(decisions > 0, opened);
                Assert.All(Decisions, d => Assert.Contains(d, agenda[decisions + 1], StringComparison.Ordinal));
            }

            if (r == 0)
            {
                if (time.GetUtcNow() < schedule.MeetingAt)
                {
                    time.SetUtcNow(schedule.MeetingAt);
                }

                await RunMeetingAsync(scorecard, period);
            }
        }

        // Nothing twice: one pre-read per presenter and review, the whole quarter.
        var all = Reviews.SelectMany(p => PreReadsOf(chosen!, p)).ToList();
        Assert.Equal(all.Count, all.Select(p => (p.Conversation, p.Text)).Distinct().Count());
        Assert.Empty(bot.Outbound.Unexpected);
    }

    /// <summary>
    /// The meeting of the first review in the scorecard's team channel: two decisions and three
    /// actions, an owner's Next refused, a restart of the host between two items, the minutes in
    /// the meeting's conversation, stored, and read through the API.
    /// </summary>
    private async Task RunMeetingAsync(Scorecard scorecard, Period period)
    {
        var manager = scorecard.ManagerId!.Value;
        var people = (await SnapshotAsync()).People;
        var owner = OwnersOf(scorecard, people).First();
        string NameOf(Guid id) => people.Single(p => p.Id == id).Name;
        var due = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), _world.Zone).DateTime).AddDays(14).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var card = await SayInChannelAsync(scorecard, manager, $"review start {scorecard.Key}");
        Assert.Contains("Item 1 of ", card.Text, StringComparison.Ordinal);

        // Anyone in the channel records; the owner records a decision and an action on the first item.
        card = await PressAsync(card, "Record decision", new() { [CardActions.Keys.Decision] = Decisions[0] }, owner);
        Assert.Contains(Decisions[0], card.Text, StringComparison.Ordinal);
        card = await PressAsync(card, "Add action", Action(ActionTexts[0], NameOf(owner), due), owner);

        // Only managers move on: the owner's Next leaves the meeting where it is.
        await RefusedAsync(card, "Next", owner, "Only a scorecard manager or admin can move the meeting on.");
        card = await PressAsync(card, "Next", [], manager);
        Assert.Contains("Item 2 of ", card.Text, StringComparison.Ordinal);

        await bot.RestartAsync();

        card = await PressAsync(card, "Record decision", new() { [CardActions.Keys.Decision] = Decisions[1] }, manager);
        card = await PressAsync(card, "Add action", Action(ActionTexts[1], NameOf(manager), due), manager);
        card = await PressAsync(card, "Add action", Action(ActionTexts[2], NameOf(owner), due), owner);
        Assert.Contains("2 decisions, 3 actions", card.Text, StringComparison.Ordinal);

        var minutes = await SayInChannelAsync(scorecard, manager, $"review end {scorecard.Key}", minutes: true);
        Assert.Equal(card.Conversation, minutes.Conversation);
        foreach (var expected in Decisions.Concat(ActionTexts).Append(NameOf(owner)).Append(NameOf(manager)))
        {
            Assert.Contains(expected, minutes.Text, StringComparison.Ordinal);
        }

        await using (var scope = bot.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
            var meeting = await db.ReviewMeetings.AsNoTracking().Include(m => m.Notes).SingleAsync(m => m.ScorecardId == scorecard.Id && m.Period == period);
            Assert.Equal(MeetingState.Closed, meeting.State);
            Assert.Equal(Decisions, meeting.Notes.Where(n => n.Kind == MeetingNoteKind.Decision).OrderBy(n => n.At).Select(n => n.Text));
            Assert.Equal(ActionTexts, await db.ReviewActions.AsNoTracking().Where(a => a.MeetingId == meeting.Id).OrderBy(a => a.Number).Select(a => a.Text).ToListAsync());
        }

        using var api = Api();
        var listed = await api.GetFromJsonAsync<JsonObject>($"api/v1/scorecards/{scorecard.Id}/minutes");
        var entry = Assert.Single(listed!["meetings"]!.AsArray());
        Assert.Equal(Decisions.Length, entry!["decisions"]!.AsArray().Count);
        Assert.Equal([NameOf(owner), NameOf(manager), NameOf(owner)], entry["actions"]!.AsArray().Select(a => a!["owner"]!.GetValue<string>()));
    }

    private static Dictionary<string, string> Action(string text, string owner, string due) => new()
    {
        [CardActions.Keys.ActionText] = text,
        [CardActions.Keys.Owner] = owner,
        [CardActions.Keys.Due] = due,
    };

    /// <summary>The scorecard's KPI owners who are owners only (not managers or admins, who may move a meeting on).</summary>
    private static IEnumerable<Guid> OwnersOf(Scorecard scorecard, IReadOnlyList<Person> people) =>
        scorecard.Kpis.Select(k => k.OwnerId).OfType<Guid>().Distinct().Where(o => people.Any(p => p.Id == o && p.Role == Role.Owner)).Order();

    /// <summary>The scorecard of the sample with a team channel, a manager and the most KPIs for a pre-read in the first review.</summary>
    private Scorecard ChooseScorecard(OrganizationSnapshot snapshot, Period period) =>
        snapshot.Scorecards
            .Where(s => s.ManagerId is not null && s.Channels.Count > 0 && s.ReviewCycles.Any(c => c.Kind != ReviewKind.Quarterly) && OwnersOf(s, snapshot.People).Any())
            .OrderByDescending(s => PreReadSelection.For(s, period, _world.Fiscal).Count)
            .ThenBy(s => s.Key, StringComparer.Ordinal)
            .First();

    /// <summary>
    /// Each KPI's last value again for <paramref name="period"/> (its target there when it has no history: the
    /// manufacturing sample comes without its actuals), through the API, unless it has one.
    /// </summary>
    private async Task ReportAsync(Period period)
    {
        var snapshot = await SnapshotAsync();
        var rows = snapshot.Scorecards.SelectMany(s => s.Kpis)
            .Where(k => k.RetiredAt is null && !k.Actuals.Any(a => a.Period == period))
            .Select(k => (Kpi: k, Last: k.Actuals.Where(a => a.Period.Kind == PeriodKind.Month && a.Period < period && a.Value is not null).OrderBy(a => a.Period).LastOrDefault()?.Value
                ?? TargetInheritance.For(k.Targets, period, _world.Fiscal)?.Value))
            .Where(k => k.Last is not null)
            .Select(k => new { kpiId = k.Kpi.Id, period = period.ToString(), value = Slipped(k.Kpi, k.Last!.Value) })
            .ToList();
        if (rows.Count == 0)
        {
            return;
        }

        using var api = Api();
        var response = await api.PostAsJsonAsync("api/v1/actuals?partial=true", new { sourceSystem = "ERP", actuals = rows });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The last value again, except for the first two KPIs of each scorecard: those slip a third the wrong way (red, for a pre-read).</summary>
    private static decimal Slipped(Kpi kpi, decimal last) =>
        kpi.Order >= 2 || kpi.Direction == Direction.WithinBand ? last
        : kpi.Direction == Direction.HigherIsBetter ? Math.Round(last * 0.66m, 2) : Math.Round(last * 1.5m, 2);

    private async Task<OrganizationSnapshot> SnapshotAsync() =>
        (await bot.Services.GetRequiredService<IScorecardReadModel>().GetAsync(_world.Organization.Id, CancellationToken.None))!;

    private async Task<string> ApiKeyAsync()
    {
        await using var scope = bot.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        var admin = await db.People.AsNoTracking().FirstAsync(p => p.OrganizationId == _world.Organization.Id && p.Role == Role.Admin);
        (CommandResult result, IssuedApiKey? key) = await bot.Services.GetRequiredService<IApiKeys>().CreateAsync(
            new ChangeContext(_world.Organization.Id, admin.Id, EntrySource.Command, time.GetUtcNow()), "quarter feed", ApiKeyScope.Manage, CancellationToken.None);
        Assert.True(result.Succeeded, result.Message);
        return key!.Secret;
    }

    // ---- What reached the platform ------------------------------------------------------------

    /// <summary>A message as its reader got it: the conversation, its texts in order, and the raw card or blocks to press on.</summary>
    private sealed record Posted(string Conversation, IReadOnlyList<string> Texts, JsonNode Content, DateTimeOffset At)
    {
        public string Text => string.Join("\n", Texts);
    }

    private List<Posted> PreReadsOf(Scorecard scorecard, Period period)
    {
        var heading = $"{scorecard.Name}: your pre-read for the {_world.Label(period)} review";
        return [.. Delivered().Where(p => p.Texts.Count > 0 && p.Texts[0] == heading)];
    }

    /// <summary>The texts of the agenda's messages (the agenda and its continuations, sent at the same moment in the channel).</summary>
    private List<string> AgendaOf(Scorecard scorecard, Period period)
    {
        var heading = $"{scorecard.Name}: agenda for the {_world.Label(period)} review";
        var delivered = Delivered();
        // A long agenda comes in parts: "… review (1/2)", "… review (continued, 2/2)".
        var roots = delivered.Where(p => p.Texts.Count > 0 && (p.Texts[0] == heading || p.Texts[0].StartsWith(heading + " (1/", StringComparison.Ordinal))).ToList();
        Assert.True(roots.Count == 1, $"{roots.Count} agendas \"{heading}\"; the channel got:{Environment.NewLine}" +
            string.Join(Environment.NewLine, delivered.Where(p => p.Conversation.StartsWith(_world.ChannelOf(scorecard), StringComparison.Ordinal)).Select(p => $"{p.At:u} {(p.Texts.Count > 0 ? p.Texts[0] : "")}")));
        var root = roots[0];
        var channel = root.Conversation.Split(";messageid=")[0];
        return [.. delivered.Where(p => p.At == root.At && p.Conversation.StartsWith(channel, StringComparison.Ordinal)).SelectMany(p => p.Texts)];
    }

    private List<Posted> Delivered() => platform == Platform.Teams
        ? [.. bot.BotFramework.Calls.Where(c => c.Method == "POST" && c.ConversationId is not null && c.Json?["type"]?.GetValue<string>() == "message").Select(c => TeamsPosted(c.ConversationId!, c.Json!, c.At))]
        : [.. bot.Slack.Calls.Where(c => c.Method is "chat.postMessage").Select(c => SlackPosted(FakeSlackApi.Fields(c), c.At))];

    private static Posted TeamsPosted(string conversation, JsonNode activity, DateTimeOffset at)
    {
        var card = activity["attachments"]?.AsArray().Select(a => a?["content"]).OfType<JsonObject>().FirstOrDefault();
        var texts = new List<string>();
        if (card is not null)
        {
            TextsOf(card["body"], texts);
        }
        else if (activity["text"]?.GetValue<string>() is { } text)
        {
            texts.Add(text);
        }

        return new Posted(conversation, texts, (JsonNode?)card ?? activity, at);
    }

    private static void TextsOf(JsonNode? node, List<string> texts)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["type"]?.GetValue<string>() is "TextBlock" && o["text"]?.GetValue<string>() is { } t)
                {
                    texts.Add(Regex.Unescape(Regex.Replace(t, @"\\([\\`*_{}\[\]()#+\-.!>~|])", "$1")).Replace("**", "", StringComparison.Ordinal));
                }
                else if (o["type"]?.GetValue<string>() is "RichTextBlock")
                {
                    texts.Add(string.Concat(o["inlines"]!.AsArray().Select(i => i is JsonValue v ? v.GetValue<string>() : i?["text"]?.GetValue<string>())));
                }
                else if (o["type"]?.GetValue<string>() is "FactSet")
                {
                    texts.AddRange(o["facts"]!.AsArray().Select(f => $"{f!["title"]} {f["value"]}"));
                }
                else
                {
                    foreach (var (key, child) in o)
                    {
                        if (key is not "actions" and not "selectAction")
                        {
                            TextsOf(child, texts);
                        }
                    }
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    TextsOf(child, texts);
                }

                break;
        }
    }

    private static Posted SlackPosted(JsonObject fields, DateTimeOffset at)
    {
        var blocks = fields["blocks"] switch
        {
            JsonArray b => b,
            JsonValue v when v.TryGetValue<string>(out var s) => JsonNode.Parse(s)!.AsArray(),
            _ => new JsonArray(),
        };
        var texts = new List<string>();
        foreach (var block in blocks.OfType<JsonObject>())
        {
            var text = block["text"]?["text"]?.GetValue<string>()
                ?? (block["type"]?.GetValue<string>() == "context" ? string.Join(" ", block["elements"]!.AsArray().Select(e => e?["text"]?.GetValue<string>())) : null);
            if (block["fields"] is JsonArray facts)
            {
                text = string.Join("\n", facts.Select(f => f?["text"]?.GetValue<string>()).Prepend(text).OfType<string>());
            }

            if (text is not null)
            {
                texts.Add(SlackText(text));
            }
        }

        var channel = fields["channel"]?.ToString() ?? "";
        var thread = fields["thread_ts"]?.ToString();
        var content = new JsonObject { ["blocks"] = blocks.DeepClone(), ["channel"] = channel, ["ts"] = fields["ts"]?.ToString() ?? "1700000000.000001" };
        return new Posted(thread is null ? channel : channel + ";messageid=" + thread, texts, content, at);
    }

    /// <summary>mrkdwn as a reader sees it: no bold or italics marks, entities decoded, mentions as they are.</summary>
    private static string SlackText(string mrkdwn)
    {
        var text = Regex.Replace(mrkdwn, @"(?<![\w])[*_](?=\S)|(?<=\S)[*_](?![\w])", "");
        return WebUtility.HtmlDecode(text);
    }

    // ---- Pressing buttons through the wire format --------------------------------------------

    /// <summary>
    /// Presses <paramref name="title"/> on <paramref name="card"/> as <paramref name="person"/> (the
    /// card's reader when null) with <paramref name="values"/> typed (other inputs keep their
    /// defaults), and returns the card the bot answered with.
    /// </summary>
    private Task<Posted> PressAsync(Posted card, string title, Dictionary<string, string> values, Guid? person = null) =>
        platform == Platform.Teams ? TeamsPressAsync(card, title, values, person) : SlackPressAsync(card, title, values, person);

    private async Task<string> PressAsync(Posted card, string title, Dictionary<string, string> values) => (await PressAsync(card, title, values, null)).Text;

    private async Task RefusedAsync(Posted card, string title, Guid person, string refusal)
    {
        if (platform == Platform.Teams)
        {
            var response = await TeamsInvokeAsync(card, title, [], person);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.StartsWith(refusal, body["value"]!.GetValue<string>(), StringComparison.Ordinal);
        }
        else
        {
            var before = bot.Slack.Calls.Count(c => c.Method == "chat.postEphemeral");
            await SlackBlockActionAsync(card, title, person);
            var told = await bot.Slack.WaitForCallAsync("chat.postEphemeral", before + 1);
            Assert.Contains(refusal, WebUtility.HtmlDecode(told.Body.Replace("\\u0027", "'", StringComparison.Ordinal)), StringComparison.Ordinal);
        }
    }

    private async Task<Posted> TeamsPressAsync(Posted card, string title, Dictionary<string, string> values, Guid? person)
    {
        var response = await TeamsInvokeAsync(card, title, values, person);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        if (body["type"]?.GetValue<string>() == "application/vnd.microsoft.card.adaptive")
        {
            var texts = new List<string>();
            TextsOf(body["value"]!["body"], texts);
            return new Posted(card.Conversation, texts, body["value"]!, time.GetUtcNow());
        }

        return new Posted(card.Conversation, [body["value"]?.ToString() ?? ""], body, time.GetUtcNow());
    }

    private async Task<HttpResponseMessage> TeamsInvokeAsync(Posted card, string title, Dictionary<string, string> values, Guid? person)
    {
        var action = FindTeamsAction(card.Content, title) ?? throw new InvalidOperationException($"No button {title} on: {card.Text}");
        var data = action["data"]!.DeepClone().AsObject();
        foreach (var input in TeamsInputs(card.Content))
        {
            var id = input["id"]!.GetValue<string>();
            if (values.TryGetValue(id, out var typed))
            {
                data[id] = typed;
            }
            else if (input["value"] is { } initial)
            {
                data[id] = initial.GetValue<string>();
            }
        }

        var who = person ?? _world.PersonOfConversation(card.Conversation);
        var activity = TeamsActivity(card.Conversation, who, "");
        activity.Remove("text");
        if (action["type"]!.GetValue<string>() == "Action.Execute")
        {
            activity["type"] = "invoke";
            activity["name"] = "adaptiveCard/action";
            activity["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = action["verb"]!.GetValue<string>(), ["data"] = data }, ["trigger"] = "manual" };
        }
        else
        {
            activity["value"] = data;
        }

        activity["replyToId"] = "1795390707700";
        return await SendTeamsAsync(activity);
    }

    private static JsonObject? FindTeamsAction(JsonNode node, string title) => node switch
    {
        JsonObject o when o["type"]?.GetValue<string>() is "Action.Execute" or "Action.Submit" && o["title"]?.GetValue<string>() == title => o,
        JsonObject o => o.Select(p => p.Value is null ? null : FindTeamsAction(p.Value, title)).FirstOrDefault(a => a is not null),
        JsonArray a => a.Select(c => c is null ? null : FindTeamsAction(c, title)).FirstOrDefault(x => x is not null),
        _ => null,
    };

    private static IEnumerable<JsonObject> TeamsInputs(JsonNode node) => node switch
    {
        JsonObject o when o["type"]?.GetValue<string>() is { } type && type.StartsWith("Input.", StringComparison.Ordinal) => [o],
        JsonObject o => o.SelectMany(p => p.Value is null ? [] : TeamsInputs(p.Value)),
        JsonArray a => a.SelectMany(c => c is null ? [] : TeamsInputs(c)),
        _ => [],
    };

    private async Task<Posted> SlackPressAsync(Posted card, string title, Dictionary<string, string> values, Guid? person)
    {
        var button = FindSlackButton(card.Content, title);
        var actionId = button["action_id"]!.GetValue<string>();
        var updates = bot.Slack.Calls.Count(c => c.Method == "chat.update");
        var who = person ?? _world.PersonOfConversation(card.Conversation);
        if (actionId.StartsWith("sc.form:", StringComparison.Ordinal))
        {
            // A button with inputs opens a modal: the fields are typed there and the modal is submitted.
            var opens = bot.Slack.Calls.Count(c => c.Method == "views.open");
            Assert.Equal(HttpStatusCode.OK, (await SlackBlockActionAsync(card, title, who)).StatusCode);
            var view = FakeSlackApi.Fields(await bot.Slack.WaitForCallAsync("views.open", opens + 1))["view"] switch
            {
                JsonObject o => o,
                var v => JsonNode.Parse(v!.ToString())!.AsObject(),
            };
            var state = StateOf(view["blocks"]!.AsArray(), values);

            var submission = new JsonObject
            {
                ["type"] = "view_submission",
                ["team"] = new JsonObject { ["id"] = BotUnderTest.SlackTeam },
                ["user"] = new JsonObject { ["id"] = _world.AccountOf(who), ["team_id"] = BotUnderTest.SlackTeam },
                ["view"] = new JsonObject
                {
                    ["id"] = "V0001",
                    ["type"] = "modal",
                    ["callback_id"] = view["callback_id"]!.GetValue<string>(),
                    ["private_metadata"] = view["private_metadata"]!.GetValue<string>(),
                    ["hash"] = "h1",
                    ["state"] = new JsonObject { ["values"] = state },
                },
            };
            var response = await PostSlackAsync("slack/interactions", "payload=" + Uri.EscapeDataString(submission.ToJsonString()));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("\"errors\"", body, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(HttpStatusCode.OK, (await SlackBlockActionAsync(card, title, who, values)).StatusCode);
        }

        var update = FakeSlackApi.Fields(await bot.Slack.WaitForCallAsync("chat.update", updates + 1));
        var updated = SlackPosted(update, time.GetUtcNow());
        return updated with { Conversation = card.Conversation, Content = new JsonObject { ["blocks"] = updated.Content["blocks"]!.DeepClone(), ["channel"] = card.Content["channel"]!.DeepClone(), ["ts"] = card.Content["ts"]!.DeepClone() } };
    }

    private async Task<HttpResponseMessage> SlackBlockActionAsync(Posted card, string title, Guid person, Dictionary<string, string>? values = null)
    {
        var button = FindSlackButton(card.Content, title);
        var channel = card.Content["channel"]!.GetValue<string>();
        var press = new JsonObject
        {
            ["type"] = "block_actions",
            ["team"] = new JsonObject { ["id"] = BotUnderTest.SlackTeam },
            ["user"] = new JsonObject { ["id"] = _world.AccountOf(person), ["team_id"] = BotUnderTest.SlackTeam },
            ["channel"] = new JsonObject { ["id"] = channel },
            ["trigger_id"] = "13345224609.738474920.8088930838d88f008e0",
            ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = card.Content["ts"]!.GetValue<string>(), ["channel_id"] = channel },
            ["actions"] = new JsonArray(new JsonObject
            {
                ["type"] = "button",
                ["action_id"] = button["action_id"]!.GetValue<string>(),
                ["value"] = button["value"]?.GetValue<string>(),
                ["action_ts"] = "1765000001.1",
            }),
            ["response_url"] = bot.Slack.HookUrl("actions/" + Guid.NewGuid().ToString("N")),
        };
        if (values is not null)
        {
            press["state"] = new JsonObject { ["values"] = StateOf(card.Content["blocks"]!.AsArray(), values) };
        }

        return await PostSlackAsync("slack/interactions", "payload=" + Uri.EscapeDataString(press.ToJsonString()));
    }

    /// <summary>What Slack sends back for the input blocks: each block's element with what was typed, else its initial value.</summary>
    private static JsonObject StateOf(JsonArray blocks, Dictionary<string, string> values)
    {
        var state = new JsonObject();
        foreach (var block in blocks.OfType<JsonObject>().Where(b => b["type"]?.GetValue<string>() == "input"))
        {
            var element = block["element"]!.AsObject();
            var blockId = block["block_id"]!.GetValue<string>();
            var typed = values.TryGetValue(blockId, out var v) ? v : element["initial_value"]?.GetValue<string>() ?? element["initial_option"]?["value"]?.GetValue<string>();
            var type = element["type"]!.GetValue<string>();
            state[blockId] = new JsonObject
            {
                [element["action_id"]!.GetValue<string>()] = type == "static_select"
                    ? new JsonObject { ["type"] = type, ["selected_option"] = typed is null ? null : new JsonObject { ["value"] = typed } }
                    : new JsonObject { ["type"] = type, ["value"] = typed },
            };
        }

        return state;
    }

    private static JsonObject FindSlackButton(JsonNode content, string title) =>
        content["blocks"]!.AsArray().OfType<JsonObject>().Where(b => b["type"]?.GetValue<string>() == "actions")
            .SelectMany(b => b["elements"]!.AsArray().OfType<JsonObject>())
            .FirstOrDefault(e => e["text"]?["text"]?.GetValue<string>() == title)
        ?? throw new InvalidOperationException($"No button {title} on: {content.ToJsonString()}");

    /// <summary>Says <paramref name="text"/> in the scorecard's team channel; returns the meeting card (or the minutes) the bot posted there.</summary>
    private async Task<Posted> SayInChannelAsync(Scorecard scorecard, Guid person, string text, bool minutes = false)
    {
        var channel = _world.ChannelOf(scorecard);
        if (platform == Platform.Teams)
        {
            // A new post in the channel: its thread is the meeting's conversation.
            var conversation = channel + ";messageid=" + (_meetingPost ??= "1765432100" + Random.Shared.Next(100, 999).ToString(CultureInfo.InvariantCulture));
            var before = bot.BotFramework.Calls.Count;
            await SendTeamsAsync(TeamsActivity(conversation, person, text));
            var call = await bot.BotFramework.WaitForCallAsync(c => bot.BotFramework.Calls.Count > before && c.ConversationId == conversation && (!minutes || c.Body.Contains("Minutes", StringComparison.Ordinal)));
            return TeamsPosted(call.ConversationId!, call.Json!, call.At);
        }

        var posts = bot.Slack.Calls.Count(c => c.Method == "chat.postMessage");
        var form = string.Join('&', new[]
        {
            ("token", "legacy-token"), ("team_id", BotUnderTest.SlackTeam), ("team_domain", "sample"), ("channel_id", channel),
            ("channel_name", scorecard.Key), ("user_id", _world.AccountOf(person)), ("user_name", "someone"), ("command", "/scorecard"), ("text", text),
            ("response_url", bot.Slack.HookUrl("commands/" + Guid.NewGuid().ToString("N"))), ("trigger_id", "1.2.3"), ("api_app_id", "A0APP"),
        }.Select(f => $"{Uri.EscapeDataString(f.Item1)}={Uri.EscapeDataString(f.Item2)}"));
        Assert.Equal(HttpStatusCode.OK, (await PostSlackAsync("slack/commands", form)).StatusCode);
        var post = await bot.Slack.WaitForCallAsync("chat.postMessage", posts + 1);
        var posted = SlackPosted(FakeSlackApi.Fields(post), post.At);
        Assert.Equal(channel, posted.Conversation);
        return posted;
    }

    private string? _meetingPost;

    private JsonObject TeamsActivity(string conversation, Guid person, string text)
    {
        var direct = conversation.StartsWith("a:", StringComparison.Ordinal);
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["id"] = "1571689431" + Random.Shared.Next(100, 999).ToString(CultureInfo.InvariantCulture),
            ["channelId"] = "msteams",
            ["serviceUrl"] = bot.BotFramework.ServiceUrl,
            ["timestamp"] = time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
            ["text"] = text,
            ["textFormat"] = "plain",
            ["locale"] = "en-US",
            ["from"] = new JsonObject { ["id"] = _world.ChannelUserOf(person), ["name"] = "Someone", ["aadObjectId"] = _world.AccountOf(person) },
            ["recipient"] = new JsonObject { ["id"] = "28:" + FakeBotFramework.AppId, ["name"] = "ScorecardBot" },
            ["conversation"] = new JsonObject { ["conversationType"] = direct ? "personal" : "channel", ["tenantId"] = World.Tenant, ["id"] = conversation, ["isGroup"] = !direct },
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = World.Tenant } },
        };
        if (!direct)
        {
            activity["channelData"]!["team"] = new JsonObject { ["id"] = "19:team-quarter@thread.tacv2" };
            activity["channelData"]!["channel"] = new JsonObject { ["id"] = conversation.Split(";messageid=")[0] };
        }

        return activity;
    }

    private async Task<HttpResponseMessage> SendTeamsAsync(JsonObject activity)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/messages") { Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bot.BotFramework.IssueToken(bot.BotFramework.ServiceUrl));
        var response = await bot.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }

    private async Task<HttpResponseMessage> PostSlackAsync(string path, string body)
    {
        // Slack signs with the real clock (the host checks it against its platform clock, not the simulated one).
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = "v0=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(BotUnderTest.SlackSecret), Encoding.UTF8.GetBytes($"v0:{ts}:{body}")));
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        request.Headers.Add("X-Slack-Request-Timestamp", ts);
        request.Headers.Add("X-Slack-Signature", signature);
        return await bot.Client.SendAsync(request);
    }

    // ---- The sample on the platform ------------------------------------------------------------

    /// <summary>
    /// The sample's organization on <c>platform</c> only: each person with an account there (and on
    /// Teams a 1:1 chat the bot keeps), each scorecard's team channel a channel there.
    /// </summary>
    private async Task<World> ConnectAsync()
    {
        await using var scope = bot.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        var organization = await db.Organizations.SingleAsync(o => o.Name == sample.Organization);
        (organization.TeamsTenantId, organization.SlackTeamId) = platform == Platform.Teams ? ((string?)World.Tenant, (string?)null) : (null, BotUnderTest.SlackTeam);
        var people = await db.People.Include(p => p.Accounts).Where(p => p.OrganizationId == organization.Id).OrderBy(p => p.Email).ToListAsync();
        var world = new World(organization, platform);
        foreach (var (person, i) in people.Select((p, i) => (p, i)))
        {
            db.ChannelAccounts.RemoveRange(person.Accounts);
            var account = platform == Platform.Teams ? $"aad-quarter-{i:00}" : $"U0QUARTER{i:00}";
            var user = $"29:quarter-{i:00}";
            var direct = platform == Platform.Teams ? "a:" + person.Email.Split('@')[0] : "D" + account;
            db.ChannelAccounts.Add(new ChannelAccount { PersonId = person.Id, Platform = platform, ExternalId = account, ChannelUserId = platform == Platform.Teams ? user : null });
            if (platform == Platform.Teams)
            {
                db.ConversationReferences.Add(new ConversationReference
                {
                    OrganizationId = organization.Id,
                    Platform = Platform.Teams,
                    PersonId = person.Id,
                    ConversationId = direct,
                    Kind = ConversationKind.Direct,
                    ServiceUrl = bot.BotFramework.ServiceUrl,
                    TenantOrTeamId = World.Tenant,
                });
            }
            else
            {
                bot.Slack.Emails[account] = person.Email;
            }

            world.Add(person.Id, account, user, direct);
        }

        var scorecards = await db.Scorecards.Include(s => s.Channels).Where(s => s.OrganizationId == organization.Id).OrderBy(s => s.Key).ToListAsync();
        foreach (var (scorecard, i) in scorecards.Select((s, i) => (s, i)))
        {
            foreach (var channel in scorecard.Channels)
            {
                (channel.Platform, channel.ConversationId, channel.ServiceUrl) = platform == Platform.Teams
                    ? (Platform.Teams, $"19:quarter-{scorecard.Key}@thread.tacv2", bot.BotFramework.ServiceUrl)
                    : (Platform.Slack, $"C0QUARTER{i:00}", null);
                world.Channels[scorecard.Id] = channel.ConversationId;
            }
        }

        await db.SaveChangesAsync();
        world.Holidays = await db.Holidays.AsNoTracking().Where(h => h.OrganizationId == organization.Id).ToListAsync();
        world.Away = await db.Absences.AsNoTracking().Where(a => a.OrganizationId == organization.Id).Select(a => a.PersonId).ToListAsync();
        return world;
    }

    private sealed class World(Organization organization, Platform platform)
    {
        public const string Tenant = "5c3e2a1b-quarter-tenant";

        private readonly Dictionary<Guid, (string Account, string User, string Direct)> _people = [];

        public Organization Organization { get; } = organization;

        public Dictionary<Guid, string> Channels { get; } = [];

        public List<Holiday> Holidays { get; set; } = [];

        public List<Guid> Away { get; set; } = [];

        public FiscalCalendar Fiscal { get; } = FiscalCalendar.For(organization);

        public TimeZoneInfo Zone => Fiscal.TimeZone;

        public void Add(Guid person, string account, string user, string direct) => _people[person] = (account, user, direct);

        public string AccountOf(Guid person) => _people[person].Account;

        public string ChannelUserOf(Guid person) => _people[person].User;

        public string DirectOf(Guid person) => _people[person].Direct;

        public Guid PersonOfConversation(string conversation) => _people.Single(p => p.Value.Direct == conversation).Key;

        public string ChannelOf(Scorecard scorecard) => Channels[scorecard.Id];

        public bool IsAway(Guid? person) => person is { } p && Away.Contains(p);

        public string Label(Period period) => Fiscal.Label(period, CultureInfo.GetCultureInfo(Organization.Locale));

        public ReviewSchedule ScheduleOf(Scorecard scorecard, Period period) =>
            ReviewCalendar.For(Organization, scorecard.ReviewCycles.First(c => c.Kind != ReviewKind.Quarterly), Holidays).ScheduleOf(period);

        public override string ToString() => $"{Organization.Name} on {platform}";
    }
}

public sealed class LogisticsMeetingQuarterThroughTeams(SqlitePlatformRhythmBot bot)
    : MeetingQuarterTests(bot, bot.Time, WalkSample.Logistics, Platform.Teams), IClassFixture<SqlitePlatformRhythmBot>;

public sealed class ManufacturingMeetingQuarterThroughTeamsOnPostgres(PostgresPlatformRhythmBot bot)
    : MeetingQuarterTests(bot, bot.Time, WalkSample.Manufacturing, Platform.Teams), IClassFixture<PostgresPlatformRhythmBot>;

public sealed class LogisticsMeetingQuarterThroughSlack(SqlitePlatformRhythmBot bot)
    : MeetingQuarterTests(bot, bot.Time, WalkSample.Logistics, Platform.Slack), IClassFixture<SqlitePlatformRhythmBot>;

public sealed class ManufacturingMeetingQuarterThroughSlack(SqlitePlatformRhythmBot bot)
    : MeetingQuarterTests(bot, bot.Time, WalkSample.Manufacturing, Platform.Slack), IClassFixture<SqlitePlatformRhythmBot>;
