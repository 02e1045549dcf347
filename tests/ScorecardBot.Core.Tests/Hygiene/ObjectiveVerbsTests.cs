using ScorecardBot.Core.Hygiene;

namespace ScorecardBot.Core.Tests.Hygiene;

public class ObjectiveVerbsTests
{
    [Theory]
    [InlineData("Increase revenue in Europe")]
    [InlineData("Grow market share")]
    [InlineData("Reduce cost to serve")]
    [InlineData("Improve on-time delivery")]
    [InlineData("Deliver projects on time")]
    [InlineData("Develop leadership talent")]
    [InlineData("Growing recurring revenue")]
    [InlineData("Reduces churn")]
    [InlineData("Shipping faster")]
    [InlineData("Simplified ordering")]
    [InlineData("Digitalize the sales process")]
    [InlineData("Modernise core systems")]
    [InlineData("To win key accounts")]
    [InlineData("Be the preferred supplier")]
    [InlineData("Strengthen the brand")]
    [InlineData("  build   a learning culture")]
    [InlineData("\"Delight\" customers")]
    public void Names_starting_with_a_verb_pass(string name) => Assert.True(ObjectiveVerbs.StartsWithVerb(name));

    [Theory]
    [InlineData("Customer satisfaction")]
    [InlineData("Revenue growth")]
    [InlineData("Operational excellence")]
    [InlineData("Employee engagement")]
    [InlineData("Enterprise sales")]
    [InlineData("Expertise in AI")]
    [InlineData("Sales")]
    [InlineData("")]
    [InlineData("To")]
    public void Names_starting_with_a_noun_fail(string name) => Assert.False(ObjectiveVerbs.StartsWithVerb(name));

    [Theory]
    [InlineData("Customer satisfaction", "Improve customer satisfaction")]
    [InlineData("NPS", "Improve NPS")]
    public void Suggest_turns_the_topic_into_an_action(string name, string expected) => Assert.Equal(expected, ObjectiveVerbs.Suggest(name));
}
