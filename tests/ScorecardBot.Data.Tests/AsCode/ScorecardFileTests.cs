using ScorecardBot.Core.Model;
using ScorecardBot.Data.AsCode;

namespace ScorecardBot.Data.Tests.AsCode;

/// <summary>Reading and checking scorecard files, without a database.</summary>
public sealed class ScorecardFileTests
{
    [Theory]
    [InlineData("manufacturing.yaml")]
    [InlineData("logistics.yaml")]
    public void Samples_read_without_problems(string name)
    {
        var path = Samples.Path(name);
        var doc = ScorecardImporter.Parse(File.ReadAllText(path), path);
        Assert.NotEmpty(doc.Scorecards);
        Assert.All(doc.Scorecards.SelectMany(s => s.Kpis), k => Assert.NotEmpty(k.Targets));
    }
}
