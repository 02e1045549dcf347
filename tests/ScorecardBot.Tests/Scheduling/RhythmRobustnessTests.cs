using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using ScorecardBot.Bindings;
using ScorecardBot.Core.Delivery;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Rhythm;
using ScorecardBot.Data;
using ScorecardBot.Data.Outbox;
using ScorecardBot.Hosting;
using ScorecardBot.Scheduling;

namespace ScorecardBot.Tests.Scheduling;

/// <summary>
/// One decision whose message cannot be composed (here: the digest's chart link throws) must not
/// stop the others; it is logged with its key and shows in /healthz and the admins' status.
/// </summary>
public sealed class RhythmRobustnessTests : IAsyncLifetime
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"scorecard-robust-{Guid.NewGuid():N}.db");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly RecordingChannel _channel = new();
    private readonly CapturingLogs _logs = new();
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddLogging(l => l.AddProvider(_logs));
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton<IChannelSender>(_channel);
        services.AddSingleton<IDigestCharts, BrokenCharts>();
        var database = new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={_path}", MigrateOnStart = false };
        services.AddScorecardData(database);
        services.AddScorecardScheduling(
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Scheduler:Enabled"] = "false" }).Build(), database);
        _services = services.BuildServiceProvider();
        await _services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_digest_that_cannot_be_composed_is_listed_while_prompts_and_the_agenda_go_out()
    {
        var (organization, owner, scorecard) = await SeedAsync();
        var job = ActivatorUtilities.CreateInstance<ReviewRhythmJob>(_services);
        var dispatcher = _services.GetRequiredService<OutboxDispatcher>();
        var input = new RhythmInput { Organization = organization, Scorecards = [scorecard], People = [owner] };
        for (var step = 0; step < 40 && !(await RowsAsync()).Any(r => r.Kind == "agenda"); step++)
        {
            var done = (await RowsAsync()).Select(r => r.DecisionKey).ToHashSet(StringComparer.Ordinal);
            _time.SetUtcNow(ReviewRhythm.NextDueAt(input with { DoneKeys = done }, _time.GetUtcNow())!.Value);
            await job.RunAsync(CancellationToken.None);
            await dispatcher.DispatchDueAsync(CancellationToken.None);
        }

        var rows = await RowsAsync();
        var digest = Assert.Single(rows, r => r.Kind == "digest");
        Assert.Equal((OutboxStatus.Dead, DeliveryFailureCodes.NotComposed), (digest.Status, digest.FailureCode));
        Assert.Contains("chart service is down", digest.LastError, StringComparison.Ordinal);
        Assert.False(_channel.Shown.ContainsKey(digest.Key));
        Assert.All(rows.Where(r => r.Kind is "prompt" or "reminder" or "agenda" or "window"), r => Assert.Equal(OutboxStatus.Sent, r.Status));
        Assert.Contains(rows, r => r.Kind == "agenda");

        // Logged once, with the decision's key; the run after it does not try again.
        Assert.Single(_logs.Errors, e => e.Contains(digest.DecisionKey, StringComparison.Ordinal));
        await job.RunAsync(CancellationToken.None);
        Assert.Single(_logs.Errors, e => e.Contains(digest.DecisionKey, StringComparison.Ordinal));

        var health = await new OutboxHealthCheck(_services.GetRequiredService<IServiceScopeFactory>()).CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Degraded, health.Status);
        Assert.Equal(1, health.Data["notComposed"]);
        Assert.Contains("could not be composed", health.Description, StringComparison.Ordinal);

        var status = await new DatabaseDeliveryStatus(_services.GetRequiredService<IServiceScopeFactory>()).GetAsync(organization.Id, CancellationToken.None);
        var listed = Assert.Single(status.Messages);
        Assert.Equal(("digest", "the bot could not compose it (see the log)", true), (listed.Kind, listed.Reason, listed.GivenUp));
    }

    private async Task<(Organization, Person, Scorecard)> SeedAsync()
    {
        var organization = new Organization { Name = "Robust", TimeZoneId = "Europe/Berlin", CreatedAt = _time.GetUtcNow() };
        var owner = new Person { OrganizationId = organization.Id, Name = "Olivia Owner", Email = "olivia@robust.example", Role = Role.Owner };
        var scorecard = new Scorecard { OrganizationId = organization.Id, Key = "enterprise", Name = "Enterprise" };
        var perspective = new Perspective { ScorecardId = scorecard.Id, Name = "Customer", Kind = PerspectiveKind.Customer };
        var objective = new Objective { ScorecardId = scorecard.Id, PerspectiveId = perspective.Id, Key = "delight", Name = "Delight customers" };
        var kpi = new Kpi { OrganizationId = organization.Id, ScorecardId = scorecard.Id, ObjectiveId = objective.Id, Key = "otd", Name = "On-time delivery", OwnerId = owner.Id };
        var cycle = new ReviewCycle { ScorecardId = scorecard.Id };
        using var scope = _services.CreateScope();
        scope.ServiceProvider.GetRequiredService<Data.Auditing.IAuditContext>().Set(null, "test", EntrySource.Command);
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        db.AddRange(organization, owner, scorecard, perspective, objective, kpi, cycle);
        await db.SaveChangesAsync();
        scorecard.Kpis = [kpi];
        scorecard.ReviewCycles = [cycle];
        scorecard.Objectives = [objective];
        scorecard.Perspectives = [perspective];
        return (organization, owner, scorecard);
    }

    private async Task<List<OutboxMessage>> RowsAsync()
    {
        using var scope = _services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        return await db.Set<OutboxMessage>().AsNoTracking().OrderBy(m => m.Id).ToListAsync();
    }

    private sealed class BrokenCharts : IDigestCharts
    {
        public string ScorecardTrends(Guid organizationId, Guid scorecardId) => throw new InvalidOperationException("The chart service is down.");
    }

    private sealed class CapturingLogs : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _errors = new();

        public IReadOnlyList<string> Errors => [.. _errors];

        public ILogger CreateLogger(string categoryName) => new Logger(_errors);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> errors) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (logLevel >= LogLevel.Error)
                {
                    errors.Enqueue(formatter(state, exception));
                }
            }
        }
    }
}
