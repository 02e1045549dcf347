using System.Globalization;
using System.Text.RegularExpressions;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;
using ScorecardBot.Core.Review;
using ScorecardBot.Core.Tests.Conversation;
using ScorecardBot.Core.Values;

namespace ScorecardBot.Core.Tests.Review;

/// <summary>
/// One month style per organization: digests, agendas, prompts, reminders, escalations, answers
/// and cards write a month the same way ("Oct 2026", "Okt 2026"), never "2026-10", never
/// "October 2026" beside it, never a bare "Oct" where the year is not given. Days ("15 Oct",
/// "Thu 5 Nov") are dates, not months, and quarter ranges ("Oct–Dec 2026") give the year once.
/// </summary>
public partial class MonthStyleTests
{
    [GeneratedRegex(@"(?<![\d-])20\d{2}-(0[1-9]|1[0-2])(?![\d-])")]
    private static partial Regex MonthKey();

    /// <summary>Every way a month is written in the texts that is not the organization's one style.</summary>
    internal static List<string> OtherMonthStyles(IEnumerable<string> texts, CultureInfo culture)
    {
        var problems = new List<string>();
        var format = culture.DateTimeFormat;
        foreach (var text in texts)
        {
            if (MonthKey().Match(text) is { Success: true } key)
            {
                problems.Add($"\"{key.Value}\" in: {text}");
            }

            for (var m = 1; m <= 12; m++)
            {
                var full = format.GetMonthName(m);
                var abbreviated = MonthText.Name(m, culture);
                if (full != abbreviated && Regex.IsMatch(text, $@"(?<!\p{{L}}){Regex.Escape(full)}(?!\p{{L}})"))
                {
                    problems.Add($"\"{full}\" in: {text}");
                }

                // A short month name is the month style only with its year; after a day number it is a date; before "–" it opens a range.
                var bare = new Regex($@"(?<!\d\.?\s)(?<!\p{{L}}){Regex.Escape(abbreviated)}\.?(?!\p{{L}})(?!\.?\s\d{{4}})(?!\.?–)");
                if (bare.Match(text) is { Success: true } b)
                {
                    problems.Add($"\"{b.Value}\" without its year in: {text}");
                }
            }
        }

        return problems;
    }

    [GeneratedRegex(@"(?<!\d)20\d{2}-(0[1-9]|1[0-2])-([0-2]\d|3[01])(?!\d)")]
    private static partial Regex DayKey();

    /// <summary>
    /// Every way a day is written in the texts that is not the one style of <see cref="DayText"/>:
    /// an ISO date, a month before its day ("Dec 8"), a full month or weekday name beside a day.
    /// </summary>
    internal static List<string> OtherDayStyles(IEnumerable<string> texts, CultureInfo culture)
    {
        var problems = new List<string>();
        var format = culture.DateTimeFormat;
        foreach (var text in texts)
        {
            if (DayKey().Match(text) is { Success: true } key)
            {
                problems.Add($"\"{key.Value}\" in: {text}");
            }

            for (var m = 1; m <= 12; m++)
            {
                foreach (var name in new[] { format.GetMonthName(m), MonthText.Name(m, culture) }.Distinct())
                {
                    // "Dec 8" or "December 8": the month before its day (a year after a month is the month style).
                    if (Regex.Match(text, $@"(?<!\p{{L}}){Regex.Escape(name)}\.?\s(?:[1-9]|[12]\d|3[01])(?!\d)") is { Success: true } before)
                    {
                        problems.Add($"\"{before.Value}\" in: {text}");
                    }
                }

                var full = format.GetMonthName(m);
                if (full != MonthText.Name(m, culture) && Regex.Match(text, $@"\d\.?\s{Regex.Escape(full)}(?!\p{{L}})") is { Success: true } long_)
                {
                    problems.Add($"\"{long_.Value}\" in: {text}");
                }
            }

            foreach (var day in format.DayNames.Where(d => Regex.IsMatch(text, $@"(?<!\p{{L}}){Regex.Escape(d)}\s\d")))
            {
                problems.Add($"\"{day}\" in: {text}");
            }
        }

        return problems;
    }

    [Theory]
    [InlineData("en-US", "Tue 8 Dec", "8 Dec 2026", "Tue 8 Dec 2026 14:05")]
    [InlineData("en-GB", "Tue 8 Dec", "8 Dec 2026", "Tue 8 Dec 2026 14:05")]
    [InlineData("de-DE", "Di 8 Dez", "8 Dez 2026", "Di 8 Dez 2026 14:05")]
    public void A_day_is_written_one_way_in_each_locale(string locale, string withWeekday, string withYear, string moment)
    {
        var culture = CultureInfo.GetCultureInfo(locale);
        var day = new DateOnly(2026, 12, 8);
        Assert.Equal(withWeekday, DayText.WithWeekday(day, culture));
        Assert.Equal(withYear, DayText.WithYear(day, culture));
        Assert.Equal(moment, DayText.MomentWithYear(new DateTimeOffset(2026, 12, 8, 14, 5, 0, TimeSpan.FromHours(-6)), culture));
        Assert.Empty(OtherDayStyles([withWeekday, withYear, moment], culture));
        Assert.NotEmpty(OtherDayStyles(["due Dec 8", "on 2026-12-08", "starts on 1 April 2027", "Tuesday 8 Dec"], CultureInfo.GetCultureInfo("en-US")));
    }

    [Fact]
    public void The_year_targets_card_writes_the_first_day_of_the_fiscal_year_in_the_day_style()
    {
        var f = new EngineFixture();
        var culture = CultureInfo.GetCultureInfo("en-GB");
        var calendar = FiscalCalendar.For(f.Sample.Organization);
        var scorecard = f.Sample.Manufacturing;
        var card = new YearTargetsBuilder(calendar, new ValueFormatter(culture, "EUR"), culture)
            .Build(scorecard, Period.FiscalYear(2027), ScorecardBot.Core.Rhythm.ReviewRhythm.KpisWithoutTargets(scorecard, Period.FiscalYear(2027), calendar));
        var texts = OnePassReadingTests.TextsOf([card]).ToList();
        Assert.Empty(OtherDayStyles(texts, culture));
        Assert.Contains(texts, t => t.Contains(" starts on 1 ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("en-US", "Oct 2026")]
    [InlineData("en-GB", "Oct 2026")]
    [InlineData("de-DE", "Okt 2026")]
    public void The_digest_agenda_and_the_rhythms_cards_write_every_month_one_way(string locale, string october)
    {
        var culture = CultureInfo.GetCultureInfo(locale);
        var formatter = new ValueFormatter(culture, "EUR");
        var fixture = new ReviewFixture();
        var quarterly = fixture.Kpi("Audit score", fixture.Scorecard.Objectives[2], fixture.Anna, [80, 85], target: 90);
        quarterly.Frequency = Frequency.Quarterly;
        var request = fixture.Request();
        var prompts = new PromptBuilder(ReviewFixture.Calendar, formatter, culture);
        var lines = new List<PromptLine> { new(fixture.Nps, ReviewFixture.Oct), new(quarterly, Period.Quarter(2026, 3)), new(fixture.Revenue, ReviewFixture.Oct.Previous) };
        var messages = new List<Message>();
        messages.AddRange(new DigestBuilder(formatter, culture: culture).Build(request));
        messages.AddRange(new ChannelDigest(formatter, culture: culture).Build(request, DigestLayout.SummaryAndThread).Select(p => p.Message));
        messages.AddRange(new AgendaBuilder(formatter, culture).Build(request));
        messages.Add(prompts.Prompt(fixture.Anna, ReviewFixture.Oct, lines, new DateOnly(2026, 11, 5)));
        messages.Add(prompts.Reminder(fixture.Anna, ReviewFixture.Oct, lines, new DateOnly(2026, 11, 5), number: 2));
        messages.Add(prompts.FollowUp(fixture.Anna, ReviewFixture.Oct, lines, new DateOnly(2026, 11, 12)));
        messages.Add(prompts.Escalation(fixture.Scorecard, ReviewFixture.Oct, lines, fixture.People.ToDictionary(p => p.Id), new DateOnly(2026, 11, 5)));

        var texts = OnePassReadingTests.TextsOf(messages).ToList();
        Assert.Empty(OtherMonthStyles(texts, culture));
        Assert.Empty(OtherDayStyles(texts, culture));
        Assert.Contains(texts, t => t.Contains($"digest for {october}", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains($"({MonthText.Of(2026, 9, culture)})", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("how is net promoter score doing")]
    [InlineData("how is on time delivery doing")]
    [InlineData("status")]
    [InlineData("my")]
    [InlineData("digest")]
    [InlineData("agenda")]
    [InlineData("actual NPS 44 same as ever")]
    [InlineData("lint")]
    public async Task Answers_and_cards_in_the_chat_write_every_month_one_way(string said)
    {
        var f = new EngineFixture();
        var person = said.StartsWith("my", StringComparison.Ordinal) || said.StartsWith("actual", StringComparison.Ordinal) ? f.Sample.Ben : f.Sample.Ana;
        var result = await f.SayAsync(person, said);
        var texts = OnePassReadingTests.TextsOf(result.Replies.Select(r => r.Message)).ToList();
        Assert.NotEmpty(texts);
        Assert.Empty(OtherMonthStyles(texts, CultureInfo.GetCultureInfo("en-US")));
        Assert.Empty(OtherDayStyles(texts, CultureInfo.GetCultureInfo("en-US")));
    }
}
