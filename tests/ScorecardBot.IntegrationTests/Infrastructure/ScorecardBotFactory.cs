using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using ScorecardBot.IntegrationTests.Fakes;

namespace ScorecardBot.IntegrationTests.Infrastructure;

/// <summary>
/// The whole bot (its own Program) on Kestrel at 127.0.0.1, port 0, with the given settings and
/// every HttpClient it makes watched by <see cref="OutboundGuard"/>.
/// </summary>
internal sealed class ScorecardBotFactory(
    IReadOnlyDictionary<string, string?> settings, OutboundLog outbound, Uri botFramework, Action<IServiceCollection>? configure = null, LogCapture? logs = null) : WebApplicationFactory<Program>
{
    public const string MsalClient = "ScorecardBot.Teams.Msal";
    public const string LoginHost = "login.fake.test";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(l =>
        {
            l.ClearProviders();
            if (logs is not null)
            {
                l.AddProvider(logs);
            }
        });
        builder.ConfigureTestServices(services =>
        {
            var allowed = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "127.0.0.1", LoginHost };
            services.ConfigureHttpClientDefaults(b => b.AddHttpMessageHandler(() => new OutboundGuard(outbound, allowed)));
            services.AddHttpClient(MsalClient).ConfigurePrimaryHttpMessageHandler(() => new LoopbackRedirectHandler(botFramework));

            // The fake webhook receiver listens on loopback over http, which the product never allows.
            services.AddSingleton<ScorecardBot.Api.Webhooks.LoopbackWebhooksForTests>();

            configure?.Invoke(services);
        });
    }

    /// <summary>Starts the server and returns a client for it, addressed by 127.0.0.1 (a loopback the local chat accepts).</summary>
    public HttpClient Start()
    {
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        var address = Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First();
        return new HttpClient { BaseAddress = new Uri(address.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>
    /// Starts the host on ASP.NET Core's in-memory test server (no socket): requests run in this
    /// process, as fast as the host answers them. The fakes it calls stay on loopback.
    /// </summary>
    public HttpClient StartInMemory()
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://localhost/"), AllowAutoRedirect = false });
        client.Timeout = TimeSpan.FromSeconds(30);
        return client;
    }
}
