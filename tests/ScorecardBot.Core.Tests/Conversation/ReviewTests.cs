using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Conversation.Submission;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Tests.Conversation;

public sealed class ReviewTests
{
    private readonly EngineFixture _f = new();

    [Fact]
    public async Task Digest_IsTheReviewDigest_WithPerspectives_RedKpisWithOwnersAndComments_AndWhoHasNotReported()
    {
        var digest = (await _f.SayAsync(_f.Sample.Luis, "digest logistics")).Single();

        Assert.Equal("digest", digest.Kind);
        var text = Text(digest);
        Assert.Contains("Red KPIs (1)", text, StringComparison.Ordinal);
        var otd = digest.Blocks.OfType<Paragraph>().Single(p => p.Inlines.Count > 0 && p.Inlines[0] is Run { Text: "On-time delivery", Bold: true });
        Assert.Equal(_f.Sample.Eva.Id, Assert.Single(otd.Inlines.OfType<Mention>()).PersonId);
        Assert.Contains(digest.Blocks.OfType<Note>(), n => n.Text.Contains("storm week", StringComparison.Ordinal));
        Assert.Contains("Missing actuals (1)", text, StringComparison.Ordinal);
        var missing = digest.Blocks.OfType<Paragraph>().Single(p => p.Inlines.OfType<Run>().Any(r => r.Text == ": Empty miles"));
        Assert.Equal(_f.Sample.Farid.Id, Assert.Single(missing.Inlines.OfType<Mention>()).PersonId);
    }

    [Fact]
    public async Task Agenda_IsTheReviewAgenda_TimeBoxedToTheMeeting_WithASlotForTheRedKpi()
    {
        var agenda = (await _f.SayInLogisticsAsync(_f.Sample.Luis, "agenda")).Single();

        Assert.Equal("agenda", agenda.Kind);
        var items = agenda.Blocks.OfType<Paragraph>().Where(p => p.Inlines.Count > 0 && p.Inlines[0] is Run { Bold: true }).ToList();
        var otd = Assert.Single(items, p => ((Run)p.Inlines[0]).Text.EndsWith("On-time delivery", StringComparison.Ordinal));
        Assert.Equal(_f.Sample.Eva.Id, Assert.Single(otd.Inlines.OfType<Mention>()).PersonId);
        Assert.Matches(@"^\d+ of \d+ minutes planned\.$", Text(agenda).Split('\n')[1]);
    }

    private static string Text(Message message) => string.Join('\n', message.Blocks.Select(b => b switch
    {
        Heading h => h.Text,
        Paragraph p => string.Concat(p.Inlines.Select(i => i switch { Run r => r.Text, Mention m => "@" + m.Name, Link l => l.Text, _ => "" })),
        Note n => n.Text,
        _ => "",
    }));

    [Fact]
    public async Task Remind_SendsOnePromptCardToEachLateOwner()
    {
        var reply = (await _f.SayAsync(_f.Sample.Priya, "remind logistics")).Single();

        Assert.Equal("Reminded 1 person: Farid Haddad.", reply.Summary);
        var (person, card) = Assert.Single(_f.Messenger.Sent);
        Assert.Equal(_f.Sample.Farid.Id, person);
        Assert.Equal(PromptCards.Kind, card.Kind);
        Assert.StartsWith("Reminder: ", card.Summary);
    }

    [Fact]
    public async Task Lint_ReportsHygieneProblems()
    {
        _f.Sample.Kpi("empty-miles").OwnerId = null;

        var reply = (await _f.SayAsync(_f.Sample.Victor, "lint logistics")).Single();

        Assert.Equal("lint", reply.Kind);
        Assert.Contains("Empty miles", reply.Summary);
    }

    [Fact]
    public async Task ActionAddAndDone_InTheTeamChannel_UseItsScorecard()
    {
        var added = (await _f.SayInLogisticsAsync(_f.Sample.Luis, "action add \"Renegotiate carriers\" @Eva due 2026-12-15")).Single();
        Assert.Equal("Action 1 added to Logistics: \"Renegotiate carriers\" — Eva Lind, due 2026-12-15.", added.Summary);

        var done = (await _f.PressAsync(_f.Sample.Eva, added.Buttons().Single())).Single();

        Assert.Equal("Action 1 is done: \"Renegotiate carriers\".", done.Summary);
        Assert.Equal(ReviewActionStatus.Done, (await _f.SnapshotAsync()).Actions.Single().Status);
    }

    [Fact]
    public async Task Window_OpensAndCloses()
    {
        Assert.Equal("The collection window of Logistics is now open; owners can report their actuals.", (await _f.SayAsync(_f.Sample.Luis, "window open logistics")).Single().Summary);
        Assert.Equal("The collection window of Logistics was already open.", (await _f.SayAsync(_f.Sample.Luis, "window open logistics")).Single().Summary);
        Assert.True(_f.Sample.Logistics.ReviewCycles.Single().WindowOverride);
    }

    [Fact]
    public async Task Target_ForAQuarter_SetsEachMonthOfIt()
    {
        var reply = (await _f.SayAsync(_f.Sample.Luis, "target OTD Q1 2027 96%")).Single();

        Assert.Equal("Target of On-time delivery for Jan 2027 to Mar 2027 set to 96.0 %.", reply.Summary);
        Assert.Equal(3, _f.Sample.Kpi("on-time-delivery").Targets.Count(t => t.Period.Year == 2027 && t.Value == 96m));
    }

    [Theory]
    [InlineData("digest logistics for September", "Logistics: digest for Sep 2026")]
    [InlineData("digest logistics 2026-09", "Logistics: digest for Sep 2026")]
    [InlineData("agenda logistics Sep 2026", "Logistics: agenda for the Sep 2026 review")]
    [InlineData("show me the digest for logistics in september", "Logistics: digest for Sep 2026")]
    public async Task AnEarlierMonth_NamedAfterTheScorecard_GivesThatMonthsDigestOrAgenda(string said, string heading)
    {
        var reply = (await _f.SayAsync(_f.Sample.Luis, said)).Single();

        Assert.Equal(heading, Text(reply).Split('\n')[0]);
    }

    [Fact]
    public async Task AMonthNotReportedYetOrAQuarter_IsRefusedWithTheLatestMonthNamed()
    {
        var future = (await _f.SayAsync(_f.Sample.Luis, "digest logistics December 2026")).Single();
        Assert.Equal("Dec 2026 is not reported yet: the latest month of Logistics is Oct 2026.", future.Summary);

        var quarter = (await _f.SayAsync(_f.Sample.Luis, "digest logistics Q3")).Single();
        Assert.StartsWith("A digest is made for one month: name a month, like", quarter.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutAScorecardInAnOrganizationWithSeveral_TheCommandAsksWhichOne()
    {
        var reply = (await _f.SayAsync(_f.Sample.Priya, "digest")).Single();

        Assert.Equal("Which scorecard? Say digest manufacturing or digest logistics.", reply.Summary);
    }

    [Fact]
    public async Task AssignByEmailOrTeamsMention_ResolvesThePerson()
    {
        var byEmail = (await _f.SayAsync(_f.Sample.Luis, "assign otd chen.wei@acme.example")).Single();
        Assert.Equal("Chen Wei now owns On-time delivery (Logistics).", byEmail.Summary);

        var byMention = (await _f.SayAsync(_f.Sample.Luis, "assign otd <at>Eva</at>", [new MentionedUser("<at>Eva</at>", "aad-eva", "Eva")])).Single();
        Assert.Equal("Eva Lind now owns On-time delivery (Logistics).", byMention.Summary);

        var unknown = (await _f.SayAsync(_f.Sample.Luis, "assign otd @Zed")).Single();
        Assert.Equal("I don't know @Zed in Acme Group. Use their e-mail address, or ask an admin to add them.", unknown.Summary);
    }
}
