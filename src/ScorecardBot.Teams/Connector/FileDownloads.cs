using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Teams.Activities;

namespace ScorecardBot.Teams.Connector;

/// <summary>
/// Downloads a file a user sent the bot in a 1:1 chat (<c>content.downloadUrl</c> of a
/// <c>file.download.info</c> attachment). The URL arrives inside the request, so like a service URL it
/// is never trusted as such: only SharePoint/OneDrive hosts and Teams:AllowedFileUrls pass, redirects
/// are not followed, and the body is read up to a limit. The URL is never logged (it carries a token).
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
        if (!Uri.TryCreate(attachment.DownloadUrl, UriKind.Absolute, out var url) || url.UserInfo.Length > 0 || !_patterns.Exists(p => p.Matches(url)))
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused to download a Teams file from {Host}: not an allowed file host")]
    private static partial void LogRefused(ILogger logger, string host);

    [LoggerMessage(Level = LogLevel.Information, Message = "Downloading a Teams file failed with status {Status}")]
    private static partial void LogFailed(ILogger logger, int status);
}
