using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using ScorecardBot.Teams.Activities;

namespace ScorecardBot.Teams;

internal static class TeamsJson
{
    /// <summary>
    /// The source-generated context with relaxed escaping: the JSON goes into HTTP bodies, never into
    /// HTML, and escaping "&lt;at&gt;" or arrows would only inflate cards toward Teams' size limit.
    /// </summary>
    public static readonly TeamsJsonContext Context = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNameCaseInsensitive = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    });
}
