using ScorecardBot.Core.Conversation;
using ScorecardBot.LocalChat;
using ScorecardBot.Slack;
using ScorecardBot.Teams;

namespace ScorecardBot.Bindings;

/// <summary>Every channel hands its translated turns to the one conversation engine.</summary>
internal sealed class EngineTurnHandler(IConversationEngine engine) : ITeamsTurnHandler, ISlackTurnHandler, ILocalTurnHandler
{
    public Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken) => engine.HandleAsync(turn, cancellationToken);
}
