using System.Globalization;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Conversation;

/// <summary>A pre-read compared, applied and described the same way by both stores (the audit trail's text).</summary>
public static class PreReadText
{
    public static bool Same(PreRead row, PreReadEntry entry) =>
        row.Cause == entry.Cause && row.Countermeasure == entry.Countermeasure && row.CountermeasureOwnerId == entry.CountermeasureOwnerId
        && row.CountermeasureDue == entry.Due && row.Need == entry.Need;

    public static void Apply(PreRead row, PreReadEntry entry, Guid answeredBy, DateTimeOffset at)
    {
        row.Cause = entry.Cause;
        row.Countermeasure = entry.Countermeasure;
        row.CountermeasureOwnerId = entry.CountermeasureOwnerId;
        row.CountermeasureDue = entry.Due;
        row.Need = entry.Need;
        row.AnsweredById = answeredBy;
        row.AnsweredAt = at;
    }

    public static string Describe(PreRead row) => Describe(row.Cause, row.Countermeasure, row.CountermeasureOwnerId, row.CountermeasureDue, row.Need);

    public static string Describe(PreReadEntry entry) => Describe(entry.Cause, entry.Countermeasure, entry.CountermeasureOwnerId, entry.Due, entry.Need);

    private static string Describe(string cause, string countermeasure, Guid? owner, DateOnly due, PreReadNeed need) =>
        $"cause: {cause}; countermeasure: {countermeasure} (owner {owner?.ToString("D") ?? "none"}, due {due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}); needs: {need.ToString().ToLowerInvariant()}";
}
