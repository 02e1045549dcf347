using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ScorecardBot.Data.Conversions;

/// <summary>
/// SQLite has no date-time type: EF Core stores DateTimeOffset as text there and cannot order or
/// compare it in SQL. Storing UTC ticks as an integer makes "latest first" and "before X" work.
/// </summary>
internal sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.UtcTicks,
    ticks => new DateTimeOffset(ticks, TimeSpan.Zero))
{
}

/// <summary>PostgreSQL's timestamptz holds an instant; Npgsql accepts only offset zero when writing.</summary>
internal sealed class ToUtcConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(
    value => value.ToUniversalTime(),
    value => value)
{
}
