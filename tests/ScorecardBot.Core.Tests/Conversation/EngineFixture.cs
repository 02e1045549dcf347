using Microsoft.Extensions.Time.Testing;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Conversation.Review;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Tests.Conversation;

/// <summary>The sample organization behind a real engine, with a fake clock and a messenger that records what it would send.</summary>
internal sealed class EngineFixture
{
    public EngineFixture()
    {
        Time = new FakeTimeProvider(SampleOrganization.Now);
        Engine = new ConversationEngine(Sample.Store, Sample.Store, new ConversationOptions { PublicBaseUrl = new Uri("https://bot.example.com/") }, Time, Messenger);
    }

    public SampleOrganization Sample { get; } = new();
    public FakeTimeProvider Time { get; }
    public RecordingMessenger Messenger { get; } = new();
    public ConversationEngine Engine { get; }

    public async Task<TurnResult> SayAsync(Person person, string text, IReadOnlyList<MentionedUser>? mentions = null) =>
        await Engine.HandleAsync(TurnFor(person) with { Text = text, Mentions = mentions ?? [] }, CancellationToken.None);

    /// <summary>Says something in the logistics team channel (so commands without a scorecard mean Logistics).</summary>
    public async Task<TurnResult> SayInLogisticsAsync(Person person, string text) =>
        await Engine.HandleAsync(TurnFor(person) with
        {
            Text = text,
            Conversation = new ConversationAddress(Platform.Slack, SampleOrganization.LogisticsChannel, ConversationKind.Channel),
        }, CancellationToken.None);

    public async Task<TurnResult> PressAsync(Person person, string actionId, IReadOnlyDictionary<string, string> data, IReadOnlyDictionary<string, string>? inputs = null) =>
        await Engine.HandleAsync(TurnFor(person) with { Action = new CardAction(actionId, data, inputs ?? new Dictionary<string, string>()), SourceMessageId = "msg-1" }, CancellationToken.None);

    /// <summary>Presses a message's button the way a channel would: its data plus the given input values.</summary>
    public Task<TurnResult> PressAsync(Person person, MessageAction button, IReadOnlyDictionary<string, string>? inputs = null) =>
        PressAsync(person, button.Id, button.Data, inputs);

    public Turn TurnFor(Person person) => new()
    {
        OrganizationId = Sample.Organization.Id,
        Actor = new Actor(person.Id, person.Name, person.Email, person.Role),
        Platform = Platform.Slack,
        Conversation = new ConversationAddress(Platform.Slack, "D123", ConversationKind.Direct),
        At = Time.GetUtcNow(),
    };

    public async Task<OrganizationSnapshot> SnapshotAsync() => (await Sample.Store.GetAsync(Sample.Organization.Id, CancellationToken.None))!;

    public sealed class RecordingMessenger : IProactiveMessenger
    {
        public List<(Guid PersonId, Message Message)> Sent { get; } = [];

        public Task SendToPersonAsync(Guid organizationId, Guid personId, Message message, CancellationToken cancellationToken)
        {
            Sent.Add((personId, message));
            return Task.CompletedTask;
        }
    }
}

internal static class MessageExtensions
{
    public static Message Single(this TurnResult result)
    {
        Assert.Single(result.Replies);
        return result.Replies[0].Message;
    }

    public static IEnumerable<MessageAction> Buttons(this Message message) =>
        message.Blocks.OfType<ActionBar>().SelectMany(b => b.Actions);

    public static T Block<T>(this Message message) where T : Block => message.Blocks.OfType<T>().First();

    public static string Fact(this Message message, string label) =>
        message.Blocks.OfType<FactList>().SelectMany(f => f.Facts).First(f => f.Label == label).Value;
}
