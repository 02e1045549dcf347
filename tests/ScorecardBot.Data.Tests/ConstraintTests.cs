using Microsoft.EntityFrameworkCore;
using ScorecardBot.Core.Model;
using ScorecardBot.Data.Tests.Infrastructure;

namespace ScorecardBot.Data.Tests;

public abstract class ConstraintTests(TestDatabase database) : DatabaseTests(database)
{
    [Fact]
    public async Task A_second_actual_for_the_same_kpi_and_period_is_rejected()
    {
        var seed = await SeedScorecard.CreateAsync(Database);
        await SaveAsync(db => db.Actuals.Add(seed.NewActual(Period.Month(2026, 10), 91)));
        await SaveAsync(db => db.Actuals.Add(seed.NewActual(Period.Month(2026, 11), 92)));

        await AssertRejectedAsync(db => db.Actuals.Add(seed.NewActual(Period.Month(2026, 10), 93)));
        await using var read = Database.CreateContext();
        Assert.Equal(91m, (await read.Actuals.SingleAsync(a => a.KpiId == seed.Kpi.Id && a.Period == Period.Month(2026, 10))).Value);
    }

    [Fact]
    public async Task A_second_target_for_the_same_kpi_and_period_is_rejected()
    {
        var seed = await SeedScorecard.CreateAsync(Database);
        await SaveAsync(db => db.Targets.Add(seed.NewTarget(Period.Month(2026, 10), 95)));
        await SaveAsync(db => db.Targets.Add(seed.NewTarget(Period.Quarter(2027, 1), 95)));

        await AssertRejectedAsync(db => db.Targets.Add(seed.NewTarget(Period.Month(2026, 10), 97)));
    }

    [Fact]
    public async Task An_email_is_unique_inside_an_organization_but_not_across_organizations()
    {
        var first = await SeedScorecard.CreateAsync(Database);
        var second = await SeedScorecard.CreateAsync(Database); // same e-mail addresses, other organization

        await AssertRejectedAsync(db => db.People.Add(new Person { OrganizationId = first.Organization.Id, Name = "Twin", Email = first.Owner.Email }));
        await using var read = Database.CreateContext();
        Assert.Equal(2, await read.People.CountAsync(p => p.Email == first.Owner.Email && (p.OrganizationId == first.Organization.Id || p.OrganizationId == second.Organization.Id)));
    }

    [Fact]
    public async Task A_chat_account_is_unique_per_organization_so_two_workspaces_may_share_a_user_id()
    {
        var first = await SeedScorecard.CreateAsync(Database);
        var second = await SeedScorecard.CreateAsync(Database);
        var slackUser = "U" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();

        await SaveAsync(db => db.ChannelAccounts.Add(new ChannelAccount { PersonId = first.Owner.Id, Platform = Platform.Slack, ExternalId = slackUser }));
        await SaveAsync(db => db.ChannelAccounts.Add(new ChannelAccount { PersonId = second.Owner.Id, Platform = Platform.Slack, ExternalId = slackUser }));
        await AssertRejectedAsync(db => db.ChannelAccounts.Add(new ChannelAccount { PersonId = first.Manager.Id, Platform = Platform.Slack, ExternalId = slackUser }));

        await using var read = Database.CreateContext();
        var owners = await read.People.Where(p => p.Accounts.Any(a => a.Platform == Platform.Slack && a.ExternalId == slackUser))
            .Select(p => p.OrganizationId).ToListAsync();
        Assert.Equal(new[] { first.Organization.Id, second.Organization.Id }.Order(), owners.Order());
    }

    [Fact]
    public async Task Keys_are_unique_where_people_type_them()
    {
        var seed = await SeedScorecard.CreateAsync(Database);
        var org = seed.Organization.Id;

        await AssertRejectedAsync(db => db.Scorecards.Add(new Scorecard { OrganizationId = org, Key = seed.Scorecard.Key, Name = "Again" }));
        await AssertRejectedAsync(db => db.Kpis.Add(new Kpi
        {
            OrganizationId = org,
            ScorecardId = seed.Scorecard.Id,
            ObjectiveId = seed.Objective.Id,
            Key = seed.Kpi.Key,
            Name = "Again",
        }));
        await AssertRejectedAsync(db => db.Objectives.Add(new Objective
        {
            ScorecardId = seed.Scorecard.Id,
            PerspectiveId = seed.Perspective.Id,
            Key = seed.Objective.Key,
            Name = "Again",
        }));

        await SaveAsync(db => db.ReviewActions.Add(new ReviewAction { OrganizationId = org, ScorecardId = seed.Scorecard.Id, Number = 1, Text = "First" }));
        await AssertRejectedAsync(db => db.ReviewActions.Add(new ReviewAction { OrganizationId = org, ScorecardId = seed.Scorecard.Id, Number = 1, Text = "Same number" }));
    }

    [Fact]
    public async Task A_tenant_or_workspace_belongs_to_one_organization_while_many_have_none()
    {
        var tenant = Guid.NewGuid().ToString();
        var team = "T" + Guid.NewGuid().ToString("N")[..8];
        await SaveAsync(db => db.Organizations.AddRange(
            new Organization { Name = "A", TeamsTenantId = tenant, SlackTeamId = team },
            new Organization { Name = "No chat yet" },
            new Organization { Name = "No chat either" }));

        await AssertRejectedAsync(db => db.Organizations.Add(new Organization { Name = "B", TeamsTenantId = tenant }));
        await AssertRejectedAsync(db => db.Organizations.Add(new Organization { Name = "C", SlackTeamId = team }));
    }

    [Fact]
    public async Task An_actual_cannot_belong_to_another_organizations_kpi()
    {
        var mine = await SeedScorecard.CreateAsync(Database);
        var theirs = await SeedScorecard.CreateAsync(Database);
        var actual = mine.NewActual(Period.Month(2026, 10), 50);
        actual.KpiId = theirs.Kpi.Id;

        await AssertRejectedAsync(db => db.Actuals.Add(actual));
    }

    [Fact]
    public async Task Deleting_a_scorecard_removes_everything_it_holds_and_leaves_the_rest()
    {
        var seed = await SeedScorecard.CreateAsync(Database);
        var other = await SeedScorecard.CreateAsync(Database);
        var second = new Objective { ScorecardId = seed.Scorecard.Id, PerspectiveId = seed.Perspective.Id, Key = "second", Name = "Second" };
        var initiative = new Initiative { ScorecardId = seed.Scorecard.Id, Key = "i1", Name = "Initiative", OwnerId = seed.Owner.Id };
        initiative.Milestones.Add(new Milestone { Name = "M1", Due = new DateOnly(2026, 12, 1) });
        await SaveAsync(db =>
        {
            db.Actuals.Add(seed.NewActual(Period.Month(2026, 10), 90));
            db.Targets.Add(seed.NewTarget(Period.Month(2026, 10), 95));
            db.Objectives.Add(second);
            db.ObjectiveLinks.Add(new ObjectiveLink { ScorecardId = seed.Scorecard.Id, CauseObjectiveId = second.Id, EffectObjectiveId = seed.Objective.Id });
            db.Initiatives.Add(initiative);
            db.ReviewCycles.Add(new ReviewCycle { ScorecardId = seed.Scorecard.Id });
            db.TeamChannels.Add(new TeamChannel { ScorecardId = seed.Scorecard.Id, Platform = Platform.Slack, ConversationId = "C1" });
            db.ReviewActions.Add(new ReviewAction { OrganizationId = seed.Organization.Id, ScorecardId = seed.Scorecard.Id, Number = 1, Text = "x", KpiId = seed.Kpi.Id, OwnerId = seed.Owner.Id });
        });

        await using (var db = Database.CreateContext())
        {
            await db.Scorecards.Where(s => s.Id == seed.Scorecard.Id).ExecuteDeleteAsync();
        }

        await using var read = Database.CreateContext();
        Assert.False(await read.Kpis.AnyAsync(k => k.OrganizationId == seed.Organization.Id));
        Assert.False(await read.Actuals.AnyAsync(a => a.OrganizationId == seed.Organization.Id));
        Assert.False(await read.Targets.AnyAsync(a => a.OrganizationId == seed.Organization.Id));
        Assert.False(await read.Objectives.AnyAsync(o => o.ScorecardId == seed.Scorecard.Id));
        Assert.False(await read.Milestones.AnyAsync(m => m.InitiativeId == initiative.Id));
        Assert.False(await read.ReviewActions.AnyAsync(a => a.OrganizationId == seed.Organization.Id));
        Assert.True(await read.People.AnyAsync(p => p.OrganizationId == seed.Organization.Id));
        Assert.True(await read.AuditEntries.AnyAsync(e => e.OrganizationId == seed.Organization.Id), "the audit trail outlives the scorecard");
        Assert.True(await read.Kpis.AnyAsync(k => k.OrganizationId == other.Organization.Id));
    }

    [Fact]
    public async Task An_organization_without_scorecards_is_deleted_with_its_people_holidays_and_audit_trail()
    {
        var seed = await SeedScorecard.CreateAsync(Database);
        await SaveAsync(db =>
        {
            db.Actuals.Add(seed.NewActual(Period.Month(2026, 10), 90));
            db.ChannelAccounts.Add(new ChannelAccount { PersonId = seed.Owner.Id, Platform = Platform.Teams, ExternalId = "aad-1" });
            db.Holidays.Add(new Holiday { OrganizationId = seed.Organization.Id, Date = new DateOnly(2026, 12, 24), Name = "Eve" });
        });

        await using (var db = Database.CreateContext())
        {
            await db.Scorecards.Where(s => s.OrganizationId == seed.Organization.Id).ExecuteDeleteAsync();
            await db.Organizations.Where(o => o.Id == seed.Organization.Id).ExecuteDeleteAsync();
        }

        await using var read = Database.CreateContext();
        Assert.False(await read.People.AnyAsync(p => p.OrganizationId == seed.Organization.Id));
        Assert.False(await read.ChannelAccounts.AnyAsync(a => a.PersonId == seed.Owner.Id));
        Assert.False(await read.Holidays.AnyAsync(h => h.OrganizationId == seed.Organization.Id));
        Assert.False(await read.AuditEntries.AnyAsync(e => e.OrganizationId == seed.Organization.Id));
    }

    private async Task SaveAsync(Action<ScorecardDbContext> change)
    {
        await using var db = Database.CreateContext();
        change(db);
        await db.SaveChangesAsync();
    }

    private async Task AssertRejectedAsync(Action<ScorecardDbContext> change)
    {
        await using var db = Database.CreateContext();
        change(db);
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }
}

public sealed class ConstraintTestsOnSqlite(SqliteTestDatabase database) : ConstraintTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class ConstraintTestsOnPostgres(PostgresTestDatabase database) : ConstraintTests(database), IClassFixture<PostgresTestDatabase>;
