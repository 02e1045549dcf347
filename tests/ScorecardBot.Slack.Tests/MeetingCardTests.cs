using System.Globalization;
using System.Text.Json.Nodes;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Meetings;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;
using ScorecardBot.Core.Values;
using ScorecardBot.Slack.Rendering;

namespace ScorecardBot.Slack.Tests;

/// <summary>The review meeting's card in Block Kit: within Slack's limits, and each form button asks only for its own inputs.</summary>
public sealed class MeetingCardTests
{
    private static Message Card(int items, string detail)
    {
        var organization = new Organization { Name = "Contoso", TimeZoneId = "America/Chicago" };
        var ana = new Person { OrganizationId = organization.Id, Name = "Ana Lima", Email = "ana@contoso.example", Role = Role.ScorecardManager };
        ana.Accounts.Add(new ChannelAccount { PersonId = ana.Id, Platform = Platform.Slack, ExternalId = "U0ANA" });
        var scorecard = new Scorecard { OrganizationId = organization.Id, Key = "ops", Name = "Operations" };
        var meeting = new ReviewMeeting
        {
            OrganizationId = organization.Id,
            ScorecardId = scorecard.Id,
            Period = Period.Month(2026, 10),
            Platform = Platform.Slack,
            ConversationId = "C0OPS",
            ItemsJson = MeetingItems.Write([.. Enumerable.Range(1, items).Select(i => new MeetingItem($"Item {i}", "Red KPIs: the owner presents", ana.Id, null, detail))]),
            StartedById = ana.Id,
            StartedAt = new DateTimeOffset(2026, 11, 10, 15, 0, 0, TimeSpan.Zero),
            EndsAt = new DateTimeOffset(2026, 11, 11, 6, 0, 0, TimeSpan.Zero),
        };
        for (var i = 0; i < 40; i++)
        {
            meeting.Notes.AddRange(MeetingFlow.Apply(meeting, new RecordDecision(0, new string('d', 900) + i), ana.Id, canManage: true, meeting.StartedAt).Notes);
        }

        var culture = CultureInfo.GetCultureInfo("en-US");
        var view = new MeetingView(meeting, scorecard, [], new Dictionary<Guid, Person> { [ana.Id] = ana }, FiscalCalendar.For(organization), new ValueFormatter(culture, "USD"), culture);
        return MeetingCards.Card(view, new MeetingDraft("typed decision", "typed action", "Nobody", "someday") { OwnerError = "I don't know Nobody.", DueError = "\"someday\" is not a date I know." });
    }

    [Fact]
    public void The_meeting_card_keeps_to_Slacks_limits_even_with_forty_long_decisions_on_an_item()
    {
        var blocks = BlockKitRenderer.Render(Card(items: 30, detail: new string('x', 5000)));

        Assert.InRange(blocks.Count, 1, 50);
        foreach (var block in blocks.Select(b => b!.AsObject()))
        {
            if (block["text"]?["text"] is { } text)
            {
                Assert.InRange(text.GetValue<string>().Length, 0, block["type"]!.GetValue<string>() == "header" ? 150 : 3000);
            }

            foreach (var element in block["elements"]?.AsArray() ?? [])
            {
                if (element!["type"]!.GetValue<string>() == "button")
                {
                    Assert.InRange(element["value"]?.GetValue<string>().Length ?? 0, 1, 2000);
                    Assert.InRange(element["action_id"]!.GetValue<string>().Length, 1, 255);
                    Assert.InRange(element["text"]!["text"]!.GetValue<string>().Length, 1, 75);
                }
                else
                {
                    Assert.InRange(element["text"]?.GetValue<string>().Length ?? 0, 0, 3000);
                }
            }
        }

        Assert.InRange(blocks.ToJsonString().Length, 1, 50_000);
    }

    [Fact]
    public void Record_decision_and_Add_action_each_open_a_form_with_only_their_own_inputs_and_keep_what_was_typed()
    {
        var blocks = BlockKitRenderer.Render(Card(items: 3, detail: "88 % vs target 95 %"));
        var buttons = blocks.Where(b => b!["type"]!.GetValue<string>() == "actions").SelectMany(b => b!["elements"]!.AsArray()).ToList();

        ModalSpec Form(string title) =>
            ModalSpec.TryParse(buttons.Single(b => b!["text"]!["text"]!.GetValue<string>() == title)!["value"]!.GetValue<string>())!;

        var decision = Form("Record decision");
        var action = Form("Add action");
        Assert.Equal(CardActions.MeetingDecide, decision.ActionId);
        Assert.Equal([CardActions.Keys.Decision], decision.Inputs.Select(i => i.Id));
        Assert.Equal("typed decision", decision.Inputs[0].Value);
        Assert.Equal(CardActions.MeetingAddAction, action.ActionId);
        Assert.Equal([CardActions.Keys.ActionText, CardActions.Keys.Owner, CardActions.Keys.Due], action.Inputs.Select(i => i.Id));
        Assert.Equal(["typed action", "Nobody", "someday"], action.Inputs.Select(i => i.Value));
        Assert.Equal(CardActions.MeetingNext, BlockKitRenderer.ActionIdOf(buttons[0]!["action_id"]!.GetValue<string>()));
        Assert.Contains("\"meeting\"", buttons[0]!["value"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
