using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Conversation.Handlers;

/// <summary>
/// A scorecard file sent to the bot: an admin's is imported with the <c>import</c> command line's
/// reader and checks; with any problem nothing changes and every problem is answered with its line
/// and column.
/// </summary>
internal static class FileHandler
{
    public const string ImportedKind = "file-imported";
    public const string ProblemsKind = "file-problems";

    /// <summary>At most this many problems are listed in the answer; the count says how many there are.</summary>
    private const int Shown = 20;

    public static async Task<TurnResult> ImportAsync(TurnContext context, TurnFile file, CancellationToken cancellationToken)
    {
        if (context.Person.Role != Role.Admin)
        {
            return Replies.Refused("Only an admin can import a scorecard file; I changed nothing.");
        }

        if (context.Services.Files is not { } files)
        {
            return Replies.Refused("Importing files from chat is not available on this installation.");
        }

        var outcome = await files.ImportAsync(context.Change, file, cancellationToken);
        if (outcome.Problems.Count > 0)
        {
            var count = outcome.Problems.Count;
            var heading = $"{file.Name} has {count} problem{(count == 1 ? string.Empty : "s")}; I changed nothing.";
            var blocks = new List<Block> { Paragraph.Of(heading, TextTone.Warning) };
            blocks.AddRange(outcome.Problems.Take(Shown).Select(p => (Block)Paragraph.Of(p)));
            if (count > Shown)
            {
                blocks.Add(new Note($"… and {count - Shown} more."));
            }

            blocks.Add(new Note("Fix them and send the file again."));
            return TurnResult.Of(new Message(blocks, heading + " " + string.Join(" ", outcome.Problems.Take(Shown))) { Kind = ProblemsKind });
        }

        if (!outcome.Result.Succeeded)
        {
            return Replies.Refused(outcome.Result.Message ?? "The file was not imported.");
        }

        var text = outcome.Created + outcome.Updated == 0
            ? $"{file.Name} matches the scorecard already: nothing to change."
            : $"Imported {file.Name}: {outcome.Created} created, {outcome.Updated} updated. Say lint to see what the scorecard still lacks.";
        return TurnResult.Of(Message.Text(text, ImportedKind));
    }
}
