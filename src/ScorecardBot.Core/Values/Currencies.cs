namespace ScorecardBot.Core.Values;

/// <summary>Currency symbols and ISO codes people type, and the symbol shown for a code.</summary>
internal static class Currencies
{
    // "$" alone is shared by many dollars; it agrees with any of them.
    private static readonly HashSet<string> Dollars = new(StringComparer.Ordinal) { "USD", "CAD", "AUD", "NZD", "SGD", "HKD", "MXN" };

    private static readonly Dictionary<string, string> SymbolToCode = new(StringComparer.Ordinal)
    {
        ["US$"] = "USD",
        ["C$"] = "CAD",
        ["CA$"] = "CAD",
        ["A$"] = "AUD",
        ["AU$"] = "AUD",
        ["NZ$"] = "NZD",
        ["€"] = "EUR",
        ["£"] = "GBP",
        ["¥"] = "JPY",
        ["₹"] = "INR",
        ["₩"] = "KRW",
        ["R$"] = "BRL",
        ["zł"] = "PLN",
        ["Fr."] = "CHF",
        ["$"] = "$",
    };

    private static readonly HashSet<string> Codes = new(StringComparer.OrdinalIgnoreCase)
    {
        "USD", "EUR", "GBP", "JPY", "CHF", "CAD", "AUD", "NZD", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF",
        "INR", "CNY", "HKD", "SGD", "KRW", "BRL", "MXN", "ZAR", "TRY", "AED", "SAR", "ILS", "RON", "BGN",
    };

    private static readonly Dictionary<string, string> CodeToSymbol = new(StringComparer.OrdinalIgnoreCase)
    {
        ["USD"] = "$",
        ["EUR"] = "€",
        ["GBP"] = "£",
        ["JPY"] = "¥",
        ["INR"] = "₹",
    };

    /// <summary>Symbols longest first, so "US$" is found before "$".</summary>
    public static IReadOnlyList<string> Symbols { get; } = [.. SymbolToCode.Keys.OrderByDescending(k => k.Length)];

    public static bool IsCode(string? text) => text is { Length: 3 } && Codes.Contains(text);

    /// <summary>The ISO code of a symbol or code; "$" for a bare dollar sign; null when it is neither.</summary>
    public static string? CodeOf(string text) =>
        SymbolToCode.TryGetValue(text, out var code) ? code : IsCode(text) ? text.ToUpperInvariant() : null;

    /// <summary>Whether a typed currency (code or "$") agrees with the KPI's currency.</summary>
    public static bool Agrees(string typed, string expected) =>
        typed == "$" ? Dollars.Contains(expected.ToUpperInvariant()) : string.Equals(typed, expected, StringComparison.OrdinalIgnoreCase);

    /// <summary>The symbol shown before or after an amount; the ISO code where no symbol is unambiguous.</summary>
    public static string SymbolOf(string code) => CodeToSymbol.TryGetValue(code, out var symbol) ? symbol : code.ToUpperInvariant();

    public static bool HasSymbol(string code) => CodeToSymbol.ContainsKey(code);
}
