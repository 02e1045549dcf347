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
        var candidates = Distinct(match.Candidates.Take(5).ToList());
        var question = words is null ? "Which one do you mean?" : $"Which one do you mean by \"{words}\"?";
        var summary = $"{question} {string.Join(" or ", candidates.Select(c => c.Label))}." + (howToRepeat is null ? string.Empty : " " + howToRepeat);
        var blocks = new List<Block> { Paragraph.Of(question) };
        if (howToRepeat is not null)
        {
            blocks.Add(new Note(howToRepeat));
        }

        blocks.Add(new ActionBar([.. candidates.Select(c => Button(c.Subject, c.Label))]));
        return TurnResult.Of(new Message(blocks, summary) { Kind = ChooseKind });
    }

    /// <summary>
    /// Each candidate with a label that tells it apart: two objectives of the same name in one
    /// scorecard are told apart by their perspective (in two scorecards, the scorecard does it).
    /// </summary>
    private static List<(Subject Subject, string Label)> Distinct(IReadOnlyList<SubjectCandidate> candidates)
    {
        var labels = candidates.Select(c => (c.Subject, Label: Describe(c.Subject))).ToList();
        var twice = labels.GroupBy(l => l.Label, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return [.. labels.Select(l => twice.Contains(l.Label) && l.Subject.PerspectiveName is { } perspective
            ? (l.Subject, $"{l.Label[..^1]}, {perspective} perspective)")
            : l)];
    }

    /// <summary>Nothing matches: "There is no KPI called X", and the nearest three to choose from.</summary>
    public static TurnResult NothingMatches(string words, IReadOnlyList<SubjectCandidate> nearest)
    {
        var text = $"There is no KPI called \"{words}\".";
        if (nearest.Count == 0)
        {
            return TurnResult.Of(Message.Text(text + " Type help to see what I can do.", NotFoundKind));
        }

        var offered = nearest.Take(3).ToList();
        var summary = $"{text} Did you mean {string.Join(" or ", Distinct(offered).Select(c => c.Label))}?";
        return TurnResult.Of(new Message(
            [Paragraph.Of(text), new Note("Did you mean:"), new ActionBar([.. Distinct(offered).Select(c => Button(c.Subject, c.Label))])],
            summary)
        { Kind = NotFoundKind });
    }

    /// <summary>"I don't know the command X": said to words shaped like a command that is none of ours.</summary>
    public static TurnResult UnknownCommand(string command) =>
        TurnResult.Of(Message.Text($"I don't know the command \"{command}\". Type help to see the commands, or ask in plain words, e.g. \"what's red this month\".", UsageKind));

    public static string Describe(Subject subject) => subject.Kind switch
    {
        SubjectKind.Kpi => $"{subject.Name} ({subject.ScorecardName})",
        SubjectKind.Scorecard => $"the {subject.Name} scorecard",
        SubjectKind.Perspective => $"the {subject.Name} perspective ({subject.ScorecardName})",
        _ => $"the objective {subject.Name} ({subject.ScorecardName})",
    };

    private static MessageAction Button(Subject subject, string label) => subject.Kind == SubjectKind.Kpi
        ? new MessageAction(CardActions.ShowKpi, label)
        {
            Data = new Dictionary<string, string> { [CardActions.Keys.Kpi] = subject.Id.ToString("N") },
        }
        : new MessageAction(CardActions.ShowSubject, label)
        {
            Data = new Dictionary<string, string> { [CardActions.Keys.Kind] = subject.Kind.ToString(), [CardActions.Keys.Id] = subject.Id.ToString("N") },
        };
}
