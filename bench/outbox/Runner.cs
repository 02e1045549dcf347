using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Delivery;
using ScorecardBot.Core.Model;
using ScorecardBot.Data;
using ScorecardBot.Data.Auditing;
using ScorecardBot.Data.Outbox;

namespace OutboxBench;

/// <summary>Seeds one organization's prompts (idempotently: a restart writes nothing twice) and drains the outbox.</summary>
internal static class Runner
{
    private static readonly Guid Organization = Guid.Parse("0b5e11c4-0000-4000-8000-000000000001");

    public static async Task<int> RunAsync(string[] args)
    {
        var channel = new Uri(Arguments.Get(args, "channel", "http://127.0.0.1:5299"));
        var count = int.Parse(Arguments.Get(args, "count", "2000"), CultureInfo.InvariantCulture);
        var rate = double.Parse(Arguments.Get(args, "rate", "100"), CultureInfo.InvariantCulture);
        var database = new DatabaseOptions
        {
            Provider = Arguments.Get(args, "provider", "sqlite") == "postgres" ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite,
            ConnectionString = Arguments.Get(args, "db", "Data Source=outbox-bench.db"),
            MigrateOnStart = false,
        };
        var contexts = new Contexts(database);

        Console.WriteLine($"runner started {SinceStart()} s after the process started");
        await using (var db = contexts.CreateDbContext())
        {
            _ = db.Model;
            Console.WriteLine($"model ready {SinceStart()} s after the process started");

            // As the host's DatabaseMigrator does: a database already up to date is only read.
            if ((await db.Database.GetPendingMigrationsAsync()).Any())
            {
                await db.Database.MigrateAsync();
            }

            Console.WriteLine($"database migrated {SinceStart()} s after the process started");
        }

        // As in the host, the dispatcher drains from its first second and the review rhythm writes
        // its wave meanwhile: after a restart the rhythm runs again, finds every key written, and
        // writes nothing, while the dispatcher already sends what the killed process left.
        var seeding = Task.Run(() => SeedAsync(contexts, count));

        // The product's lease (a killed runner's rows come free one lease after it stopped renewing
        // them). The platform here answers 429 without Retry-After, so retries start at 200 ms, as
        // a real platform's short Retry-After would make them.
        var options = new OutboxOptions
        {
            BatchSize = 100,
            MaxParallelSends = 32,
            FirstRetryDelay = TimeSpan.FromMilliseconds(200),
            MaxRetryDelay = TimeSpan.FromSeconds(2),
            Teams = new DeliveryRates { PerPlatform = rate, PerConversation = 7 },
        };
        using var http = new HttpClient { BaseAddress = channel, Timeout = TimeSpan.FromSeconds(10) };
        var dispatcher = new OutboxDispatcher(contexts, new HttpChannel(http), options, TimeProvider.System,
            NullLogger<OutboxDispatcher>.Instance, $"bench-{Environment.ProcessId}");

        var draining = Stopwatch.StartNew();
        var sent = 0;
        while (true)
        {
            var seeded = seeding.IsCompleted;
            sent += (await dispatcher.DispatchDueAsync(CancellationToken.None)).Sent;
            await using var db = contexts.CreateDbContext();
            var open = await db.Set<OutboxMessage>().CountAsync(m => m.OrganizationId == Organization
                && m.Status != OutboxStatus.Sent && m.Status != OutboxStatus.Dead);
            if (seeded && open == 0)
            {
                break;
            }

            await Task.Delay(50);
        }

        await seeding;
        await using (var db = contexts.CreateDbContext())
        {
            var rows = await db.Set<OutboxMessage>().Where(m => m.OrganizationId == Organization)
                .GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
            Console.WriteLine($"this run sent {sent} in {draining.Elapsed.TotalSeconds:F1} s; outbox: " +
                string.Join(", ", rows.Select(r => $"{r.Key} {r.Count}")));
        }

        return 0;
    }

    /// <summary>
    /// The review rhythm's wave of prompts, written as the rhythm job writes it (in batches); a
    /// restart writes the same keys again and the outbox keeps one row per key.
    /// </summary>
    private static async Task SeedAsync(Contexts contexts, int count)
    {
        var seeding = Stopwatch.StartNew();
        var writer = new OutboxWriter(TimeProvider.System);
        await using var db = contexts.CreateDbContext();
        if (!await db.Organizations.AnyAsync(o => o.Id == Organization))
        {
            db.Organizations.Add(new Organization { Id = Organization, Name = "Bench", CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }

        var entries = Enumerable.Range(0, count).Select(owner =>
        {
            var person = new Guid(owner, 0, 0, [0, 0, 0, 0, 0, 0, 0, 1]);
            var message = new OutgoingMessage(Organization, Platform.Teams, Destination.Direct(person), Message.Text($"Please report October ({owner})", "prompt"), $"prompt:bench:2026-10:{person}");
            return new OutboxEntry(message, "prompt", DateTimeOffset.UtcNow.AddSeconds(-1));
        }).ToList();

        // As ReviewRhythmJob: keys already written are left out before the transaction opens.
        var fresh = await OutboxWriter.WithoutWrittenAsync(db, entries, CancellationToken.None);
        var written = 0;
        if (fresh.Count > 0)
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            written = await writer.AddManyAsync(db, fresh, CancellationToken.None);
            await transaction.CommitAsync();
        }

        Console.WriteLine($"seeded {written} new rows of {count} in {seeding.Elapsed.TotalSeconds:F1} s ({SinceStart()} s after the process started)");
    }

    /// <summary>Seconds since this process started: where a restart spends its time before the first send.</summary>
    private static string SinceStart() =>
        (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalSeconds.ToString("F2", CultureInfo.InvariantCulture);

    private sealed class Contexts(DatabaseOptions database) : IDbContextFactory<ScorecardDbContext>
    {
        private readonly DbContextOptions<ScorecardDbContext> _options =
            new DbContextOptionsBuilder<ScorecardDbContext>().UseScorecardDatabase(database).Options;

        public ScorecardDbContext CreateDbContext() => new(_options, new AuditContext(null, "bench", EntrySource.Api), TimeProvider.System);
    }

    /// <summary>The channel client of the bench: the idempotency key travels with the post.</summary>
    private sealed class HttpChannel(HttpClient http) : IChannelSender
    {
        private int _first;

        public async Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
        {
            if (Interlocked.Exchange(ref _first, 1) == 0)
            {
                Console.WriteLine($"first send {SinceStart()} s after the process started");
            }

            using var response = await http.PostAsync(new Uri("send/" + Uri.EscapeDataString(message.IdempotencyKey), UriKind.Relative), null, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return new DeliveryResult.Sent(new MessageReference($"dm-{message.Destination.PersonId:N}", "m-" + message.IdempotencyKey));
            }

            return response.StatusCode == HttpStatusCode.TooManyRequests
                ? new DeliveryResult.Transient("429", response.Headers.RetryAfter?.Delta ?? TimeSpan.FromMilliseconds(100))
                : new DeliveryResult.Transient($"HTTP {(int)response.StatusCode}");
        }
    }
}
