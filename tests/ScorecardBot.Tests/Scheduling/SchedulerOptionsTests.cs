using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ScorecardBot.Data;
using ScorecardBot.Scheduling;

namespace ScorecardBot.Tests.Scheduling;

public sealed class SchedulerOptionsTests
{
    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void Clustering_is_on_for_server_databases_and_off_for_sqlite_by_default()
    {
        var options = new SchedulerOptions();

        Assert.True(options.IsClusteredOn(DatabaseProvider.Postgres));
        Assert.True(options.IsClusteredOn(DatabaseProvider.SqlServer));
        Assert.False(options.IsClusteredOn(DatabaseProvider.Sqlite));
        Assert.Empty(options.Problems(DatabaseProvider.Sqlite));
    }

    [Fact]
    public void A_clustered_sqlite_scheduler_stops_start_up_with_the_reason()
    {
        var services = new ServiceCollection();
        var error = Assert.Throws<InvalidOperationException>(() => services.AddScorecardScheduling(
            Settings(("Scheduler:Clustered", "true")), new DatabaseOptions { Provider = DatabaseProvider.Sqlite }));

        Assert.Contains("Scheduler:Clustered needs Database:Provider SqlServer or Postgres", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Scheduler:RhythmInterval", "00:00:01", "Scheduler:RhythmInterval must be between")]
    [InlineData("Scheduler:DispatchInterval", "00:10:00", "Scheduler:DispatchInterval must be between")]
    [InlineData("Scheduler:InstanceId", "AUTO", "Scheduler:InstanceId must be")]
    [InlineData("Outbox:MaxAttempts", "0", "Outbox:MaxAttempts must be at least 1")]
    [InlineData("Outbox:Slack:PerConversation", "-1", "Outbox:Slack rates must be zero")]
    public void Bad_settings_are_named_in_the_start_up_error(string key, string value, string expected)
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddScorecardScheduling(
            Settings((key, value)), new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = "Host=x" }));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_are_read_from_configuration()
    {
        var services = new ServiceCollection();
        services.AddScorecardScheduling(
            Settings(("Scheduler:Enabled", "false"), ("Scheduler:RhythmInterval", "00:02:00"), ("Outbox:Teams:PerConversation", "3")),
            new DatabaseOptions { Provider = DatabaseProvider.Sqlite });

        var options = (SchedulerOptions)services.Single(d => d.ServiceType == typeof(SchedulerOptions)).ImplementationInstance!;
        var outbox = (Data.Outbox.OutboxOptions)services.Single(d => d.ServiceType == typeof(Data.Outbox.OutboxOptions)).ImplementationInstance!;
        Assert.Equal((false, TimeSpan.FromMinutes(2), 3d), (options.Enabled, options.RhythmInterval, outbox.Teams.PerConversation));
    }
}
