using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ScorecardBot.BrowserTests;

/// <summary>
/// The real bot on Kestrel at a free loopback port: the embedded default (SQLite in a temp file,
/// seeded with the logistics sample), Development, with the simulated clock. A browser cannot reach
/// the in-memory TestServer, and the local chat page is served to loopback only.
/// </summary>
public sealed class LocalChatHost : IAsyncLifetime
{
    private readonly string databaseFile = Path.Combine(Path.GetTempPath(), $"scorecardbot-browser-{Guid.NewGuid():N}.db");
    private WebApplicationFactory<Program>? factory;

    /// <summary>Where the page is, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Address { get; private set; } = null!;

    public Task InitializeAsync()
    {
        // Chart links are absolute (PublicBaseUrl) and the page's CSP allows images from itself
        // only, so the port is chosen before the host starts and given to both.
        var port = FreeLoopbackPort();
        Address = new Uri($"http://127.0.0.1:{port}/");
        factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Development");
            web.UseSetting("ConnectionStrings:Scorecard", $"Data Source={databaseFile}");
            web.UseSetting("Database:Provider", "Sqlite");
            web.UseSetting("Database:SeedSample", "logistics");
            web.UseSetting("LocalChat:ClockControl", "true");
            web.UseSetting("PublicBaseUrl", Address.ToString().TrimEnd('/'));
        });
        factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        factory.StartServer();
        return Task.CompletedTask;
    }

    private static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public async Task DisposeAsync()
    {
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { databaseFile, databaseFile + "-wal", databaseFile + "-shm" })
        {
            File.Delete(file);
        }
    }
}
