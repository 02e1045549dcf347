using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;
using ScorecardBot.Core.Rhythm;
using ScorecardBot.Data;
using ScorecardBot.Data.Auditing;

namespace ScorecardBot.Scheduling;

/// <summary>
/// Turns a chat status that says vacation into an absence, for organizations that allow it. Only
/// the people a prompt, reminder or follow-up is about to reach are looked up, so the platform is
/// asked about a person at most when the rhythm would write to them; the absence is stored (and
/// audited as "Slack status"), so the digest says "away" and later runs of the day ask nobody.
/// </summary>
internal sealed class StatusAbsences(IServiceScopeFactory scopes, TimeProvider time, IPlatformAwayStatus? status = null)
{
    public const string ActorName = "Slack status";

    /// <returns>The absences found and stored now; empty when none (or when the organization does not let the status count).</returns>
    public async Task<IReadOnlyList<Absence>> FindAsync(Organization organization, RhythmInput input, IReadOnlyList<RhythmDecision> decisions, CancellationToken cancellationToken)
    {
        if (status is null || !organization.AwayFromSlackStatus || organization.SlackTeamId is null)
        {
            return [];
        }

        var fiscal = FiscalCalendar.For(organization);
        var now = time.GetUtcNow();
        var today = fiscal.DateOf(now);
        var people = input.People.ToDictionary(p => p.Id);
        var asked = decisions
            .Where(d => d.Kind is RhythmDecisionKind.Prompt or RhythmDecisionKind.Remind or RhythmDecisionKind.FollowUp)
            .Select(d => d.Recipient.PersonId)
            .OfType<Guid>()
            .Distinct()
            .Where(id => !input.Absences.Any(a => a.PersonId == id && a.Covers(today)))
            .ToList();
        var found = new List<Absence>();
        foreach (var id in asked)
        {
            if (people.TryGetValue(id, out var person) && await status.AwayUntilAsync(organization, person, today, fiscal.TimeZone, cancellationToken) is { } until)
            {
                found.Add(new Absence { OrganizationId = organization.Id, PersonId = id, From = today, To = until, Source = AbsenceSource.SlackStatus, CreatedAt = now });
            }
        }

        if (found.Count > 0)
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<IAuditContext>().Set(null, ActorName, EntrySource.Api);
            var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
            db.Absences.AddRange(found);
            await db.SaveChangesAsync(cancellationToken);
        }

        return found;
    }
}
