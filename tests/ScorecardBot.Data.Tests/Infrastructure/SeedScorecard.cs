using ScorecardBot.Core.Model;

namespace ScorecardBot.Data.Tests.Infrastructure;

/// <summary>
/// A fresh organization with two people, an enterprise scorecard, one perspective, one objective
/// and one KPI — the smallest world most repository tests need. Every call makes a new one, so
/// tests sharing a database never see each other's rows.
/// </summary>
public sealed record SeedScorecard(
    Organization Organization, Person Owner, Person Manager, Scorecard Scorecard,
    Perspective Perspective, Objective Objective, Kpi Kpi)
{
    public static async Task<SeedScorecard> CreateAsync(TestDatabase database)
    {
        var organization = new Organization { Name = "Contoso " + Guid.NewGuid().ToString("N")[..8], CreatedAt = new DateTimeOffset(2026, 1, 15, 8, 0, 0, TimeSpan.Zero) };
        var owner = new Person { OrganizationId = organization.Id, Name = "Olivia Owner", Email = "olivia@contoso.example", Role = Role.Owner };
        var manager = new Person
        {
            OrganizationId = organization.Id,
            Name = "Max Manager",
            Email = "max@contoso.example",
            Role = Role.ScorecardManager,
        };
        var scorecard = new Scorecard { OrganizationId = organization.Id, Key = "enterprise", Name = "Enterprise", ManagerId = manager.Id };
        var perspective = new Perspective { ScorecardId = scorecard.Id, Name = "Customer", Kind = PerspectiveKind.Customer };
        var objective = new Objective
        {
            ScorecardId = scorecard.Id,
            PerspectiveId = perspective.Id,
            Key = "delight-customers",
            Name = "Delight customers",
        };
        var kpi = new Kpi
        {
            OrganizationId = organization.Id,
            ScorecardId = scorecard.Id,
            ObjectiveId = objective.Id,
            Key = "on-time-delivery",
            Name = "On-time delivery",
            Unit = "%",
            Format = KpiFormat.Percent,
        };

        await using var db = database.CreateContext();
        db.Organizations.Add(organization);
        db.People.AddRange(owner, manager);
        db.Scorecards.Add(scorecard);
        db.Perspectives.Add(perspective);
        db.Objectives.Add(objective);
        db.Kpis.Add(kpi);
        await db.SaveChangesAsync();
        return new SeedScorecard(organization, owner, manager, scorecard, perspective, objective, kpi);
    }

    /// <summary>A new actual of the seeded KPI (not saved).</summary>
    public Actual NewActual(Period period, decimal? value, string? comment = null) => new()
    {
        OrganizationId = Organization.Id,
        KpiId = Kpi.Id,
        Period = period,
        Value = value,
        Comment = comment,
        SubmittedById = Owner.Id,
        SubmittedAt = new DateTimeOffset(2026, 11, 3, 9, 15, 0, TimeSpan.Zero),
        Source = EntrySource.Card,
    };

    /// <summary>A new target of the seeded KPI (not saved).</summary>
    public Target NewTarget(Period period, decimal value) => new()
    {
        OrganizationId = Organization.Id,
        KpiId = Kpi.Id,
        Period = period,
        Value = value,
        Amber = 95,
        Red = 85,
    };
}
