using ScorecardBot.Core.Conversation;

namespace ScorecardBot.Core.Tests.Conversation;

public sealed class SnapshotTests
{
    [Fact]
    public async Task AfterAnActual_TheNewSnapshotReusesTheNameIndex()
    {
        var f = new EngineFixture();
        var before = await f.SnapshotAsync();
        _ = before.Matcher.SubjectCount;

        await f.SayAsync(f.Sample.Eva, "actual otd 93.5");
        var after = await f.SnapshotAsync();

        Assert.NotSame(before, after);
        Assert.Same(before.Matcher, after.Matcher);
    }

    [Fact]
    public async Task WhenANameChanges_TheIndexIsRebuiltAndFindsTheNewName()
    {
        var f = new EngineFixture();
        var before = await f.SnapshotAsync();
        _ = before.Matcher.SubjectCount;
        f.Sample.Kpi("on-time-delivery").Aliases.Add("punctuality");

        var after = new OrganizationSnapshot(before.Organization, before.Scorecards, before.People, before.Actions, before);

        Assert.NotSame(before.Matcher, after.Matcher);
        Assert.Equal("On-time delivery", after.Matcher.Match("punctuality").Best?.Name);
    }
}
