using ScorecardBot.Core.Conversation.Grammar;

namespace ScorecardBot.Core.Conversation.Handlers;

/// <summary>
/// <c>help [command]</c>: the commands the asker may use, or one command in detail. A viewer sees
/// what a viewer can do, an owner what an owner can do; manager and admin commands are listed
/// only to managers and admins, and the others are told who runs the rest.
/// </summary>
internal static class HelpHandler
{
    public static TurnResult Handle(string? command, TurnContext context)
    {
        var who = StandingOf(context.Person, context.Snapshot);
        if (command is not null)
        {
            var line = Usage.For(command);
            var only = line.Who > who ? $" ({OnlyFor(line.Who)} only)" : string.Empty;
            return TurnResult.Of(Message.Text($"{line.Syntax} — {line.Purpose}{only}. Example: {line.Example}", "help"));
        }

        var lines = Usage.For(who);
        var facts = lines.Select(l => new Fact(l.Syntax, l.Purpose)).ToList();
        var blocks = new List<Block>
        {
            new Heading("What I can do"),
            Paragraph.Of("Ask in plain words — \"how is customer retention doing\", \"what's red this month\", \"who owns OTD\" — or use a command:"),
            new FactList(facts),
        };
        var others = who switch
        {
            Who.Everyone => "Owners report their KPIs' actuals; scorecard managers assign owners, set targets and post the digest and agenda.",
            Who.Reporter => "Scorecard managers assign owners, set targets, remind and post the digest and agenda.",
            _ => null,
        };
        if (others is not null)
        {
            var ask = context.AskName(context.Snapshot.Scorecards.FirstOrDefault(s => s.ManagerId is not null));
            blocks.Add(new Note(others + (ask is null ? string.Empty : $" Ask {ask} for those.")));
        }

        return new TurnResult([new Reply(new Message(blocks, "Ask in plain words (\"how is OTD doing\") or use: " + string.Join(" · ", lines.Select(l => l.Syntax))) { Kind = "help" }, Audience.OnlyActor)]);
    }

    /// <summary>
    /// What a person may do: admins everything; scorecard managers (by role, or as the manager of a
    /// scorecard) run reviews; owners and delegates of a KPI report; everyone else asks.
    /// </summary>
    internal static Who StandingOf(Model.Person person, OrganizationSnapshot snapshot) =>
        person.Role == Model.Role.Admin ? Who.Admin
        : person.Role >= Model.Role.ScorecardManager || snapshot.Scorecards.Any(s => s.ManagerId == person.Id) ? Who.Manager
        : person.Role >= Model.Role.Owner || snapshot.KpisReportedBy(person.Id).Any() ? Who.Reporter
        : Who.Everyone;

    private static string OnlyFor(Who who) => who switch
    {
        Who.Admin => "admins",
        Who.Manager => "scorecard managers and admins",
        _ => "owners, their delegates and scorecard managers",
    };

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
