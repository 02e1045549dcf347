using System.Globalization;
using Microsoft.Extensions.Options;
using ScorecardBot.Core.Conversation;

namespace ScorecardBot.LocalChat;

/// <summary>
/// What was said in the local chat, newest last: the team channel and every person's direct chat,
/// in memory and bounded (the oldest messages fall off). The proactive sender writes into it
/// through <see cref="ILocalChannelSink"/>; the page reads it and polls it for changes.
/// </summary>
public sealed class LocalChannelFeed : ILocalChannelSink
{
    private readonly Lock _gate = new();
    private readonly LinkedList<LocalFeedEntry> _entries = new();
    private readonly Dictionary<string, LinkedListNode<LocalFeedEntry>> _byId = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly int _capacity;
    private long _version;

    public LocalChannelFeed(IOptions<LocalChatOptions> options, TimeProvider time)
    {
        _capacity = Math.Max(1, options.Value.FeedCapacity);
        _time = time;
    }

    /// <summary>The version of the latest change; polling from here returns only what comes later.</summary>
    internal long Cursor
    {
        get
        {
            lock (_gate)
            {
                return _version;
            }
        }
    }

    public string Post(Message message) => Add(null, message, author: null).MessageId;

    public string PostDirect(Guid personId, Message message) => Add(personId, message, author: null).MessageId;

    public string? PostReply(string parentMessageId, Message message)
    {
        lock (_gate)
        {
            // A reply to a reply joins the same thread, as in Slack and Teams.
            return _byId.TryGetValue(parentMessageId, out var parent) && parent.Value.PersonId is null
                ? Add(null, message, author: null, threadOf: parent.Value.ThreadOf ?? parent.Value.MessageId).MessageId
                : null;
        }
    }

    public bool Replace(string messageId, Message message) => Update(messageId, message) is not null;

    /// <returns>The updated entry, or null when no message with that id is kept any more.</returns>
    internal LocalFeedEntry? Update(string messageId, Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_gate)
        {
            if (!_byId.TryGetValue(messageId, out var node))
            {
                return null;
            }

            node.Value = node.Value with { Message = message, Version = ++_version };
            return node.Value;
        }
    }

    internal LocalFeedEntry? Find(string messageId)
    {
        lock (_gate)
        {
            return _byId.TryGetValue(messageId, out var node) ? node.Value : null;
        }
    }

    /// <summary>The team channel, oldest first.</summary>
    internal LocalFeedPage Channel() => Select(e => e.PersonId is null);

    /// <summary>One person's direct chat, oldest first.</summary>
    internal LocalFeedPage Inbox(Guid personId) => Select(e => e.PersonId == personId);

    /// <summary>Messages posted or replaced after <paramref name="since"/> in the channel and, when given, the person's direct chat.</summary>
    internal LocalFeedPage Changes(long since, Guid? personId)
    {
        lock (_gate)
        {
            var changed = _entries
                .Where(e => e.Version > since && (e.PersonId is null || e.PersonId == personId))
                .OrderBy(e => e.Version)
                .ToList();
            return new LocalFeedPage(_version, changed);
        }
    }

    private LocalFeedPage Select(Func<LocalFeedEntry, bool> filter)
    {
        lock (_gate)
        {
            return new LocalFeedPage(_version, [.. _entries.Where(filter)]);
        }
    }

    /// <param name="personId">Whose direct chat; null for the team channel.</param>
    /// <param name="author">Who typed it; null for the bot.</param>
    /// <param name="threadOf">The channel message whose thread this one is a reply in.</param>
    internal LocalFeedEntry Add(Guid? personId, Message message, string? author, string? threadOf = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_gate)
        {
            var version = ++_version;
            var id = "m" + version.ToString(CultureInfo.InvariantCulture);
            var entry = new LocalFeedEntry(id, personId, message, author, _time.GetUtcNow(), version, threadOf);
            _byId[id] = _entries.AddLast(entry);
            while (_entries.Count > _capacity)
            {
                _byId.Remove(_entries.First!.Value.MessageId);
                _entries.RemoveFirst();
            }

            return entry;
        }
    }
}

/// <summary>
/// One message of the feed. <see cref="Author"/> is null for the bot, else the person who typed it;
/// <see cref="ThreadOf"/> is the channel message whose thread it replies in.
/// </summary>
internal sealed record LocalFeedEntry(
    string MessageId,
    Guid? PersonId,
    Message Message,
    string? Author,
    DateTimeOffset At,
    long Version,
    string? ThreadOf = null);

/// <summary>Entries and the version to poll from next.</summary>
internal sealed record LocalFeedPage(long Cursor, IReadOnlyList<LocalFeedEntry> Entries);
