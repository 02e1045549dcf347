using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Slack;

namespace ScorecardBot.Bindings;

/// <summary>
/// The Slack App Home shows what the `my` command answers (the person's KPIs with status, what
/// is due from them, the next review), so the two can never disagree.
/// </summary>
internal sealed class MyKpisAppHome(IConversationEngine engine, TimeProvider time) : IAppHomeProvider
{
    public async Task<Message> GetHomeAsync(SlackIdentity identity, CancellationToken ct)
    {
        var turn = new Turn
        {
            OrganizationId = identity.OrganizationId,
            Actor = identity.Actor,
            Platform = Platform.Slack,
            Conversation = new ConversationAddress(Platform.Slack, "app_home", ConversationKind.Direct),
            Text = "my",
            At = time.GetUtcNow(),
        };
        var result = await engine.HandleAsync(turn, ct);
        var blocks = result.Replies.SelectMany(r => r.Message.Blocks).ToList();
        return new Message(blocks, string.Join(" ", result.Replies.Select(r => r.Message.Summary))) { Kind = "home" };
    }
}
