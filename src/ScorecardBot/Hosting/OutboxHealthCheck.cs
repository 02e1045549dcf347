using Microsoft.Extensions.Diagnostics.HealthChecks;
using ScorecardBot.Data;
using ScorecardBot.Data.Outbox;

namespace ScorecardBot.Hosting;

/// <summary>
/// Proactive messages that could not be delivered (dead) or are being retried show in /healthz,
/// so an operator sees a blocked bot or a missing channel instead of silence.
/// </summary>
internal sealed class OutboxHealthCheck(IServiceScopeFactory scopes) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        var (dead, retrying) = await db.CountUndeliveredAsync(cancellationToken);
        var notComposed = await db.CountNotComposedAsync(cancellationToken);
        var data = new Dictionary<string, object> { ["undelivered"] = dead, ["retrying"] = retrying, ["notComposed"] = notComposed };
        if (notComposed > 0)
        {
            return HealthCheckResult.Degraded(
                $"{notComposed} message(s) of the review rhythm could not be composed (the log names each decision); {dead} undelivered in all. An admin's `status` lists them.",
                data: data);
        }

        return dead > 0
            ? HealthCheckResult.Degraded($"{dead} message(s) could not be delivered; an admin's `status` lists them.", data: data)
            : HealthCheckResult.Healthy(retrying > 0 ? $"{retrying} message(s) waiting for a retry." : "Every message was delivered.", data);
    }
}
