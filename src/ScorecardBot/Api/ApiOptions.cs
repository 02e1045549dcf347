using System.ComponentModel.DataAnnotations;

namespace ScorecardBot.Api;

/// <summary>Settings of the REST API under /api/v1 (section <c>Api</c>).</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Api";

    /// <summary>Maps /api/v1 and /openapi/v1.json; off: neither exists.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Serves the OpenAPI document at /openapi/v1.json to anyone. Unset: everywhere but in
    /// Production, where the API's shape is not handed to whoever reaches the host unless set true.
    /// </summary>
    public bool? PublishDocument { get; set; }

    /// <summary>Calls one API key may make per minute; more get 429 with Retry-After.</summary>
    [Range(1, 100_000)]
    public int RequestsPerMinute { get; set; } = 120;

    /// <summary>
    /// Refused API keys one client address may send per minute; then every /api/v1 call from it gets
    /// 429 with Retry-After until the minute is over, before its key is looked up.
    /// </summary>
    [Range(1, 100_000)]
    public int FailedLoginsPerMinute { get; set; } = 20;

    /// <summary>Largest request body in bytes (larger: 413). 10,000 actuals take about 1.5 MB.</summary>
    [Range(1_024, 64 * 1024 * 1024)]
    public long MaxRequestBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Most actuals in one POST /api/v1/actuals.</summary>
    [Range(1, 100_000)]
    public int MaxBatchRows { get; set; } = 10_000;

    /// <summary>Most periods one series or export may span.</summary>
    [Range(1, 1_200)]
    public int MaxPeriods { get; set; } = 240;
}
