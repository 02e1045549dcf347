using ScorecardBot.Core.Conversation.Matching;

namespace ScorecardBot.Core.Conversation.Grammar;

/// <summary>
/// Reads what someone typed: a command when it starts with a command word, else a question.
/// A first word that is a near miss of a command word and no word of any KPI name ("asign",
/// "stauts") is taken as a mistyped command and answered with that command's usage. Words shaped
/// like a command whose command word is none of ours ("people add Ana") are an unknown command.
/// </summary>
internal static class TurnReader
{
    /// <summary>Second words that make a turn a command ("people add ...", "kpi delete ...").</summary>
    private static readonly HashSet<string> CommandVerbs =
    [
        "add", "remove", "delete", "del", "create", "rename", "edit", "drop", "import", "export",
        "archive", "insert", "register", "enable", "disable", "invite", "kick", "ban", "clear", "reset",
    ];

    /// <summary>First words of questions and requests, never of a command.</summary>
    private static readonly HashSet<string> QuestionWords =
    [
        "please", "pls", "can", "could", "would", "should", "will", "did", "does", "do", "who", "whos", "hw", "what", "whats", "how", "hows",
        "is", "are", "was", "were", "the", "a", "an", "any", "which", "why", "when", "where", "i", "we", "you", "it", "this", "that", "my", "our", "lets", "let",
    ];

    public static Request Read(string text, GrammarContext context)
    {
        var command = CommandGrammar.Parse(text, context);
        if (command is not null)
        {
            return command;
        }

        var words = TextTokens.Words(text);
        if (words.Count >= 2 && CommandVerbs.Contains(words[1]) && !QuestionWords.Contains(words[0]))
        {
            return new UnknownCommandRequest($"{words[0]} {words[1]}");
        }

        var interpretation = QuestionReader.Interpret(text, context.Snapshot, context.Now);
        if (words.Count > 0 && Usage.Nearest(words[0]) is { } nearest && nearest != words[0] &&
            !TextTokens.IsStopWord(words[0]) && !context.Snapshot.Matcher.Knows(words[0]))
        {
            return new UsageRequest(nearest, $"I don't know \"{words[0]}\".");
        }

        return new QuestionRequest(interpretation);
    }
}
