using ScorecardBot.Core.Conversation;

namespace ScorecardBot.Teams.Hosting;

/// <summary>What the Teams channel says on its own, before the conversation engine is involved.</summary>
internal static class TeamsTexts
{
    public const string NotSetUp =
        "ScorecardBot isn't set up for your organization yet. Ask your Microsoft 365 admin or scorecard admin to connect this Teams tenant; until then I can't show or record anything.";

    public const string UnknownPerson =
        "I don't know you in your organization's scorecard yet. Ask a scorecard admin to add you, then say \"help\".";

    public static Message Welcome(ConversationKind kind)
    {
        var where = kind == ConversationKind.Direct
            ? "Here I'll ask you for your KPI actuals each month and remind you when they're due."
            : "Here I'll post the status digest and the review agenda before each monthly business review.";
        return new Message(
            [
                new Heading("Hi, I'm ScorecardBot"),
                Paragraph.Of("I run your Balanced Scorecard's monthly review: collecting actuals, showing status, and preparing the review."),
                Paragraph.Of(where),
                new FactList(
                [
                    new Fact("help", "what I can do"),
                    new Fact("my kpis", "the KPIs you own and what's due"),
                    new Fact("status", "how the scorecard is doing"),
                ]),
                new Note("Type a command, or @mention me in a channel."),
            ],
            "Hi, I'm ScorecardBot. Say \"help\" to see what I can do.")
        { Kind = "welcome" };
    }
}
