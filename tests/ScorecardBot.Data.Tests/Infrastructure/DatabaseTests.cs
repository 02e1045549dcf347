namespace ScorecardBot.Data.Tests.Infrastructure;

/// <summary>Base of the tests that run once per provider; see <see cref="TestDatabase"/> for the pattern.</summary>
public abstract class DatabaseTests(TestDatabase database)
{
    protected TestDatabase Database { get; } = database;
}
