namespace ScorecardBot.Core.Conversation.Grammar;

/// <summary><c>review start [scorecard]</c> or <c>review end [scorecard]</c>.</summary>
internal sealed record MeetingRequest(bool Start, string? ScorecardText) : Request;

/// <summary>The <c>review</c> command: opens and ends a review meeting in the team channel.</summary>
internal static class MeetingGrammar
{
    public const string Command = "review";

    /// <returns>Null when "review" is followed by other words ("review of retention"): those are read as a question.</returns>
    public static Request? Parse(List<CommandToken> args)
    {
        if (args.Count == 0)
        {
            return new UsageRequest(Command, "Say start or end.");
        }

        var sub = args.Count > 0 && !args[0].Quoted ? args[0].Text.ToLowerInvariant() : string.Empty;
        var rest = args.Count > 1 ? CommandTokens.Join(args.Skip(1)) : null;
        return sub switch
        {
            "start" or "open" or "begin" => new MeetingRequest(true, rest),
            "end" or "close" or "stop" or "finish" => new MeetingRequest(false, rest),
            _ => null,
        };
    }
}
