using Microsoft.Extensions.Time.Testing;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Conversation.InMemory;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Tests.Conversation;

/// <summary>
/// An organization too large for a chat answer to list everything: three scorecards (North, South,
/// East) of 40 KPIs each, target 90 %, October reported. In each scorecard every even KPI is red
/// (KPI m reports 40 + m %, so m = 0 is furthest off target) and every odd one green (99 %):
/// 60 red KPIs in all, 20 per scorecard. A red list shows the 25 furthest off target and says
/// where the other 35 are; <c>status</c> sums each scorecard up in one line.
/// </summary>
public sealed class LargeOrganizationAnswerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 10, 9, 0, 0, TimeSpan.Zero);
    private static readonly string[] Sites = ["North", "South", "East"];

    private readonly InMemoryScorecardStore _store = new();
    private readonly Organization _organization = new() { Name = "Big Group", TimeZoneId = "Europe/Berlin", CreatedAt = Now.AddYears(-2) };
    private readonly Person _viewer;
    private readonly ConversationEngine _engine;

    public LargeOrganizationAnswerTests()
    {
        _viewer = new Person { Name = "Vera Viewer", Email = "vera@big.example", Role = Role.Viewer, OrganizationId = _organization.Id };
        var owner = new Person { Name = "Otto Owner", Email = "otto@big.example", Role = Role.Owner, OrganizationId = _organization.Id };
        var scorecards = new List<Scorecard>();
        foreach (var site in Sites)
        {
            var scorecard = new Scorecard { OrganizationId = _organization.Id, Key = site.ToLowerInvariant(), Name = site };
            var perspective = new Perspective { ScorecardId = scorecard.Id, Name = "Customer", Kind = PerspectiveKind.Customer };
            var objective = new Objective { ScorecardId = scorecard.Id, PerspectiveId = perspective.Id, Key = $"{scorecard.Key}-serve", Name = $"Serve {site} customers" };
            scorecard.Perspectives.Add(perspective);
            scorecard.Objectives.Add(objective);
            for (var m = 0; m < 40; m++)
            {
                var kpi = new Kpi
                {
                    OrganizationId = _organization.Id,
                    ScorecardId = scorecard.Id,
                    ObjectiveId = objective.Id,
                    Key = $"{scorecard.Key}-measure-{m}",
                    Name = $"{site} measure {m}",
                    OwnerId = owner.Id,
                    Unit = "%",
                    Format = KpiFormat.Percent,
                    Order = m,
                };
                for (var p = Period.Month(2026, 1); p <= Period.Month(2026, 10); p = p.Next)
                {
                    kpi.Targets.Add(new Target { OrganizationId = _organization.Id, KpiId = kpi.Id, Period = p, Value = 90 });
                    kpi.Actuals.Add(new Actual { OrganizationId = _organization.Id, KpiId = kpi.Id, Period = p, Value = m % 2 == 0 ? 40 + m : 99, SubmittedById = owner.Id });
                }

                scorecard.Kpis.Add(kpi);
            }

            scorecards.Add(scorecard);
        }

        _store.Add(_organization, scorecards, [_viewer, owner]);
        _engine = new ConversationEngine(_store, _store, new ConversationOptions { PublicBaseUrl = new Uri("https://bot.example.com/") }, new FakeTimeProvider(Now));
    }

    private async Task<Message> AskAsync(string text)
    {
        var result = await _engine.HandleAsync(new Turn
        {
            OrganizationId = _organization.Id,
            Actor = new Actor(_viewer.Id, _viewer.Name, _viewer.Email, _viewer.Role),
            Platform = Platform.Local,
            Conversation = new ConversationAddress(Platform.Local, "local", ConversationKind.Direct),
            At = Now,
            Text = text,
        }, CancellationToken.None);
        return result.Single();
    }

    [Fact]
    public async Task A_long_red_list_shows_the_25_furthest_off_target_and_where_the_other_35_are()
    {
        var reply = await AskAsync("what's red");

        var rows = reply.Block<KpiTable>().Rows;
        Assert.Equal(25, rows.Count);
        Assert.All(rows, r => Assert.Equal(Status.Red, r.Status));
        // Worst first: the three 40 % KPIs, then the three 42 % ones, … down to 56 % (m = 16).
        Assert.Equal(["North measure 0", "South measure 0", "East measure 0", "North measure 2"], rows.Take(4).Select(r => r.Name));
        Assert.Equal(["40.0 %", "40.0 %", "40.0 %", "42.0 %"], rows.Take(4).Select(r => r.Value));
        Assert.Equal("56.0 %", rows[^1].Value);
        Assert.StartsWith("60 KPIs are red in Oct 2026: the 25 furthest off target: North measure 0 (North) 40.0 % vs 90.0 %", reply.Summary, StringComparison.Ordinal);
        var more = string.Concat(reply.Blocks.OfType<Paragraph>().Last().Inlines.OfType<Run>().Select(r => r.Text));
        Assert.StartsWith("And 35 more red (", more, StringComparison.Ordinal);
        Assert.Contains("Ask “what's red in ", more, StringComparison.Ordinal);
        Assert.EndsWith(more, reply.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_scorecards_red_list_fits_and_is_shown_whole_in_its_order()
    {
        var reply = await AskAsync("what's red in South");

        var rows = reply.Block<KpiTable>().Rows;
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"South measure {i * 2}"), rows.Select(r => r.Name));
        Assert.DoesNotContain("more red", reply.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_of_a_large_organization_is_one_line_per_scorecard_and_the_kpis_furthest_off_target()
    {
        var reply = await AskAsync("status");

        Assert.Equal("Big Group — Oct 2026", reply.Block<Heading>().Text);
        var facts = reply.Block<FactList>().Facts;
        Assert.Equal(Sites, facts.Select(f => f.Label));
        Assert.All(facts, f => Assert.EndsWith("(20 green, 20 red)", f.Value, StringComparison.Ordinal));
        var worst = reply.Block<KpiTable>();
        Assert.Equal("Furthest off target", worst.Title);
        Assert.Equal(["North measure 0", "South measure 0", "East measure 0"], worst.Rows.Take(3).Select(r => r.Name));
        Assert.Equal(10, worst.Rows.Count);
        Assert.Contains("120 KPIs: ", reply.Summary, StringComparison.Ordinal);
        Assert.Contains("60 green, 60 red", reply.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain(reply.Blocks.OfType<KpiTable>(), t => t.Rows.Count > 25);
    }

    [Fact]
    public async Task A_scorecard_small_enough_keeps_its_table_of_every_kpi()
    {
        var reply = await AskAsync("how is South doing");

        var rows = reply.Blocks.OfType<KpiTable>().SelectMany(t => t.Rows).ToList();
        Assert.Equal(40, rows.Count);
        Assert.Empty(reply.Blocks.OfType<FactList>());
    }
}
