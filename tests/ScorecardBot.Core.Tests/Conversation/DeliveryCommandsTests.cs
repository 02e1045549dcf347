using Microsoft.Extensions.Time.Testing;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Delivery;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Tests.Conversation;

/// <summary>An admin's status lists what needs attention in delivery; admins choose how digests are posted.</summary>
public class DeliveryCommandsTests
{
    private readonly SampleOrganization _sample = new();
    private readonly RecordingSettings _settings = new();

    private readonly DeliveryAttention _attention = new(
        [new UndeliveredItem("prompt", "Ben Okafor", Platform.Teams, "Teams blocks the bot's messages to them (they blocked or removed the bot)", 1, true, new DateTimeOffset(2026, 11, 3, 8, 0, 0, TimeSpan.Zero)),
         new UndeliveredItem("digest", "channel C0OPS", Platform.Slack, "HTTP 503", 4, false, new DateTimeOffset(2026, 11, 9, 8, 0, 0, TimeSpan.Zero))],
        [new UnreachableItem(Guid.NewGuid(), "Ben Okafor", Platform.Teams, "Teams blocks the bot's messages to them (they blocked or removed the bot)", new DateTimeOffset(2026, 11, 3, 8, 1, 0, TimeSpan.Zero))]);

    private ConversationEngine Engine(DeliveryAttention attention) => new(
        _sample.Store, _sample.Store, new ConversationOptions { PublicBaseUrl = new Uri("https://bot.example.com/") },
        new FakeTimeProvider(SampleOrganization.Now), delivery: new FixedStatus(attention), settings: _settings);

    private Task<TurnResult> SayAsync(ConversationEngine engine, Person person, string text) => engine.HandleAsync(new Turn
    {
        OrganizationId = _sample.Organization.Id,
        Actor = new Actor(person.Id, person.Name, person.Email, person.Role),
        Platform = Platform.Slack,
        Conversation = new ConversationAddress(Platform.Slack, "D123", ConversationKind.Direct),
        At = SampleOrganization.Now,
        Text = text,
    }, CancellationToken.None);

    private static string Text(Message message) =>
        string.Join("\n", message.Blocks.Select(b => b switch
        {
            Heading h => h.Text,
            Paragraph p => string.Concat(p.Inlines.OfType<Run>().Select(r => r.Text)),
            Note n => n.Text,
            _ => "",
        }));

    [Fact]
    public async Task An_admins_status_lists_unreachable_people_and_undelivered_messages()
    {
        var result = await SayAsync(Engine(_attention), _sample.Priya, "status");

        var attention = result.Replies[^1];
        Assert.Equal(Audience.OnlyActor, attention.Audience);
        Assert.Equal("delivery-status", attention.Message.Kind);
        var text = Text(attention.Message);
        Assert.Contains("People I cannot reach (1)", text, StringComparison.Ordinal);
        Assert.Contains("• Ben Okafor — Teams: Teams blocks the bot's messages to them (they blocked or removed the bot) (since 3 Nov).", text, StringComparison.Ordinal);
        Assert.Contains("Messages not delivered (2)", text, StringComparison.Ordinal);
        Assert.Contains("• prompt to Ben Okafor (Teams, due 3 Nov 08:00): Teams blocks the bot's messages to them (they blocked or removed the bot) — given up after 1 attempt", text, StringComparison.Ordinal);
        Assert.Contains("• digest to channel C0OPS (Slack, due 9 Nov 08:00): HTTP 503 — still retrying after 4 attempts", text, StringComparison.Ordinal);
        Assert.True(result.Replies.Count > 1, "the overview comes first");
    }

    [Fact]
    public async Task A_status_with_nothing_wrong_says_so_and_others_never_see_delivery()
    {
        var calm = await SayAsync(Engine(new DeliveryAttention([], [])), _sample.Priya, "status");
        Assert.Equal("Delivery: every message reached its recipient, and I can reach everyone.", calm.Replies[^1].Message.Summary);

        var manager = await SayAsync(Engine(_attention), _sample.Ana, "status");
        var owner = await SayAsync(Engine(_attention), _sample.Ben, "status");
        var aboutKpi = await SayAsync(Engine(_attention), _sample.Priya, "status on-time delivery");
        Assert.DoesNotContain(manager.Replies.Concat(owner.Replies).Concat(aboutKpi.Replies), r => r.Message.Kind == "delivery-status");
    }

    [Theory]
    [InlineData("digest layout summary", DigestLayout.SummaryOnly, null, "Digests now post a short summary in the channel, nothing more")]
    [InlineData("digest layout thread", DigestLayout.SummaryAndThread, null, "with the details per perspective and per KPI in its thread")]
    [InlineData("digest layout full", DigestLayout.Full, null, "Digests now post in full in the channel.")]
    [InlineData("digest mentions off", null, false, "Digests no longer @mention anyone")]
    [InlineData("digest mentions on", null, true, "Digests now @mention the owners of red KPIs")]
    public async Task An_admin_sets_how_digests_are_posted(string command, DigestLayout? layout, bool? mentions, string said)
    {
        var result = await SayAsync(Engine(_attention), _sample.Priya, command);

        Assert.Contains(said, result.Single().Summary, StringComparison.Ordinal);
        Assert.Equal((layout, mentions), Assert.Single(_settings.Calls));
    }

    [Fact]
    public async Task Only_an_admin_changes_the_digest_and_a_wrong_layout_is_explained()
    {
        var refused = await SayAsync(Engine(_attention), _sample.Ana, "digest layout full");
        Assert.Equal("Only an admin of the organization changes how digests are posted.", refused.Single().Summary);

        var usage = await SayAsync(Engine(_attention), _sample.Priya, "digest layout loud");
        Assert.StartsWith("Choose one layout: summary", usage.Single().Summary, StringComparison.Ordinal);
        Assert.Empty(_settings.Calls);

        // "digest" followed by a scorecard still means the digest.
        var digest = await SayAsync(Engine(_attention), _sample.Ana, "digest");
        Assert.Equal("digest", digest.Replies[0].Message.Kind);
    }

    private sealed class FixedStatus(DeliveryAttention attention) : IDeliveryStatus
    {
        public Task<DeliveryAttention> GetAsync(Guid organizationId, CancellationToken cancellationToken) => Task.FromResult(attention);
    }

    private sealed class RecordingSettings : IOrganizationSettings
    {
        public List<(DigestLayout?, bool?)> Calls { get; } = [];

        public Task<CommandResult> SetDigestSettingsAsync(ChangeContext context, DigestLayout? layout, bool? mentionOwners, CancellationToken cancellationToken)
        {
            Calls.Add((layout, mentionOwners));
            return Task.FromResult(CommandResult.Done);
        }
    }
}
