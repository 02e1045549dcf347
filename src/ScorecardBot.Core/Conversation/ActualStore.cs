using System.Globalization;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Conversation;

/// <summary>The rules every store follows when it writes an actual, so the in-memory and database stores agree.</summary>
public static class ActualStore
{
    /// <summary>Whether an entry repeats what is stored: then storing it again changes nothing.</summary>
    public static bool SameAs(Actual existing, ActualEntry entry) =>
        existing.Value == entry.Value &&
        string.Equals(existing.NoDataReason ?? string.Empty, entry.NoDataReason ?? string.Empty, StringComparison.Ordinal) &&
        string.Equals(existing.Comment ?? string.Empty, entry.Comment ?? string.Empty, StringComparison.Ordinal);

    public static Actual Create(ChangeContext context, ActualEntry entry)
    {
        var actual = new Actual { OrganizationId = context.OrganizationId, KpiId = entry.KpiId, Period = entry.Period };
        Apply(actual, context, entry);
        return actual;
    }

    public static void Apply(Actual actual, ChangeContext context, ActualEntry entry)
    {
        // The owner's comment on a number a system sent: the number keeps its source and sender.
        var commentOnFeed = actual.Source == EntrySource.Api && actual.Value is not null && actual.Value == entry.Value;
        actual.Comment = string.IsNullOrWhiteSpace(entry.Comment) ? null : entry.Comment.Trim();
        if (commentOnFeed)
        {
            return;
        }

        actual.Value = entry.Value;
        actual.NoDataReason = entry.Value is null ? entry.NoDataReason : null;
        actual.SubmittedById = context.ActorId;
        actual.SubmittedByName = null;
        actual.SourceSystem = null;
        actual.SubmittedAt = context.At;
        actual.Source = context.Via;
    }

    /// <summary>How an actual reads in the audit trail: the value, or "no data: reason".</summary>
    public static string Describe(decimal? value, string? noDataReason) =>
        value is { } v ? v.ToString(CultureInfo.InvariantCulture) : $"no data: {noDataReason}";
}
