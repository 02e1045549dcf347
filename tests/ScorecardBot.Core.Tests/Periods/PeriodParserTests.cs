using System.Globalization;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;

namespace ScorecardBot.Core.Tests.Periods;

public class PeriodParserTests
{
    private static readonly Period Nov2026 = Period.Month(2026, 11);

    private static PeriodParser Parser(int fiscalStart = 1, CultureInfo? culture = null) =>
        new(FiscalCalendar.Create(fiscalStart, "UTC"), culture);

    [Theory]
    [InlineData("2026-10", "2026-10")]
    [InlineData("Oct", "2026-10")]
    [InlineData("October", "2026-10")]
    [InlineData("oct.", "2026-10")]
    [InlineData("OCTO", "2026-10")]
    [InlineData("Nov", "2026-11")]
    [InlineData("Dec", "2025-12")] // a bare month is never in the future
    [InlineData("sept", "2026-09")]
    [InlineData("jan", "2026-01")]
    [InlineData("oct 2026", "2026-10")]
    [InlineData("October 2025", "2025-10")]
    [InlineData("oct-2026", "2026-10")]
    [InlineData("10/2026", "2026-10")]
    [InlineData("1/2027", "2027-01")]
    [InlineData("10.2026", "2026-10")]
    [InlineData("2026/10", "2026-10")]
    [InlineData("last month", "2026-10")]
    [InlineData("previous month", "2026-10")]
    [InlineData("  Last   Month ", "2026-10")]
    [InlineData("this month", "2026-11")]
    [InlineData("Q3", "FY2026-Q3")]
    [InlineData("Q4", "FY2026-Q4")]
    [InlineData("q1", "FY2026-Q1")]
    [InlineData("q3 2026", "FY2026-Q3")]
    [InlineData("Q3 FY2027", "FY2027-Q3")]
    [InlineData("q3-2026", "FY2026-Q3")]
    [InlineData("FY2027-Q1", "FY2027-Q1")]
    [InlineData("fy27-q1", "FY2027-Q1")]
    [InlineData("FY2027 Q2", "FY2027-Q2")]
    [InlineData("this quarter", "FY2026-Q4")]
    [InlineData("last quarter", "FY2026-Q3")]
    [InlineData("FY2027", "FY2027")]
    [InlineData("fy 2027", "FY2027")]
    [InlineData("FY27", "FY2027")]
    [InlineData("this year", "FY2026")]
    [InlineData("last year", "FY2025")]
    public void Parse_reads_what_people_type(string text, string expected)
    {
        var result = Parser().Parse(text, Nov2026);
        Assert.True(result.IsSuccess, result.Error);
        Assert.Equal(expected, result.Period.ToString());
        Assert.False(result.ToDate);
    }

    [Theory]
    [InlineData(4, "this quarter", "FY2027-Q3")]
    [InlineData(4, "last quarter", "FY2027-Q2")]
    [InlineData(4, "Q3", "FY2027-Q3")]
    [InlineData(4, "Q4", "FY2026-Q4")] // FY2027-Q4 (Jan–Mar 2027) has not begun
    [InlineData(4, "this year", "FY2027")]
    [InlineData(10, "this quarter", "FY2027-Q1")]
    [InlineData(10, "Q1", "FY2027-Q1")]
    [InlineData(10, "Q2", "FY2026-Q2")]
    [InlineData(7, "last quarter", "FY2027-Q1")]
    public void Relative_quarters_and_years_follow_the_fiscal_calendar(int start, string text, string expected) =>
        Assert.Equal(expected, Parser(start).Parse(text, Nov2026).Period.ToString());

    [Fact]
    public void Last_month_in_January_is_December_of_the_year_before() =>
        Assert.Equal("2025-12", Parser().Parse("last month", Period.Month(2026, 1)).Period.ToString());

    [Fact]
    public void Last_quarter_in_the_first_quarter_is_the_previous_fiscal_year() =>
        Assert.Equal("FY2025-Q4", Parser().Parse("last quarter", Period.Month(2026, 2)).Period.ToString());

    [Theory]
    [InlineData("ytd", "FY2026")]
    [InlineData("YTD", "FY2026")]
    [InlineData("year to date", "FY2026")]
    [InlineData("qtd", "FY2026-Q4")]
    public void To_date_phrases_mark_the_result(string text, string expected)
    {
        var result = Parser().Parse(text, Nov2026);
        Assert.Equal(expected, result.Period.ToString());
        Assert.True(result.ToDate);
    }

    [Fact]
    public void Parse_of_nonsense_names_it_and_gives_examples()
    {
        var result = Parser().Parse("Octember", Nov2026);
        Assert.False(result.IsSuccess);
        Assert.Null(result.Period);
        Assert.Equal("'Octember' is not a period. Try 2026-10, Oct, last month, Q3 or this quarter.", result.Error);
    }

    [Theory]
    [InlineData("13/2026", "'13/2026' has no month 13: months run 1–12.")]
    [InlineData("Q5", "'Q5' is not a quarter: quarters run Q1–Q4.")]
    [InlineData("FY2027-Q5", "'FY2027-Q5' is not a quarter: quarters run Q1–Q4.")]
    [InlineData("oct 1800", "'oct 1800' is not a period: the year must be between 1900 and 2999.")]
    [InlineData("dec 9999", "'dec 9999' is not a period: the year must be between 1900 and 2999.")]
    [InlineData("1١٢٣/10", "'1١٢٣/10' is not a period. Try 2026-10, Oct, last month, Q3 or this quarter.")] // Arabic-Indic digits: no longer a FormatException (found by the fuzz tests)
    public void Parse_of_an_invalid_period_says_what_is_wrong(string text, string error) =>
        Assert.Equal(error, Parser().Parse(text, Nov2026).Error);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Parse_of_nothing_asks_for_a_period(string? text) =>
        Assert.StartsWith("Type a period.", Parser().Parse(text, Nov2026).Error, StringComparison.Ordinal);

    [Theory]
    [InlineData("2026")]
    [InlineData("10")]
    [InlineData("ma")]
    [InlineData("10/12")]
    [InlineData("next month")]
    public void Parse_rejects_things_that_are_not_periods(string text) =>
        Assert.False(Parser().Parse(text, Nov2026).IsSuccess);

    [Fact]
    public void Parse_reads_month_names_of_the_organizations_culture()
    {
        var parser = Parser(culture: CultureInfo.GetCultureInfo("de-DE"));
        Assert.Equal("2026-10", parser.Parse("Okt", Nov2026).Period.ToString());
        Assert.Equal("2026-03", parser.Parse("März 2026", Nov2026).Period.ToString());
        Assert.Equal("2026-10", parser.Parse("Oct", Nov2026).Period.ToString());
    }

    [Fact]
    public void Parse_with_a_now_that_is_not_a_month_is_a_programming_error() =>
        Assert.Throws<ArgumentException>(() => Parser().Parse("Oct", Period.Quarter(2026, 1)));

    [Fact]
    public void Parse_with_an_instant_uses_the_month_in_the_zone()
    {
        var parser = new PeriodParser(FiscalCalendar.Create(1, "Europe/Berlin"));
        var now = DateTimeOffset.Parse("2026-10-31T23:30:00Z", CultureInfo.InvariantCulture);
        Assert.Equal("2026-10", parser.Parse("last month", now).Period.ToString());
    }

    [Theory]
    // tokens, expected period, expected token count
    [InlineData("otd last month 94", 1, "2026-10", 2)]
    [InlineData("otd oct 2026 94", 1, "2026-10", 2)]
    [InlineData("otd oct 94", 1, "2026-10", 1)]
    [InlineData("otd q3 2026 1200", 1, "FY2026-Q3", 2)]
    [InlineData("otd 2026-10 94 on track", 1, "2026-10", 1)]
    [InlineData("otd FY2027-Q1 94", 1, "FY2027-Q1", 1)]
    [InlineData("otd this quarter 94", 1, "FY2026-Q4", 2)]
    public void TryParseLeading_tells_how_many_tokens_form_the_period(string text, int start, string expected, int count)
    {
        var tokens = text.Split(' ');
        Assert.True(Parser().TryParseLeading(tokens, start, Nov2026, out var period, out var taken));
        Assert.Equal(expected, period.ToString());
        Assert.Equal(count, taken);
    }

    [Theory]
    [InlineData("otd 94 great month")]
    [InlineData("otd n/a")]
    [InlineData("otd")]
    [InlineData("otd ytd 94")]
    public void TryParseLeading_without_a_period_takes_nothing(string text)
    {
        Assert.False(Parser().TryParseLeading(text.Split(' '), 1, Nov2026, out _, out var taken));
        Assert.Equal(0, taken);
    }

    [Fact]
    public void TryParseLeading_honours_the_token_limit()
    {
        // "oct 2026" where 2026 is the value: the grammar can ask for one token only.
        Assert.True(Parser().TryParseLeading(["oct", "2026"], 0, Nov2026, out var period, out var taken, maxTokens: 1));
        Assert.Equal("2026-10", period.ToString());
        Assert.Equal(1, taken);
    }
}
