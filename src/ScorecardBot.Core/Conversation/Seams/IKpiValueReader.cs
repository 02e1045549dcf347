using System.Globalization;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Conversation.Seams;

/// <summary>What a typed value means for a KPI: a number, "no data", or an error to show beside the input.</summary>
public sealed record ValueReading(decimal? Value, bool IsNoData, string? Error)
{
    public static ValueReading Number(decimal value) => new(value, false, null);
    public static ValueReading NoData { get; } = new(null, true, null);
    public static ValueReading Invalid(string error) => new(null, false, error);

    public bool IsValid => Error is null;
}

/// <summary>Reads a typed value ("1.2k", "95 %", "1.234,5", "n/a") in the organization's locale for one KPI.</summary>
public interface IKpiValueReader
{
    ValueReading Read(string text, Kpi kpi, CultureInfo culture);
}
