using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Delivery;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Review;

/// <summary>A person the bot could not write to directly on a platform, and the platform's reason (<see cref="DeliveryFailureCodes"/>).</summary>
public sealed record UnreachableOwner(Person Person, Platform Platform, string Code)
{
    /// <summary>Why, in the manager's words.</summary>
    public string Why => DeliveryFailureCodes.Explain(Code, Platform);
}

/// <summary>
/// What the bot says when a direct message cannot be delivered: to the team channel, the message
/// itself with its recipient mentioned (the prompt's card or button included, so they can answer
/// there); to the scorecard manager, privately, who cannot be reached and why.
/// </summary>
public static class UnreachableNotes
{
    public const string NoticeKind = "unreachable";

    /// <summary>The undelivered message posted in the channel, addressed to its recipient.</summary>
    public static Message ChannelPost(UnreachableOwner owner, Message undelivered)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(undelivered);
        var lead = new Paragraph([
            Mentions(owner.Person),
            new Run($" — I can't write to you directly ({DeliveryFailureCodes.ExplainToThem(owner.Code, owner.Platform)}), so here it is in the channel:"),
        ]);
        return undelivered with
        {
            Blocks = [lead, .. undelivered.Blocks],
            Summary = $"{owner.Person.Name}: {undelivered.Summary}",
            ReplacesSource = false,
        };
    }

    /// <param name="postedIn">Where the messages were posted instead (a channel's name), or null when the scorecard has no team channel.</param>
    public static Message ManagerNotice(Scorecard scorecard, IReadOnlyList<UnreachableOwner> owners, string? postedIn)
    {
        ArgumentNullException.ThrowIfNull(scorecard);
        ArgumentOutOfRangeException.ThrowIfZero(owners.Count);
        var who = owners.Count == 1 ? "1 person" : $"{owners.Count} people";
        var blocks = new List<Block> { new Heading($"I can't reach {who} of {scorecard.Name}") };
        blocks.AddRange(owners.Select(o => new Paragraph([new Run(o.Person.Name, Bold: true), new Run($" ({o.Platform}): {o.Why}.")])));
        blocks.Add(Paragraph.Of(postedIn is null
            ? "The scorecard has no team channel to post their messages in: please ask them to report with the actual command, or add a channel."
            : $"I posted their messages in {postedIn}, mentioning them, so nothing is lost."));
        blocks.Add(new Note("I write to them directly again once they message me or install the bot. An admin's status lists everyone I cannot reach."));
        var names = string.Join("; ", owners.Select(o => $"{o.Person.Name} ({o.Platform}: {o.Why})"));
        return new Message(blocks, $"I can't reach {who} of {scorecard.Name}: {names}.") { Kind = NoticeKind };
    }

    private static Mention Mentions(Person person) => Conversation.Review.Mentions.Of(person);
}
