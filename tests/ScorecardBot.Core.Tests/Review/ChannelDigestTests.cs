using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Review;

namespace ScorecardBot.Core.Tests.Review;

public class ChannelDigestTests
{
    private static IReadOnlyList<DigestPost> Posts(ReviewFixture fixture, DigestLayout layout, bool mention = true) =>
        new ChannelDigest(ReviewFixture.Formatter, id => $"https://bot.example.com/charts/multiples/{id}.png?sig=abc")
            .Build(fixture.Request(mention: mention), layout);

    private static IEnumerable<Mention> MentionsIn(Message message) =>
        message.Blocks.OfType<Paragraph>().SelectMany(p => p.Inlines).OfType<Mention>();

    private static int Characters(Message message) => message.Blocks.Sum(MessageSplitter.TextBytesOf);

    [Fact]
    public void The_channel_gets_a_one_screen_summary_and_the_details_go_in_its_thread()
    {
        var fixture = new ReviewFixture();
        var posts = Posts(fixture, DigestLayout.SummaryAndThread);

        var summary = posts[0];
        Assert.False(summary.InThread);
        Assert.All(posts.Skip(1), p => Assert.True(p.InThread));
        Assert.InRange(summary.Message.Blocks.Count, 1, ChannelDigest.SummaryMaxBlocks);
        Assert.InRange(Characters(summary.Message), 1, ChannelDigest.SummaryMaxCharacters);
        var lines = summary.Message.Blocks.OfType<Paragraph>().Select(ReviewFixture.TextOf).ToList();
        Assert.Equal("Operations: digest for Oct 2026", ((Heading)summary.Message.Blocks[0]).Text);
        Assert.Contains("Red (1): Revenue", lines);
        Assert.Contains("Missing (1): NPS", lines);
        Assert.Contains("Over to @Anna, @Olivia.", lines);
        Assert.Equal("digest", summary.Message.Kind);

        // Each perspective with every one of its KPIs, then the digest's own sections.
        var headings = posts.Skip(1).Select(p => ((Heading)p.Message.Blocks[0]).Text).ToList();
        Assert.StartsWith("Financial: 0.0 / 10 (red)", headings[0], StringComparison.Ordinal);
        Assert.StartsWith("Customer: ", headings[1], StringComparison.Ordinal);
        Assert.StartsWith("Internal Process: 10.0 / 10 (green)", headings[2], StringComparison.Ordinal);
        var rows = posts.Skip(1).SelectMany(p => p.Message.Blocks).OfType<KpiTable>().SelectMany(t => t.Rows).ToList();
        Assert.Contains(rows, r => r is { Name: "NPS", Note: "missing", Owner: "Anna" });
        Assert.Contains(rows, r => r is { Name: "Revenue", Value: "70", Target: "100", Status: Status.Red, Note: "“Lost the Berger account”" });
        var details = posts.Skip(4).Select(p => p.Message).ToList();
        Assert.Contains(details.SelectMany(m => m.Blocks), b => b is Image);
        Assert.Contains(details.SelectMany(m => m.Blocks).OfType<Paragraph>().Select(ReviewFixture.TextOf), t => t == "Revenue: 70 vs target 100 · Olivia");
    }

    [Fact]
    public void Only_the_owners_of_red_and_missing_KPIs_are_mentioned_and_only_once()
    {
        var fixture = new ReviewFixture();
        var posts = Posts(fixture, DigestLayout.SummaryAndThread);

        Assert.Equal([fixture.Anna.Id, fixture.Olivia.Id], MentionsIn(posts[0].Message).Select(m => m.PersonId));
        Assert.All(posts.Skip(1), p => Assert.Empty(MentionsIn(p.Message)));
        Assert.DoesNotContain(posts.SelectMany(p => MentionsIn(p.Message)), m => m.PersonId == fixture.Priya.Id || m.PersonId == fixture.Max.Id);
    }

    [Fact]
    public void With_mentions_off_people_are_named_and_nobody_is_notified()
    {
        var fixture = new ReviewFixture();
        foreach (var layout in Enum.GetValues<DigestLayout>())
        {
            var posts = Posts(fixture, layout, mention: false);
            Assert.All(posts, p => Assert.Empty(MentionsIn(p.Message)));
        }

        var summary = Posts(fixture, DigestLayout.SummaryOnly, mention: false)[0].Message;
        Assert.Contains("Over to Anna, Olivia.", summary.Blocks.OfType<Paragraph>().Select(ReviewFixture.TextOf));
    }

    [Fact]
    public void Whoever_reports_a_missing_KPI_is_asked_the_delegate_rather_than_the_owner()
    {
        var fixture = new ReviewFixture();
        fixture.Nps.DelegateId = fixture.Priya.Id;

        var summary = Posts(fixture, DigestLayout.SummaryOnly)[0].Message;

        Assert.Equal([fixture.Olivia.Id, fixture.Priya.Id], MentionsIn(summary).Select(m => m.PersonId));
    }

    [Fact]
    public void Summary_only_is_one_message_that_points_to_the_digest_command()
    {
        var fixture = new ReviewFixture();
        var post = Assert.Single(Posts(fixture, DigestLayout.SummaryOnly));

        Assert.False(post.InThread);
        Assert.Contains("type \"digest\"", Assert.IsType<Note>(post.Message.Blocks[^1]).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Full_posts_the_whole_digest_in_the_channel()
    {
        var fixture = new ReviewFixture();
        var full = Posts(fixture, DigestLayout.Full);
        var digest = new DigestBuilder(ReviewFixture.Formatter, id => $"https://bot.example.com/charts/multiples/{id}.png?sig=abc").Build(fixture.Request());

        Assert.All(full, p => Assert.False(p.InThread));
        Assert.Equal(MessageJsonOf(digest), MessageJsonOf(full.Select(p => p.Message)));
    }

    [Fact]
    public void The_summary_of_a_large_scorecard_still_fits_one_screen()
    {
        var fixture = new ReviewFixture();
        var objective = fixture.Scorecard.Objectives[0];
        for (var i = 0; i < 300; i++)
        {
            var owner = fixture.People[i % fixture.People.Count];
            fixture.Kpi($"Plant {i:D3} output with a long name", objective, owner, i % 2 == 0 ? [100, 50] : [100], target: 100);
        }

        var posts = Posts(fixture, DigestLayout.SummaryAndThread);
        var summary = posts[0].Message;

        Assert.InRange(summary.Blocks.Count, 1, ChannelDigest.SummaryMaxBlocks);
        Assert.InRange(Characters(summary), 1, ChannelDigest.SummaryMaxCharacters);
        Assert.Contains(summary.Blocks.OfType<Paragraph>().Select(ReviewFixture.TextOf), t => t.StartsWith("Red (151): Revenue, Plant 000", StringComparison.Ordinal) && t.EndsWith("and 146 more", StringComparison.Ordinal));
        Assert.All(posts.Skip(1), p => Assert.True(p.Message.Blocks.Sum(MessageSplitter.CostOf) <= MessageSplitter.MaxBlocks));
        Assert.Equal(304, posts.Skip(1).SelectMany(p => p.Message.Blocks).OfType<KpiTable>().SelectMany(t => t.Rows).Select(r => r.KpiId).Distinct().Count());
    }

    private static string MessageJsonOf(IEnumerable<Message> messages) =>
        string.Join("\n", messages.Select(Delivery.MessageJson.Serialize));
}
