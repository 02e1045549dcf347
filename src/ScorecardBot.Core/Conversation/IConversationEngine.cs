namespace ScorecardBot.Core.Conversation;

/// <summary>The one entry point of the conversation: a turn in, the replies out. Channel-neutral.</summary>
public interface IConversationEngine
{
    Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken);
}
