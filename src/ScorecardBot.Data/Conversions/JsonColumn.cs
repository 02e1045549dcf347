using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ScorecardBot.Data.Conversions;

/// <summary>
/// Stores a short list as JSON text. Every provider has a text column, so the same model and the
/// same data work on SQLite, SQL Server and PostgreSQL (no provider-specific arrays).
/// The comparer makes the change tracker notice edits inside the list, not only a new list.
/// </summary>
internal static class JsonColumn
{
    public static PropertyBuilder<List<T>> HasJsonConversion<T>(this PropertyBuilder<List<T>> property)
    {
        var comparer = new ValueComparer<List<T>>(
            (left, right) => (left == null && right == null) || (left != null && right != null && left.SequenceEqual(right)),
            list => list.Aggregate(0, (hash, item) => HashCode.Combine(hash, item)),
            list => list.ToList());

        property.HasConversion(
            list => JsonSerializer.Serialize(list, JsonSerializerOptions.Default),
            json => string.IsNullOrEmpty(json) ? new List<T>() : JsonSerializer.Deserialize<List<T>>(json, JsonSerializerOptions.Default) ?? new List<T>(),
            comparer);
        property.IsRequired();
        return property;
    }
}
