using ScorecardBot.Core.Conversation;
using ScorecardBot.LocalChat;
using ScorecardBot.Slack;
using ScorecardBot.Teams;

namespace ScorecardBot.Bindings;

/// <summary>
/// Every channel hands its translated turns to the one conversation engine. A person who writes
/// to the bot 1:1 can be written to again: their "unreachable" mark on that platform goes.
/// </summary>
internal sealed class EngineTurnHandler(IConversationEngine engine, ReachabilityMarks? reachability = null) : ITeamsTurnHandler, ISlackTurnHandler, ILocalTurnHandler
{
    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        if (reachability is not null && turn.Conversation.Kind == ConversationKind.Direct)
        {
            await reachability.HeardFromAsync(turn.OrganizationId, turn.Actor.PersonId, turn.Platform, cancellationToken);
        }

        return await engine.HandleAsync(turn, cancellationToken);
    }
}
