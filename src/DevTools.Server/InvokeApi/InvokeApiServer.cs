using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using DevTools.Engine;

namespace DevTools.Server.InvokeApi;

/// <summary>
/// Lambda's Invoke HTTP API (<c>/2015-03-31/functions/...</c>) on loopback, so AWS SDKs and the
/// AWS CLI can invoke local functions with <c>--endpoint-url</c>, like <c>sam local start-lambda</c>.
/// </summary>
public sealed class InvokeApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InvokeApiServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>The base address, e.g. <c>http://127.0.0.1:3001</c>.</summary>
    public Uri Address { get; }

    /// <summary>Starts listening. Only loopback addresses are accepted: nothing is exposed beyond this machine.</summary>
    public static async Task<InvokeApiServer> StartAsync(LambdaEngine engine, string host = "127.0.0.1", int port = 3001, CancellationToken cancellationToken = default)
    {
        var address = ResolveLoopback(host);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(address, port);
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = LambdaLimits.MaxSyncRequestBytes + 1024;
            kestrel.Limits.MaxRequestHeadersTotalSize = 1024 * 1024;
        });
        var app = builder.Build();
        var handler = new InvokeApiHandler(engine);
        app.Run(handler.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new InvokeApiServer(app, new Uri(bound));
    }

    private static IPAddress ResolveLoopback(string host)
    {
        if (host is "localhost") return IPAddress.Loopback;
        if (!IPAddress.TryParse(host, out var address) || !IPAddress.IsLoopback(address))
            throw new ArgumentException($"Refusing to listen on '{host}': the Invoke API only listens on loopback addresses (127.0.0.1, ::1, localhost).", nameof(host));
        return address;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
