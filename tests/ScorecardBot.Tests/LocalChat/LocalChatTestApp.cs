using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ScorecardBot.LocalChat;
using ScorecardBot.Tests.LocalChat.Fakes;

namespace ScorecardBot.Tests.LocalChat;

/// <summary>
/// A minimal host that maps only the local chat, bound to the sample fakes. In process by
/// default; <see cref="ListenOn"/> puts it on a real loopback port (for a browser).
/// </summary>
internal sealed class LocalChatTestApp : IAsyncDisposable
{
    /// <summary>Tests set this request header to pretend the request came from another machine.</summary>
    public const string RemoteAddressHeader = "X-Test-Remote-Address";

    private readonly WebApplication _app;

    private LocalChatTestApp(WebApplication app, bool mapped)
    {
        _app = app;
        Mapped = mapped;
    }

    public bool Mapped { get; }

    public SampleConversation Conversation => _app.Services.GetRequiredService<SampleConversation>();

    public SampleClock Clock => _app.Services.GetRequiredService<SampleClock>();

    public LocalChannelFeed Feed => _app.Services.GetRequiredService<LocalChannelFeed>();

    public string? ListenOn { get; init; }

    public HttpClient CreateClient() => _app.GetTestClient();

    public static async Task<LocalChatTestApp> StartAsync(
        string environment = "Development",
        IDictionary<string, string?>? settings = null,
        bool withClock = true,
        bool chatPlatformsConfigured = false,
        string? listenOn = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        if (listenOn is null)
        {
            builder.WebHost.UseTestServer();
        }
        else
        {
            builder.WebHost.UseUrls(listenOn);
        }

        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Logging.ClearProviders();
        builder.Services.AddLocalChat(builder.Configuration);
        builder.Services.AddSingleton<SampleConversation>();
        builder.Services.AddSingleton<ILocalTurnHandler>(sp => sp.GetRequiredService<SampleConversation>());
        builder.Services.AddSingleton<ILocalDirectory, SampleDirectory>();
        builder.Services.AddSingleton<SampleClock>();
        if (withClock)
        {
            builder.Services.AddSingleton<ILocalClockControl>(sp => sp.GetRequiredService<SampleClock>());
        }

        var app = builder.Build();
        if (listenOn is null)
        {
            // The test server knows no peer address: every request is local unless the test says otherwise.
            app.Use((context, next) =>
            {
                context.Connection.RemoteIpAddress =
                    context.Request.Headers.TryGetValue(RemoteAddressHeader, out var remote) ? IPAddress.Parse(remote!) : IPAddress.Loopback;
                return next(context);
            });
        }

        var mapped = app.MapLocalChat(chatPlatformsConfigured);
        await app.StartAsync();
        return new LocalChatTestApp(app, mapped) { ListenOn = listenOn };
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
