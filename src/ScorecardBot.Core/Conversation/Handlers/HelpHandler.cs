using ScorecardBot.Core.Conversation.Grammar;

namespace ScorecardBot.Core.Conversation.Handlers;

/// <summary><c>help [command]</c>: every command with its syntax, or one command in detail.</summary>
internal static class HelpHandler
{
    /// <param name="person">The asker: admins also see the admin commands.</param>
    public static TurnResult Handle(string? command, Model.Person? person = null)
    {
        if (command is not null)
        {
            var line = Usage.For(command);
            return TurnResult.Of(Message.Text($"{line.Syntax} — {line.Purpose}. Example: {line.Example}", "help"));
        }

        var lines = person?.Role == Model.Role.Admin ? Usage.All : Usage.Lines;
        var facts = lines.Select(l => new Fact(l.Syntax, l.Purpose)).ToList();
        var blocks = new List<Block>
        {
            new Heading("What I can do"),
            Paragraph.Of("Ask in plain words — \"how is customer retention doing\", \"what's red this month\", \"who owns OTD\" — or use a command:"),
            new FactList(facts),
        };
        return new TurnResult([new Reply(new Message(blocks, "Ask in plain words (\"how is OTD doing\") or use: " + string.Join(" · ", lines.Select(l => l.Syntax))) { Kind = "help" }, Audience.OnlyActor)]);
    }
}
