using System.Globalization;
using System.Text.RegularExpressions;

namespace ScorecardBot.Core.Values;

/// <summary>Time units of duration KPIs, and reading "2h 30m", "90 min", "1.5 days", "1:30".</summary>
internal static partial class Durations
{
    /// <summary>Canonical unit names with their length in hours.</summary>
    private static readonly Dictionary<string, (string Canonical, decimal Hours)> Units = new(StringComparer.OrdinalIgnoreCase)
    {
        ["w"] = ("weeks", 168m),
        ["wk"] = ("weeks", 168m),
        ["wks"] = ("weeks", 168m),
        ["week"] = ("weeks", 168m),
        ["weeks"] = ("weeks", 168m),
        ["d"] = ("days", 24m),
        ["day"] = ("days", 24m),
        ["days"] = ("days", 24m),
        ["h"] = ("h", 1m),
        ["hr"] = ("h", 1m),
        ["hrs"] = ("h", 1m),
        ["hour"] = ("h", 1m),
        ["hours"] = ("h", 1m),
        ["m"] = ("min", 1m / 60m),
        ["min"] = ("min", 1m / 60m),
        ["mins"] = ("min", 1m / 60m),
        ["minute"] = ("min", 1m / 60m),
        ["minutes"] = ("min", 1m / 60m),
        ["s"] = ("s", 1m / 3600m),
        ["sec"] = ("s", 1m / 3600m),
        ["secs"] = ("s", 1m / 3600m),
        ["second"] = ("s", 1m / 3600m),
        ["seconds"] = ("s", 1m / 3600m),
    };

    /// <summary>The canonical time unit ("h", "min", "days", "weeks", "s") of a KPI unit, or null when it is not a time unit.</summary>
    public static string? CanonicalUnit(string? unit) =>
        unit is not null && Units.TryGetValue(unit.Trim(), out var u) ? u.Canonical : null;

    public static decimal HoursPer(string canonicalUnit) => Units[canonicalUnit].Hours;

    /// <summary>Whether the text is made of number-unit parts only ("2h 30m", "90 min").</summary>
    public static bool LooksLikeDuration(string text) => Parts().IsMatch(text) || Clock().IsMatch(text);

    /// <summary>The duration in hours, or null when the text is not a duration; numbers read with <paramref name="culture"/>.</summary>
    public static decimal? ReadHours(string text, CultureInfo culture)
    {
        var clock = Clock().Match(text);
        if (clock.Success)
        {
            return int.Parse(clock.Groups[1].Value, CultureInfo.InvariantCulture) +
                   (int.Parse(clock.Groups[2].Value, CultureInfo.InvariantCulture) / 60m);
        }

        if (!Parts().IsMatch(text))
        {
            return null;
        }

        decimal hours = 0;
        foreach (Match part in Part().Matches(text))
        {
            var (number, _) = NumberReader.Read(part.Groups[1].Value, culture);
            if (number is null || !Units.TryGetValue(part.Groups[2].Value, out var unit))
            {
                return null;
            }

            hours += number.Value * unit.Hours;
        }

        return hours;
    }

    private const string PartPattern = @"(\d[\d.,]*|[.,]\d+)\s*(weeks|week|wks|wk|w|days|day|d|hours|hour|hrs|hr|h|minutes|minute|mins|min|m|seconds|second|secs|sec|s)(?![a-zA-Z])";

    [GeneratedRegex(@"^\s*(?:" + PartPattern + @"\s*)+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Parts();

    [GeneratedRegex(PartPattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Part();

    [GeneratedRegex(@"^([0-9]{1,4}):([0-5][0-9])$")]
    private static partial Regex Clock();
}
