using System.Net;
using DevTools.Engine;
using DevTools.Engine.Catalog.Apis;
using DevTools.Engine.Http;
using DevTools.Server.InvokeApi;

namespace DevTools.Server.ApiGateway;

/// <summary>
/// The template's HTTP front ends on loopback, like <c>sam local start-api</c>: every API route on one port (no stage in
/// the URL), and each function URL on a port of its own (so <c>rawPath</c> is the request's path, as on a real URL).
/// Served by the engine's own HTTP/1.1 connection, as the Invoke API is.
/// </summary>
public sealed class ApiGatewayServer : IAsyncDisposable
{
    private const int MaxHeaderBytes = 64 * 1024;
    private const int MaxRequestBytes = 10 * 1024 * 1024; // API Gateway's payload limit
    private const long DrainLimit = 64L * 1024 * 1024;
    private readonly LambdaEngine _engine;
    private readonly ApiGatewayHandler _handler;
    private readonly LoopbackListener _apiListener;
    private readonly List<(FunctionUrlDefinition Url, LoopbackListener Listener)> _urlListeners = [];

    private ApiGatewayServer(LambdaEngine engine, IPAddress address, int port, int? urlPort)
    {
        _engine = engine;
        _handler = new ApiGatewayHandler(engine);
        _apiListener = new LoopbackListener(address, port, MaxHeaderBytes, connection => ServeAsync(connection, null, _apiListener!.EndPoint.Port));
        Address = UriOf(_apiListener.EndPoint);
        try
        {
            var next = urlPort ?? (port == 0 ? 0 : _apiListener.EndPoint.Port + 1);
            foreach (var url in engine.Catalog.Apis.FunctionUrls)
            {
                LoopbackListener? listener = null;
                listener = new LoopbackListener(address, next, MaxHeaderBytes, connection => ServeAsync(connection, url, listener!.EndPoint.Port));
                _urlListeners.Add((url, listener));
                if (next != 0) next = listener.EndPoint.Port + 1;
            }
        }
        catch
        {
            _ = DisposeAsync().AsTask();
            throw;
        }
    }

    /// <summary>The base address of the API routes, e.g. <c>http://127.0.0.1:3000</c>.</summary>
    public Uri Address { get; }

    /// <summary>Every route with its URL, and every function URL with its own, as the start-up output lists them.</summary>
    public IReadOnlyList<ServedRoute> Served => RouteListing.For(_engine.Catalog.Apis, Address,
        functionId => _urlListeners.FirstOrDefault(u => u.Url.FunctionId == functionId) is { Listener: { } listener } ? UriOf(listener.EndPoint) : null);

    /// <summary>Starts listening. Only loopback addresses are accepted: nothing is exposed beyond this machine.</summary>
    /// <param name="urlPort">The first function URL's port (the next ones follow); null: the port after the API's.</param>
    /// <exception cref="ArgumentException">The host is not a loopback address.</exception>
    /// <exception cref="IOException">A port cannot be bound.</exception>
    public static ApiGatewayServer Start(LambdaEngine engine, string host = "127.0.0.1", int port = 3000, int? urlPort = null)
    {
        try { return new ApiGatewayServer(engine, LoopbackAddress.Resolve(host, "The API"), port, urlPort); }
        catch (System.Net.Sockets.SocketException e) { throw new IOException($"Cannot listen on {host}:{port}: {e.Message}", e); }
    }

    private async Task ServeAsync(HttpConnection connection, FunctionUrlDefinition? url, int port)
    {
        try
        {
            while (await connection.ReadHeadAsync().ConfigureAwait(false) is { } http)
            {
                await connection.ReadBodyAsync(http, MaxRequestBytes, drainLimit: DrainLimit).ConfigureAwait(false);
                var request = new IncomingRequest(http, connection.RemoteEndPoint, port);
                ApiAnswer answer;
                try
                {
                    answer = url is null
                        ? await _handler.HandleApiAsync(request, connection.WatchForClose()).ConfigureAwait(false)
                        : await _handler.HandleFunctionUrlAsync(url, request, connection.WatchForClose()).ConfigureAwait(false);
                }
                catch (OperationCanceledException) { return; } // the caller went away; the invoke runs to its end in the engine
                var close = !http.KeepAlive || connection.MustClose;
                await connection.SendAsync(Serialize(answer, close, head: request.Method == "HEAD")).ConfigureAwait(false);
                if (close) return;
            }
        }
        catch (InvalidHttpRequestException e)
        {
            await connection.TrySendAsync(Serialize(ApiAnswer.Message(e.StatusCode, "Bad Request"), close: true, head: false)).ConfigureAwait(false);
        }
    }

    private static ReadOnlyMemory<byte> Serialize(ApiAnswer answer, bool close, bool head)
    {
        var http = new HttpResponseBuilder(answer.StatusCode, 256 + answer.Body.Length).Header("Date", HttpDate.Now());
        string? contentType = null;
        foreach (var (name, value) in answer.Headers)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)) contentType = value;
            else if (!name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) && !name.Equals("Connection", StringComparison.OrdinalIgnoreCase)) http.Header(name, value);
        }
        if (close) http.Header("Connection", "close");
        if (answer.StatusCode is 204 or 304) return http.FinishWithoutBody();
        return head ? http.FinishHead(contentType, answer.Body.Length) : http.Finish(contentType, answer.Body.Span);
    }

    private static Uri UriOf(IPEndPoint bound) =>
        new($"http://{(bound.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{bound.Address}]" : bound.Address.ToString())}:{bound.Port}");

    public async ValueTask DisposeAsync()
    {
        await _apiListener.DisposeAsync().ConfigureAwait(false);
        foreach (var (_, listener) in _urlListeners) await listener.DisposeAsync().ConfigureAwait(false);
    }
}
