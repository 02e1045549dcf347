using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ScorecardBot.Core.Conversation;
using ScorecardBot.LocalChat;
using ScorecardBot.Tests.LocalChat.Fakes;

namespace ScorecardBot.Tests.LocalChat;

public class LocalChannelFeedTests
{
    private static LocalChannelFeed NewFeed(int capacity = 500) =>
        new(Options.Create(new LocalChatOptions { FeedCapacity = capacity }), new FakeTimeProvider(new DateTimeOffset(2026, 11, 10, 8, 0, 0, TimeSpan.Zero)));

    [Fact]
    public void Post_keeps_channel_messages_in_order_with_the_time_they_were_posted()
    {
        var feed = NewFeed();

        feed.Post(Message.Text("digest"));
        feed.Post(Message.Text("agenda"));

        var channel = feed.Channel().Entries;
        Assert.Equal(["digest", "agenda"], channel.Select(e => e.Message.Summary));
        Assert.All(channel, e => Assert.Equal(new DateTimeOffset(2026, 11, 10, 8, 0, 0, TimeSpan.Zero), e.At));
    }

    [Fact]
    public void Replies_go_into_the_thread_of_their_channel_message_and_a_reply_to_a_reply_joins_it()
    {
        var feed = NewFeed();
        var summary = feed.Post(Message.Text("digest summary"));
        var prompt = feed.PostDirect(SampleDirectory.Ana.Id, Message.Text("prompt for Ana"));

        var first = feed.PostReply(summary, Message.Text("Financial"));
        var second = feed.PostReply(first!, Message.Text("Customer"));

        Assert.Equal([null, summary, summary], feed.Channel().Entries.Select(e => e.ThreadOf));
        Assert.Equal(["digest summary", "Financial", "Customer"], feed.Channel().Entries.Select(e => e.Message.Summary));
        Assert.NotNull(second);
        Assert.Null(feed.PostReply("m999", Message.Text("lost parent")));
        Assert.Null(feed.PostReply(prompt, Message.Text("not in a direct chat")));
    }

    [Fact]
    public void PostDirect_is_seen_only_in_that_persons_inbox()
    {
        var feed = NewFeed();

        feed.PostDirect(SampleDirectory.Ana.Id, Message.Text("prompt for Ana"));

        Assert.Single(feed.Inbox(SampleDirectory.Ana.Id).Entries);
        Assert.Empty(feed.Inbox(SampleDirectory.Vera.Id).Entries);
        Assert.Empty(feed.Channel().Entries);
        Assert.Empty(feed.Changes(0, SampleDirectory.Vera.Id).Entries);
    }

    [Fact]
    public void Feed_over_capacity_drops_the_oldest_messages()
    {
        var feed = NewFeed(capacity: 3);
        var first = feed.Post(Message.Text("1"));

        for (var i = 2; i <= 5; i++)
        {
            feed.Post(Message.Text(i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        Assert.Equal(["3", "4", "5"], feed.Channel().Entries.Select(e => e.Message.Summary));
        Assert.Null(feed.Find(first));
        Assert.False(feed.Replace(first, Message.Text("too late")));
    }

    [Fact]
    public void Replace_updates_the_message_in_place_and_reports_it_as_a_change()
    {
        var feed = NewFeed();
        var prompt = feed.PostDirect(SampleDirectory.Ana.Id, Message.Text("prompt"));
        feed.PostDirect(SampleDirectory.Ana.Id, Message.Text("later"));
        var cursor = feed.Cursor;

        Assert.True(feed.Replace(prompt, Message.Text("recorded")));

        Assert.Equal(["recorded", "later"], feed.Inbox(SampleDirectory.Ana.Id).Entries.Select(e => e.Message.Summary));
        var change = Assert.Single(feed.Changes(cursor, SampleDirectory.Ana.Id).Entries);
        Assert.Equal(prompt, change.MessageId);
    }

    [Fact]
    public void Changes_since_a_cursor_returns_only_what_came_after_it()
    {
        var feed = NewFeed();
        feed.Post(Message.Text("old"));
        var cursor = feed.Cursor;

        feed.Post(Message.Text("new"));

        var page = feed.Changes(cursor, null);
        Assert.Equal(["new"], page.Entries.Select(e => e.Message.Summary));
        Assert.Empty(feed.Changes(page.Cursor, null).Entries);
    }
}
