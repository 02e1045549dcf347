using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Quartz;
using ScorecardBot.Data;
using ScorecardBot.Data.Outbox;

namespace ScorecardBot.Scheduling;

/// <summary>
/// Every minute: for each organization, asks the review rhythm what is due and writes it to the
/// outbox in one transaction, then follows up the direct messages that could not reach their
/// recipient (<see cref="UnreachableFollowUp"/>). Running it twice (two nodes, a retry, a restart)
/// writes nothing twice: the outbox refuses a second row with the same key.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class ReviewRhythmJob(
    IServiceScopeFactory scopes, IRhythmPlanner planner, OutboxWriter writer, UnreachableFollowUp followUp, TimeProvider time, ILogger<ReviewRhythmJob> logger,
    MeetingCloser? meetings = null) : IJob
{
    public static readonly JobKey Key = new("review-rhythm", "scorecard");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await RunAsync(cancellationToken);

    /// <returns>Rows written (duplicates not counted).</returns>
    internal async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        using var activity = Hosting.Telemetry.Source.StartActivity("review rhythm run");
        var written = await RunOrganizationsAsync(cancellationToken);
        activity?.SetTag("scorecard.messages_written", written);
        return written;
    }

    private async Task<int> RunOrganizationsAsync(CancellationToken cancellationToken)
    {
        List<Guid> organizations;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
            organizations = await db.Organizations.AsNoTracking().OrderBy(o => o.Id).Select(o => o.Id).ToListAsync(cancellationToken);
        }

        Activity.Current?.SetTag("scorecard.organizations", organizations.Count);
        var written = 0;
        foreach (var organizationId in organizations)
        {
            using var activity = Hosting.Telemetry.Source.StartActivity("review rhythm organization");
            activity?.SetTag("scorecard.organization_id", organizationId);
            try
            {
                written += await PlanOrganizationAsync(organizationId, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
                // One organization's bad data must not stop everyone else's prompts. (A decision
                // whose message cannot be composed is caught by the planner, per decision.)
                logger.LogError(ex, "The review rhythm failed for organization {OrganizationId}", organizationId);
            }

            try
            {
                using var scope = scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
                var organization = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == organizationId, cancellationToken);
                written += await followUp.RunAsync(db, organization, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Following up undelivered messages failed for organization {OrganizationId}; tried again next run", organizationId);
            }

            try
            {
                using var scope = scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
                var organization = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == organizationId, cancellationToken);
                written += meetings is null ? 0 : await meetings.RunAsync(db, organization, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Closing the review meetings left open failed for organization {OrganizationId}; tried again next run", organizationId);
            }
        }

        return written;
    }

    private async Task<int> PlanOrganizationAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        var organization = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == organizationId, cancellationToken);
        var now = time.GetUtcNow();
        var planned = await planner.PlanAsync(db, organization, now, cancellationToken);
        if (planned.Count == 0)
        {
            return 0;
        }

        // Most runs find every message written already: those only read, and take no write lock.
        var fresh = await OutboxWriter.WithoutWrittenAsync(
            db, [.. planned.Select(p => new OutboxEntry(p.Message, p.Kind, p.ScheduledAt, p.DecisionKey, p.Failure, p.ExpiresAt))], cancellationToken);
        var written = 0;
        if (fresh.Count > 0)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            written = await writer.AddManyAsync(db, fresh, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        logger.LogInformation("The review rhythm wrote {Written} of {Planned} messages for organization {OrganizationId}", written, planned.Count, organizationId);
        return written;
    }
}
