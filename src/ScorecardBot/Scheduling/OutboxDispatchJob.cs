using Quartz;
using ScorecardBot.Data.Outbox;

namespace ScorecardBot.Scheduling;

/// <summary>Every few seconds: sends the outbox messages that are due. One run at a time per node.</summary>
[DisallowConcurrentExecution]
internal sealed class OutboxDispatchJob(OutboxDispatcher dispatcher, ILogger<OutboxDispatchJob> logger) : IJob
{
    public static readonly JobKey Key = new("outbox-dispatch", "scorecard");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var report = await dispatcher.DispatchDueAsync(cancellationToken);
        if (report.Attempts > 0)
        {
            logger.LogInformation(
                "Outbox: {Sent} sent, {Retrying} to retry, {Dead} dead, {LeasesLost} taken over",
                report.Sent, report.Retrying, report.Dead, report.LeasesLost);
        }
    }
}
