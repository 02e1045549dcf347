using System.Globalization;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Data.AsCode;

/// <summary>
/// Reads the value column of an actuals file. The seam where the conversation's full value
/// parser (locales, "1.2k", "12 %") can be plugged in; files default to the invariant reader.
/// </summary>
public interface IActualValueReader
{
    /// <summary>Reads <paramref name="text"/> as a value of <paramref name="kpi"/>; on failure says why.</summary>
    bool TryRead(string text, Kpi kpi, out decimal value, out string? problem);
}

/// <summary>
/// Plain numbers in the invariant culture: a point as decimal separator, an optional sign, an
/// optional trailing % for percent KPIs, no thousands separators (they would be ambiguous).
/// </summary>
public sealed class InvariantActualValueReader : IActualValueReader
{
    public static InvariantActualValueReader Instance { get; } = new();

    public bool TryRead(string text, Kpi kpi, out decimal value, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(kpi);
        var span = text.AsSpan().Trim();
        if (kpi.Format == KpiFormat.Percent && span.EndsWith("%"))
        {
            span = span[..^1].TrimEnd();
        }

        if (AsCodeTokens.TryParseNumber(span, out value))
        {
            problem = null;
            return true;
        }

        problem = span.Contains(',')
            ? $"value '{text}' is not a number; write it with a point and no thousands separator, like 1234.5"
            : decimal.TryParse(span, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
                ? $"value '{text}' has more than 6 decimals or 14 digits; the scorecard stores no finer"
                : $"value '{text}' is not a number";
        return false;
    }
}
