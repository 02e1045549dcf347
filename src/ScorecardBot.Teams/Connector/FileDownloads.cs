using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Teams.Activities;

namespace ScorecardBot.Teams.Connector;

/// <summary>
/// Downloads a file a user sent the bot in a 1:1 chat (<c>content.downloadUrl</c> of a
/// <c>file.download.info</c> attachment), and uploads a file the person accepted on a file consent
/// card (<c>uploadInfo.uploadUrl</c> of a <c>fileConsent/invoke</c>). Those URLs arrive inside the
/// request, so like a service URL they are never trusted as such: only SharePoint/OneDrive hosts and
/// Teams:AllowedFileUrls pass, redirects are not followed, and a download is read up to a limit.
/// The URLs are never logged (they carry a token).
/// </summary>
internal sealed partial class FileDownloads(IHttpClientFactory clients, IOptions<TeamsOptions> options, ILogger<FileDownloads> logger)
{
    public const string HttpClientName = "ScorecardBot.Teams.Files";

    /// <summary>The largest file taken; a scorecard file is far smaller.</summary>
    public const int MaxBytes = 1024 * 1024;

    private static readonly string[] BuiltIn = ["https://*.sharepoint.com", "https://*.sharepoint.us", "https://*.sharepoint-df.com"];

    private readonly List<ServiceUrlPolicy.UrlPattern> _patterns = [.. BuiltIn.Concat(options.Value.AllowedFileUrls)
        .Select(p => ServiceUrlPolicy.TryParsePattern(p, out var parsed) ? parsed : (ServiceUrlPolicy.UrlPattern?)null)
        .Where(p => p is not null).Select(p => p!.Value)];

    /// <summary>The file attachment of a message, if it has one.</summary>
    public static InboundFile? FileOf(Activity activity) => InboundFile.Of(activity.Attachments);

    /// <summary>The file, or the reason it could not be fetched (said to the user as it is).</summary>
    public async Task<(TurnFile? File, string? Problem)> DownloadAsync(InboundFile attachment, CancellationToken cancellationToken)
    {
        var name = attachment.Name is { Length: > 0 } n ? Path.GetFileName(n) : "the file";
        if (!IsAllowed(attachment.DownloadUrl, out var url))
        {
            LogRefused(logger, url?.Host ?? "(not a URL)");
            return (null, $"I can't fetch {name} from where Teams says it is stored, so I changed nothing.");
        }

        try
        {
            using var response = await clients.CreateClient(HttpClientName).GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                LogFailed(logger, (int)response.StatusCode);
                return (null, $"Teams did not give me {name} (status {(int)response.StatusCode}); send it again in a minute. I changed nothing.");
            }

            if (response.Content.Headers.ContentLength > MaxBytes)
            {
                return (null, $"{name} is larger than {MaxBytes / 1024} KB, too large for a scorecard file. I changed nothing.");
            }

            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > MaxBytes)
                {
                    return (null, $"{name} is larger than {MaxBytes / 1024} KB, too large for a scorecard file. I changed nothing.");
                }

                buffer.Write(chunk, 0, read);
            }

            return (new TurnFile(name, buffer.ToArray()), null);
        }
        catch (HttpRequestException e)
        {
            LogFailed(logger, (int?)e.StatusCode ?? 0);
            return (null, $"I could not fetch {name} from Teams just now; send it again in a minute. I changed nothing.");
        }
    }

    /// <summary>
    /// Puts <paramref name="content"/> into the OneDrive upload session Teams named, in one request
    /// (its Content-Range covers the whole file, as the OneDrive upload session takes a file under
    /// 60 MiB). Null when it was stored, else the reason (said to the user as it is).
    /// </summary>
    public async Task<string?> UploadAsync(string? uploadUrl, string name, byte[] content, CancellationToken cancellationToken)
    {
        if (!IsAllowed(uploadUrl, out var url))
        {
            LogUploadRefused(logger, url?.Host ?? "(not a URL)");
            return $"Teams asked me to put {name} somewhere I don't send files to, so I did not send it.";
        }

        try
        {
            using var body = new ByteArrayContent(content);
            body.Headers.ContentLength = content.Length;
            body.Headers.ContentRange = new System.Net.Http.Headers.ContentRangeHeaderValue(0, Math.Max(0, content.Length - 1), content.Length);
            using var response = await clients.CreateClient(HttpClientName).PutAsync(url, body, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                LogUploadFailed(logger, (int)response.StatusCode);
                return $"OneDrive did not take {name} (status {(int)response.StatusCode}); write export again in a minute.";
            }

            return null;
        }
        catch (HttpRequestException e)
        {
            LogUploadFailed(logger, (int?)e.StatusCode ?? 0);
            return $"I could not reach OneDrive to send {name}; write export again in a minute.";
        }
    }

    private bool IsAllowed(string? address, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Uri? url)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out url) || url.UserInfo.Length > 0)
        {
            return false;
        }

        var candidate = url;
        return _patterns.Exists(p => p.Matches(candidate));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused to upload a Teams file to {Host}: not an allowed file host")]
    private static partial void LogUploadRefused(ILogger logger, string host);

    [LoggerMessage(Level = LogLevel.Information, Message = "Uploading a Teams file failed with status {Status}")]
    private static partial void LogUploadFailed(ILogger logger, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused to download a Teams file from {Host}: not an allowed file host")]
    private static partial void LogRefused(ILogger logger, string host);

    [LoggerMessage(Level = LogLevel.Information, Message = "Downloading a Teams file failed with status {Status}")]
    private static partial void LogFailed(ILogger logger, int status);
}
