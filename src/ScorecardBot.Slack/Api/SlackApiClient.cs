using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace ScorecardBot.Slack.Api;

/// <summary>One workspace's Web API: every method family over the shared pipeline with this workspace's token.</summary>
/// <param name="uploadAllowed">Whether an upload URL Slack returned may be called (<see cref="SlackUrls"/>).</param>
internal sealed class SlackApiClient(SlackApiPipeline pipeline, HttpClient uploads, string teamId, string token, Func<Uri, bool> uploadAllowed)
    : ISlackApiClient, ISlackChat, ISlackConversations, ISlackViews, ISlackUsers, ISlackFiles
{
    public string TeamId => teamId;
    public ISlackChat Chat => this;
    public ISlackConversations Conversations => this;
    public ISlackViews Views => this;
    public ISlackUsers Users => this;
    public ISlackFiles Files => this;

    /// <summary>views.open must happen inside the trigger's 3 s, so it never queues for long.</summary>
    private static readonly TimeSpan TriggerQueueWait = TimeSpan.FromSeconds(1);

    private Task<T> Json<T>(string method, SlackTier tier, string? channel, JsonObject body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, CancellationToken ct, TimeSpan? maxQueueWait = null) =>
        pipeline.CallAsync(method, token, teamId, tier, channel, () => JsonBody(body), type, ct, maxQueueWait);

    private Task<T> Form<T>(string method, SlackTier tier, IEnumerable<KeyValuePair<string, string>> fields, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, CancellationToken ct)
    {
        var list = fields.ToList();
        return pipeline.CallAsync(method, token, teamId, tier, null, () => new FormUrlEncodedContent(list), type, ct);
    }

    internal static HttpContent JsonBody(JsonObject body)
    {
        var content = new StringContent(body.ToJsonString(), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    public async Task<SlackPostedMessage> PostMessageAsync(string channel, string text, JsonArray? blocks, string? threadTs, CancellationToken ct) =>
        await PostMessageAsync(channel, text, blocks, threadTs, null, ct);

    public async Task<SlackPostedMessage> PostMessageAsync(string channel, string text, JsonArray? blocks, string? threadTs, JsonObject? metadata, CancellationToken ct)
    {
        var body = new JsonObject { ["channel"] = channel, ["text"] = text };
        if (metadata is not null)
        {
            body["metadata"] = metadata.DeepClone();
        }

        if (blocks is not null)
        {
            body["blocks"] = blocks.DeepClone();
        }

        if (threadTs is not null)
        {
            body["thread_ts"] = threadTs;
        }

        var r = await Json("chat.postMessage", SlackTier.PostMessage, channel, body, SlackJson.Default.ChatResponse, ct);
        return new SlackPostedMessage(r.Channel ?? channel, r.Ts ?? "");
    }

    public async Task<SlackPostedMessage> UpdateAsync(string channel, string ts, string text, JsonArray? blocks, CancellationToken ct)
    {
        var body = new JsonObject { ["channel"] = channel, ["ts"] = ts, ["text"] = text, ["blocks"] = blocks?.DeepClone() ?? new JsonArray() };
        var r = await Json("chat.update", SlackTier.Tier3, null, body, SlackJson.Default.ChatResponse, ct);
        return new SlackPostedMessage(r.Channel ?? channel, r.Ts ?? ts);
    }

    public async Task<string> PostEphemeralAsync(string channel, string user, string text, JsonArray? blocks, string? threadTs, CancellationToken ct)
    {
        var body = new JsonObject { ["channel"] = channel, ["user"] = user, ["text"] = text };
        if (blocks is not null)
        {
            body["blocks"] = blocks.DeepClone();
        }

        if (threadTs is not null)
        {
            body["thread_ts"] = threadTs;
        }

        var r = await Json("chat.postEphemeral", SlackTier.Tier4, null, body, SlackJson.Default.ChatResponse, ct);
        return r.MessageTs ?? "";
    }

    async Task<string> ISlackConversations.OpenAsync(string userId, CancellationToken ct)
    {
        var r = await Json("conversations.open", SlackTier.Tier3, null, new JsonObject { ["users"] = userId }, SlackJson.Default.ConversationsOpenResponse, ct);
        return r.Channel?.Id ?? throw new SlackApiException("conversations.open", "invalid_response", "no channel id");
    }

    async Task<SlackView> ISlackViews.OpenAsync(string triggerId, JsonObject view, CancellationToken ct) =>
        ToView("views.open", await Json("views.open", SlackTier.Tier4, null, new JsonObject { ["trigger_id"] = triggerId, ["view"] = view.DeepClone() }, SlackJson.Default.ViewResponse, ct, TriggerQueueWait));

    async Task<SlackView> ISlackViews.UpdateAsync(string viewId, JsonObject view, string? hash, CancellationToken ct)
    {
        var body = new JsonObject { ["view_id"] = viewId, ["view"] = view.DeepClone() };
        if (hash is not null)
        {
            body["hash"] = hash;
        }

        return ToView("views.update", await Json("views.update", SlackTier.Tier4, null, body, SlackJson.Default.ViewResponse, ct));
    }

    public async Task<SlackView> PublishAsync(string userId, JsonObject view, CancellationToken ct) =>
        ToView("views.publish", await Json("views.publish", SlackTier.Tier4, null, new JsonObject { ["user_id"] = userId, ["view"] = view.DeepClone() }, SlackJson.Default.ViewResponse, ct));

    private static SlackView ToView(string method, ViewResponse r) =>
        r.View is { } v ? new SlackView(v.Id, v.Hash) : throw new SlackApiException(method, "invalid_response", "no view");

    public async Task<SlackUser> InfoAsync(string userId, CancellationToken ct)
    {
        // users.* read methods take form fields, not JSON bodies.
        var r = await Form("users.info", SlackTier.Tier4, [new("user", userId), new("include_locale", "true")], SlackJson.Default.UserResponse, ct);
        return ToUser(r.User) ?? throw new SlackApiException("users.info", "invalid_response", "no user");
    }

    public async Task<SlackUser?> LookupByEmailAsync(string email, CancellationToken ct)
    {
        try
        {
            var r = await Form("users.lookupByEmail", SlackTier.Tier3, [new("email", email)], SlackJson.Default.UserResponse, ct);
            return ToUser(r.User);
        }
        catch (SlackApiException e) when (e.Error == "users_not_found")
        {
            return null;
        }
    }

    public async Task<SlackStatus> StatusAsync(string userId, CancellationToken ct)
    {
        var r = await Form("users.info", SlackTier.Tier4, [new("user", userId)], SlackJson.Default.UserResponse, ct);
        var profile = r.User?.Profile ?? throw new SlackApiException("users.info", "invalid_response", "no profile");
        var expires = profile.StatusExpiration is { } seconds && seconds > 0 ? DateTimeOffset.FromUnixTimeSeconds(seconds) : (DateTimeOffset?)null;
        return new SlackStatus(profile.StatusText, profile.StatusEmoji, expires);
    }

    private static SlackUser? ToUser(UserWire? u) =>
        u is null ? null : new SlackUser(u.Id, u.TeamId, u.Name, u.RealName ?? u.Profile?.RealName, u.Profile?.Email, u.IsBot, u.Deleted, u.Tz) { Locale = u.Locale };

    public async Task<string> UploadAsync(string channel, string fileName, ReadOnlyMemory<byte> content, string? title, string? threadTs, CancellationToken ct)
    {
        var url = await Form("files.getUploadURLExternal", SlackTier.Tier4,
            [new("filename", fileName), new("length", content.Length.ToString(System.Globalization.CultureInfo.InvariantCulture))],
            SlackJson.Default.UploadUrlResponse, ct);
        if (!Uri.TryCreate(url.UploadUrl, UriKind.Absolute, out var uploadUri) || !uploadAllowed(uploadUri))
        {
            // Never send the bytes to a URL we did not expect, whoever answered in Slack's name.
            throw new SlackApiException("files.getUploadURLExternal", "upload_url_not_allowed", "the upload URL is not on Slack:AllowedUploadUrlHosts");
        }

        using (var bytes = new ByteArrayContent(content.ToArray()))
        {
            bytes.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            using var posted = await uploads.PostAsync(uploadUri, bytes, ct);
            if (!posted.IsSuccessStatusCode)
            {
                throw new SlackApiException("files.upload", "upload_failed", $"HTTP {(int)posted.StatusCode}");
            }
        }

        var files = new JsonArray(new JsonObject { ["id"] = url.FileId, ["title"] = title ?? fileName });
        var fields = new List<KeyValuePair<string, string>> { new("files", files.ToJsonString()), new("channel_id", channel) };
        if (threadTs is not null)
        {
            fields.Add(new("thread_ts", threadTs));
        }

        await Form("files.completeUploadExternal", SlackTier.Tier4, fields, SlackJson.Default.OkResponse, ct);
        return url.FileId;
    }

    public async Task<SlackFile?> DownloadAsync(string fileId, int maxBytes, CancellationToken ct)
    {
        var info = await Form("files.info", SlackTier.Tier4, [new("file", fileId)], SlackJson.Default.FileInfoResponse, ct);
        var file = info.File ?? throw new SlackApiException("files.info", "invalid_response", "no file");
        if (file.Size > maxBytes)
        {
            return null;
        }

        var url = file.UrlPrivateDownload ?? file.UrlPrivate;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !uploadAllowed(uri))
        {
            // The bot token goes only to Slack's own file host.
            throw new SlackApiException("files.info", "file_url_not_allowed", "the file URL is not on Slack:AllowedUploadUrlHosts");
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await uploads.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new SlackApiException("files.download", "download_failed", $"HTTP {(int)response.StatusCode}");
        }

        await using var body = await response.Content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return new SlackFile(file.Id, Path.GetFileName(file.Name ?? file.Id), buffer.ToArray());
    }
}
