using System.Text.Json;
using System.Text.Json.Serialization;

namespace ScorecardBot.Core.Model;

public enum MeetingState
{
    Open = 0,
    Closed = 1,
}

/// <summary>What a line of a meeting's minutes records.</summary>
public enum MeetingNoteKind
{
    /// <summary>A decision the meeting took on an item.</summary>
    Decision = 0,
    /// <summary>An item put aside for later.</summary>
    Parked = 1,
    /// <summary>An item discussed and left behind with Next: its owner presented it.</summary>
    Presented = 2,
}

/// <summary>
/// A review meeting run in a team channel (<c>review start</c> … <c>review end</c>): the agenda's
/// items as they were when it opened, the item being discussed, and where it runs. Everything a
/// meeting knows lives here and in its <see cref="MeetingNote"/> rows and review actions, so a
/// restarted host carries on where it was.
/// </summary>
public sealed class ReviewMeeting
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid OrganizationId { get; set; }
    public Guid ScorecardId { get; set; }

    /// <summary>The period reviewed.</summary>
    public Period Period { get; set; }

    /// <summary>The channel the meeting runs in; the minutes are posted there.</summary>
    public Platform Platform { get; set; }

    public required string ConversationId { get; set; }

    /// <summary>The thread the meeting runs in (Teams reply chain, Slack thread_ts), if any.</summary>
    public string? ThreadId { get; set; }

    /// <summary>The agenda's items when the meeting opened (<see cref="MeetingItems"/> as JSON).</summary>
    public required string ItemsJson { get; set; }

    /// <summary>The index of the item under discussion; the number of items once every item was taken.</summary>
    public int Position { get; set; }

    public MeetingState State { get; set; }

    public Guid StartedById { get; set; }
    public DateTimeOffset StartedAt { get; set; }

    /// <summary>The end of the review day: a meeting still open then closes itself with the minutes so far.</summary>
    public DateTimeOffset EndsAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>Who ended it; null when it closed itself at <see cref="EndsAt"/>.</summary>
    public Guid? ClosedById { get; set; }

    /// <summary>Bumped on every change: two presses at once cannot both move the meeting.</summary>
    public uint Version { get; set; }

    public List<MeetingNote> Notes { get; set; } = [];

    [JsonIgnore]
    public IReadOnlyList<MeetingItem> Items => MeetingItems.Read(ItemsJson);

    public MeetingItem? Current => Position >= 0 && Position < Items.Count ? Items[Position] : null;
}

/// <summary>One agenda item of a meeting, frozen when the meeting opened.</summary>
public sealed record MeetingItem(
    [property: JsonPropertyName("t")] string Title,
    [property: JsonPropertyName("s")] string Section,
    [property: JsonPropertyName("o")] Guid? OwnerId = null,
    [property: JsonPropertyName("k")] Guid? KpiId = null,
    [property: JsonPropertyName("d")] string? Detail = null);

/// <summary>The stored form of a meeting's items.</summary>
public static class MeetingItems
{
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static string Write(IReadOnlyList<MeetingItem> items) => JsonSerializer.Serialize(items, Json);

    public static IReadOnlyList<MeetingItem> Read(string json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<MeetingItem>>(json, Json) ?? [];
}

/// <summary>A line of a meeting's minutes: a decision, a parked item, or who presented an item.</summary>
public sealed class MeetingNote
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid OrganizationId { get; set; }
    public Guid MeetingId { get; set; }
    public MeetingNoteKind Kind { get; set; }

    /// <summary>The agenda item (index into the meeting's items) it is about.</summary>
    public int Item { get; set; }

    /// <summary>The decision's words; null for parked and presented items.</summary>
    public string? Text { get; set; }

    /// <summary>Who recorded the decision or parked the item; for a presented item, the presenter.</summary>
    public Guid? PersonId { get; set; }

    public DateTimeOffset At { get; set; }
}

/// <summary>A decision of a scorecard's last review meeting, for the next agenda.</summary>
public sealed record PastDecision(Guid ScorecardId, Period Period, string Item, string Text);
