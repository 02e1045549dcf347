using System.Globalization;
using Humanizer;
using ScorecardBot.Core.Conversation.Grammar;
using ScorecardBot.Core.Delivery;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;

namespace ScorecardBot.Core.Conversation.Handlers;

/// <summary>
/// What admins need about delivery: <c>status</c> adds the messages that need attention and the
/// people the bot cannot reach; <c>digest layout …</c> and <c>digest mentions …</c> set how
/// digests are posted in the team channels.
/// </summary>
internal static class DeliveryHandler
{
    public const string AttentionKind = "delivery-status";
    public const string SettingsKind = "digest-settings";

    /// <summary>Lines listed per part before "… and N more".</summary>
    public const int Listed = 15;

    /// <summary>An admin's overview (status without a subject) ends with what needs their attention.</summary>
    public static async Task<TurnResult> StatusAsync(TurnContext context, StatusRequest request, CancellationToken cancellationToken)
    {
        var status = AskHandler.Status(context, request);
        if (request.SubjectText is not null || context.Person.Role != Role.Admin || context.Services.Delivery is not { } delivery)
        {
            return status;
        }

        var attention = await delivery.GetAsync(context.Snapshot.Organization.Id, cancellationToken);
        return new TurnResult([.. status.Replies, new Reply(Attention(attention, context.Culture), Audience.OnlyActor)]);
    }

    internal static Message Attention(DeliveryAttention attention, CultureInfo culture)
    {
        if (attention.IsEmpty)
        {
            return Message.Text("Delivery: every message reached its recipient, and I can reach everyone.", AttentionKind);
        }

        var blocks = new List<Block> { new Heading("Delivery needs attention") };
        var summary = new List<string>();
        if (attention.People.Count > 0)
        {
            blocks.Add(Paragraph.Of($"People I cannot reach ({attention.People.Count})", TextTone.Warning));
            blocks.AddRange(attention.People.Take(Listed).Select(p => Paragraph.Of(
                $"• {p.Name} — {p.Platform}: {p.Reason} (since {DayText.Of(p.Since, culture)}). Their prompts go to the team channel.")));
            More(blocks, attention.People.Count);
            summary.Add($"I cannot reach {string.Join(", ", attention.People.Select(p => $"{p.Name} ({p.Platform}: {p.Reason})"))}.");
        }

        if (attention.Messages.Count > 0)
        {
            blocks.Add(Paragraph.Of($"Messages not delivered ({attention.Messages.Count})", TextTone.Attention));
            blocks.AddRange(attention.Messages.Take(Listed).Select(m => Paragraph.Of(
                $"• {m.Kind} to {m.Recipient} ({m.Platform}, due {DayText.ShortMoment(m.ScheduledAt, culture)}): {m.Reason} — " +
                (m.GivenUp ? $"given up after {Attempts(m.Attempts)}" : $"still retrying after {Attempts(m.Attempts)}"))));
            More(blocks, attention.Messages.Count);
            summary.Add($"{"message".ToQuantity(attention.Messages.Count)} not delivered.");
        }

        return new Message(blocks, "Delivery needs attention: " + string.Join(" ", summary)) { Kind = AttentionKind };
    }

    public static async Task<TurnResult> DigestSettingsAsync(TurnContext context, DigestSettingsRequest request, CancellationToken cancellationToken)
    {
        if (context.Person.Role != Role.Admin)
        {
            return Replies.Refused("Only an admin of the organization changes how digests are posted.");
        }

        if (context.Services.Settings is not { } settings)
        {
            return Replies.Refused("Settings cannot be changed from here.");
        }

        var result = await settings.SetDigestSettingsAsync(context.Change, request.Layout, request.MentionOwners, cancellationToken);
        if (!result.Succeeded)
        {
            return Replies.Refused(result.Message ?? "The setting was not changed.");
        }

        var said = request.Layout switch
        {
            DigestLayout.SummaryOnly => "Digests now post a short summary in the channel, nothing more; the details are one \"digest\" away.",
            DigestLayout.SummaryAndThread => "Digests now post a short summary in the channel with the details per perspective and per KPI in its thread.",
            DigestLayout.Full => "Digests now post in full in the channel.",
            _ => request.MentionOwners == true
                ? "Digests now @mention the owners of red KPIs and whoever still owes an actual."
                : "Digests no longer @mention anyone; they name people instead.",
        };
        return TurnResult.Of(Message.Text(result.Status == CommandStatus.Unchanged ? $"Nothing changed. {said}" : said, SettingsKind));
    }

    private static void More(List<Block> blocks, int count)
    {
        if (count > Listed)
        {
            blocks.Add(new Note($"… and {count - Listed} more."));
        }
    }

    private static string Attempts(int n) => n == 1 ? "1 attempt" : $"{n} attempts";
}
