using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Conversation.Submission;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Review;

public sealed partial class PromptBuilder
{
    /// <summary>
    /// The prompt for KPIs fed by the API whose numbers arrived: each number as it arrived, and
    /// only a comment field. Submitted, the comment is stored on that number (the number keeps its source).
    /// </summary>
    public Message CommentPrompt(Person recipient, Period reviewed, IReadOnlyList<PromptLine> lines)
    {
        var label = _calendar.Label(reviewed, _culture);
        var what = lines.Count == 1 ? $"The number for {lines[0].Kpi.Name} has" : $"{lines.Count} numbers have";
        return Card(
            $"Numbers arrived: {label}",
            $"Hi {recipient.Name}, {what} arrived from the connected systems for {label}. Please add your comment: what drove it, what you will do.",
            reviewed,
            lines,
            "prompt",
            $"{what} arrived for {label}: please add your comment.");
    }

    /// <summary>
    /// To an admin: numbers a system should have sent through the API for the review have not
    /// arrived, so their owners cannot comment and the digest will show them as no data.
    /// </summary>
    public Message FeedLate(Scorecard scorecard, Period reviewed, IReadOnlyList<PromptLine> late, IReadOnlyDictionary<Guid, Person> people)
    {
        var label = _calendar.Label(reviewed, _culture);
        var count = late.Count == 1 ? "1 number" : $"{late.Count} numbers";
        var blocks = new List<Block>
        {
            new Heading($"Feeds late: {scorecard.Name}, {label}"),
            Paragraph.Of($"{count} that systems send through the API for {label} have not arrived. Their owners are asked for a comment only once the number is in.", TextTone.Warning),
        };

        foreach (var line in late)
        {
            var owner = ReviewText.NameOf(line.Kpi.DelegateId ?? line.Kpi.OwnerId, people);
            blocks.Add(new Paragraph(
            [
                new Run(line.Kpi.Name, Bold: true),
                new Run($" ({line.Kpi.Key}, {(line.Period == reviewed ? label : line.Period.ToString())}) · from {line.Kpi.DataSource ?? "a connected system"} · owner {owner}"),
            ]));
        }

        blocks.Add(new Note("Check the feed and its API key (apikey list), or let the owner report the number: actual <kpi> <value>."));
        return new Message(blocks, $"{count} from the API for {scorecard.Name} ({label}) have not arrived: {string.Join(", ", late.Select(l => l.Kpi.Name))}.") { Kind = "feed-late" };
    }

    /// <summary>What stands in a fed KPI's value field: the number that arrived, or that it has not yet.</summary>
    private Note FedValue(PromptLine line)
    {
        var source = line.Kpi.DataSource ?? "a connected system";
        return ActualSubmission.FedNumber(line.Kpi, line.Period) is { } number
            ? new Note($"Arrived from {source}: {_formatter.Format(number, line.Kpi)}. Add your comment on it.")
            : new Note($"The value comes from {source} and has not arrived yet; add a comment if it needs one.");
    }
}
