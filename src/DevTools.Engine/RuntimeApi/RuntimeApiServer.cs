using System.Net;
using System.Net.Sockets;
using DevTools.Engine.Http;

namespace DevTools.Engine.RuntimeApi;

/// <summary>
/// One environment's Runtime API endpoint: a loopback listener (the value of AWS_LAMBDA_RUNTIME_API), serving the
/// environment's <see cref="RuntimeSession"/>: at 127.0.0.1:9001 in the environment's own network, as on Lambda, or on a
/// port of its own of the machine's loopback.
/// </summary>
public sealed class RuntimeApiServer : IAsyncDisposable
{
    private const int MaxHeaderBytes = 64 * 1024;
    private readonly RuntimeApiRouter _router;
    private readonly LoopbackListener _listener;

    /// <param name="port">0 for any free port.</param>
    /// <param name="createSocket">Makes the listening socket in the environment's network (see <see cref="LoopbackListener"/>).</param>
    public RuntimeApiServer(RuntimeSession session, Extensions.ExtensionRegistry extensions, Extensions.TelemetryDelivery telemetry, Extensions.RegistrationInfo registration,
        int port = 0, Func<Socket>? createSocket = null)
    {
        _router = new RuntimeApiRouter(session, extensions, telemetry, registration);
        _listener = new LoopbackListener(IPAddress.Loopback, port, MaxHeaderBytes, ServeAsync, backlog: 16, createSocket);
    }

    public int Port => _listener.EndPoint.Port;

    /// <summary><c>host:port</c>, as AWS_LAMBDA_RUNTIME_API carries it.</summary>
    public string Address => $"127.0.0.1:{Port}";

    /// <summary>Drops every connection (used when the runtime process is replaced).</summary>
    public void DropConnections() => _listener.DropConnections();

    /// <summary>Runtime clients send one request at a time: read, dispatch and answer them in order.</summary>
    private async Task ServeAsync(HttpConnection connection)
    {
        try
        {
            while (await connection.ReadHeadAsync().ConfigureAwait(false) is { } request)
            {
                // A response over the limit still answers the invoke (with an error): read it to the end and keep the connection.
                await connection.ReadBodyAsync(request, LambdaLimits.MaxResponseBytes).ConfigureAwait(false);
                var keepOpen = await _router.DispatchAsync(request, connection).ConfigureAwait(false);
                if (!keepOpen || !request.KeepAlive) break;
            }
        }
        catch (InvalidHttpRequestException e)
        {
            await connection.TrySendAsync(HttpResponses.Error(e.StatusCode, "InvalidRequestFormat", "Malformed HTTP request")).ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync() => _listener.DisposeAsync();
}
