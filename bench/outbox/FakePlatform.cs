using System.Collections.Concurrent;
using System.Globalization;

namespace OutboxBench;

/// <summary>
/// A chat platform on loopback that accepts <c>rate</c> messages per second (a token bucket with a
/// burst of a tenth of a second) and answers 429 with Retry-After beyond it. It shows each
/// idempotency key once and counts raw posts, so lost and duplicated messages can be told apart.
/// </summary>
internal static class FakePlatform
{
    public static async Task<int> RunAsync(string[] args)
    {
        var port = int.Parse(Arguments.Get(args, "port", "5299"), CultureInfo.InvariantCulture);
        var rate = double.Parse(Arguments.Get(args, "rate", "100"), CultureInfo.InvariantCulture);
        var shown = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var gate = new Lock();
        var burst = Math.Max(1, rate / 10);
        var tokens = burst;
        var refilled = DateTime.UtcNow;
        long raw = 0, throttled = 0, repeats = 0;
        DateTime? first = null, last = null;

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();

        app.MapPost("/send/{key}", (string key) =>
        {
            Interlocked.Increment(ref raw);
            lock (gate)
            {
                var now = DateTime.UtcNow;
                tokens = Math.Min(burst, tokens + ((now - refilled).TotalSeconds * rate));
                refilled = now;
                if (tokens < 1)
                {
                    throttled++;
                    return Results.StatusCode(429);
                }

                tokens--;
                if (shown.TryAdd(key, 1))
                {
                    first ??= now;
                    last = now;
                }
                else
                {
                    repeats++;
                }
            }

            return Results.Ok(new { ts = "m-" + key });
        });

        app.MapGet("/stats", () =>
        {
            lock (gate)
            {
                return Results.Ok(new
                {
                    raw = Interlocked.Read(ref raw),
                    shown = shown.Count,
                    repeatsDeduped = repeats,
                    throttled,
                    firstShownAt = first,
                    lastShownAt = last,
                    seconds = first is { } f && last is { } l ? (l - f).TotalSeconds : 0,
                });
            }
        });

        await app.RunAsync();
        return 0;
    }
}
