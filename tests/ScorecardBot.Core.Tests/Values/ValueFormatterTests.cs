using System.Globalization;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Values;

namespace ScorecardBot.Core.Tests.Values;

public class ValueFormatterTests
{
    private static readonly ValueFormatter English = new(CultureInfo.GetCultureInfo("en-US"), "USD");
    private static readonly ValueFormatter German = new(CultureInfo.GetCultureInfo("de-DE"), "EUR");

    [Theory]
    [InlineData("95", KpiFormat.Percent, null, 1, false, "95.0 %")]
    [InlineData("97.25", KpiFormat.Percent, "%", 1, false, "97.3 %")]
    [InlineData("1234.5", KpiFormat.Number, "t", 1, false, "1,234.5 t")]
    [InlineData("1234.5", KpiFormat.Number, null, 0, false, "1,235")]
    [InlineData("1200", KpiFormat.Currency, "USD", 0, false, "$1,200")]
    [InlineData("1200000", KpiFormat.Currency, "USD", 0, true, "$1.2M")]
    [InlineData("-1200000", KpiFormat.Currency, "USD", 0, true, "-$1.2M")]
    [InlineData("1200", KpiFormat.Currency, "CHF", 2, false, "1,200.00 CHF")]
    [InlineData("1200", KpiFormat.Currency, "EUR", 0, false, "€1,200")]
    [InlineData("2.5", KpiFormat.Duration, null, 1, false, "2h 30m")]
    [InlineData("2.5", KpiFormat.Duration, "h", 1, false, "2h 30m")]
    [InlineData("150", KpiFormat.Duration, "min", 0, false, "2h 30m")]
    [InlineData("1.5", KpiFormat.Duration, "days", 1, false, "1.5 days")]
    [InlineData("3400", KpiFormat.Number, "t", 1, true, "3.4k t")]
    [InlineData("950", KpiFormat.Number, null, 1, true, "950.0")]
    public void Format_in_en_US(string value, KpiFormat format, string? unit, int decimals, bool compact, string expected) =>
        Assert.Equal(expected, English.Format(decimal.Parse(value, CultureInfo.InvariantCulture), format, unit, decimals, compact));

    [Theory]
    [InlineData("95", KpiFormat.Percent, null, 1, false, "95,0 %")]
    [InlineData("1234.5", KpiFormat.Number, "t", 1, false, "1.234,5 t")]
    [InlineData("1200", KpiFormat.Currency, "EUR", 0, false, "1.200 €")]
    [InlineData("1200000", KpiFormat.Currency, null, 0, true, "1,2M €")]
    public void Format_in_de_DE(string value, KpiFormat format, string? unit, int decimals, bool compact, string expected) =>
        Assert.Equal(expected, German.Format(decimal.Parse(value, CultureInfo.InvariantCulture), format, unit, decimals, compact));

    [Fact]
    public void Format_of_no_value_says_no_data() =>
        Assert.Equal("no data", English.Format(null, KpiFormat.Percent, null, 1));

    [Theory]
    [InlineData("950", "950.0")]
    [InlineData("1000", "1k")]
    [InlineData("1234", "1.2k")]
    [InlineData("999950", "1M")]
    [InlineData("3400000", "3.4M")]
    [InlineData("2000000000", "2bn")]
    [InlineData("-45600", "-45.6k")]
    public void FormatCompact_shortens_large_numbers(string value, string expected) =>
        Assert.Equal(expected, English.FormatCompact(decimal.Parse(value, CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("2.5", "2h 30m")]
    [InlineData("0.75", "45m")]
    [InlineData("3", "3h")]
    [InlineData("0", "0m")]
    [InlineData("-1.5", "-1h 30m")]
    [InlineData("26.25", "26h 15m")]
    public void FormatDuration_writes_hours_and_minutes(string hours, string expected) =>
        Assert.Equal(expected, ValueFormatter.FormatDuration(decimal.Parse(hours, CultureInfo.InvariantCulture)));

    [Fact]
    public void Format_with_a_kpi_uses_its_decimals_and_unit()
    {
        var kpi = new Kpi { Key = "co2", Name = "CO2", Unit = "t CO2", Decimals = 2 };
        Assert.Equal("1,234.50 t CO2", English.Format(1234.5m, kpi));
    }

    [Fact]
    public void Formatted_values_parse_back_to_the_same_number()
    {
        var parser = new ValueParser(CultureInfo.GetCultureInfo("de-DE"), "EUR");
        foreach (var (value, format, unit) in new (decimal, KpiFormat, string?)[]
                 {
                     (1234.5m, KpiFormat.Number, "t"), (95m, KpiFormat.Percent, null), (1200m, KpiFormat.Currency, "EUR"), (2.5m, KpiFormat.Duration, null),
                 })
        {
            var text = German.Format(value, format, unit, 1);
            Assert.Equal(value, parser.Parse(text, format, unit).Value);
        }
    }
}
