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

    /// <summary>"hi", "thanks", a bare "?": a short greeting and three things to ask, in the organization's own words.</summary>
    public static TurnResult Greeting(TurnContext context, bool thanks)
    {
        var snapshot = context.Snapshot;
        var firstName = context.Person.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? context.Person.Name;
        var example = snapshot.KpisReportedBy(context.Person.Id).FirstOrDefault() ?? snapshot.Kpis.FirstOrDefault();
        var ask = example is null
            ? "Ask me \"what's red this month\" or \"what is due from me\""
            : $"Ask me \"how is {example.Name} doing\", \"what's red this month\" or \"who owns {example.Name}\"";
        var text = thanks
            ? $"You're welcome, {firstName}. {ask}, or type help for everything I can do."
            : $"Hi {firstName}! {ask}, or type help for everything I can do.";
        return new TurnResult([new Reply(Message.Text(text, "greeting"), Audience.OnlyActor)]);
    }
}
