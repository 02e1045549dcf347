using System.Globalization;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Values;

namespace ScorecardBot.Core.Tests.Values;

public class ValueParserTests
{
    private static readonly ValueParser English = new(CultureInfo.GetCultureInfo("en-US"), "USD");
    private static readonly ValueParser German = new(CultureInfo.GetCultureInfo("de-DE"), "EUR");

    private static decimal Read(ValueParser parser, string text, KpiFormat format = KpiFormat.Number, string? unit = null)
    {
        var result = parser.Parse(text, format, unit);
        Assert.True(result.IsValue, result.Error);
        return result.Value!.Value;
    }

    [Theory]
    [InlineData("1,234.5", "1234.5")]
    [InlineData("1234.5", "1234.5")]
    [InlineData("1,234,567", "1234567")]
    [InlineData("1,234", "1234")]
    [InlineData("0.95", "0.95")]
    [InlineData(".5", "0.5")]
    [InlineData("1.2k", "1200")]
    [InlineData("1.2K", "1200")]
    [InlineData("3.4M", "3400000")]
    [InlineData("3.4 million", "3400000")]
    [InlineData("2bn", "2000000000")]
    [InlineData("2 bn", "2000000000")]
    [InlineData("-3", "-3")]
    [InlineData("−3", "-3")]
    [InlineData("+3", "3")]
    [InlineData("(3)", "-3")]
    [InlineData("(1,200.50)", "-1200.50")]
    [InlineData("1 234.5", "1234.5")]
    [InlineData("1'234.5", "1234.5")]
    [InlineData("1.234,5", "1234.5")] // only one reading possible
    [InlineData("12,5", "12.5")] // ',' with two digits after cannot group thousands
    public void Parse_reads_numbers_in_en_US(string text, string expected) =>
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), Read(English, text));

    [Theory]
    [InlineData("1.234,5", "1234.5")]
    [InlineData("1.234", "1234")]
    [InlineData("1.234.567", "1234567")]
    [InlineData("1234,5", "1234.5")]
    [InlineData("0,95", "0.95")]
    [InlineData("1,2k", "1200")]
    [InlineData("1.2k", "1200")] // '.' with one digit after cannot group thousands in de-DE either
    [InlineData("3,4 Mio.", "3400000")]
    [InlineData("2 Mrd", "2000000000")]
    [InlineData("1 234,5", "1234.5")]
    public void Parse_reads_numbers_in_de_DE(string text, string expected) =>
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), Read(German, text));

    [Fact]
    public void Parse_reads_Indian_grouping_in_en_IN() =>
        Assert.Equal(1234567m, Read(new ValueParser(CultureInfo.GetCultureInfo("en-IN")), "12,34,567"));

    [Theory]
    [InlineData("95%", "95")]
    [InlineData("95 %", "95")]
    [InlineData("95", "95")]
    [InlineData("0.95", "0.95")] // kept: the plausibility check flags it, not the parser
    [InlineData("97.5%", "97.5")]
    public void Parse_for_a_percent_KPI_keeps_the_number_typed(string text, string expected)
    {
        var result = English.Parse(text, KpiFormat.Percent);
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), result.Value);
        Assert.Equal("%", result.Unit);
    }

    [Theory]
    [InlineData("$1,200", "USD", "1200")]
    [InlineData("$ 1,200", "USD", "1200")]
    [InlineData("-$1,200", "USD", "-1200")]
    [InlineData("($1,200)", "USD", "-1200")]
    [InlineData("1200 USD", "USD", "1200")]
    [InlineData("USD 1.2M", "USD", "1200000")]
    [InlineData("$1.2M", "USD", "1200000")]
    [InlineData("1.2k EUR", "EUR", "1200")]
    [InlineData("€1,200", "EUR", "1200")]
    [InlineData("£3.5k", "GBP", "3500")]
    [InlineData("1200", "EUR", "1200")]
    public void Parse_for_a_currency_KPI_reads_symbols_and_codes(string text, string currency, string expected)
    {
        var result = English.Parse(text, KpiFormat.Currency, currency);
        Assert.True(result.IsValue, result.Error);
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), result.Value);
        Assert.Equal(currency, result.Unit);
    }

    [Theory]
    [InlineData("€1.200", "1200")]
    [InlineData("1.200 €", "1200")]
    [InlineData("1200 EUR", "1200")]
    [InlineData("1.200,50 EUR", "1200.50")]
    public void Parse_for_a_currency_KPI_in_de_DE(string text, string expected) =>
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), Read(German, text, KpiFormat.Currency, "EUR"));

    [Fact]
    public void Parse_for_a_currency_KPI_without_unit_uses_the_organizations_currency()
    {
        Assert.Equal(1200m, Read(German, "1.200 €", KpiFormat.Currency));
        var wrong = German.Parse("$1,200", KpiFormat.Currency);
        Assert.Equal("'$1,200' is in dollars, but this KPI is reported in EUR. Type the amount in EUR.", wrong.Error);
    }

    [Theory]
    [InlineData("€1,200", "USD", "'€1,200' is in EUR, but this KPI is reported in USD. Type the amount in USD.")]
    [InlineData("1200 GBP", "EUR", "'1200 GBP' is in GBP, but this KPI is reported in EUR. Type the amount in EUR.")]
    [InlineData("$5", "EUR", "'$5' is in dollars, but this KPI is reported in EUR. Type the amount in EUR.")]
    public void Parse_refuses_a_currency_that_contradicts_the_KPIs(string text, string currency, string error)
    {
        var result = English.Parse(text, KpiFormat.Currency, currency);
        Assert.True(result.IsInvalid);
        Assert.Equal(error, result.Error);
    }

    [Fact]
    public void A_dollar_sign_agrees_with_any_dollar_currency() =>
        Assert.Equal(50m, Read(English, "$50", KpiFormat.Currency, "CAD"));

    [Theory]
    [InlineData("2h 30m", "2.5")]
    [InlineData("2h30m", "2.5")]
    [InlineData("90 min", "1.5")]
    [InlineData("1.5 days", "36")]
    [InlineData("1 day 2 hours", "26")]
    [InlineData("45m", "0.75")]
    [InlineData("2:30", "2.5")]
    [InlineData("3", "3")]
    [InlineData("1 week", "168")]
    public void Parse_for_a_duration_KPI_converts_to_hours(string text, string expected)
    {
        var result = English.Parse(text, KpiFormat.Duration);
        Assert.True(result.IsValue, result.Error);
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), result.Value);
        Assert.Equal("h", result.Unit);
    }

    [Theory]
    [InlineData("1.5 days", "days", "1.5")]
    [InlineData("36h", "days", "1.5")]
    [InlineData("2h 30m", "min", "150")]
    [InlineData("2 weeks", "days", "14")]
    [InlineData("4", "days", "4")]
    public void Parse_for_a_duration_KPI_converts_to_its_unit(string text, string unit, string expected) =>
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), Read(English, text, KpiFormat.Duration, unit));

    [Fact]
    public void Parse_for_a_number_KPI_in_days_reads_durations_too() =>
        Assert.Equal(42m, Read(English, "6 weeks", KpiFormat.Number, "days"));

    [Fact]
    public void Parse_in_de_DE_reads_decimal_commas_in_durations() =>
        Assert.Equal(36m, Read(German, "1,5 days", KpiFormat.Duration));

    [Theory]
    [InlineData("n/a")]
    [InlineData("N/A")]
    [InlineData("na")]
    [InlineData("no data")]
    [InlineData("No  Data")]
    [InlineData("-")]
    [InlineData("—")]
    public void Parse_recognises_no_data(string text)
    {
        var result = English.Parse(text, KpiFormat.Percent);
        Assert.True(result.IsNoData);
        Assert.Null(result.Value);
        Assert.Null(result.Error);
    }

    [Theory]
    [InlineData("abc", KpiFormat.Number, null, "'abc' is not a number. Type a value like 1,234.5, 1.2k, 95% or n/a.")]
    [InlineData("12,34,5", KpiFormat.Number, null, "'12,34,5' is not a number: ',' separates thousands, so each group after it needs 3 digits.")]
    [InlineData("1.2.3,4,5", KpiFormat.Number, null, "'1.2.3,4,5' is not a number: ',' marks decimals here but appears more than once.")]
    [InlineData("12 apples", KpiFormat.Number, "t", "'12 apples' is not a number: 'apples' is not a unit this KPI uses (it is measured in t).")]
    [InlineData("95%", KpiFormat.Number, "t", "'95%' is a percentage, but this KPI is a number in t. Type the number alone.")]
    [InlineData("95%", KpiFormat.Currency, "USD", "'95%' is a percentage, but this KPI is an amount of money. Type the number alone.")]
    [InlineData("$1,200", KpiFormat.Number, "t", "'$1,200' is an amount of money, but this KPI is a number in t. Type the number alone.")]
    [InlineData("2h 30m", KpiFormat.Number, null, "'2h 30m' is a duration, but this KPI is a plain number. Type a number.")]
    [InlineData("90 min", KpiFormat.Percent, null, "'90 min' is a duration, but this KPI is a percentage. Type a number.")]
    [InlineData("95 pct", KpiFormat.Percent, null, "'95 pct' is not a number: 'pct' is not a unit this KPI uses (type 95 or 95%).")]
    [InlineData("", KpiFormat.Number, null, "Type a value like 1,234.5, 1.2k, 95% or n/a.")]
    public void Parse_explains_what_is_wrong(string text, KpiFormat format, string? unit, string error)
    {
        var result = English.Parse(text, format, unit);
        Assert.True(result.IsInvalid);
        Assert.Null(result.Value);
        Assert.Equal(error, result.Error);
    }

    [Fact]
    public void Parse_in_de_DE_refuses_broken_thousands_groups()
    {
        var result = German.Parse("1.23.456");
        Assert.Equal("'1.23.456' is not a number: '.' separates thousands, so each group after it needs 3 digits.", result.Error);
    }

    [Fact]
    public void Parse_with_a_number_KPI_unit_strips_the_unit()
    {
        var result = English.Parse("1,234.5 t", KpiFormat.Number, "t");
        Assert.Equal(1234.5m, result.Value);
        Assert.Equal("t", result.Unit);
        Assert.Equal(5m, Read(English, "5 m", KpiFormat.Number, "m")); // meters, not millions
    }

    [Fact]
    public void Parse_with_a_kpi_uses_its_format_and_unit()
    {
        var kpi = new Kpi { Key = "rev", Name = "Revenue", Format = KpiFormat.Currency, Unit = "EUR" };
        Assert.True(English.Parse("€2.5M", kpi).IsValue);
        Assert.Equal(2_500_000m, English.Parse("€2.5M", kpi).Value);
        Assert.True(English.Parse("$2.5M", kpi).IsInvalid);
    }

    [Fact]
    public void Parse_of_a_huge_number_says_it_is_too_large() =>
        Assert.Equal("'99999999999999999999999999999999' is not a number: it is too large.", English.Parse("99999999999999999999999999999999").Error);
}
