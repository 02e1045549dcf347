using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Data.Conversions;

/// <summary>
/// Stores a <see cref="Period"/> as its canonical key ("2026-10", "FY2027-Q1", "FY2027"), which is
/// readable in the database and sorts correctly among periods of one kind. The unset period
/// (<c>default</c>, which no row holds) converts both ways too: EF keeps it in the compiled model
/// as the "no value" marker of the property, in its stored form.
/// </summary>
internal sealed class PeriodConverter() : ValueConverter<Period, string>(
    period => period.ToString(),
    key => key == UnsetKey ? default : Period.Parse(key, null),
    new ConverterMappingHints(size: MaxLength, unicode: false))
{
    /// <summary>The longest key is "FY2027-Q1" (9 characters); one spare.</summary>
    public const int MaxLength = 10;

    /// <summary>What <c>default(Period)</c> stores as.</summary>
    public static readonly string UnsetKey = default(Period).ToString();
}
