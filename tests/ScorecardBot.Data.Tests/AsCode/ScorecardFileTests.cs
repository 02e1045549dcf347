using ScorecardBot.Core.Model;
using ScorecardBot.Data.AsCode;

namespace ScorecardBot.Data.Tests.AsCode;

/// <summary>Reading and checking scorecard files, without a database.</summary>
public sealed class ScorecardFileTests
{
    internal const string Valid = """
        version: 1
        organization:
          name: Test Works
          time_zone: Europe/Berlin
          fiscal_year_start: April
        people:
          - { name: Ann Owner, email: ann@test.example, role: owner }
        scorecards:
          - key: enterprise
            name: Enterprise
            objectives:
              - { key: deliver, name: Deliver on time, perspective: Internal Process, owner: ann@test.example }
              - { key: keep, name: Keep customers, perspective: Customer }
            links:
              - { cause: deliver, effect: keep }
            kpis:
              - key: otd
                name: On-time delivery
                objective: deliver
                aliases: [OTD]
                unit: "%"
                format: percent
                direction: higher_is_better
                owner: ann@test.example
                targets:
                  FY2027: { value: 95, amber: 93, red: 90 }
                  2026-12: 92
        """;

    [Theory]
    [InlineData("manufacturing.yaml")]
    [InlineData("logistics.yaml")]
    [InlineData("hospital.yaml")]
    public void Samples_read_without_problems(string name)
    {
        var path = Samples.Path(name);
        var doc = ScorecardImporter.Parse(File.ReadAllText(path), path);
        Assert.NotEmpty(doc.Scorecards);
        Assert.All(doc.Scorecards.SelectMany(s => s.Kpis), k => Assert.NotEmpty(k.Targets));
    }

    [Fact]
    public void A_review_that_cannot_fit_its_month_is_refused_naming_the_moment_that_does_not()
    {
        // The Fleet scorecard as it was: a 1st-Tuesday meeting, due the day before it, the window
        // pushed to the month's first business day: window and due date fell on one day.
        var text = File.ReadAllText(Samples.Path("logistics.yaml")).Replace(
            "meeting: 2nd Tuesday 07:30\n      minutes: 45\n      window_opens: 5\n      due: 2",
            "meeting: 1st Tuesday 07:30\n      minutes: 45\n      window_opens: 4\n      due: 1",
            StringComparison.Ordinal);

        var e = Assert.Throws<AsCodeImportException>(() => ScorecardImporter.Parse(text, "logistics.yaml"));

        var problem = Assert.Single(e.Problems).ToString();
        Assert.Contains("review of 'Fleet Operations scorecard' does not fit its month", problem, StringComparison.Ordinal);
        Assert.Matches("the due date \\(.*\\) leaves owners no business day after the window opens|does not come after", problem);
    }

    [Fact]
    public void Samples_hold_the_kpis_people_ask_about_by_name_and_alias()
    {
        var kpis = new[] { "manufacturing.yaml", "logistics.yaml" }
            .SelectMany(n => ScorecardImporter.Parse(File.ReadAllText(Samples.Path(n)), n).Scorecards.SelectMany(s => s.Kpis)).ToList();
        Assert.Contains(kpis, k => k.Name == "Customer retention" && k.Aliases.Contains("retention"));
        Assert.Contains(kpis, k => k.Name == "Net Promoter Score" && k.Aliases.Contains("NPS"));
        Assert.Contains(kpis, k => k.Name == "On-time delivery" && k.Aliases.Contains("OTD"));
        Assert.Contains(kpis, k => k.Direction == Direction.WithinBand);
        Assert.Contains(kpis, k => k.Indicator == IndicatorType.Leading);
    }

    [Fact]
    public void Unknown_direction_is_reported_at_its_value_with_the_allowed_words()
    {
        var text = Valid.Replace("direction: higher_is_better", "direction: upwards", StringComparison.Ordinal);

        var problem = Assert.Single(Problems(text));

        Assert.Equal($"x.yaml:{LineOf(text, "direction: upwards")}:20: kpi 'otd' has direction 'upwards'; use higher_is_better, lower_is_better or within_band", problem);
    }

    [Fact]
    public void Syntax_error_is_reported_with_line_and_column()
    {
        var text = Valid.Replace("FY2027: { value: 95, amber: 93, red: 90 }", "FY2027: { value: 95, amber: 93, red: 90", StringComparison.Ordinal);

        var problem = Assert.Single(Problems(text));

        Assert.StartsWith("x.yaml:", problem, StringComparison.Ordinal);
        Assert.Contains("YAML syntax error", problem, StringComparison.Ordinal);
        Assert.Matches(@"^x\.yaml:\d+:\d+: ", problem);
    }

    [Fact]
    public void Missing_required_field_names_the_element_and_the_field()
    {
        var text = Valid.Replace("        name: On-time delivery\n", "", StringComparison.Ordinal);

        var problem = Assert.Single(Problems(text));

        Assert.Equal($"x.yaml:{LineOf(text, "- key: otd")}:9: kpi 'otd' is missing 'name'", problem);
    }

    [Fact]
    public void Every_problem_of_a_file_is_reported_in_one_run_in_file_order()
    {
        var text = Valid
            .Replace("{ cause: deliver, effect: keep }", "{ cause: deliver, effect: grow }", StringComparison.Ordinal)
            .Replace("owner: ann@test.example\n        targets", "owner: bob@test.example\n        targets", StringComparison.Ordinal)
            .Replace("perspective: Customer", "perspective: Customers", StringComparison.Ordinal)
            .Replace("2026-12: 92", "2026-13: 92", StringComparison.Ordinal)
            .Replace("    unit: \"%\"", "    units: \"%\"", StringComparison.Ordinal)
            .Replace("{ value: 95, amber: 93, red: 90 }", "{ value: 95, amber: 96, red: 90 }", StringComparison.Ordinal);

        var problems = Problems(text);

        Assert.Equal(
        [
            $"x.yaml:{LineOf(text, "key: keep")}:57: objective 'keep' has perspective 'Customers', which scorecard 'enterprise' does not have; use Financial, Customer, Internal Process or Learning & Growth",
            $"x.yaml:{LineOf(text, "effect: grow")}:35: link deliver -> grow: effect 'grow' is not an objective of scorecard 'enterprise'",
            $"x.yaml:{LineOf(text, "units:")}:9: unknown key 'units' in kpi 'otd'; did you mean 'unit'?",
            $"x.yaml:{LineOf(text, "bob@")}:16: kpi 'otd' has owner 'bob@test.example', who is not declared under 'people'",
            $"x.yaml:{LineOf(text, "FY2027:")}:39: target FY2027 of kpi 'otd': thresholds should fall as things get worse: red <= amber <= the target 95",
            $"x.yaml:{LineOf(text, "2026-13")}:11: kpi 'otd' has a target for '2026-13', which is not a period; use a month like 2026-10, a quarter like FY2027-Q1 or a fiscal year like FY2027",
        ], problems);
    }

    [Fact]
    public void Duplicate_keys_across_scorecards_are_reported_at_the_second_one()
    {
        var text = Valid + """

              - key: team
                name: Team
                parent: enterprise
                supports: nothing-like-this
                objectives:
                  - { key: deliver, name: Deliver again, perspective: Internal Process, parent: keep }
            """;

        var problems = Problems(text);

        Assert.Contains($"x.yaml:{LineOf(text, "key: deliver, name: Deliver again")}:16: objective key 'deliver' is used twice; keys must be unique in the file", problems);
        Assert.Contains($"x.yaml:{LineOf(text, "supports: nothing")}:15: scorecard 'team' supports 'nothing-like-this', which is not an objective of its parent 'enterprise'", problems);
    }

    [Fact]
    public void Quarterly_kpi_with_a_month_target_and_a_band_on_a_plain_kpi_are_rejected()
    {
        var text = Valid
            .Replace("        direction: higher_is_better", "        direction: higher_is_better\n        frequency: quarterly", StringComparison.Ordinal)
            .Replace("{ value: 95, amber: 93, red: 90 }", "{ band: [90, 96] }", StringComparison.Ordinal);

        var problems = Problems(text);

        Assert.Contains(problems, p => p.Contains("kpi 'otd' is quarterly, so it cannot have a target for month 2026-12", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("only a within_band kpi has a 'band'", StringComparison.Ordinal));
    }

    [Fact]
    public void Export_format_reads_back_to_the_same_text()
    {
        var doc = ScorecardImporter.Parse(Valid, "x.yaml");
        var written = ScorecardYamlWriter.Write(doc);

        var again = ScorecardYamlWriter.Write(ScorecardImporter.Parse(written, "written.yaml"));

        Assert.Equal(written, again);
        Assert.Contains("2026-12: 92", written, StringComparison.Ordinal);
        Assert.Contains("FY2027: {value: 95, amber: 93, red: 90}", written, StringComparison.Ordinal);
    }

    [Fact]
    public void Aggregation_is_read_written_back_and_a_wrong_word_names_the_allowed_ones()
    {
        var declared = Valid.Replace("format: percent\n", "format: percent\n        aggregation: last\n", StringComparison.Ordinal);
        var doc = ScorecardImporter.Parse(declared, "x.yaml");
        Assert.Equal(Aggregation.Last, doc.Scorecards[0].Kpis[0].Aggregation);
        var written = ScorecardYamlWriter.Write(doc);
        Assert.Contains("aggregation: last", written, StringComparison.Ordinal);
        Assert.Equal(Aggregation.Last, ScorecardImporter.Parse(written, "written.yaml").Scorecards[0].Kpis[0].Aggregation);

        // Not declared: nothing is written, and the unit decides when the KPI is read.
        var plain = ScorecardImporter.Parse(Valid, "x.yaml");
        Assert.Null(plain.Scorecards[0].Kpis[0].Aggregation);
        Assert.DoesNotContain("aggregation", ScorecardYamlWriter.Write(plain), StringComparison.Ordinal);

        var wrong = declared.Replace("aggregation: last", "aggregation: total", StringComparison.Ordinal);
        var problem = Assert.Single(Problems(wrong));
        Assert.Equal($"x.yaml:{LineOf(wrong, "aggregation: total")}:22: kpi 'otd' has aggregation 'total'; use average, sum or last", problem);
    }

    [Theory]
    [InlineData("hospital.yaml", "days-cash", Aggregation.Last)]
    [InlineData("hospital.yaml", "agency-spend", Aggregation.Sum)]
    [InlineData("hospital.yaml", "readmissions", Aggregation.Average)]
    [InlineData("manufacturing.yaml", "headcount", Aggregation.Last)]
    [InlineData("manufacturing.yaml", "eu-distributors", Aggregation.Last)]
    [InlineData("manufacturing.yaml", "key-account-revenue", Aggregation.Sum)]
    [InlineData("logistics.yaml", "drivers-trained", Aggregation.Last)]
    [InlineData("logistics.yaml", "revenue", Aggregation.Sum)]
    [InlineData("logistics.yaml", "on-time-delivery", Aggregation.Average)]
    public void Samples_aggregate_each_kpi_by_its_nature(string file, string key, Aggregation expected)
    {
        var path = Samples.Path(file);
        var k = ScorecardImporter.Parse(File.ReadAllText(path), path).Scorecards.SelectMany(s => s.Kpis).Single(x => x.Key == key);
        var kpi = new Kpi { Key = k.Key, Name = k.Name, Unit = k.Unit, Format = k.Format, Aggregation = k.Aggregation };
        Assert.Equal(expected, ScorecardBot.Core.Scoring.Forecast.RuleOf(kpi));
    }

    [Fact]
    public void Numbers_finer_than_the_database_stores_are_rejected_so_reimports_stay_idempotent()
    {
        var text = Valid.Replace("2026-12: 92", "2026-12: 92.0000001", StringComparison.Ordinal);

        var problem = Assert.Single(Problems(text));

        Assert.Contains("target 2026-12 of kpi 'otd' should be a number", problem, StringComparison.Ordinal);
        var kpi = new Kpi { Key = "otd", Name = "On-time delivery", Format = KpiFormat.Percent };
        Assert.False(InvariantActualValueReader.Instance.TryRead("95.1234567", kpi, out _, out var why));
        Assert.Contains("more than 6 decimals", why, StringComparison.Ordinal);
        Assert.True(InvariantActualValueReader.Instance.TryRead(" 95.5 % ", kpi, out var value, out _));
        Assert.Equal(95.5m, value);
    }

    [Fact]
    public void Text_longer_than_its_column_is_a_problem_at_its_line()
    {
        var text = Valid.Replace("name: Keep customers", "name: " + new string('k', 201), StringComparison.Ordinal);

        var problem = Assert.Single(Problems(text));

        Assert.Equal($"x.yaml:{LineOf(text, "kkk")}:28: objective 'keep': 'name' is 201 characters long; the scorecard keeps at most 200", problem);
    }

    [Fact]
    public void A_single_alias_counts_as_a_list_of_one()
    {
        var doc = ScorecardImporter.Parse(Valid.Replace("aliases: [OTD]", "aliases: OTD", StringComparison.Ordinal), "x.yaml");

        Assert.Equal(["OTD"], doc.Scorecards[0].Kpis[0].Aliases);
    }

    [Fact]
    public void Absurdly_deep_nesting_is_one_problem_not_a_crash()
    {
        var text = "scorecards: " + new string('[', 10_000) + new string(']', 10_000) + "\n";

        var problem = Assert.Single(Problems(text));

        Assert.Contains("nests deeper than 64 levels", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pair_must_be_another_kpi_of_the_same_scorecard()
    {
        var withClaims = Valid.Replace(
            "        owner: ann@test.example\n        targets:",
            "        owner: ann@test.example\n        pair: claims\n        targets:",
            StringComparison.Ordinal) +
            "\n      - key: claims\n        name: Cargo claims rate\n        objective: deliver\n        direction: lower_is_better\n        pair: otd\n        targets:\n          FY2027: 1\n";
        Assert.Equal(["claims", "otd"], ScorecardImporter.Parse(withClaims, "x.yaml").Scorecards[0].Kpis.Select(k => k.Pair));

        Assert.Equal($"x.yaml:{LineOf(withClaims, "pair: claims")}:15: kpi 'otd' has pair 'claim', which is not a kpi in the file",
            Assert.Single(Problems(withClaims.Replace("pair: claims", "pair: claim", StringComparison.Ordinal))));
        Assert.Equal($"x.yaml:{LineOf(withClaims, "pair: claims")}:15: kpi 'otd' names itself as its pair; name the kpi that should not worsen while this one improves",
            Assert.Single(Problems(withClaims.Replace("pair: claims", "pair: otd", StringComparison.Ordinal))));
    }

    private static List<string> Problems(string text)
    {
        var e = Assert.Throws<AsCodeImportException>(() => ScorecardImporter.Parse(text, "x.yaml"));
        return [.. e.Problems.Select(p => p.ToString())];
    }

    internal static int LineOf(string text, string fragment) =>
        text.Split('\n').Select((line, i) => (line, i)).First(x => x.line.Contains(fragment, StringComparison.Ordinal)).i + 1;
}
