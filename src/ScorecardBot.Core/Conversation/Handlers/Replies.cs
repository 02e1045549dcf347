using ScorecardBot.Core.Conversation.Grammar;
using ScorecardBot.Core.Conversation.Matching;

namespace ScorecardBot.Core.Conversation.Handlers;

/// <summary>The replies every handler may need: a refusal, a usage line, "which one?", "nothing matches".</summary>
internal static class Replies
{
    public const string RefusedKind = "refused";
    public const string UsageKind = "usage";
    public const string ChooseKind = "choose";
    public const string NotFoundKind = "not-found";

    public static TurnResult Refused(string text) => TurnResult.Of(Message.Text(text, RefusedKind));

    public static TurnResult Usage(string command, string problem)
    {
        var line = Grammar.Usage.Describe(command);
        return TurnResult.Of(Message.Text($"{problem} {line}", UsageKind));
    }

    /// <summary>"Which one do you mean?" with one button per candidate, carrying its id.</summary>
    public static TurnResult Choose(SubjectMatch match, string? words, string? howToRepeat = null)
    {
        var candidates = match.Candidates.Take(5).ToList();
        var question = words is null ? "Which one do you mean?" : $"Which one do you mean by \"{words}\"?";
        var summary = $"{question} {string.Join(" or ", candidates.Select(c => Describe(c.Subject)))}." + (howToRepeat is null ? string.Empty : " " + howToRepeat);
        var blocks = new List<Block> { Paragraph.Of(question) };
        if (howToRepeat is not null)
        {
            blocks.Add(new Note(howToRepeat));
        }

        blocks.Add(new ActionBar([.. candidates.Select(c => Button(c.Subject))]));
        return TurnResult.Of(new Message(blocks, summary) { Kind = ChooseKind });
    }

    /// <summary>Nothing matches: say so and offer the nearest three.</summary>
    public static TurnResult NothingMatches(string words, IReadOnlyList<SubjectCandidate> nearest)
    {
        var text = $"I couldn't find a KPI, objective or perspective matching \"{words}\".";
        if (nearest.Count == 0)
        {
            return TurnResult.Of(Message.Text(text + " Type help to see what I can do.", NotFoundKind));
        }

        var summary = $"{text} Nearest: {string.Join(", ", nearest.Take(3).Select(c => Describe(c.Subject)))}.";
        return TurnResult.Of(new Message(
            [Paragraph.Of(text), new Note("The nearest are:"), new ActionBar([.. nearest.Take(3).Select(c => Button(c.Subject))])],
            summary)
        { Kind = NotFoundKind });
    }

    public static string Describe(Subject subject) => subject.Kind switch
    {
        SubjectKind.Kpi => $"{subject.Name} ({subject.ScorecardName})",
        SubjectKind.Scorecard => $"the {subject.Name} scorecard",
        SubjectKind.Perspective => $"the {subject.Name} perspective ({subject.ScorecardName})",
        _ => $"the objective {subject.Name} ({subject.ScorecardName})",
    };

    private static MessageAction Button(Subject subject) => subject.Kind == SubjectKind.Kpi
        ? new MessageAction(CardActions.ShowKpi, $"{subject.Name} ({subject.ScorecardName})")
        {
            Data = new Dictionary<string, string> { [CardActions.Keys.Kpi] = subject.Id.ToString("N") },
        }
        : new MessageAction(CardActions.ShowSubject, Describe(subject))
        {
            Data = new Dictionary<string, string> { [CardActions.Keys.Kind] = subject.Kind.ToString(), [CardActions.Keys.Id] = subject.Id.ToString("N") },
        };
}
