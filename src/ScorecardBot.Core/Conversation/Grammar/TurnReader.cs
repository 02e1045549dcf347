using ScorecardBot.Core.Conversation.Matching;

namespace ScorecardBot.Core.Conversation.Grammar;

/// <summary>
/// Reads what someone typed: a command when it starts with a command word, else a question.
/// A first word that is a near miss of a command word and no word of any KPI name ("asign",
/// "stauts") is taken as a mistyped command and answered with that command's usage.
/// </summary>
internal static class TurnReader
{
    public static Request Read(string text, GrammarContext context)
    {
        var command = CommandGrammar.Parse(text, context);
        if (command is not null)
        {
            return command;
        }

        var interpretation = QuestionReader.Interpret(text, context.Snapshot, context.Now);
        var words = TextTokens.Words(text);
        if (words.Count > 0 && Usage.Nearest(words[0]) is { } nearest && nearest != words[0] &&
            !TextTokens.IsStopWord(words[0]) && !context.Snapshot.Matcher.Knows(words[0]))
        {
            return new UsageRequest(nearest, $"I don't know \"{words[0]}\".");
        }

        return new QuestionRequest(interpretation);
    }
}
