using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ScorecardBot.Slack.Api;

/// <summary>The Web API for one workspace, authenticated with that workspace's bot token.</summary>
public interface ISlackApiClient
{
    string TeamId { get; }
    ISlackChat Chat { get; }
    ISlackConversations Conversations { get; }
    ISlackViews Views { get; }
    ISlackUsers Users { get; }
    ISlackFiles Files { get; }
}

/// <summary>Hands out a <see cref="ISlackApiClient"/> per workspace (OAuth installation, or the single configured token).</summary>
public interface ISlackApiClientFactory
{
    /// <summary>Null when the workspace has not installed the app and no single-workspace token serves it.</summary>
    Task<ISlackApiClient?> ForTeamAsync(string teamId, CancellationToken ct);
}

public interface ISlackChat
{
    Task<SlackPostedMessage> PostMessageAsync(string channel, string text, JsonArray? blocks = null, string? threadTs = null, CancellationToken ct = default);

    /// <summary>As above, with message metadata (event_type + event_payload) that Slack keeps with the message.</summary>
    Task<SlackPostedMessage> PostMessageAsync(string channel, string text, JsonArray? blocks, string? threadTs, JsonObject? metadata, CancellationToken ct);
    Task<SlackPostedMessage> UpdateAsync(string channel, string ts, string text, JsonArray? blocks = null, CancellationToken ct = default);
    Task<string> PostEphemeralAsync(string channel, string user, string text, JsonArray? blocks = null, string? threadTs = null, CancellationToken ct = default);
}

public interface ISlackConversations
{
    /// <summary>Opens (or finds) the direct-message channel with a user; returns its id (D…).</summary>
    Task<string> OpenAsync(string userId, CancellationToken ct = default);
}

public interface ISlackViews
{
    Task<SlackView> OpenAsync(string triggerId, JsonObject view, CancellationToken ct = default);
    Task<SlackView> UpdateAsync(string viewId, JsonObject view, string? hash = null, CancellationToken ct = default);
    Task<SlackView> PublishAsync(string userId, JsonObject view, CancellationToken ct = default);
}

public interface ISlackUsers
{
    Task<SlackUser> InfoAsync(string userId, CancellationToken ct = default);
    /// <summary>Null when no user has that address (Slack's <c>users_not_found</c>).</summary>
    Task<SlackUser?> LookupByEmailAsync(string email, CancellationToken ct = default);

    /// <summary>The user's custom status (users.info, profile.status_*): the scope users:read is enough.</summary>
    Task<SlackStatus> StatusAsync(string userId, CancellationToken ct = default);
}

public interface ISlackFiles
{
    /// <summary>The three-step external upload: get an upload URL, POST the bytes, complete and share to the channel.</summary>
    Task<string> UploadAsync(string channel, string fileName, ReadOnlyMemory<byte> content, string? title = null, string? threadTs = null, CancellationToken ct = default);

    /// <summary>
    /// A file shared with the bot: files.info for its private URL, then the bytes fetched with the bot
    /// token from Slack's file host (the same allow-list as uploads). Null when it is larger than
    /// <paramref name="maxBytes"/>.
    /// </summary>
    Task<SlackFile?> DownloadAsync(string fileId, int maxBytes, CancellationToken ct = default);
}

/// <summary>A file downloaded from Slack.</summary>
public sealed record SlackFile(string Id, string Name, byte[] Content);

public sealed record SlackPostedMessage(string Channel, string Ts);

public sealed record SlackView(string Id, string? Hash);

/// <summary>A custom status ("🌴 Vacationing"); <see cref="Expires"/> is null when it does not clear by itself.</summary>
public sealed record SlackStatus(string? Text, string? Emoji, DateTimeOffset? Expires);

public sealed record SlackUser(string Id, string? TeamId, string? Name, string? RealName, string? Email, bool IsBot, bool Deleted, string? Tz)
{
    /// <summary>The user's locale ("en-US"), which users.info reports when asked with include_locale.</summary>
    public string? Locale { get; init; }
}

/// <summary>Slack answered <c>ok: false</c>; <see cref="Error"/> is Slack's code (channel_not_found, not_authed, ratelimited…).</summary>
public sealed class SlackApiException(string method, string error, string? detail = null)
    : Exception($"Slack {method} failed: {error}{(detail is null ? "" : " (" + detail + ")")}")
{
    public string Method { get; } = method;
    public string Error { get; } = error;

    /// <summary>Slack's Retry-After, when it throttled the call (<c>ratelimited</c>) and said how long to wait.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>users.info named someone Slack will not show this bot (gone, or outside its view): not an error of ours.</summary>
    public bool IsUnknownUser => Error is "user_not_found" or "user_not_visible";
}

// Wire shapes of Slack's answers (snake_case by the serializer options).
internal sealed record OkResponse(bool Ok, string? Error, string? Needed, string? Provided, JsonObject? ResponseMetadata);

internal sealed record ChatResponse(string? Channel, string? Ts, string? MessageTs);

internal sealed record ConversationsOpenResponse(ChannelRef? Channel);

internal sealed record ChannelRef(string Id);

internal sealed record ViewResponse(ViewRef? View);

internal sealed record ViewRef(string Id, string? Hash);

internal sealed record UserResponse(UserWire? User);

internal sealed record UserWire(string Id, string? TeamId, string? Name, string? RealName, UserProfileWire? Profile, bool IsBot, bool Deleted, string? Tz, string? Locale = null);

internal sealed record UserProfileWire(string? Email, string? RealName, string? DisplayName, string? StatusText = null, string? StatusEmoji = null, long? StatusExpiration = null);

internal sealed record UploadUrlResponse(string UploadUrl, string FileId);

internal sealed record FileInfoResponse(FileWire? File);

internal sealed record FileWire(string Id, string? Name, long? Size, string? UrlPrivate, string? UrlPrivateDownload);

internal sealed record OAuthAccessResponse(
    string? AccessToken,
    string? TokenType,
    string? Scope,
    string? BotUserId,
    string? AppId,
    OAuthTeam? Team,
    OAuthTeam? Enterprise);

internal sealed record OAuthTeam(string Id, string? Name);

[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(OkResponse))]
[JsonSerializable(typeof(ChatResponse))]
[JsonSerializable(typeof(ConversationsOpenResponse))]
[JsonSerializable(typeof(ViewResponse))]
[JsonSerializable(typeof(UserResponse))]
[JsonSerializable(typeof(UploadUrlResponse))]
[JsonSerializable(typeof(FileInfoResponse))]
[JsonSerializable(typeof(OAuthAccessResponse))]
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class SlackJson : JsonSerializerContext;
