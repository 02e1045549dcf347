using ScorecardBot.Data;

namespace ScorecardBot.Scheduling;

/// <summary>
/// Settings of the review rhythm's scheduler (section <c>Scheduler</c>). On SQL Server and
/// PostgreSQL the schedule lives in the scorecard database (Quartz's qrtz_ tables) and several
/// instances form a cluster; on SQLite it is kept in memory by the one instance there is.
/// </summary>
public sealed class SchedulerOptions
{
    public const string SectionName = "Scheduler";

    public bool Enabled { get; set; } = true;

    /// <summary>Null: clustered on SQL Server and PostgreSQL, not on SQLite (which cannot be).</summary>
    public bool? Clustered { get; set; }

    /// <summary>This node's id in the cluster; null lets Quartz generate one (host name + time).</summary>
    public string? InstanceId { get; set; }

    /// <summary>Every node of one bot shares this name; it keys the rows in the qrtz_ tables.</summary>
    public string SchedulerName { get; set; } = "ScorecardBot";

    /// <summary>How often the review rhythm looks for what is due.</summary>
    public TimeSpan RhythmInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often an instance with an empty outbox looks again (a busy one never waits).</summary>
    public TimeSpan DispatchInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Create Quartz's tables when missing (needs permission to create tables).</summary>
    public bool CreateSchema { get; set; } = true;

    public bool IsClusteredOn(DatabaseProvider provider) => Clustered ?? provider != DatabaseProvider.Sqlite;

    /// <summary>Every problem with the settings, in words an operator can act on.</summary>
    public IReadOnlyList<string> Problems(DatabaseProvider provider)
    {
        var problems = new List<string>();
        if (Clustered == true && provider == DatabaseProvider.Sqlite)
        {
            problems.Add("Scheduler:Clustered needs Database:Provider SqlServer or Postgres; SQLite serves one instance, so leave it unset or false.");
        }

        if (RhythmInterval < TimeSpan.FromSeconds(10) || RhythmInterval > TimeSpan.FromHours(1))
        {
            problems.Add("Scheduler:RhythmInterval must be between 00:00:10 and 01:00:00.");
        }

        if (DispatchInterval < TimeSpan.FromSeconds(1) || DispatchInterval > TimeSpan.FromMinutes(5))
        {
            problems.Add("Scheduler:DispatchInterval must be between 00:00:01 and 00:05:00.");
        }

        if (string.IsNullOrWhiteSpace(SchedulerName) || SchedulerName.Length > 100)
        {
            problems.Add("Scheduler:SchedulerName must be 1 to 100 characters.");
        }

        if (InstanceId is { } id && (string.IsNullOrWhiteSpace(id) || id.Length > 60 || id.Equals("AUTO", StringComparison.OrdinalIgnoreCase)))
        {
            problems.Add("Scheduler:InstanceId must be 1 to 60 characters (or unset to generate one per node).");
        }

        return problems;
    }
}
