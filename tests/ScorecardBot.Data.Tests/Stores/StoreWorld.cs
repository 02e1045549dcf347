using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Data.Stores;
using ScorecardBot.Data.Tests.Infrastructure;

namespace ScorecardBot.Data.Tests.Stores;

/// <summary>
/// A seeded organization (Olivia owns On-time delivery, Max manages the scorecard) plus a viewer,
/// a delegate-to-be and twelve months of history, with the stores on top through dependency injection.
/// </summary>
internal sealed class StoreWorld : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 11, 10, 9, 0, 0, TimeSpan.Zero);
    public static readonly Period October = Period.Month(2026, 10);

    private StoreWorld(TestDatabase database, SeedScorecard seed, Person viewer, Person colleague, ServiceProvider services)
    {
        Database = database;
        Seed = seed;
        Viewer = viewer;
        Colleague = colleague;
        Services = services;
    }

    public TestDatabase Database { get; }
    public SeedScorecard Seed { get; }
    public Person Viewer { get; }
    public Person Colleague { get; }
    public ServiceProvider Services { get; }
    public Guid OrganizationId => Seed.Organization.Id;
    public Kpi Kpi => Seed.Kpi;

    public IScorecardCommands Commands => Services.GetRequiredService<IScorecardCommands>();
    public IScorecardReadModel ReadModel => Services.GetRequiredService<IScorecardReadModel>();

    public static async Task<StoreWorld> CreateAsync(TestDatabase database)
    {
        var seed = await SeedScorecard.CreateAsync(database);
        var viewer = new Person { OrganizationId = seed.Organization.Id, Name = "Vera Viewer", Email = "vera@contoso.example", Role = Role.Viewer };
        var colleague = new Person { OrganizationId = seed.Organization.Id, Name = "Carl Colleague", Email = "carl@contoso.example", Role = Role.Owner };
        await using (var db = database.CreateContext())
        {
            db.People.AddRange(viewer, colleague);
            var kpi = await db.Kpis.SingleAsync(k => k.Id == seed.Kpi.Id);
            kpi.OwnerId = seed.Owner.Id;
            for (var p = October.AddPeriods(-12); p < October; p = p.Next)
            {
                db.Actuals.Add(seed.NewActual(p, 90 + (p.Number % 5)));
                db.Targets.Add(seed.NewTarget(p, 95));
            }

            db.Targets.Add(seed.NewTarget(October, 95));
            await db.SaveChangesAsync();
        }

        seed.Kpi.OwnerId = seed.Owner.Id;
        var services = database.CreateServices(s => s.AddScorecardStores());
        return new StoreWorld(database, seed, viewer, colleague, services);
    }

    public ChangeContext As(Person person, EntrySource via = EntrySource.Command) => new(OrganizationId, person.Id, via, Now);

    /// <summary>Everything a change could touch, read fresh, to show that a refused change touched nothing.</summary>
    public async Task<string> StateAsync()
    {
        await using var db = Database.CreateContext();
        var kpi = await db.Kpis.AsNoTracking().SingleAsync(k => k.Id == Kpi.Id);
        var actuals = await db.Actuals.AsNoTracking().Where(a => a.OrganizationId == OrganizationId).OrderBy(a => a.Id).Select(a => $"{a.Id}:{a.Value}:{a.Comment}:{a.Version}").ToListAsync();
        var targets = await db.Targets.AsNoTracking().Where(t => t.OrganizationId == OrganizationId).OrderBy(t => t.Id).Select(t => $"{t.Id}:{t.Value}:{t.Version}").ToListAsync();
        var actions = await db.ReviewActions.AsNoTracking().Where(a => a.OrganizationId == OrganizationId).Select(a => $"{a.Number}:{a.Status}").ToListAsync();
        var cycles = await db.ReviewCycles.AsNoTracking().Where(c => c.ScorecardId == Seed.Scorecard.Id).Select(c => $"{c.WindowOverride}").ToListAsync();
        var audit = await db.AuditEntries.AsNoTracking().CountAsync(e => e.OrganizationId == OrganizationId);
        return $"owner={kpi.OwnerId} delegate={kpi.DelegateId} actuals=[{string.Join(",", actuals)}] targets=[{string.Join(",", targets)}] actions=[{string.Join(",", actions)}] cycles=[{string.Join(",", cycles)}] audit={audit}";
    }

    public async Task<List<AuditEntry>> AuditAsync(string subject)
    {
        await using var db = Database.CreateContext();
        return await db.AuditEntries.AsNoTracking().Where(e => e.OrganizationId == OrganizationId && e.Subject == subject).OrderBy(e => e.Id).ToListAsync();
    }

    public async Task<List<Actual>> ActualsAsync(Period period)
    {
        await using var db = Database.CreateContext();
        return await db.Actuals.AsNoTracking().Where(a => a.KpiId == Kpi.Id && a.Period == period).ToListAsync();
    }

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}
