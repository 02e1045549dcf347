using Quartz;
using ScorecardBot.Data.Outbox;

namespace ScorecardBot.Scheduling;

/// <summary>
/// Drains the outbox on every instance, all the time: as long as a pass finds work it starts the
/// next at once; an empty outbox is looked at again after <see cref="SchedulerOptions.DispatchInterval"/>.
/// </summary>
/// <remarks>
/// Not a Quartz job: the outbox's leases already let any number of instances send side by side,
/// and a clustered Quartz job of a node that was killed stays "executing" until the cluster notices
/// (check-in interval + misfire threshold, 40 s here), so a restarted node sent nothing for that
/// long. Here a restarted node sends from its first second, and rows its dead predecessor held come
/// free one <see cref="OutboxOptions.Lease"/> after it stopped renewing them.
/// </remarks>
internal sealed class OutboxDispatchLoop(
    OutboxDispatcher dispatcher, SchedulerOptions options, IServiceProvider services, ILogger<OutboxDispatchLoop> logger) : BackgroundService
{
    /// <summary>The Quartz job that drained the outbox before this loop did; removed from a persistent schedule on start.</summary>
    internal static readonly JobKey LegacyJob = new("outbox-dispatch", "scorecard");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await RemoveLegacyJobAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            var sent = 0;
            try
            {
                var report = await dispatcher.DispatchDueAsync(stoppingToken);
                sent = report.Attempts;
                if (report.Attempts > 0)
                {
                    logger.LogInformation(
                        "Outbox: {Sent} sent, {Retrying} to retry, {Dead} dead, {LeasesLost} taken over",
                        report.Sent, report.Retrying, report.Dead, report.LeasesLost);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (Data.DatabaseConflicts.IsRetryable(ex))
            {
                // A deadlock or serialization failure with another instance: nothing is lost, the next pass goes on.
                logger.LogWarning("An outbox pass met another instance's transaction ({Error}); the next one starts in {Interval}", ex.GetBaseException().Message, options.DispatchInterval);
            }
            catch (Exception ex)
            {
                // The database was out of reach, most likely: the rows keep their state; try again.
                logger.LogError(ex, "An outbox pass failed; the next one starts in {Interval}", options.DispatchInterval);
            }

            if (sent == 0)
            {
                try
                {
                    // Real time on purpose: this is how often an idle instance polls, not a moment
                    // of the review rhythm (which may run on a simulated clock).
                    await Task.Delay(options.DispatchInterval, TimeProvider.System, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task RemoveLegacyJobAsync(CancellationToken cancellationToken)
    {
        if (services.GetService<ISchedulerFactory>() is not { } factory)
        {
            return;
        }

        try
        {
            var scheduler = await factory.GetScheduler(cancellationToken);
            if (await scheduler.DeleteJob(LegacyJob, cancellationToken))
            {
                logger.LogInformation("Removed the old outbox-dispatch job from the Quartz schedule; every instance now drains the outbox itself");
            }
        }
        catch (SchedulerException ex)
        {
            logger.LogWarning(ex, "Could not look for the old outbox-dispatch job in the Quartz schedule");
        }
    }
}
