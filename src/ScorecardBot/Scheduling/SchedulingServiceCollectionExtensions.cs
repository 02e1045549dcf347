using Microsoft.Extensions.DependencyInjection.Extensions;
using Quartz;
using ScorecardBot.Core.Delivery;
using ScorecardBot.Data;
using ScorecardBot.Data.Outbox;
using ScorecardBot.LocalChat;

namespace ScorecardBot.Scheduling;

public static class SchedulingServiceCollectionExtensions
{
    /// <summary>
    /// The review rhythm's scheduler: a Quartz scheduler (hosted) running <see cref="ReviewRhythmJob"/>
    /// every <see cref="SchedulerOptions.RhythmInterval"/>, the outbox (section <c>Outbox</c>) and
    /// <see cref="OutboxDispatchLoop"/>, which drains it on every instance.
    /// On SQL Server and PostgreSQL the schedule is kept in the scorecard database (Quartz's qrtz_
    /// tables, created when missing) and the nodes form a cluster, so a trigger fires on one node
    /// only. On SQLite it is kept in memory: one instance, and the outbox keys keep a rerun after
    /// a restart from sending anything twice. Settings are checked here: a bad one stops start-up.
    /// </summary>
    /// <remarks>
    /// The host binds <see cref="IChannelSender"/> to the Teams and Slack clients; when it does not,
    /// the local chat's sender is used and messages for other platforms are refused as
    /// platform_not_configured.
    /// </remarks>
    public static IServiceCollection AddScorecardScheduling(this IServiceCollection services, IConfiguration configuration, DatabaseOptions database)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(database);
        var options = new SchedulerOptions();
        configuration.GetSection(SchedulerOptions.SectionName).Bind(options);
        var outbox = new OutboxOptions();
        configuration.GetSection(OutboxOptions.SectionName).Bind(outbox);

        var problems = options.Problems(database.Provider).Concat(outbox.Problems()).ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The scheduler settings are invalid: " + string.Join(" ", problems));
        }

        services.AddSingleton(options);
        services.AddScorecardOutbox(outbox, options.InstanceId);
        services.TryAddSingleton<StatusAbsences>();
        services.TryAddSingleton<IRhythmPlanner, ReviewRhythmPlanner>();
        services.TryAddSingleton<UnreachableFollowUp>();
        services.TryAddSingleton<MeetingCloser>();
        services.TryAddSingleton<IChannelSender>(sp => new LocalChannelSender(sp.GetRequiredService<ILocalChannelSink>()));
        if (!options.Enabled)
        {
            return services;
        }

        services.AddQuartz(quartz => ConfigureQuartz(quartz, options, database));
        services.AddQuartzHostedService(hosted => hosted.WaitForJobsToComplete = true);
        services.AddHostedService<OutboxDispatchLoop>();
        return services;
    }

    internal static void ConfigureQuartz(IQuartzBuilder quartz, SchedulerOptions options, DatabaseOptions database)
    {
        quartz.ConfigureScheduler(scheduler =>
        {
            scheduler.InstanceName = options.SchedulerName;
            if (options.InstanceId is { } id)
            {
                scheduler.InstanceId = id;
            }
        });

        if (database.Provider == DatabaseProvider.Sqlite)
        {
            quartz.UseInMemoryStore(_ => { });
        }
        else
        {
            quartz.UsePersistentStore(store =>
            {
                if (database.Provider == DatabaseProvider.Postgres)
                {
                    store.UsePostgres(database.EffectiveConnectionString);
                }
                else
                {
                    store.UseSqlServer(database.EffectiveConnectionString);
                }

                store.ConfigureStore(ado => ado.TablePrefix = QuartzSchema.TablePrefix);
                store.UseSystemTextJsonSerializer();
                if (options.CreateSchema)
                {
                    store.ProvisionSchema();
                }

                if (options.IsClusteredOn(database.Provider))
                {
                    store.UseClustering(cluster =>
                    {
                        cluster.CheckinInterval = TimeSpan.FromSeconds(10);
                        cluster.CheckinMisfireThreshold = TimeSpan.FromSeconds(30);
                    });
                }
            });
        }

        quartz.AddJob<ReviewRhythmJob>(job => job.WithIdentity(ReviewRhythmJob.Key).StoreDurably());
        quartz.AddTrigger(trigger => trigger.ForJob(ReviewRhythmJob.Key).WithIdentity("review-rhythm-every", "scorecard")
            .StartNow().WithSimpleSchedule(s => s.WithInterval(options.RhythmInterval).RepeatForever()));
    }
}

/// <summary>Where Quartz keeps the schedule in the scorecard database.</summary>
public static class QuartzSchema
{
    /// <summary>Quartz's tables are qrtz_job_details, qrtz_triggers, ... next to the scorecard's own.</summary>
    public const string TablePrefix = "qrtz_";
}
