namespace ScorecardBot.Data.Tests.AsCode;

public sealed class SampleHistoryTests
{
    public static TheoryData<string> Names => ["manufacturing", "logistics", "hospital"];

    /// <summary>Set SCORECARD_WRITE_SAMPLES=1 to rewrite the committed history after changing a sample or its story.</summary>
    [Theory]
    [MemberData(nameof(Names))]
    public void Committed_history_is_what_the_generator_produces(string name)
    {
        var generated = SampleHistory.Generate(Samples.Path(name + ".yaml"), Story(name));
        var path = Samples.Path(name + ".actuals.csv");
        if (Environment.GetEnvironmentVariable("SCORECARD_WRITE_SAMPLES") == "1")
        {
            File.WriteAllText(path, generated);
        }

        Assert.Equal(generated, File.ReadAllText(path).ReplaceLineEndings("\n"));
    }

    internal static HistoryStory Story(string name) => name switch
    {
        "manufacturing" => HistoryStory.Manufacturing,
        "logistics" => HistoryStory.Logistics,
        _ => HistoryStory.Hospital,
    };

    [Fact]
    public async Task Sample_history_shows_recent_misses_and_a_leading_indicator_ahead_of_its_kpi()
    {
        var lines = (await File.ReadAllLinesAsync(Samples.Path("manufacturing.actuals.csv"))).Skip(1).Select(l => l.Split(',')).ToList();
        decimal Value(string kpi, string period) => decimal.Parse(lines.Single(l => l[0] == kpi && l[1] == period)[2], System.Globalization.CultureInfo.InvariantCulture);

        // Schedule adherence fell below its amber line (90) in July; on-time delivery (amber 93) followed in August.
        Assert.True(Value("schedule-adherence", "2026-06") >= 90 && Value("schedule-adherence", "2026-07") < 90);
        Assert.True(Value("on-time-delivery", "2026-07") >= 93 && Value("on-time-delivery", "2026-08") < 93);
        Assert.True(Value("on-time-delivery", "2026-10") < 90, "on-time delivery is red in the last month");
        Assert.InRange(Value("defect-rate", "2026-10"), 601, 699);
    }
}
