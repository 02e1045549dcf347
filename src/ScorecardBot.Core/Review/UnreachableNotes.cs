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

/// <summary>A message the bot could not post: what it was ("the digest for November 2026"), where, and why (<see cref="DeliveryFailureCodes.ExplainChannel"/>).</summary>
public sealed record NotPosted(string What, string Where, Platform Platform, string Why);

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

    /// <summary>The kind of the notice that tells a manager which channel posts did not go out.</summary>
    public const string NotPostedKind = "notposted";

    /// <summary>
    /// To the scorecard manager, once: what the bot could not post (a digest, an agenda, a message
    /// for someone who could not be reached) and why, in words that say what to change.
    /// </summary>
    public static Message NotPostedNotice(Scorecard scorecard, IReadOnlyList<NotPosted> items)
    {
        ArgumentNullException.ThrowIfNull(scorecard);
        ArgumentOutOfRangeException.ThrowIfZero(items.Count);
        var blocks = new List<Block> { new Heading($"{scorecard.Name}: {Count(items.Count)} not posted") };
        blocks.AddRange(items.Select(i => new Paragraph([new Run(Capitalized(i.What), Bold: true), new Run($" in {i.Where} ({i.Platform}): {i.Why}.")])));
        blocks.Add(new Note("Nothing was retried: the platform said no for good. Once that is fixed, the next messages go out as usual; an admin's status lists what was not delivered."));
        var summary = string.Join("; ", items.Select(i => $"{i.What} in {i.Where} ({i.Platform}): {i.Why}"));
        return new Message(blocks, $"{scorecard.Name}: {Count(items.Count)} not posted. {Capitalized(summary)}.") { Kind = NotPostedKind };
    }

    /// <summary>The kind of the notice that tells a manager which messages expired unsent.</summary>
    public const string ExpiredKind = "expired";

    /// <summary>
    /// To the scorecard manager, once: the messages that were not sent because their moment had
    /// passed (a digest after its meeting started, an agenda after the meeting, a prompt after its
    /// due date), each with when that was, so nobody reads a November digest in January.
    /// </summary>
    public static Message ExpiredNotice(Scorecard scorecard, IReadOnlyList<NotPosted> items)
    {
        ArgumentNullException.ThrowIfNull(scorecard);
        ArgumentOutOfRangeException.ThrowIfZero(items.Count);
        var blocks = new List<Block> { new Heading($"{scorecard.Name}: {Count(items.Count)} not sent, too late") };
        blocks.AddRange(items.Select(i => new Paragraph([new Run(Capitalized(i.What), Bold: true), new Run($" to {i.Where} ({i.Platform}): {i.Why}.")])));
        blocks.Add(new Note("Sent now, they would have arrived after the moment they were for and misled their readers, so I did not send them. The next messages go out as usual."));
        var summary = string.Join("; ", items.Select(i => $"{i.What} to {i.Where} ({i.Platform}): {i.Why}"));
        return new Message(blocks, $"{scorecard.Name}: {Count(items.Count)} not sent, too late. {Capitalized(summary)}.") { Kind = ExpiredKind };
    }

    private static string Count(int n) => n == 1 ? "1 message" : $"{n} messages";

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static Mention Mentions(Person person) => Conversation.Review.Mentions.Of(person);
}
