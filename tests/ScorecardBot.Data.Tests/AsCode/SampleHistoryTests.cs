namespace ScorecardBot.Data.Tests.AsCode;

public sealed class SampleHistoryTests
{
    public static TheoryData<string> Names => ["manufacturing", "logistics"];

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

    internal static HistoryStory Story(string name) => name == "manufacturing" ? HistoryStory.Manufacturing : HistoryStory.Logistics;
}
